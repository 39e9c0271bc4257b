package jsonatart

import (
	"math"

	aslrt "github.com/aslc/aslc/runtime"
)

// Node is a field of a JSONata state, or a part of one: a JSON value whose
// strings of the form "{% expression %}" are expressions, which may stand
// at any depth (A16.2). *Expr is the Node of an expression; Object, Array
// and Literal build the JSON around expressions. A Node is immutable and
// safe for concurrent use.
type Node interface {
	// Eval returns the value of the node for the state whose expressions
	// see s. Expressions are evaluated in document order; the first that
	// fails fails the node.
	Eval(s *States) (aslrt.Value, error)
}

// Member is one member of an Object node.
type Member struct {
	Key   string
	Value Node
}

// M returns the member key: value.
func M(key string, value Node) Member { return Member{Key: key, Value: value} }

type objectNode []Member

// Object returns the node of a JSON object with the given members, in
// order; keys are unique, as in the definition.
func Object(members ...Member) Node { return objectNode(members) }

func (o objectNode) Eval(s *States) (aslrt.Value, error) {
	out := aslrt.NewObject(len(o))
	for _, m := range o {
		v, err := m.Value.Eval(s)
		if err != nil {
			return nil, err
		}
		out.Set(m.Key, v)
	}
	return out, nil
}

type arrayNode []Node

// Array returns the node of a JSON array with the given elements.
func Array(elems ...Node) Node { return arrayNode(elems) }

func (a arrayNode) Eval(s *States) (aslrt.Value, error) {
	out := make([]aslrt.Value, len(a))
	for i, n := range a {
		v, err := n.Eval(s)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

type literalNode struct{ v aslrt.Value }

// Literal returns the node of a constant JSON value. The value is shared
// by every evaluation, so it must not be modified.
func Literal(v aslrt.Value) Node { return literalNode{v} }

func (l literalNode) Eval(*States) (aslrt.Value, error) { return l.v, nil }

// Items returns the items of a Map state's Items field (A13.1): an
// expression must yield an array (A13.7); a JSON array whose elements may
// be expressions always does (A13.10).
func Items(items Node, s *States) ([]aslrt.Value, error) {
	v, err := items.Eval(s)
	if err != nil {
		return nil, err
	}
	if e, ok := items.(*Expr); ok {
		return aslrt.MapItemsValue(v, e.source)
	}
	arr, ok := v.([]aslrt.Value)
	if !ok {
		return nil, aslrt.NewError(aslrt.ErrQueryEvaluationError, "The value for the field 'Items' is not an array: "+aslrt.EncodeString(v))
	}
	return arr, nil
}

// Condition evaluates a Choice rule's Condition: the expression must yield
// a boolean (A6.20).
func (e *Expr) Condition(s *States) (bool, error) {
	v, err := e.Eval(s)
	if err != nil {
		return false, err
	}
	return aslrt.ConditionValue(v, e.source)
}

// Count evaluates a field that holds a non-negative integer:
// MaxConcurrency, ToleratedFailureCount, ItemBatcher's MaxItemsPerBatch and
// MaxInputBytesPerBatch (A16.2). Anything else fails with
// States.QueryEvaluationError.
func (e *Expr) Count(s *States) (int64, error) {
	v, err := e.Eval(s)
	if err != nil {
		return 0, err
	}
	n, ok := aslrt.Int(v)
	if !ok || n < 0 {
		return 0, e.unexpected("integer", v)
	}
	return n, nil
}

// Seconds evaluates a Task state's TimeoutSeconds or HeartbeatSeconds: a
// positive integer (A8.14).
func (e *Expr) Seconds(s *States) (int64, error) {
	v, err := e.Eval(s)
	if err != nil {
		return 0, err
	}
	n, ok := aslrt.Int(v)
	if !ok || n <= 0 {
		return 0, e.unexpected("integer", v)
	}
	return n, nil
}

// Percentage evaluates a Map state's ToleratedFailurePercentage: a number
// from 0 to 100, fractions allowed (A13.15).
func (e *Expr) Percentage(s *States) (float64, error) {
	v, err := e.Eval(s)
	if err != nil {
		return 0, err
	}
	f, ok := aslrt.Float(v)
	if !ok || math.IsNaN(f) {
		return 0, e.unexpected("number", v)
	}
	if f < 0 || f > 100 {
		return 0, aslrt.NewError(aslrt.ErrQueryEvaluationError, "ToleratedFailurePercentage must be between 0 and 100.")
	}
	return f, nil
}

// Text evaluates a Fail state's Error or Cause: a string (A8.7).
func (e *Expr) Text(s *States) (string, error) {
	v, err := e.Eval(s)
	if err != nil {
		return "", err
	}
	str, ok := v.(string)
	if !ok {
		return "", e.unexpected("string", v)
	}
	return str, nil
}
