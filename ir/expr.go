package ir

import aslrt "github.com/aslc/aslc/runtime"

// PathKind says which JSONPath dialect a path was parsed in.
type PathKind uint8

// The path dialects.
const (
	// AnyPath is a JSONPath as InputPath, OutputPath and ".$" template
	// values accept it (wildcards, filters, slices allowed).
	AnyPath PathKind = iota
	// ReferencePath selects a single node (ResultPath, Choice Variable,
	// ItemsPath, the ...Path fields).
	ReferencePath
)

// Path is a parsed JSONPath. The same text in the same dialect is one Path
// for the whole program.
type Path struct {
	// Text is the path as written.
	Text string
	Kind PathKind
	// GoName names the package-level variable holding the parsed path.
	GoName string
	// Parsed is the path as the runtime parsed it.
	Parsed *aslrt.Path
}

// PathField is a path-valued field of a state: InputPath, OutputPath or
// ResultPath. A nil *PathField is an absent field, whose default ("$")
// the field's consumer applies; Null is a field set to JSON null.
type PathField struct {
	Null bool
	// Path is set when Null is not.
	Path *Path
	Pos  Pos
}

// Intrinsic is a parsed intrinsic function call (States.Format(...)).
type Intrinsic struct {
	Text   string
	GoName string
}

// Template is a parsed JSONPath payload template (Parameters,
// ResultSelector, ItemSelector, Assign, BatchInput, Credentials).
type Template struct {
	// JSON is the template as compact JSON text.
	JSON string
	// Value is the template as a runtime value.
	Value  aslrt.Value
	GoName string
	// Literal is set when the template has no ".$" member.
	Literal bool
	// Calls are the intrinsic function calls of the template's ".$"
	// members, nested calls included, by their text: the package-level
	// variables direct code applies (aslrt.Intrinsic.Apply).
	Calls map[string]*Intrinsic
	// Shape names the function that builds the templates of this one's
	// shape when several share it and this one comes first (the direct
	// form, compiler/emit).
	Shape string
}

// Literal is a constant JSON value: a Pass state's Result.
type Literal struct {
	// JSON is the value as compact JSON text.
	JSON   string
	Value  aslrt.Value
	GoName string
}

// Payload is a field that builds a value: in a JSONPath state a payload
// template, in a JSONata state a JSON value whose "{% %}" strings are
// expressions. Exactly one side is set.
type Payload struct {
	Template *Template
	// JSONata is the JSON value holding expressions, for a JSONata state.
	JSONata *JSONataValue
	Pos     Pos
}

// Count is a non-negative integer field that may be a literal, read from
// the input by a path, or computed by a JSONata expression (TimeoutSeconds,
// HeartbeatSeconds, Seconds, MaxConcurrency, ToleratedFailureCount,
// MaxItemsPerBatch, ...). Exactly one of Value (with Path and Expr nil),
// Path and Expr is meaningful.
type Count struct {
	Value int64
	Path  *Path
	Expr  *JSONata
	Pos   Pos
}

// Dynamic reports whether the count is known only at run time.
func (c *Count) Dynamic() bool { return c != nil && (c.Path != nil || c.Expr != nil) }

// Number is Count for a field that may be fractional
// (ToleratedFailurePercentage).
type Number struct {
	Value float64
	Path  *Path
	Expr  *JSONata
	Pos   Pos
}

// Dynamic reports whether the number is known only at run time.
func (n *Number) Dynamic() bool { return n != nil && (n.Path != nil || n.Expr != nil) }

// Text is a string-valued field that may be a literal, a path or
// intrinsic call (Fail's ErrorPath and CausePath), or a JSONata expression.
type Text struct {
	Value string
	// GoName names the variable holding a parsed literal, where the code
	// needs one (a Wait state's Timestamp).
	GoName    string
	Path      *Path
	Intrinsic *Intrinsic
	Expr      *JSONata
	Pos       Pos
}
