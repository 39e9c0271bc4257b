package aslrt

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"testing"
)

// FuzzDecode: decoding any bytes never panics and fails only with a
// *SyntaxError; it accepts exactly the texts encoding/json accepts (up to
// the nesting limit, and but for numbers out of the range of a double);
// what it accepts encodes to text that decodes to an
// equal value and encodes the same again.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{}`, `[]`, `null`, `true`, `-0`, `0.1e-3`, `1e400`, `-1e400`, `9223372036854775808`, `-9223372036854775809`,
		`{"a":1,"b":[1,2.5,"x",null,false],"a":{"c":"\u00e9\ud83d\ude00"}}`, `"\ud800"`, "\"\xff\"", `[1,]`, `{"a" 1}`,
		`[[[[[[[[[[]]]]]]]]]]`, `"\u0000\b\f\n\r\t\"\\/"`, ` 1 `, `01`, `1.`, `.5`, `"` + "\x01" + `"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Decode(data)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T is not a *SyntaxError: %v", err, err)
			}
			if json.Valid(data) && !tooDeep(data) && !hugeNumber(data) {
				t.Fatalf("Decode refuses valid JSON %q: %v", data, err)
			}
			return
		}
		if !json.Valid(data) {
			t.Fatalf("Decode accepts invalid JSON %q", data)
		}
		text := Encode(v)
		w, err := Decode(text)
		if err != nil {
			t.Fatalf("Decode(Encode(%q)) = %q: %v", data, text, err)
		}
		if !Equal(v, w) {
			t.Fatalf("%q decodes to %#v, its encoding %q to %#v", data, v, text, w)
		}
		if again := Encode(w); string(again) != string(text) {
			t.Fatalf("encoding is not stable: %q then %q", text, again)
		}
	})
}

// tooDeep reports whether JSON text nests arrays and objects deeper than
// Decode allows.
func tooDeep(data []byte) bool {
	depth, inString := 0, false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '[' || c == '{':
			if depth++; depth > maxDecodeDepth {
				return true
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return false
}

// hugeNumber reports whether JSON text holds a number that a double
// cannot hold.
func hugeNumber(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return false
	}
	var huge func(v any) bool
	huge = func(v any) bool {
		switch x := v.(type) {
		case json.Number:
			f, _ := strconv.ParseFloat(string(x), 64)
			return math.IsInf(f, 0)
		case []any:
			for _, e := range x {
				if huge(e) {
					return true
				}
			}
		case map[string]any:
			for _, e := range x {
				if huge(e) {
					return true
				}
			}
		}
		return false
	}
	return huge(v)
}
