package aslrt

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"unsafe"
)

// FromGo converts a Go value into a Value. Canonical Values are returned
// as they are, without copying. Other Go values are converted: integer
// kinds to int64, float32 to float64, map[string]any to an *Object with
// its keys sorted (Go maps have no order), and anything else (structs,
// typed slices and maps) through encoding/json, so struct field order and
// `json` tags decide the members.
func FromGo(x any) (Value, error) {
	if isCanonical(x, 0) {
		return x, nil
	}
	return convert(x, 0)
}

// MustFromGo is FromGo for values known to convert; it panics otherwise.
func MustFromGo(x any) Value {
	v, err := FromGo(x)
	if err != nil {
		panic(err)
	}
	return v
}

// fromGoSized is FromGo that also returns an upper bound of the value's
// JSON size (sizeBound's), walking a canonical value once for both.
func fromGoSized(x any) (Value, int, error) {
	if n, ok := canonicalBound(x, 0, 0); ok {
		return x, n, nil
	}
	return convertSized(x)
}

// convertSized is fromGoSized for x not canonical.
func convertSized(x any) (Value, int, error) {
	v, err := convert(x, 0)
	if err != nil {
		return nil, 0, err
	}
	return v, sizeBound(v), nil
}

// canonicalBound reports whether x is canonical, as isCanonical does, and
// returns n plus the bound jsonSizeBound gives for it, without its stop at
// a limit: the whole value is walked to tell whether it is canonical.
func canonicalBound(x any, n, depth int) (int, bool) {
	if depth > maxDecodeDepth {
		return 0, false
	}
	// the usual values first, by one assertion each: objects (such as a
	// task's result; their string and integer members are bounded in
	// the loop), strings and integers
	if o, ok := x.(*Object); ok {
		if o == nil {
			return 0, false
		}
		n += 2 + len(o.members)
		// String and integer members are bounded here, without a call,
		// when they are not too deep to be canonical.
		flat := depth < maxDecodeDepth
		for i := range o.members {
			m := &o.members[i]
			n += 3 + 6*len(m.Key)
			if flat {
				if s, ok := m.Value.(string); ok {
					n += 2 + 6*len(s)
					continue
				}
				if _, ok := m.Value.(int64); ok {
					n += 20
					continue
				}
			}
			if n, ok = canonicalBound(m.Value, n, depth+1); !ok {
				return 0, false
			}
		}
		return n, true
	}
	if s, ok := x.(string); ok {
		return n + 2 + 6*len(s), true
	}
	if _, ok := x.(int64); ok {
		return n + 20, true
	}
	switch v := x.(type) {
	case nil, bool:
		return n + 5, true
	case float64:
		return n + 25, !math.IsNaN(v) && !math.IsInf(v, 0)
	case []Value:
		if len(v) == 0 {
			return n + 2, true
		}
		n += 2 + len(v)
		for _, e := range v {
			var ok bool
			if n, ok = canonicalBound(e, n, depth+1); !ok {
				return 0, false
			}
		}
		return n, true
	}
	return 0, false
}

// canonicalSize is n plus the size of x's JSON text, as jsonSize counts
// it, for x canonical (isCanonical); it is false for any other x. Past
// MaxPayloadSize it may stop early, false.
func canonicalSize(x any, n, depth int) (int, bool) {
	var keys keySizes
	return keys.canonicalSize(x, n, depth)
}

// keySizes remembers the sizes of the keys canonicalSize measured last,
// one per member index: the objects of an array mostly have the same
// keys in the same order, often the same strings (one data pointer).
type keySizes [4]struct {
	p    *byte
	n    int
	size int
}

// key returns stringSize of k, the key of member i of an object.
func (ks *keySizes) key(i int, k string) int {
	e := &ks[i&(len(ks)-1)]
	if p := unsafe.StringData(k); p != e.p || len(k) != e.n {
		e.p, e.n, e.size = p, len(k), stringSize(k)
	}
	return e.size
}

// canonicalSize is canonicalSize with the keys' sizes remembered in ks.
// The members and elements that are strings and integers are measured in
// the loops, without a call.
func (ks *keySizes) canonicalSize(x any, n, depth int) (int, bool) {
	if depth > maxDecodeDepth || n > MaxPayloadSize {
		return 0, false
	}
	switch v := x.(type) {
	case string:
		return n + stringSize(v), true
	case int64:
		return n + intSize(v), true
	case *Object:
		if v == nil {
			return 0, false
		}
		n += 2 + max(len(v.members)-1, 0)
		inline := depth < maxDecodeDepth // members are canonical at depth+1
		for i := range v.members {
			m := &v.members[i]
			n += ks.key(i, m.Key) + 1
			if s, ok := m.Value.(string); ok && inline {
				n += stringSize(s)
			} else if k, ok := m.Value.(int64); ok && inline {
				n += intSize(k)
			} else {
				var ok bool
				if n, ok = ks.canonicalSize(m.Value, n, depth+1); !ok {
					return 0, false
				}
			}
		}
		return n, true
	case []Value:
		n += 2 + max(len(v)-1, 0)
		inline := depth < maxDecodeDepth
		for _, e := range v {
			if s, ok := e.(string); ok && inline {
				n += stringSize(s)
			} else if k, ok := e.(int64); ok && inline {
				n += intSize(k)
			} else {
				var ok bool
				if n, ok = ks.canonicalSize(e, n, depth+1); !ok {
					return 0, false
				}
			}
		}
		return n, true
	case nil, bool:
		return jsonSize(v, n, math.MaxInt), true
	case float64:
		return jsonSize(v, n, math.MaxInt), !math.IsNaN(v) && !math.IsInf(v, 0)
	}
	return 0, false
}

// isCanonical reports whether x is a Value as Decode builds them, nested
// no deeper than Decode allows (so a cycle is not canonical, and convert
// refuses it).
func isCanonical(x any, depth int) bool {
	if depth > maxDecodeDepth {
		return false
	}
	switch v := x.(type) {
	case nil, bool, string, int64:
		return true
	case float64:
		return !math.IsNaN(v) && !math.IsInf(v, 0)
	case []Value:
		for _, e := range v {
			if !isCanonical(e, depth+1) {
				return false
			}
		}
		return true
	case *Object:
		if v == nil {
			return false
		}
		for _, m := range v.members {
			if !isCanonical(m.Value, depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

func convert(x any, depth int) (Value, error) {
	if depth > maxDecodeDepth {
		return nil, fmt.Errorf("aslrt: value nested deeper than %d levels", maxDecodeDepth)
	}
	switch v := x.(type) {
	case nil, bool, string, int64:
		return v, nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("aslrt: %v is not a JSON number", v)
		}
		return v, nil
	case int:
		return int64(v), nil
	case int8:
		return int64(v), nil
	case int16:
		return int64(v), nil
	case int32:
		return int64(v), nil
	case uint:
		return uintValue(uint64(v)), nil
	case uint8:
		return int64(v), nil
	case uint16:
		return int64(v), nil
	case uint32:
		return int64(v), nil
	case uint64:
		return uintValue(v), nil
	case float32:
		return convert(float64(v), depth)
	case json.Number:
		n, ok := ParseNumber(string(v))
		if !ok {
			return nil, fmt.Errorf("aslrt: %q is not a JSON number", string(v))
		}
		return n, nil
	case json.RawMessage:
		return Decode(v)
	case []Value:
		out := make([]Value, len(v))
		for i, e := range v {
			c, err := convert(e, depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	case *Object:
		if v == nil {
			return nil, nil
		}
		out := NewObject(v.Len())
		for _, m := range v.members {
			c, err := convert(m.Value, depth+1)
			if err != nil {
				return nil, err
			}
			out.Set(m.Key, c)
		}
		return out, nil
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		out := NewObject(len(keys))
		for _, k := range keys {
			c, err := convert(v[k], depth+1)
			if err != nil {
				return nil, err
			}
			out.Set(k, c)
		}
		return out, nil
	case error:
		return nil, fmt.Errorf("aslrt: an error is not a JSON value: %v", v)
	}
	data, err := json.Marshal(x)
	if err != nil {
		return nil, fmt.Errorf("aslrt: cannot convert %T to a JSON value: %w", x, err)
	}
	return Decode(data)
}

func uintValue(u uint64) Value {
	if u <= math.MaxInt64 {
		return int64(u)
	}
	return float64(u)
}

// ToGo stores v into the Go value dst points to, as json.Unmarshal would
// store v's JSON text. Numbers are written the way encoding/json writes
// them, so a double with an integral value (which an `any` field of an
// earlier ToGo holds for every number) fits an integer field again.
func ToGo(v Value, dst any) error {
	if err := json.Unmarshal(appendValue(nil, v, true), dst); err != nil {
		return fmt.Errorf("aslrt: %w", err)
	}
	return nil
}

// As converts v to a T, as ToGo does.
func As[T any](v Value) (T, error) {
	var t T
	err := ToGo(v, &t)
	return t, err
}
