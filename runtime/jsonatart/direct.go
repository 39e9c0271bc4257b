package jsonatart

import (
	"github.com/aslc/aslc/jsonata"
	aslrt "github.com/aslc/aslc/runtime"
)

// The helpers of this file are what the direct functions of generated code
// call (see Direct). Each does what JSONata does for the values it handles
// and reports false for the others, which the evaluator then handles.

// Path follows the field names steps from v, as a JSONata path of names
// does while every value on the way is an object: a missing member, or a
// step into a string, number, boolean or null, gives jsonata.Undefined. A
// step into an array, where JSONata maps the rest of the path over the
// items, is not handled (false); a value reached by the last step is
// returned as it is, arrays included.
func Path(v aslrt.Value, steps ...string) (aslrt.Value, bool) {
	for _, step := range steps {
		switch x := v.(type) {
		case *aslrt.Object:
			m, ok := x.Get(step)
			if !ok {
				return jsonata.Undefined, true
			}
			v = m
		case []aslrt.Value:
			return nil, false
		default:
			return jsonata.Undefined, true
		}
	}
	return v, true
}

// Op is a comparison operator.
type Op uint8

// The comparison operators.
const (
	Eq Op = iota + 1 // =
	Ne               // !=
	Lt               // <
	Le               // <=
	Gt               // >
	Ge               // >=
)

// Compare is JSONata's a op b for strings, numbers, booleans, null and
// Undefined: = and != are false when a side is Undefined, and compare
// values of different types as unequal; <, <=, > and >= are Undefined when
// a side is, and compare two numbers or two strings. Arrays and objects,
// and ordering of other types (an error in JSONata), are not handled.
func Compare(op Op, a, b aslrt.Value) (aslrt.Value, bool) {
	if !scalar(a) || !scalar(b) {
		return nil, false
	}
	ua, ub := jsonata.IsUndefined(a), jsonata.IsUndefined(b)
	if op == Eq || op == Ne {
		if ua || ub {
			return false, true
		}
		eq, ok := scalarEqual(a, b)
		if !ok {
			return nil, false
		}
		return eq == (op == Eq), true
	}
	if ua || ub {
		return jsonata.Undefined, true
	}
	var c int
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		if !ok || !codeUnitOrdered(x) || !codeUnitOrdered(y) {
			return nil, false
		}
		switch {
		case x < y:
			c = -1
		case x > y:
			c = 1
		}
	default:
		fx, okx := aslrt.Float(a)
		fy, oky := aslrt.Float(b)
		if !okx || !oky {
			return nil, false
		}
		switch {
		case fx < fy:
			c = -1
		case fx > fy:
			c = 1
		case fx != fy: // NaN
			return nil, false
		}
	}
	switch op {
	case Lt:
		return c < 0, true
	case Le:
		return c <= 0, true
	case Gt:
		return c > 0, true
	default:
		return c >= 0, true
	}
}

// Bool is JSONata's boolean value of v as "and" and "or" see it, for the
// values Compare handles: Undefined, null and "" are false, as are 0 and
// false.
func Bool(v aslrt.Value) (bool, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case string:
		return x != "", true
	case nil:
		return false, true
	case jsonata.UndefinedValue:
		return false, true
	}
	if f, ok := aslrt.Float(v); ok {
		return f != 0, true
	}
	return false, false
}

// scalar reports whether v is a value Compare handles.
func scalar(v aslrt.Value) bool {
	switch v.(type) {
	case nil, bool, string, int64, float64, jsonata.UndefinedValue:
		return true
	}
	return false
}

// scalarEqual is JavaScript's === on two scalars.
func scalarEqual(a, b aslrt.Value) (bool, bool) {
	switch x := a.(type) {
	case nil:
		return b == nil, true
	case bool:
		y, ok := b.(bool)
		return ok && x == y, true
	case string:
		y, ok := b.(string)
		return ok && x == y, true
	}
	fx, _ := aslrt.Float(a)
	fy, ok := aslrt.Float(b)
	if !ok {
		return false, true
	}
	return fx == fy, true
}

// codeUnitOrdered reports whether comparing s bytewise orders it as
// JavaScript orders strings, by UTF-16 code units: true when s has no
// character at or above U+E000, whose UTF-8 lead byte is 0xEE or more.
func codeUnitOrdered(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xEE {
			return false
		}
	}
	return true
}

// ObjectOf builds the value of an object constructor from its keys and
// values, leaving out the members whose value is Undefined, as JSONata
// does.
func ObjectOf(members ...aslrt.Member) aslrt.Value {
	o := aslrt.NewObject(len(members))
	for _, m := range members {
		if !jsonata.IsUndefined(m.Value) {
			o.Set(m.Key, m.Value)
		}
	}
	return o
}
