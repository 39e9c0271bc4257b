package ir

import (
	"github.com/aslc/aslc/jsonata"
	aslrt "github.com/aslc/aslc/runtime"
)

// JSONata is a JSONata expression of a JSONata state: the text of a
// "{% ... %}" string between the delimiters (A16.1), parsed.
type JSONata struct {
	// Text is the expression as written between "{%" and "%}".
	Text string
	// Field is AWS's name for where the expression stands in its state,
	// as causes quote it: "Output", "Output/result", "Arguments/list[0]",
	// "Choices[1]/Condition", "Catch[0]/Assign/error" (A16.6).
	Field string
	Pos   Pos
	// Form is the expression's simple shape when it has one the code
	// generator evaluates without the evaluator; nil otherwise.
	Form *jsonata.Form
	// GoName names the package-level variable holding the expression, for
	// fields that are one expression as a whole (Seconds, Condition, ...).
	GoName string
}

// JSONataKind says what a JSONataValue is.
type JSONataKind uint8

// The kinds of JSONata values.
const (
	// JSONataLiteral is JSON holding no expression.
	JSONataLiteral JSONataKind = iota + 1
	// JSONataExpr is one expression.
	JSONataExpr
	// JSONataObject and JSONataArray are an object or array holding an
	// expression at some depth.
	JSONataObject
	JSONataArray
)

// JSONataValue is a field of a JSONata state, or a part of one: a JSON
// value whose strings of the form "{% ... %}" are expressions, at any depth
// (A16.2). Other strings, "key.$" names and intrinsic function calls are
// plain JSON there (A16.4, A5.28).
type JSONataValue struct {
	Kind JSONataKind
	// Literal is the value of a JSONataLiteral; JSON its compact text.
	Literal aslrt.Value
	JSON    string
	// Expr is the expression of a JSONataExpr.
	Expr *JSONata
	// Members are the members of a JSONataObject, in order; Elems the
	// elements of a JSONataArray.
	Members []JSONataMember
	Elems   []*JSONataValue
	// GoName names the package-level variable holding a whole field.
	GoName string
}

// JSONataMember is one member of a JSONataObject.
type JSONataMember struct {
	Key   string
	Value *JSONataValue
}
