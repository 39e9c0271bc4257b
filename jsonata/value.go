package jsonata

import (
	"math"

	aslrt "github.com/aslc/aslc/runtime"
)

// Value is a JSON value as the runtime package models it: nil (JSON null),
// bool, string, int64, float64, []Value or *aslrt.Object. Results may also
// be Undefined, or, when an expression evaluates to a function, an internal
// callable value that IsFunction recognises.
type Value = aslrt.Value

// UndefinedValue is the type of Undefined.
type UndefinedValue struct{}

// Undefined is the result of an expression that yields no value at all,
// such as a path that matches nothing. It is distinct from nil, which is
// JSON null. Compare with ==, or use IsUndefined.
var Undefined Value = UndefinedValue{}

// IsUndefined reports whether v is Undefined.
func IsUndefined(v Value) bool {
	_, ok := v.(UndefinedValue)
	return ok
}

// sequence is JSONata's result sequence: the values a path or a function
// such as $map produced. Unlike an array, a sequence of one value stands
// for that value, and an empty sequence for no value; evaluation collapses
// sequences accordingly, one level at a time (a sequence may hold
// sequences, as $map's result of functions returning sequences does).
// Sequences never escape evaluation and never occur inside arrays or
// objects: a sequence stored in a container becomes an array (see plain).
type sequence struct {
	items         []Value
	keepSingleton bool // a path with [] keeps a one-value result an array
	outerWrapper  bool // wraps an array input document
}

func newSequence(capacity int) *sequence {
	return &sequence{items: make([]Value, 0, capacity)}
}

// plain returns v with a sequence replaced by the array of its items, for
// storing in a container or returning to the caller.
func plain(v Value) Value {
	s, ok := v.(*sequence)
	if !ok {
		return v
	}
	if s.items == nil {
		return []Value{}
	}
	for i, it := range s.items {
		if _, nested := it.(*sequence); nested {
			out := make([]Value, len(s.items))
			copy(out, s.items[:i])
			for j := i; j < len(s.items); j++ {
				out[j] = plain(s.items[j])
			}
			return out
		}
	}
	return s.items
}

// arrayItems returns the items of an array or a sequence.
func arrayItems(v Value) ([]Value, bool) {
	switch a := v.(type) {
	case []Value:
		return a, true
	case *sequence:
		return a.items, true
	}
	return nil, false
}

// toNumber returns v as a float64 when it is a number.
func toNumber(v Value) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	case int:
		return float64(n), true
	}
	return 0, false
}

// isNumber reports whether v is a number other than NaN. Infinite numbers
// cannot be represented in JSON: like jsonata-js, testing one raises D1001.
func isNumber(v Value) (bool, error) {
	switch n := v.(type) {
	case int64, int:
		return true, nil
	case float64:
		if math.IsNaN(n) {
			return false, nil
		}
		if math.IsInf(n, 0) {
			return false, newError("D1001", withValue(n))
		}
		return true, nil
	}
	return false, nil
}

// num returns the number f as a Value: an int64 when it is integral and
// exactly representable, a float64 otherwise. Negative zero becomes 0, as
// JSON has no negative zero.
func num(f float64) Value {
	if f >= 0 && f < smallInts && f == float64(int(f)) {
		return smallInt[int(f)]
	}
	if f == 0 {
		return int64(0)
	}
	return aslrt.NumberValue(f)
}

// smallInt holds the small integers as Values, so that producing one does
// not allocate.
const smallInts = 4096

var smallInt = func() (t [smallInts]Value) {
	for i := range t {
		t[i] = int64(i)
	}
	return
}()

// intValue returns the integer i as a Value.
func intValue(i int64) Value {
	if i >= 0 && i < smallInts {
		return smallInt[i]
	}
	return i
}

// isInteger reports whether v is a number with an integral value.
func isInteger(v Value) bool {
	switch n := v.(type) {
	case int64, int:
		return true
	case float64:
		return n == math.Trunc(n) && !math.IsInf(n, 0)
	}
	return false
}

// typeOf names the type of v as $type does.
func typeOf(v Value) string {
	switch v.(type) {
	case UndefinedValue:
		return ""
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case int64, float64, int:
		return "number"
	case []Value, *sequence:
		return "array"
	case *aslrt.Object:
		return "object"
	}
	if isFunction(v) {
		return "function"
	}
	return "object"
}

// truthy is JSONata's effective boolean value ($boolean) of a defined value.
func truthy(v Value) bool {
	switch x := v.(type) {
	case UndefinedValue, nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case int64:
		return x != 0
	case int:
		return x != 0
	case float64:
		return x != 0 && !math.IsNaN(x)
	case []Value:
		return truthyItems(x)
	case *sequence:
		return truthyItems(x.items)
	case *aslrt.Object:
		return x.Len() > 0
	case *regexFn:
		return false
	case *builtin:
		// jsonata-js's function definitions are non-empty objects, and
		// so true; the closures it makes for regular expression matches
		// are JavaScript functions, and false
		return !x.closure
	case *lambda, *partialFn, *composed:
		return true
	case *wrapped:
		return false // a JavaScript function
	}
	return false
}

func truthyItems(items []Value) bool {
	if len(items) == 1 {
		return truthy(items[0])
	}
	for _, it := range items {
		if truthy(it) {
			return true
		}
	}
	return false
}

// deepEqual is jsonata-js's isDeepEqual: the = operator.
func deepEqual(a, b Value) bool {
	switch x := a.(type) {
	case UndefinedValue:
		_, ok := b.(UndefinedValue)
		return ok
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case string:
		y, ok := b.(string)
		return ok && x == y
	case int64, float64, int:
		xf, _ := toNumber(x)
		yf, ok := toNumber(b)
		return ok && xf == yf
	case []Value, *sequence:
		xi, _ := arrayItems(x)
		yi, ok := arrayItems(b)
		if !ok || len(xi) != len(yi) {
			return false
		}
		for i := range xi {
			if !deepEqual(xi[i], yi[i]) {
				return false
			}
		}
		return true
	case *aslrt.Object:
		y, ok := b.(*aslrt.Object)
		if !ok {
			return false
		}
		if x == y {
			return true
		}
		if x.Len() != y.Len() {
			return false
		}
		for _, m := range x.Members() {
			yv, ok := y.Get(m.Key)
			if !ok || !deepEqual(m.Value, yv) {
				return false
			}
		}
		return true
	}
	// functions compare by identity
	return a == b
}

// strictEqual is JavaScript's === as the in operator uses it: numbers,
// strings, booleans and null by value, containers by identity.
func strictEqual(a, b Value) bool {
	switch x := a.(type) {
	case int64, float64, int:
		xf, _ := toNumber(x)
		yf, ok := toNumber(b)
		return ok && xf == yf
	case string:
		y, ok := b.(string)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case nil:
		return b == nil
	case *aslrt.Object:
		y, ok := b.(*aslrt.Object)
		return ok && x == y
	case []Value:
		y, ok := b.([]Value)
		return ok && len(x) == len(y) && len(x) > 0 && &x[0] == &y[0]
	}
	return false
}

// jsTruthy is JavaScript's truthiness, which a few checks of jsonata-js
// use: containers and functions are true even when empty.
func jsTruthy(v Value) bool {
	switch x := v.(type) {
	case UndefinedValue, nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case int64:
		return x != 0
	case int:
		return x != 0
	case float64:
		return x != 0 && !math.IsNaN(x)
	}
	return true
}
