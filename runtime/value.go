package aslrt

import (
	"math"
	"strconv"
)

// Value is a decoded JSON value. Its dynamic type is one of:
//
//	nil        JSON null
//	bool       true, false
//	string     a string
//	int64      a number written without fraction or exponent that fits in 64 bits
//	float64    any other number
//	[]Value    an array
//	*Object    an object, members in insertion order
//
// Values are treated as immutable once they have been handed to another
// state: code that wants to change one builds a new value, copying only the
// containers on the way to the change (see SetPath).
type Value = any

// NewArray returns its arguments as an array value.
func NewArray(elems ...Value) []Value {
	if elems == nil {
		return []Value{}
	}
	return elems
}

// TypeName returns the JSON type of v as AWS names it in error causes:
// "null", "boolean", "string", "number", "array" or "object". A Go value
// that is not a JSON value gives "unknown".
func TypeName(v Value) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case int64, float64:
		return "number"
	case []Value:
		return "array"
	case *Object:
		return "object"
	}
	return "unknown"
}

// IsNumber reports whether v is a JSON number.
func IsNumber(v Value) bool {
	switch v.(type) {
	case int64, float64:
		return true
	}
	return false
}

// Float returns the number v as a float64; ok is false when v is not a number.
func Float(v Value) (f float64, ok bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

// Int returns v as an int64 when v is a number with an integral value that
// fits in an int64 (1, 1.0, -3e2); ok is false otherwise.
func Int(v Value) (i int64, ok bool) {
	switch n := v.(type) {
	case int64:
		return n, true
	case float64:
		if n == math.Trunc(n) && n >= -(1<<63) && n < 1<<63 {
			return int64(n), true
		}
	}
	return 0, false
}

// NumberValue returns f as an int64 when it is integral and exactly
// representable, and as a float64 otherwise. Arithmetic whose result type
// should follow the value (as in JavaScript) uses it.
func NumberValue(f float64) Value {
	if f == math.Trunc(f) && math.Abs(f) <= 1<<53 && !(f == 0 && math.Signbit(f)) {
		return int64(f)
	}
	return f
}

// Equal reports whether a and b are the same JSON value: numbers compare by
// value (1 equals 1.0), arrays element by element, objects by their members
// regardless of order.
func Equal(a, b Value) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case string:
		y, ok := b.(string)
		return ok && x == y
	case int64:
		switch y := b.(type) {
		case int64:
			return x == y
		case float64:
			return float64(x) == y && y < 1<<63 && y >= -(1<<63) && int64(y) == x
		}
		return false
	case float64:
		switch y := b.(type) {
		case float64:
			return x == y
		case int64:
			return Equal(y, x)
		}
		return false
	case []Value:
		y, ok := b.([]Value)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !Equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case *Object:
		y, ok := b.(*Object)
		if !ok || x.Len() != y.Len() {
			return false
		}
		for _, m := range x.Members() {
			w, ok := y.Get(m.Key)
			if !ok || !Equal(m.Value, w) {
				return false
			}
		}
		return true
	}
	return false
}

// DeepCopy returns a copy of v that shares no containers with it. Values are
// immutable by convention, so only code that hands a value to code it does
// not trust (task implementations, users) needs it.
func DeepCopy(v Value) Value {
	switch x := v.(type) {
	case []Value:
		out := make([]Value, len(x))
		for i, e := range x {
			out[i] = DeepCopy(e)
		}
		return out
	case *Object:
		out := NewObject(x.Len())
		for _, m := range x.Members() {
			out.Set(m.Key, DeepCopy(m.Value))
		}
		return out
	}
	return v
}

// FormatNumber renders a number the way AWS renders numbers in JSON text
// and in intrinsic results: integers in decimal, other numbers as Java's
// Double.toString does (1.5, 1.0E-4, 1.0E21), because the service stores
// them as Java doubles.
func FormatNumber(v Value) string {
	switch n := v.(type) {
	case int64:
		return strconv.FormatInt(n, 10)
	case float64:
		return string(appendDouble(nil, n))
	}
	return ""
}

// appendDouble appends f formatted like Java's Double.toString (shortest
// representation that round-trips, as in JDK 19 and later).
func appendDouble(dst []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, "NaN"...)
	case math.IsInf(f, 1):
		return append(dst, "Infinity"...)
	case math.IsInf(f, -1):
		return append(dst, "-Infinity"...)
	case f == 0:
		if math.Signbit(f) {
			return append(dst, "-0.0"...)
		}
		return append(dst, "0.0"...)
	}
	if f < 0 {
		dst = append(dst, '-')
		f = -f
	}
	// Shortest digits and decimal exponent: f = 0.d1d2d3... × 10^exp.
	var buf [32]byte
	e := strconv.AppendFloat(buf[:0], f, 'e', -1, 64)
	if len(e) > 1 && e[1] == 'e' {
		// Java prints at least two significant digits, choosing the two-digit
		// decimal closest to f (4.9E-324, not 5.0E-324).
		e = strconv.AppendFloat(buf[:0], f, 'e', 1, 64)
	}
	// e is "d.ddde±XX"
	mant := make([]byte, 0, 24)
	i := 0
	for ; i < len(e) && e[i] != 'e'; i++ {
		if e[i] != '.' {
			mant = append(mant, e[i])
		}
	}
	exp, _ := strconv.Atoi(string(e[i+1:]))
	for len(mant) > 1 && mant[len(mant)-1] == '0' {
		mant = mant[:len(mant)-1]
	}
	// f = mant[0].mant[1:] × 10^exp
	if f >= 1e-3 && f < 1e7 {
		if exp >= 0 {
			intLen := exp + 1
			for len(mant) < intLen {
				mant = append(mant, '0')
			}
			dst = append(dst, mant[:intLen]...)
			dst = append(dst, '.')
			if len(mant) == intLen {
				return append(dst, '0')
			}
			return append(dst, mant[intLen:]...)
		}
		dst = append(dst, '0', '.')
		for k := 0; k < -exp-1; k++ {
			dst = append(dst, '0')
		}
		return append(dst, mant...)
	}
	dst = append(dst, mant[0], '.')
	if len(mant) == 1 {
		dst = append(dst, '0')
	} else {
		dst = append(dst, mant[1:]...)
	}
	dst = append(dst, 'E')
	return strconv.AppendInt(dst, int64(exp), 10)
}
