package jsonatart

import (
	"context"
	"errors"
	"strings"

	"github.com/aslc/aslc/jsonata"
	aslrt "github.com/aslc/aslc/runtime"
)

// Expr is one JSONata expression of a state's field, parsed once. It is
// immutable and safe for concurrent use.
type Expr struct {
	field  string
	source string
	expr   *jsonata.Expr
	direct Direct
	// context is set when the expression reads $states.context or $states
	// as a whole; scoped when it names a function that reads the
	// execution's clock or random source.
	context, scoped bool
}

// Direct is Go code generated for an expression of a simple shape. It
// returns the expression's value and true, or false when it cannot decide
// (a value of a kind it does not handle, such as an array a path would map
// over): the evaluator then evaluates the expression. A Direct never
// reports an error; errors are the evaluator's to raise.
type Direct func(s *States) (v aslrt.Value, ok bool)

// NewExpr parses the expression text, the part of a "{% text %}" string
// between the delimiters, of the field named field (AWS's name for where it
// stands in the state, such as "Output/result", "Choices[0]/Condition" or
// "Catch[1]/Assign/error"; A16.6). direct may be nil.
func NewExpr(field, text string, direct Direct) (*Expr, error) {
	x, err := jsonata.Parse(text)
	if err != nil {
		return nil, err
	}
	e := &Expr{field: field, source: strings.TrimSpace(text), expr: x, direct: direct}
	for _, r := range x.References() {
		if r.Kind != jsonata.VariableRef {
			continue
		}
		switch {
		case r.Name == "states" && (len(r.Path) == 0 || r.Path[0] == "context"):
			e.context = true
		case scopedFunctions[r.Name]:
			e.scoped = true
		}
	}
	return e, nil
}

// MustExpr is NewExpr for expressions known to parse, such as those of
// generated code; it panics otherwise.
func MustExpr(field, text string, direct Direct) *Expr {
	e, err := NewExpr(field, text, direct)
	if err != nil {
		panic("jsonatart: the expression of the field " + field + " does not parse: " + err.Error())
	}
	return e
}

// Field returns the name of the field the expression stands in.
func (e *Expr) Field() string { return e.field }

// Source returns the expression as AWS quotes it in causes: the text
// between the delimiters without surrounding space.
func (e *Expr) Source() string { return e.source }

// HasDirect reports whether the expression has a direct function.
func (e *Expr) HasDirect() bool { return e.direct != nil }

// Eval evaluates the expression for the state whose expressions see s:
// with its direct function when it has one and that decides, with the
// evaluator otherwise. A result that is nothing or a function fails with
// States.QueryEvaluationError (A16.6, A13.9), and so does an evaluation
// that throws (A16.7).
func (e *Expr) Eval(s *States) (aslrt.Value, error) {
	if e.direct != nil {
		if v, ok := e.direct(s); ok {
			return e.check(v)
		}
	}
	return e.Evaluate(s)
}

// EvalDirect runs the expression's direct function alone: ok is false when
// it has none or the function cannot decide. The value is not checked as
// Eval checks it.
func (e *Expr) EvalDirect(s *States) (v aslrt.Value, ok bool) {
	if e.direct == nil {
		return nil, false
	}
	return e.direct(s)
}

// Evaluate is Eval with the evaluator only, whether or not the expression
// has a direct function.
func (e *Expr) Evaluate(s *States) (aslrt.Value, error) {
	ctx := s.x.Context()
	if e.scoped {
		ctx = context.WithValue(ctx, scopeKey{}, &evalScope{x: s.x})
	}
	s.needContext = e.context
	v, err := e.expr.EvaluateWith(ctx, env, jsonata.Undefined, s)
	s.needContext = false
	if err != nil {
		if stop := s.x.Stopped(); stop != nil {
			return nil, stop
		}
		return nil, e.thrown(err)
	}
	return e.check(v)
}

// check fails on results a field cannot hold.
func (e *Expr) check(v aslrt.Value) (aslrt.Value, error) {
	switch {
	case jsonata.IsUndefined(v):
		return nil, e.fail("returned nothing (undefined).")
	case jsonata.IsFunction(v):
		return nil, e.fail("returned an unsupported result type.")
	}
	return v, nil
}

// fail is the error of the expression: "The JSONata expression '<expr>'
// specified for the field '<field>' " + what.
func (e *Expr) fail(what string) *aslrt.Error {
	return aslrt.NewError(aslrt.ErrQueryEvaluationError, "The JSONata expression '"+e.source+"' specified for the field '"+e.field+"' "+what)
}

// thrown is the error of an evaluation that threw: AWS writes the JSONata
// code and message after a period, or a message without a code after a
// colon (A16.7).
func (e *Expr) thrown(err error) *aslrt.Error {
	var je *jsonata.Error
	if errors.As(err, &je) && je.Code != "" {
		return e.fail("threw an error during evaluation. " + je.Code + ": " + je.Message)
	}
	return e.fail("threw an error during evaluation: " + err.Error())
}

// unexpected is the error of a result of the wrong type for its field.
func (e *Expr) unexpected(want string, v aslrt.Value) *aslrt.Error {
	return e.fail("returned an unexpected result type. Expected '" + want + "', but was '" + aslrt.TypeName(v) + "' for value: " + aslrt.EncodeString(v))
}
