package parse

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aslc/aslc/compiler/ast"
	aslrt "github.com/aslc/aslc/runtime"
)

// TestJSONSyntaxErrors: text that is not JSON gives one positioned
// INVALID_JSON_DESCRIPTION with a Jackson-style message (A2.3); text that
// is not an object gives A2.2's message.
func TestJSONSyntaxErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", "d.json:1:1: SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object"},
		{"blank", " \n", "d.json:1:1: SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object"},
		{"array", "\n  [1]", "d.json:2:3: SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object"},
		{"string", `"x"`, "d.json:1:1: SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object"},
		{"bare word", "hello", "d.json:1:1: INVALID_JSON_DESCRIPTION: Unrecognized token 'hello': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"},
		{"unquoted key", "{\n  StartAt: 1}", "d.json:2:3: INVALID_JSON_DESCRIPTION: Unexpected character ('S' (code 83)): was expecting double-quote to start field name"},
		{"single quotes", `{"a": 'b'}`, "d.json:1:7: INVALID_JSON_DESCRIPTION: Unexpected character (''' (code 39)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"},
		{"missing colon", `{"a" 1}`, "d.json:1:6: INVALID_JSON_DESCRIPTION: Unexpected character ('1' (code 49)): was expecting a colon to separate field name and value"},
		{"missing comma", `{"a": 1 "b": 2}`, "d.json:1:9: INVALID_JSON_DESCRIPTION: Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries"},
		{"trailing comma", `{"a": 1,}`, "d.json:1:9: INVALID_JSON_DESCRIPTION: Unexpected character ('}' (code 125)): was expecting double-quote to start field name"},
		{"array comma", `{"a": [1 2]}`, "d.json:1:10: INVALID_JSON_DESCRIPTION: Unexpected character ('2' (code 50)): was expecting comma to separate Array entries"},
		{"unclosed object", "{\"a\": 1", "d.json:1:8: INVALID_JSON_DESCRIPTION: Unexpected end-of-input: expected close marker for Object (start marker at line: 1, column: 1)"},
		{"unclosed string", `{"a": "x`, "d.json:1:9: INVALID_JSON_DESCRIPTION: Unexpected end-of-input: was expecting closing quote for a string value"},
		{"control char", "{\"a\": \"x\ny\"}", "d.json:1:9: INVALID_JSON_DESCRIPTION: Illegal unquoted character ((CTRL-CHAR, code 10)): has to be escaped using backslash to be included in string value"},
		{"bad escape", `{"a": "\q"}`, "d.json:1:8: INVALID_JSON_DESCRIPTION: Unrecognized character escape 'q' (code 113)"},
		{"leading zero", `{"a": 01}`, "d.json:1:7: INVALID_JSON_DESCRIPTION: Invalid numeric value: Leading zeroes not allowed"},
		{"lone minus", `{"a": -}`, "d.json:1:8: INVALID_JSON_DESCRIPTION: Unexpected character ('}' (code 125)) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value"},
		{"trailing text", `{} x`, "d.json:1:4: INVALID_JSON_DESCRIPTION: Unexpected character ('x' (code 120)): expected end of input after the definition"},
		{"invalid utf8", "{\"a\": \"\xff\"}", "d.json:1:8: INVALID_JSON_DESCRIPTION: Invalid UTF-8 start byte 0xff"},
		{"comment", "{} // note", "d.json:1:4: INVALID_JSON_DESCRIPTION: Unexpected character ('/' (code 47)): expected end of input after the definition"},
		{"crlf lines", "{\r\n\"a\":\r\n x}", "d.json:3:2: INVALID_JSON_DESCRIPTION: Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"},
		{"deep", strings.Repeat("[", 1001), "d.json:1:1001: INVALID_JSON_DESCRIPTION: Document nesting depth (1001) exceeds the maximum allowed (1000)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, diags := Source("d.json", []byte(tt.src), JSON)
			if m != nil {
				t.Errorf("got a machine for malformed text")
			}
			if diff := cmp.Diff(tt.want, diags.Error()); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

// TestJSONValues: values keep their exact text and member order; escapes
// decode; positions and pointers are right.
func TestJSONValues(t *testing.T) {
	src := "{\"a\": 12345678901234567890123,\n \"b\": [1.50, -0, 1e2, true, null],\n \"c\": \"\\u00e9\\ud83d\\ude00\\n\", \"z\": {}, \"y\": 9007199254740993}"
	n, diags := Value("v.json", []byte(src), JSON)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if got := n.Get("a").Text; got != "12345678901234567890123" {
		t.Errorf("big number text = %q", got)
	}
	b := n.Get("b")
	var texts []string
	for _, e := range b.Elems[:3] {
		texts = append(texts, e.Text)
	}
	if diff := cmp.Diff([]string{"1.50", "-0", "1e2"}, texts); diff != "" {
		t.Errorf("number texts (-want +got):\n%s", diff)
	}
	if got := n.Get("c").Text; got != "é😀\n" {
		t.Errorf("escapes decoded to %q", got)
	}
	if got, want := b.Elems[4].Pointer, "/b[4]"; got != want {
		t.Errorf("pointer = %q, want %q", got, want)
	}
	if got, want := b.Pos.String(), "v.json:2:7"; got != want {
		t.Errorf("pos = %s, want %s", got, want)
	}
	if got, want := n.Member("b").KeyPos.String(), "v.json:2:2"; got != want {
		t.Errorf("key pos = %s, want %s", got, want)
	}
	v := n.Value()
	if got := aslrt.EncodeString(v); got != `{"a":1.2345678901234568E22,"b":[1.5,0,100.0,true,null],"c":"é😀\n","z":{},"y":9007199254740993}` {
		t.Errorf("Value() = %s", got)
	}
	if y, _ := v.(*aslrt.Object).Get("y"); y != int64(9007199254740993) {
		t.Errorf("y = %#v, want the exact int64", y)
	}
}

// TestDuplicateKeys: a repeated state name is DUPLICATE_STATE_NAME (A1.13),
// any other repeated key is refused too; the first occurrence is kept.
func TestDuplicateKeys(t *testing.T) {
	src := `{"StartAt": "A", "States": {
  "A": {"Type": "Pass", "Result": {"x": 1, "x": 2}, "End": true},
  "A": {"Type": "Succeed"}}}`
	m, diags := Source("d.json", []byte(src), JSON)
	want := "d.json:2:44: INVALID_JSON_DESCRIPTION: Duplicate field 'x' at /States/A/Result\n" +
		"d.json:3:3: DUPLICATE_STATE_NAME: Duplicate State name: A at /States/A"
	if diff := cmp.Diff(want, diags.Error()); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	if len(m.States) != 1 {
		t.Fatalf("got %d states, want the first A only", len(m.States))
	}
	if _, ok := m.States[0].(*ast.Pass); !ok {
		t.Errorf("kept %T, want the first (Pass) state", m.States[0])
	}
}

// TestPointerBound: text that nests deeply under long keys is refused
// before the pointers of its values, each repeating the keys above it,
// take memory quadratic in its size; deep nesting under short keys is
// read.
func TestPointerBound(t *testing.T) {
	key := strings.Repeat("k", 1000)
	deepJSON := strings.Repeat(`{"`+key+`":`, 999) + "1" + strings.Repeat("}", 999)
	var deepYAML strings.Builder
	for i := range 999 {
		deepYAML.WriteString(strings.Repeat(" ", i) + key + ":\n")
	}
	deepYAML.WriteString(strings.Repeat(" ", 999) + "x: 1\n")
	for _, tt := range []struct {
		f   Format
		src string
	}{{JSON, deepJSON}, {YAML, deepYAML.String()}} {
		t.Run(tt.f.String(), func(t *testing.T) {
			_, diags := Value("d", []byte(tt.src), tt.f)
			if len(diags) != 1 || diags[0].Code != ast.CodeInvalidJSON || !strings.HasPrefix(diags[0].Message, "The document nests too deeply under long field names") {
				t.Errorf("diagnostics %v", diags)
			}
		})
	}
	short := strings.Repeat(`{"k":`, 999) + "1" + strings.Repeat("}", 999)
	if n, diags := Value("d", []byte(short), JSON); n == nil || len(diags) > 0 {
		t.Errorf("deep nesting under short keys: %v", diags)
	}
}
