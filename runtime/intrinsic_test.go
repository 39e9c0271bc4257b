package aslrt

import (
	"errors"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const intrinsicInput = `{
  "name": "World", "n": 3, "f": 1.5, "t": true, "nil": null,
  "obj": {"Arg1": 1, "Arg2": []}, "arr": [1, 2, "three"],
  "template": "It's {}!", "nested": {"Id": "arn:x", "Name": "n", "L": [1, {"a": null}]},
  "items": [1, 2, 3, 4, 5, 6, 7, 8, 9], "s": "a,b,,c"
}`

// TestIntrinsicEval covers the 18 functions (A5.2–A5.26) on valid
// arguments; expectations come from recorded AWS runs where one exists.
func TestIntrinsicEval(t *testing.T) {
	input := MustDecode(intrinsicInput)
	tests := []struct {
		item, call, want string
	}{
		{"A5.8 strings unquoted", `States.Format('Hello {}', $.name)`, `"Hello World"`},
		{"A5.8 numbers", `States.Format('{} and {}', $.n, $.f)`, `"3 and 1.5"`},
		{"A5.8 null and booleans", `States.Format('{} {} {}', $.nil, $.t, false)`, `"null true false"`},
		{"A5.8 literal arguments", `States.Format('{}-{}', 'a', 10)`, `"a-10"`},
		{"A5.8 no placeholders", `States.Format('plain')`, `"plain"`},
		{"A5.8 empty string argument", `States.Format('[{}]', '')`, `"[]"`},
		{"A5.9 object Java style", `States.Format('{}', $.obj)`, `"{Arg1=1, Arg2=[]}"`},
		{"A5.9 array Java style", `States.Format('{}', $.arr)`, `"[1, 2, three]"`},
		{"A5.9 nested", `States.Format('{}', $.nested)`, `"{Id=arn:x, Name=n, L=[1, {a=null}]}"`},
		{"A5.8 braces inside a string argument", `States.Format('{}', '{"a": 1}')`, `"{\"a\": 1}"`},
		{"A5.5 escaped braces are not placeholders", `States.Format('\{\} {}', 1)`, `"{} 1"`},
		{"A5.5 escaped quote and backslash", `States.Format('it\'s \\ {}', 'x')`, `"it's \\ x"`},
		{"A5.10 template from a path", `States.Format($.template, $.name)`, `"It's World!"`},
		{"A5.11 StringToJson object", `States.StringToJson('{"a": [1, 2]}')`, `{"a":[1,2]}`},
		{"A5.11 StringToJson blank", `States.StringToJson('  ')`, `null`},
		{"A5.11 StringToJson empty", `States.StringToJson('')`, `null`},
		{"A5.11 StringToJson -0", `States.StringToJson('-0')`, `0`},
		{"A5.11 StringToJson string", `States.StringToJson('"x"')`, `"x"`},
		{"A5.12 JsonToString object", `States.JsonToString($.obj)`, `"{\"Arg1\":1,\"Arg2\":[]}"`},
		{"A5.12 JsonToString string", `States.JsonToString($.name)`, `"\"World\""`},
		{"A5.12 JsonToString null", `States.JsonToString($.nil)`, `"null"`},
		{"A5.12 JsonToString float", `States.JsonToString($.f)`, `"1.5"`},
		{"A5.13 Array", `States.Array($.name, 1, $.obj, null)`, `["World",1,{"Arg1":1,"Arg2":[]},null]`},
		{"A5.13 empty Array", `States.Array()`, `[]`},
		{"A5.14 ArrayPartition", `States.ArrayPartition($.items, 4)`, `[[1,2,3,4],[5,6,7,8],[9]]`},
		{"A5.14 ArrayPartition exact", `States.ArrayPartition(States.Array(1, 2), 1)`, `[[1],[2]]`},
		{"A5.14 ArrayPartition larger chunk", `States.ArrayPartition(States.Array(0, 1), 4)`, `[[0,1]]`},
		{"A5.14 ArrayPartition empty", `States.ArrayPartition(States.Array(), 2)`, `[]`},
		{"A5.15 ArrayContains", `States.ArrayContains($.items, 5)`, `true`},
		{"A5.15 ArrayContains missing", `States.ArrayContains($.items, 10)`, `false`},
		{"A5.15 ArrayContains deep", `States.ArrayContains(States.Array(States.Array(1, 2, 3), 2), States.Array(1, 2, 3))`, `true`},
		{"A5.15 ArrayContains strict type", `States.ArrayContains($.arr, '1')`, `false`},
		{"A5.15 ArrayContains object", `States.ArrayContains(States.Array($.obj), States.StringToJson('{"Arg2":[],"Arg1":1}'))`, `true`},
		{"A5.16 ArrayRange inclusive", `States.ArrayRange(0, 9, 3)`, `[0,3,6,9]`},
		{"A5.16 ArrayRange not past end", `States.ArrayRange(0, 10, 3)`, `[0,3,6,9]`},
		{"A5.16 ArrayRange single", `States.ArrayRange(1, 9, 9)`, `[1]`},
		{"A5.16 ArrayRange downwards", `States.ArrayRange(5, 1, -2)`, `[5,3,1]`},
		{"A5.16 ArrayRange wrong direction", `States.ArrayRange(1, 5, -1)`, `[]`},
		{"A5.16 ArrayRange integral floats", `States.ArrayRange(1.0, 3, 1)`, `[1,2,3]`},
		{"A5.17 ArrayGetItem", `States.ArrayGetItem($.items, 5)`, `6`},
		{"A5.17 ArrayGetItem first", `States.ArrayGetItem($.arr, 0)`, `1`},
		{"A5.18 ArrayLength", `States.ArrayLength($.items)`, `9`},
		{"A5.19 ArrayUnique", `States.ArrayUnique(States.Array(1, 2, 1, 'a', 3, 'a', 2.0, null, null))`, `[1,2,"a",3,null]`},
		{"A5.19 ArrayUnique deep", `States.ArrayUnique(States.Array($.obj, States.Array(1), $.obj, States.Array(1.0), States.Array()))`, `[{"Arg1":1,"Arg2":[]},[1],[]]`},
		{"A5.19 ArrayUnique numbers by value", `States.ArrayUnique(States.Array(0, -0.0, 1e0, 1, 9007199254740993, 9007199254740992.0, 9007199254740992))`, `[0,1e0,9007199254740993,9007199254740992.0]`},
		{"A5.19 ArrayUnique member order ignored", `States.ArrayUnique(States.Array(States.StringToJson('{"a":1,"b":[2]}'), States.StringToJson('{"b":[2.0],"a":1}'), '1', 1))`, `[{"a":1,"b":[2]},"1",1]`},
		{"A5.20 Base64Encode", `States.Base64Encode('Data to encode')`, `"RGF0YSB0byBlbmNvZGU="`},
		{"A5.20 Base64Encode empty", `States.Base64Encode('')`, `""`},
		{"A5.20 Base64Encode UTF-8", `States.Base64Encode('é')`, `"w6k="`},
		{"A5.20 Base64Decode", `States.Base64Decode('RGF0YSB0byBlbmNvZGU=')`, `"Data to encode"`},
		{"A5.20 Base64Decode without padding", `States.Base64Decode('RGF0YSB0byBlbmNvZGU')`, `"Data to encode"`},
		{"A5.20 Base64Decode empty", `States.Base64Decode('')`, `""`},
		{"A5.21 Hash MD5", `States.Hash('input data', 'MD5')`, `"812f45842bc6d66ee14572ce20db8e86"`},
		{"A5.21 Hash SHA-1", `States.Hash('input data', 'SHA-1')`, `"aaff4a450a104cd177d28d18d74485e8cae074b7"`},
		{"A5.21 Hash SHA-256", `States.Hash('input data', 'SHA-256')`, `"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"`},
		{"A5.21 Hash SHA-384", `States.Hash('input data', 'SHA-384')`, `"d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562"`},
		{"A5.21 Hash SHA-512", `States.Hash('input data', 'SHA-512')`, `"6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4"`},
		{"A5.22 JsonMerge shallow", `States.JsonMerge(States.StringToJson('{"a": {"a1": 1, "a2": 2}, "b": 2, "d": 3}'), States.StringToJson('{"a": {"a3": 1, "a4": 2}, "c": 3, "d": 4}'), false)`, `{"a":{"a3":1,"a4":2},"b":2,"d":4,"c":3}`},
		{"A5.24 MathAdd 1.49+1.5", `States.MathAdd(1.49, 1.5)`, `3`},
		{"A5.24 MathAdd 1.5+1.51", `States.MathAdd(1.5, 1.51)`, `4`},
		{"A5.24 MathAdd -1.5+0", `States.MathAdd(-1.5, 0)`, `-1`},
		{"A5.24 MathAdd -2.5+0", `States.MathAdd(-2.5, 0)`, `-2`},
		{"A5.24 MathAdd -0.5+0.5", `States.MathAdd(-0.5, 0.5)`, `1`},
		{"A5.24 MathAdd -1.49+-1.5", `States.MathAdd(-1.49, -1.5)`, `-2`},
		{"A5.24 MathAdd just below a half", `States.MathAdd(0.49999999999999994, 0)`, `0`},
		{"A5.24 MathAdd integers", `States.MathAdd($.n, -1)`, `2`},
		{"A5.24 MathAdd bounds", `States.MathAdd(2147483647, 2147483647)`, `4294967294`},
		{"A5.24 MathAdd lower bounds", `States.MathAdd(-2147483648, -2147483648)`, `-4294967296`},
		{"A5.25 StringSplit drops empty pieces", `States.StringSplit($.s, ',')`, `["a","b","c"]`},
		{"A5.25 StringSplit only separators", `States.StringSplit(',,,,', ',')`, `[]`},
		{"A5.25 StringSplit keeps blanks", `States.StringSplit(', , ,', ',')`, `[" "," "]`},
		{"A5.25 StringSplit character set", `States.StringSplit('This.is+a,test=string', '.+,=')`, `["This","is","a","test","string"]`},
		{"A5.25 StringSplit raw newline", "States.StringSplit('Hello\nWorld', '\n')", `["Hello","World"]`},
		{"A5.25 StringSplit multibyte", `States.StringSplit('a→b→c', '→')`, `["a","b","c"]`},
		{"A5.25 StringSplit empty delimiter", `States.StringSplit('abc', '')`, `["abc"]`},
		{"A5.4 nested calls", `States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))`, `"machine"`},
		{"A5.3 variable argument", `States.MathAdd($answer, 1)`, `43`},
		{"A5.3 context argument", `States.Format('{}', $$.Execution.Name)`, `"run-1"`},
		{"A5.3 path with brackets and commas", `States.Format('{}', $['obj']['Arg1'])`, `"1"`},
		{"A5.3 filter path argument", `States.ArrayLength($.items[?(@ > 4)])`, `5`},
		{"A5.3 blanks around arguments", "States.MathAdd(  1 ,\t2  )", `3`},
		{"A5.3 exponent and sign", `States.Array(-1.5e2, +2, 0.25)`, `[-150.0,2,0.25]`},
	}
	for _, tt := range tests {
		t.Run(tt.item, func(t *testing.T) {
			c, err := ParseIntrinsic(tt.call)
			if err != nil {
				t.Fatalf("ParseIntrinsic(%q): %v", tt.call, err)
			}
			got, err := c.Eval(input, newTestScope())
			if err != nil {
				t.Fatalf("Eval: %v", err)
			}
			want := MustDecode(tt.want)
			if !Equal(want, got) || jsonText(want) != jsonText(got) && !IsNumber(want) {
				t.Errorf("got %s, want %s", jsonText(got), tt.want)
			}
		})
	}
}

// TestIntrinsicFailures covers run-time failures (A5.6, A5.7, A5.10,
// A19.5). The corpus records no failing intrinsic call, so the names follow
// the CHECKLIST (States.IntrinsicFailure for bad arguments, States.Runtime
// for paths that select nothing) and the causes are this runtime's own.
func TestIntrinsicFailures(t *testing.T) {
	input := MustDecode(intrinsicInput)
	long := strings.Repeat("x", 10001)
	tests := []struct {
		item, call, name, cause string
	}{
		{"A5.6 missing path argument", `States.Format('{}', $.missing)`, ErrRuntime, "The JSONPath '$.missing' specified for the field 'f.$' could not be found in the input '" + jsonText(input) + "'"},
		{"A5.10 missing template path", `States.Format($.nope, 1)`, ErrRuntime, "The JSONPath '$.nope' specified for the field 'f.$'"},
		{"A5.6 missing path in a nested call", `States.ArrayLength(States.Array($.a.b.c))`, ErrRuntime, "The JSONPath '$.a.b.c' specified for the field 'f.$'"},
		{"A5.7 Format count mismatch", `States.Format('{} {}', 1)`, ErrIntrinsicFailure, "Invalid arguments in States.Format: the template has 2 placeholders but 1 arguments follow it"},
		{"A5.7 Format too many arguments", `States.Format('x', 1)`, ErrIntrinsicFailure, "the template has 0 placeholders but 1 arguments follow it"},
		{"A5.7 Format template not a string", `States.Format($.n)`, ErrIntrinsicFailure, "argument 1 must be a string, but was number"},
		{"A5.7 StringToJson invalid", `States.StringToJson('{')`, ErrIntrinsicFailure, "Invalid arguments in States.StringToJson: the string is not valid JSON"},
		{"A5.7 StringToJson not a string", `States.StringToJson($.obj)`, ErrIntrinsicFailure, "argument 1 must be a string, but was object"},
		{"A5.14 ArrayPartition zero", `States.ArrayPartition($.items, 0)`, ErrIntrinsicFailure, "the chunk size must be a positive integer, but was 0"},
		{"A5.14 ArrayPartition fraction", `States.ArrayPartition($.items, 1.5)`, ErrIntrinsicFailure, "argument 2 must be an integer, but was 1.5"},
		{"A5.14 ArrayPartition not an array", `States.ArrayPartition($.obj, 1)`, ErrIntrinsicFailure, "argument 1 must be an array, but was object"},
		{"A5.15 ArrayContains not an array", `States.ArrayContains($.name, 1)`, ErrIntrinsicFailure, "argument 1 must be an array, but was string"},
		{"A5.16 ArrayRange zero step", `States.ArrayRange(1, 5, 0)`, ErrIntrinsicFailure, "the step must not be 0"},
		{"A5.16 ArrayRange too long", `States.ArrayRange(0, 1000, 1)`, ErrIntrinsicFailure, "the range has more than 1000 elements"},
		{"A5.16 ArrayRange string", `States.ArrayRange('1', 5, 1)`, ErrIntrinsicFailure, "argument 1 must be an integer, but was string"},
		{"A5.17 ArrayGetItem out of range", `States.ArrayGetItem($.items, 9)`, ErrIntrinsicFailure, "index 9 is out of bounds for an array of length 9"},
		{"A5.17 ArrayGetItem negative", `States.ArrayGetItem($.items, -1)`, ErrIntrinsicFailure, "index -1 is out of bounds"},
		{"A5.17 ArrayGetItem fraction", `States.ArrayGetItem($.items, 0.5)`, ErrIntrinsicFailure, "argument 2 must be an integer, but was 0.5"},
		{"A5.18 ArrayLength not an array", `States.ArrayLength($.obj)`, ErrIntrinsicFailure, "argument 1 must be an array, but was object"},
		{"A5.20 Base64Decode invalid", `States.Base64Decode('***')`, ErrIntrinsicFailure, "the input is not valid Base64"},
		{"A19.5 Base64Encode too long", `States.Base64Encode($.long)`, ErrIntrinsicFailure, "the input is longer than 10000 characters"},
		{"A19.5 Hash too long", `States.Hash($.long, 'MD5')`, ErrIntrinsicFailure, "the input is longer than 10000 characters"},
		{"A5.21 Hash unknown algorithm", `States.Hash('x', 'sha256')`, ErrIntrinsicFailure, `the hash algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but was "sha256"`},
		{"A5.21 Hash data not a string", `States.Hash($.obj, 'MD5')`, ErrIntrinsicFailure, "argument 1 must be a string, but was object"},
		{"A5.22 JsonMerge deep", `States.JsonMerge($.obj, $.obj, true)`, ErrIntrinsicFailure, "deep merge is not supported"},
		{"A5.22 JsonMerge not objects", `States.JsonMerge($.obj, $.arr, false)`, ErrIntrinsicFailure, "argument 2 must be an object, but was array"},
		{"A5.22 JsonMerge flag not boolean", `States.JsonMerge($.obj, $.obj, 'false')`, ErrIntrinsicFailure, "argument 3 must be a boolean, but was string"},
		{"A5.24 MathAdd string", `States.MathAdd('1', 2)`, ErrIntrinsicFailure, "argument 1 must be a number, but was string"},
		{"A19.5 MathAdd out of 32-bit range", `States.MathAdd(2147483648, 1)`, ErrIntrinsicFailure, "argument 1 must be within the 32-bit integer range, but was 2147483648"},
		{"A19.5 MathAdd second out of 32-bit range", `States.MathAdd(1, 2147483648)`, ErrIntrinsicFailure, "argument 2 must be within the 32-bit integer range, but was 2147483648"},
		{"A19.5 MathAdd below the 32-bit range", `States.MathAdd(-2147483649, 0)`, ErrIntrinsicFailure, "argument 1 must be within the 32-bit integer range, but was -2147483649"},
		{"A19.5 MathAdd float out of range", `States.MathAdd(1, -2147483648.6)`, ErrIntrinsicFailure, "argument 2 must be within the 32-bit integer range"},
		{"A5.23 MathRandom start after end", `States.MathRandom(5, 1)`, ErrIntrinsicFailure, "the start 5 is greater than the end 1"},
		{"A5.23 MathRandom string", `States.MathRandom('1', 5)`, ErrIntrinsicFailure, "argument 1 must be a number, but was string"},
		{"A5.25 StringSplit not a string", `States.StringSplit($.arr, ',')`, ErrIntrinsicFailure, "argument 1 must be a string, but was array"},
	}
	obj := input.(*Object).Clone()
	obj.Set("long", long)
	for _, tt := range tests {
		t.Run(tt.item, func(t *testing.T) {
			c, err := ParseIntrinsic(tt.call)
			if err != nil {
				t.Fatalf("ParseIntrinsic(%q): %v", tt.call, err)
			}
			in := input
			if strings.Contains(tt.call, "$.long") {
				in = obj
			}
			got, err := c.EvalField(in, newTestScope(), "f.$")
			if err == nil {
				t.Fatalf("Eval = %s, want an error", jsonText(got))
			}
			e := errorOf(t, err)
			if e.Name != tt.name {
				t.Errorf("name = %q, want %q", e.Name, tt.name)
			}
			if !strings.Contains(e.Cause, tt.cause) {
				t.Errorf("cause = %q, want it to contain %q", e.Cause, tt.cause)
			}
		})
	}
}

// TestIntrinsicRandom covers States.UUID and States.MathRandom, which draw
// from the scope's randomness (A5.23, A5.26).
func TestIntrinsicRandom(t *testing.T) {
	uuidRE := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	s := newTestScope()
	seen := map[string]bool{}
	for range 100 {
		v, err := MustIntrinsic("States.UUID()").Eval(nil, s)
		if err != nil {
			t.Fatal(err)
		}
		u := v.(string)
		if !uuidRE.MatchString(u) {
			t.Fatalf("A5.26 %q is not a version 4 UUID", u)
		}
		if seen[u] {
			t.Fatalf("A5.26 UUID %q repeated", u)
		}
		seen[u] = true
	}
	t.Run("A5.23 range", func(t *testing.T) {
		counts := map[int64]int{}
		for range 2000 {
			v, err := MustIntrinsic("States.MathRandom(-2, 2)").Eval(nil, s)
			if err != nil {
				t.Fatal(err)
			}
			n := v.(int64)
			if n < -2 || n > 2 {
				t.Fatalf("MathRandom(-2, 2) = %d", n)
			}
			counts[n]++
		}
		if len(counts) != 5 {
			t.Errorf("MathRandom(-2, 2) produced %v, want all of -2..2", counts)
		}
	})
	t.Run("A5.23 fractions truncated", func(t *testing.T) {
		for range 200 {
			v, err := MustIntrinsic("States.MathRandom(12.5, 44.51)").Eval(nil, s)
			if err != nil {
				t.Fatal(err)
			}
			if n := v.(int64); n < 12 || n > 44 {
				t.Fatalf("MathRandom(12.5, 44.51) = %d", n)
			}
		}
	})
	t.Run("A5.23 seeded is repeatable and follows java.util.Random", func(t *testing.T) {
		// Values from the JDK: new java.util.Random(42).nextInt(10) is 0,
		// Random(7).nextInt(100) 36, Random(-5).nextInt(1000) 411 and
		// Random(123456789).nextInt(16) 10.
		for _, tt := range []struct {
			call string
			want int64
		}{
			{"States.MathRandom(1, 10, 42)", 1},
			{"States.MathRandom(0, 99, 7)", 36},
			{"States.MathRandom(0, 999, -5)", 411},
			{"States.MathRandom(100, 115, 123456789)", 110},
		} {
			for range 3 {
				v, err := MustIntrinsic(tt.call).Eval(nil, newTestScope())
				if err != nil {
					t.Fatal(err)
				}
				if v != tt.want {
					t.Fatalf("%s = %v, want %d", tt.call, v, tt.want)
				}
			}
		}
	})
	t.Run("no scope", func(t *testing.T) {
		_, err := MustIntrinsic("States.UUID()").Eval(nil, nil)
		if e := errorOf(t, err); e.Name != ErrIntrinsicFailure {
			t.Errorf("name = %q", e.Name)
		}
	})
}

// TestParseIntrinsic covers the argument grammar (A5.3–A5.5, A2.25).
func TestParseIntrinsic(t *testing.T) {
	valid := []string{
		`States.UUID()`,
		`States.Array( )`,
		`States.Format('{}', States.Format('{}', States.Format('{}', States.Format('{}', States.Format('{}', States.Format('{}', States.Format('{}', States.Format('{}', States.Format('{}', 1)))))))))`,
		`States.Format('a\'b\{\}\\c')`,
		"States.Format('line1\nline2')",
		`States.Array(true, false, null, 1, -1, 1.5, 2e3)`,
		`States.Array($, $$, $x, $.a[0], $$.Execution.Input['a b'], $.a[?(@.b == ',')])`,
	}
	for _, s := range valid {
		t.Run("valid "+s, func(t *testing.T) {
			c, err := ParseIntrinsic(s)
			if err != nil {
				t.Fatalf("ParseIntrinsic(%q): %v", s, err)
			}
			if c.String() != s {
				t.Errorf("String() = %q", c.String())
			}
		})
	}
	invalid := []struct{ item, call, msg string }{
		{"A2.25 escaped double quote", `States.Format('\"x\"')`, `invalid escape in a string argument: only \' \{ \} and \\ are allowed`},
		{"A2.25 escaped n", `States.Format('\n')`, `invalid escape in a string argument`},
		{"A5.2 unknown function", `States.Nope(1)`, `unknown intrinsic function "States.Nope"`},
		{"A5.2 case-sensitive", `States.format('x')`, `unknown intrinsic function "States.format"`},
		{"A5.2 no prefix", `Format('x')`, `expected a path starting with '$' or an intrinsic function call`},
		{"A5.2 not a call", `hello`, `expected a path starting with '$' or an intrinsic function call`},
		{"arity too few", `States.ArrayGetItem($.a)`, `States.ArrayGetItem takes 2 arguments, got 1`},
		{"arity too many", `States.UUID(1)`, `States.UUID takes 0 arguments, got 1`},
		{"arity range", `States.MathRandom(1, 2, 3, 4)`, `States.MathRandom takes 2 to 3 arguments, got 4`},
		{"arity minimum", `States.Format()`, `States.Format takes at least 1 argument, got 0`},
		{"A5.4 nested deeper than 10", `States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array())))))))))))`, `intrinsic function calls are nested more than 10 deep`},
		{"unclosed call", `States.Array(1`, `missing ')' at the end of States.Array`},
		{"unclosed string", `States.Format('x)`, `string argument is not closed by '`},
		{"trailing text", `States.Array() x`, `unexpected text after the closing ')' of States.Array`},
		{"missing argument", `States.Array(1,)`, `invalid argument at position 15`},
		{"double quotes", `States.Format("x")`, `invalid argument at position 14`},
		{"bad number", `States.Array(1.2.3)`, `invalid number "1.2.3"`},
		{"bad path", `States.Array($.a b)`, `invalid path "$.a b"`},
		{"word literal", `States.Array(nullx)`, `invalid argument at position 13`},
		{"A5.1 blank before name", ` States.UUID()`, `expected a path starting with '$' or an intrinsic function call`},
	}
	for _, tt := range invalid {
		t.Run(tt.item, func(t *testing.T) {
			c, err := ParseIntrinsic(tt.call)
			if err == nil {
				t.Fatalf("ParseIntrinsic(%q) = %v, want an error", tt.call, c)
			}
			var se *PathSyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T is not a *PathSyntaxError", err)
			}
			if !strings.HasPrefix(se.Msg, tt.msg) {
				t.Errorf("message = %q, want it to start with %q", se.Msg, tt.msg)
			}
		})
	}
}

func TestIntrinsicStringLiteral(t *testing.T) {
	// A5.5: inside quotes \' \{ \} \\ give ' { } \, a raw newline stays.
	c := MustIntrinsic("States.Array('it\\'s', '\\{x\\}', 'back\\\\slash', 'two\nlines')")
	got, err := c.Eval(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []Value{"it's", "{x}", `back\slash`, "two\nlines"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestIntrinsicMetadata(t *testing.T) {
	names := IntrinsicNames()
	if len(names) != 18 {
		t.Fatalf("A5.2 %d intrinsic functions, want 18: %v", len(names), names)
	}
	stringFns := map[string]bool{
		"States.Format": true, "States.JsonToString": true, "States.ArrayGetItem": true,
		"States.Base64Encode": true, "States.Base64Decode": true, "States.Hash": true, "States.UUID": true,
	}
	for _, name := range names {
		args := map[string]string{
			"States.Format": "'x'", "States.StringToJson": "'1'", "States.JsonToString": "1", "States.Array": "",
			"States.ArrayPartition": "$.a, 1", "States.ArrayContains": "$.a, 1", "States.ArrayRange": "1, 2, 1",
			"States.ArrayGetItem": "$.a, 0", "States.ArrayLength": "$.a", "States.ArrayUnique": "$.a",
			"States.Base64Encode": "'x'", "States.Base64Decode": "'eA=='", "States.Hash": "'x', 'MD5'",
			"States.JsonMerge": "$.o, $.o, false", "States.MathRandom": "1, 2", "States.MathAdd": "1, 2",
			"States.StringSplit": "'a', ','", "States.UUID": "",
		}[name]
		c, err := ParseIntrinsic(name + "(" + args + ")")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if c.Name() != name {
			t.Errorf("Name() = %q, want %q", c.Name(), name)
		}
		if c.ReturnsString() != stringFns[name] {
			t.Errorf("A5.27 %s ReturnsString() = %v", name, c.ReturnsString())
		}
		v, err := c.Eval(MustDecode(`{"a":[1],"o":{}}`), newTestScope())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, isString := v.(string); stringFns[name] && name != "States.ArrayGetItem" && !isString {
			t.Errorf("A5.27 %s returned %s", name, jsonText(v))
		}
	}
}

func TestMustIntrinsicPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	MustIntrinsic("States.Nope()")
}

// TestFormatTemplates (A5.5, A5.8): format copies the text between
// placeholders and escapes as it is, reading the template one character at
// a time as the definition of States.Format does, for random templates of
// braces, backslashes and text, with and without escapes.
func TestFormatTemplates(t *testing.T) {
	// charByChar is the plain reading of a template.
	charByChar := func(tmpl string, escapes bool, args []Value) (string, bool) {
		var b []byte
		next := 0
		for i := 0; i < len(tmpl); i++ {
			switch ch := tmpl[i]; {
			case escapes && ch == '\\' && i+1 < len(tmpl):
				b = append(b, tmpl[i+1])
				i++
			case ch == '{' && i+1 < len(tmpl) && tmpl[i+1] == '}':
				if next == len(args) {
					return "", false
				}
				b = appendJavaString(b, args[next])
				next++
				i++
			default:
				b = append(b, ch)
			}
		}
		return string(b), next == len(args)
	}
	parts := []string{"{", "}", "{}", "\\", "\\{", "a", "bc", " ", "é"}
	args := []Value{"s", int64(-7), 1.5, nil, true, []Value{int64(1)}}
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		tmpl := ""
		for range r.IntN(8) {
			tmpl += parts[r.IntN(len(parts))]
		}
		n := r.IntN(4)
		for _, escapes := range []bool{false, true} {
			got, gotOK := format(tmpl, escapes, args[:n])
			want, wantOK := charByChar(tmpl, escapes, args[:n])
			if gotOK != wantOK || gotOK && got != want {
				t.Errorf("format(%q, %v, %d args) = %q %v, want %q %v", tmpl, escapes, n, got, gotOK, want, wantOK)
			}
		}
	}
}
