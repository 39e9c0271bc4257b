package aslrt

import (
	"math"
	"unicode/utf8"
)

// Input and output processing of JSONPath states, in AWS's order (A3.1):
//
//	raw input → InputPath → Parameters/ItemSelector → work → ResultSelector
//	  → ResultPath (into the raw input) → OutputPath → next state's raw input
//
// The path fields distinguish an absent field from one set to JSON null:
// a nil *Path means absent, NullPath() means null.

// ApplyInputPath applies a state's InputPath to its raw input: absent (nil)
// keeps the input, null gives {} (A3.2), a path selects part of the input,
// the context object or a variable and fails as Path.Eval does (A3.3).
func ApplyInputPath(raw Value, p *Path, s Scope) (Value, error) {
	return applySelectPath(raw, p, s)
}

// ApplyOutputPath applies a state's OutputPath to its output: absent (nil)
// keeps it, null gives {}, a path selects part of it (A3.16).
func ApplyOutputPath(out Value, p *Path, s Scope) (Value, error) {
	return applySelectPath(out, p, s)
}

func applySelectPath(v Value, p *Path, s Scope) (Value, error) {
	switch {
	case p == nil:
		return v, nil
	case p.null:
		return NewObject(0), nil
	case p.root == RootInput && len(p.steps) == 0:
		return v, nil
	}
	return p.Eval(v, s)
}

// ApplyResultPath combines a state's raw input with its result as the
// state's ResultPath says: absent (nil) outputs the result, null outputs
// the raw input unchanged (A3.12), and a reference path writes the result
// into a copy of the raw input (A3.13), as SetPath does.
func ApplyResultPath(raw, result Value, p *Path) (Value, error) {
	switch {
	case p == nil:
		return result, nil
	case p.null:
		return raw, nil
	}
	return SetPath(raw, p, result)
}

// SetPath returns doc with the node that the reference path p names
// replaced by v. Objects missing on the way are created; only the objects
// and arrays on the way to the change are copied, everything else is
// shared with doc, which is left unchanged. When a node on the way is not
// an object (or, for an index step, not an array holding that index) it
// fails with States.ResultPathMatchFailure and the cause
// "Unable to apply ReferencePath <path> to input <doc as compact JSON>"
// (A3.14; the cause text is unverified).
func SetPath(doc Value, p *Path, v Value) (Value, error) {
	if p == nil || p.null || p.root != RootInput || !p.IsReference() {
		text := "null"
		if p != nil {
			text = p.text
		}
		return nil, NewError(ErrResultPathMatchFailure, "Unable to apply ReferencePath "+text+" to input "+string(AppendJSON(nil, doc))+": only reference paths into the input can be written")
	}
	out, ok := setIn(doc, true, p.steps, v)
	if !ok {
		return nil, NewError(ErrResultPathMatchFailure, "Unable to apply ReferencePath "+p.text+" to input "+string(AppendJSON(nil, doc)))
	}
	return out, nil
}

// setIn replaces the node steps name below cur; present says whether cur
// exists (a missing node becomes a new object).
func setIn(cur Value, present bool, steps []pathStep, v Value) (Value, bool) {
	if len(steps) == 0 {
		return v, true
	}
	st := &steps[0]
	switch st.kind {
	case stepName:
		var obj *Object
		if present {
			o, ok := cur.(*Object)
			if !ok {
				return nil, false
			}
			obj = o
		}
		child, has := obj.Get(st.name)
		nv, ok := setIn(child, has, steps[1:], v)
		if !ok {
			return nil, false
		}
		extra := 1
		if has {
			extra = 0
		}
		out := obj.CloneGrow(extra)
		out.Set(st.name, nv)
		return out, true
	case stepIndex:
		arr, ok := cur.([]Value)
		if !present || !ok {
			return nil, false
		}
		i := st.index
		if i < 0 {
			i += len(arr)
		}
		if i < 0 || i >= len(arr) {
			return nil, false
		}
		nv, ok := setIn(arr[i], true, steps[1:], v)
		if !ok {
			return nil, false
		}
		out := make([]Value, len(arr))
		copy(out, arr)
		out[i] = nv
		return out, true
	}
	return nil, false
}

// StateIO is the input and output processing of one JSONPath state. Its
// fields are the state's InputPath, Parameters (ItemSelector for a Map's
// iterations is applied by the Map itself), ResultSelector, ResultPath and
// OutputPath; nil means the field is absent, NullPath() that it is null.
// Generated code builds one StateIO per state at package level.
type StateIO struct {
	InputPath      *Path
	Parameters     *Template
	ResultSelector *Template
	ResultPath     *Path
	OutputPath     *Path
}

// Input returns the effective input of the state: InputPath applied to raw,
// then Parameters (A3.1, A3.9).
func (io *StateIO) Input(raw Value, s Scope) (Value, error) {
	in := raw
	if io.InputPath != nil {
		sel, err := ApplyInputPath(raw, io.InputPath, s)
		if err != nil {
			return nil, err
		}
		noteSelection(s, raw, sel)
		in = sel
	}
	if io.Parameters != nil {
		return io.Parameters.Eval(in, s)
	}
	return in, nil
}

// Output returns the state output for its raw input and its result:
// ResultSelector applied to the result, ResultPath into raw, then
// OutputPath (A3.1, A3.11–A3.16).
func (io *StateIO) Output(raw, result Value, s Scope) (Value, error) {
	if io.ResultSelector != nil {
		r, err := io.ResultSelector.Eval(result, s)
		if err != nil {
			return nil, err
		}
		result = r
		if x, ok := s.(*Exec); ok && io.ResultPath == nil {
			// the selected result is the output (A19.1); a ResultPath
			// checks the document it makes
			if err := x.CheckSize(result); err != nil {
				return nil, err
			}
		}
	}
	out, err := io.applyResultPath(raw, result, s)
	if err != nil {
		return nil, err
	}
	if io.OutputPath == nil {
		return out, nil
	}
	sel, err := ApplyOutputPath(out, io.OutputPath, s)
	if err != nil {
		return nil, err
	}
	noteSelection(s, out, sel)
	return sel, nil
}

// noteSelection gives sel, a part of doc that a path selected, the bound
// the scope s keeps for doc.
func noteSelection(s Scope, doc, sel Value) {
	x, ok := s.(*Exec)
	if !ok {
		return
	}
	k, ok := keyOf(sel)
	if kd, _ := keyOf(doc); !ok || k == kd {
		return
	}
	if n, ok := x.knownSize(doc); ok {
		x.sizes.note(k, n)
	}
}

// MaxPayloadSize is the largest state input, output or result AWS accepts:
// 256 KiB of UTF-8 JSON text (A19.1).
const MaxPayloadSize = 262144

// CheckPayloadSize fails with States.DataLimitExceeded when the JSON text
// of v is larger than MaxPayloadSize. name is the state name (Pass states),
// the resource type of a service integration (for example "lambda") or the
// function ARN of a Lambda resource, as the cause names it (A17.6). It
// measures without encoding.
func CheckPayloadSize(name string, v Value) error {
	if _, ok := fits(v, sizeBound(v)); !ok {
		return ResultTooLarge(name)
	}
	return nil
}

// JSONSize returns the length in bytes of v's compact JSON text (as Encode
// writes it), or some number above limit once the size exceeds limit.
func JSONSize(v Value, limit int) int {
	return jsonSize(v, 0, limit)
}

func jsonSize(v Value, n, limit int) int {
	if n > limit {
		return n
	}
	switch x := v.(type) {
	case nil:
		return n + 4
	case bool:
		if x {
			return n + 4
		}
		return n + 5
	case string:
		return n + stringSize(x)
	case int64:
		return n + intSize(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return n + 4 // null
		}
		var buf [40]byte
		return n + len(appendDouble(buf[:0], x))
	case []Value:
		n += 2
		if len(x) > 1 {
			n += len(x) - 1
		}
		for _, e := range x {
			n = jsonSize(e, n, limit)
			if n > limit {
				return n
			}
		}
		return n
	case *Object:
		n += 2
		if k := x.Len(); k > 1 {
			n += k - 1
		}
		for _, m := range x.Members() {
			n += stringSize(m.Key) + 1
			n = jsonSize(m.Value, n, limit)
			if n > limit {
				return n
			}
		}
		return n
	}
	return n + len(AppendJSON(nil, v))
}

// jsonSizeBound returns n plus a number at least the length of v's JSON
// text, or some number above limit once that exceeds limit. It reads no
// string's bytes: a string takes at most 6 bytes per byte (\u00XX) and
// its quotes, an integer at most 20 characters, a double at most 25, so
// most payloads are known to be small without measuring them exactly.
func jsonSizeBound(v Value, n, limit int) int {
	if n > limit {
		return n
	}
	if b, ok := scalarBound(v); ok {
		return n + b
	}
	switch x := v.(type) {
	case []Value:
		n += 2 + len(x)
		for _, e := range x {
			n = jsonSizeBound(e, n, limit)
			if n > limit {
				return n
			}
		}
		return n
	case *Object:
		n += 2 + x.Len()
		for _, m := range x.Members() {
			n += 3 + 6*len(m.Key)
			n = jsonSizeBound(m.Value, n, limit)
			if n > limit {
				return n
			}
		}
		return n
	}
	return limit + 1 // measured exactly
}

// intSize is the number of characters of i in decimal.
func intSize(i int64) int {
	n := 1
	u := uint64(i)
	if i < 0 {
		n++
		u = uint64(-i)
	}
	for u >= 10 {
		u /= 10
		n++
	}
	return n
}

// stringSize is the length of s as a JSON string literal, as appendString
// writes it: the quotes and the bytes themselves, when they are all
// plain, which it tests eight bytes at a time, then byte by byte;
// escapesSize counts the rest.
func stringSize(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if !plain8(s[i : i+8]) {
			break
		}
	}
	for ; i < len(s); i++ {
		if plainBytes[s[i]] == 0 {
			return escapesSize(s, i)
		}
	}
	return 2 + len(s)
}

// plain8 reports whether the 8 bytes of s are all plain: ASCII, not a
// control character, a quote or a backslash. It tests the bytes as one
// word: a byte below 0x20 (hasLess), a byte with its top bit set, or a
// byte equal to '"' or '\\' (a zero byte of the word XORed with copies
// of it) leaves a top bit set in the result.
func plain8(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	q, b := w^(ones*'"'), w^(ones*'\\')
	return ((w-ones*0x20)&^w|w|(q-ones)&^q|(b-ones)&^b)&highs == 0
}

// plainBytes is 1 for the plain bytes of plain8, 0 for the others.
const plainBytes = "" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x01\x01\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"

// escapesSize is stringSize of s whose bytes before i are plain.
func escapesSize(s string, i int) int {
	n := 2 + len(s)
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c >= 0x20 && c != '"' && c != '\\' {
				continue
			}
			switch c {
			case '"', '\\', '\b', '\f', '\n', '\r', '\t':
				n++
			default:
				n += 5 // \u00XX
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			n += 2 // one byte written as the three of U+FFFD
		}
		i += size
	}
	return n
}
