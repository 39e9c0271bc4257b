package ast

// StringField is a field whose value is a string.
type StringField struct {
	Value string
	// Null is set when the field is present with the value null, which only
	// InputPath, OutputPath and ResultPath allow (it means {} or "discard").
	Null    bool
	Pos     Pos
	Pointer string
}

// BoolField is a field whose value is a boolean.
type BoolField struct {
	Value   bool
	Pos     Pos
	Pointer string
}

// NumberField is a field whose value is a number literal.
type NumberField struct {
	// Text is the number as written (JSON number syntax).
	Text    string
	Pos     Pos
	Pointer string
}

// Int returns the value when it is an integer within the int64 range.
func (f *NumberField) Int() (int64, bool) { return f.node().Int() }

// Float returns the value as a float64.
func (f *NumberField) Float() (float64, bool) { return f.node().Float() }

func (f *NumberField) node() *JSON {
	if f == nil {
		return nil
	}
	return &JSON{Kind: Number, Text: f.Text}
}
