package jsonata

import "fmt"

// Error is a JSONata error: a parse error (codes S0xxx), a type error
// (Txxxx), a dynamic error (Dxxxx) or an evaluation limit (U1001). Codes
// and messages follow jsonata-js 2.0.6.
type Error struct {
	// Code is the JSONata error code, such as "T1006" or "D3001".
	Code string
	// Message is the human-readable text, without the code.
	Message string
	// Position is the character offset in the expression the error refers
	// to (as jsonata-js counts it), or -1 when there is none.
	Position int
	// Token is the token the error is attached to, if any: an operator, or
	// the name of the function that raised the error.
	Token string
	// Value is the offending value, if any.
	Value any
	// Index is the 1-based number of the function argument the error is
	// about, or 0.
	Index int

	// inserts for the message templates
	hasValue     bool
	hasToken     bool
	tokenValue   any // the token as the message shows it, when not a string
	value2       any
	exp          any
	typ          string
	functionName string
}

func (e *Error) Error() string {
	if e.Position >= 0 {
		return fmt.Sprintf("%s: %s (at position %d)", e.Code, e.Message, e.Position)
	}
	return e.Code + ": " + e.Message
}
