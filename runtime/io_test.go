package aslrt

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestStateIO runs the whole pipeline in AWS's order (A3.1): InputPath,
// Parameters, the work, ResultSelector, ResultPath into the raw input,
// OutputPath.
func TestStateIO(t *testing.T) {
	raw := MustDecode(`{"comment":"x","data":{"a":1,"b":2},"keep":true}`)
	io := &StateIO{
		InputPath:      MustPath("$.data"),
		Parameters:     MustTemplate(`{"sum.$":"States.MathAdd($.a, $.b)","exec.$":"$$.Execution.Name"}`),
		ResultSelector: MustTemplate(`{"total.$":"$.sum","from":"selector"}`),
		ResultPath:     MustReferencePath("$.result.value"),
		OutputPath:     MustPath("$.result"),
	}
	s := newTestScope()
	in, err := io.Input(raw, s)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`{"sum":3,"exec":"run-1"}`, jsonText(in)); diff != "" {
		t.Errorf("A3.9 effective input (-want +got)\n%s", diff)
	}
	// The work: a task that echoes its input.
	out, err := io.Output(raw, in, s)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`{"value":{"total":3,"from":"selector"}}`, jsonText(out)); diff != "" {
		t.Errorf("A3.1 output (-want +got)\n%s", diff)
	}
	if diff := cmp.Diff(`{"comment":"x","data":{"a":1,"b":2},"keep":true}`, jsonText(raw)); diff != "" {
		t.Errorf("the raw input changed (-want +got)\n%s", diff)
	}
	// All fields absent: the input passes through and the result replaces it.
	var none StateIO
	in, err = none.Input(raw, s)
	if err != nil || in != raw {
		t.Errorf("absent InputPath/Parameters: %v %v", jsonText(in), err)
	}
	out, err = none.Output(raw, "result", s)
	if err != nil || out != "result" {
		t.Errorf("absent ResultPath/OutputPath: %v %v", out, err)
	}
}

func TestApplyInputOutputPath(t *testing.T) {
	doc := MustDecode(`{"a":{"b":1},"list":[1,2,3]}`)
	s := newTestScope()
	tests := []struct {
		item  string
		path  *Path
		want  string
		cause string
	}{
		{"A3.2 absent keeps the input", nil, `{"a":{"b":1},"list":[1,2,3]}`, ""},
		{"A3.2 null gives {}", NullPath(), `{}`, ""},
		{"A3.2 $ keeps the input", MustPath("$"), `{"a":{"b":1},"list":[1,2,3]}`, ""},
		{"A3.2 path selects", MustPath("$.a"), `{"b":1}`, ""},
		{"A3.2 indefinite path", MustPath("$.list[1:]"), `[2,3]`, ""},
		{"A14.10 context object", MustPath("$$.Execution.Input"), `{"x":1,"list":[1,2]}`, ""},
		{"A15.6 variable", MustPath("$answer"), `42`, ""},
		{"A3.3 missing", MustPath("$.nope"), "", "Invalid path '$.nope' : No results for path: $['nope']"},
		{"A3.4 missing on the way", MustPath("$.x.y"), "", "Invalid path '$.x.y' : Missing property in path $['x']"},
	}
	for _, tt := range tests {
		for _, field := range []struct {
			name  string
			apply func(Value, *Path, Scope) (Value, error)
		}{{"InputPath", ApplyInputPath}, {"OutputPath", ApplyOutputPath}} {
			t.Run(field.name+" "+tt.item, func(t *testing.T) {
				got, err := field.apply(doc, tt.path, s)
				if tt.cause != "" {
					if err == nil {
						t.Fatalf("got %s, want an error", jsonText(got))
					}
					e := errorOf(t, err)
					if e.Name != ErrRuntime || e.Cause != tt.cause {
						t.Errorf("got %s: %s, want %s: %s", e.Name, e.Cause, ErrRuntime, tt.cause)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tt.want, jsonText(got)); diff != "" {
					t.Errorf("(-want +got)\n%s", diff)
				}
			})
		}
	}
	t.Run("A3.2 null gives a fresh object each time", func(t *testing.T) {
		a, _ := ApplyInputPath(doc, NullPath(), s)
		b, _ := ApplyInputPath(doc, NullPath(), s)
		if a.(*Object) == b.(*Object) {
			t.Error("the same object is returned twice")
		}
	})
}

func TestApplyResultPath(t *testing.T) {
	raw := `{"a":{"b":1,"c":{"d":2}},"list":[{"x":1},2],"s":"str","n":null}`
	result := MustDecode(`{"r":true}`)
	tests := []struct {
		item string
		path *Path
		raw  string
		want string
	}{
		{"A3.12 absent: the result is the output", nil, raw, `{"r":true}`},
		{"A3.12 null: the raw input is the output", NullPath(), raw, raw},
		{"A3.12 $: the result replaces the input", MustReferencePath("$"), raw, `{"r":true}`},
		{"A3.13 new member", MustReferencePath("$.res"), raw, `{"a":{"b":1,"c":{"d":2}},"list":[{"x":1},2],"s":"str","n":null,"res":{"r":true}}`},
		{"A3.13 overwrite in place", MustReferencePath("$.a"), raw, `{"a":{"r":true},"list":[{"x":1},2],"s":"str","n":null}`},
		{"A3.13 deep overwrite", MustReferencePath("$.a.c.d"), raw, `{"a":{"b":1,"c":{"d":{"r":true}}},"list":[{"x":1},2],"s":"str","n":null}`},
		{"A3.13 missing objects are created", MustReferencePath("$.x.y.z"), raw, `{"a":{"b":1,"c":{"d":2}},"list":[{"x":1},2],"s":"str","n":null,"x":{"y":{"z":{"r":true}}}}`},
		{"A3.13 created below an existing object", MustReferencePath("$.a.new.deeper"), raw, `{"a":{"b":1,"c":{"d":2},"new":{"deeper":{"r":true}}},"list":[{"x":1},2],"s":"str","n":null}`},
		{"A3.13 bracket names", MustReferencePath("$['a']['b']"), raw, `{"a":{"b":{"r":true},"c":{"d":2}},"list":[{"x":1},2],"s":"str","n":null}`},
		{"A3.13 into an array element", MustReferencePath("$.list[0].y"), raw, `{"a":{"b":1,"c":{"d":2}},"list":[{"x":1,"y":{"r":true}},2],"s":"str","n":null}`},
		{"A3.13 replace the last array element", MustReferencePath("$.list[-1]"), raw, `{"a":{"b":1,"c":{"d":2}},"list":[{"x":1},{"r":true}],"s":"str","n":null}`},
		{"A3.13 replace an array element", MustReferencePath("$.list[1]"), raw, `{"a":{"b":1,"c":{"d":2}},"list":[{"x":1},{"r":true}],"s":"str","n":null}`},
		{"A3.13 empty raw object", MustReferencePath("$.a"), `{}`, `{"a":{"r":true}}`},
		{"A3.13 overwrite a scalar member", MustReferencePath("$.s"), raw, `{"a":{"b":1,"c":{"d":2}},"list":[{"x":1},2],"s":{"r":true},"n":null}`},
	}
	for _, tt := range tests {
		t.Run(tt.item, func(t *testing.T) {
			rawVal := MustDecode(tt.raw)
			before := jsonText(rawVal)
			got, err := ApplyResultPath(rawVal, result, tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, jsonText(got)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
			if jsonText(rawVal) != before {
				t.Errorf("the raw input changed to %s", jsonText(rawVal))
			}
		})
	}
}

// TestResultPathMatchFailure covers A3.14 (cause text unverified).
func TestResultPathMatchFailure(t *testing.T) {
	result := MustDecode(`1`)
	tests := []struct {
		item, raw, path, cause string
	}{
		{"A3.14 raw input is a string", `"text"`, "$.a", `Unable to apply ReferencePath $.a to input "text"`},
		{"A3.14 raw input is null", `null`, "$.a", `Unable to apply ReferencePath $.a to input null`},
		{"A3.14 raw input is an array", `[1]`, "$.a", `Unable to apply ReferencePath $.a to input [1]`},
		{"A3.14 intermediate is a number", `{"a":{"b":5}}`, "$.a.b.c", `Unable to apply ReferencePath $.a.b.c to input {"a":{"b":5}}`},
		{"A3.14 intermediate is null", `{"a":null}`, "$.a.b", `Unable to apply ReferencePath $.a.b to input {"a":null}`},
		{"A3.14 index past the end", `{"l":[1]}`, "$.l[3]", `Unable to apply ReferencePath $.l[3] to input {"l":[1]}`},
		{"A3.14 negative index past the start", `{"l":[1]}`, "$.l[-2]", `Unable to apply ReferencePath $.l[-2] to input {"l":[1]}`},
		{"A3.14 index into an object", `{"l":{}}`, "$.l[0]", `Unable to apply ReferencePath $.l[0] to input {"l":{}}`},
		{"A3.14 index into a missing member", `{}`, "$.l[0]", `Unable to apply ReferencePath $.l[0] to input {}`},
	}
	for _, tt := range tests {
		t.Run(tt.item, func(t *testing.T) {
			got, err := ApplyResultPath(MustDecode(tt.raw), result, MustReferencePath(tt.path))
			if err == nil {
				t.Fatalf("got %s, want an error", jsonText(got))
			}
			e := errorOf(t, err)
			if e.Name != ErrResultPathMatchFailure {
				t.Errorf("name = %q", e.Name)
			}
			if diff := cmp.Diff(tt.cause, e.Cause); diff != "" {
				t.Errorf("cause (-want +got)\n%s", diff)
			}
		})
	}
	for _, p := range []*Path{MustPath("$$.Execution"), MustPath("$var.a"), MustPath("$.a[*]")} {
		t.Run("A3.15 A14.11 not writable "+p.String(), func(t *testing.T) {
			_, err := SetPath(MustDecode(`{}`), p, 1)
			if e := errorOf(t, err); e.Name != ErrResultPathMatchFailure {
				t.Errorf("name = %q", e.Name)
			}
		})
	}
}

// TestSetPathCopiesOnlyTheSpine: SetPath copies the containers on the way
// to the change and shares everything else with the input.
func TestSetPathCopiesOnlyTheSpine(t *testing.T) {
	doc := MustDecode(`{"big":{"x":[1,2,3]},"path":{"to":{"old":1},"side":{"y":2}}}`).(*Object)
	out, err := SetPath(doc, MustReferencePath("$.path.to.new"), "v")
	if err != nil {
		t.Fatal(err)
	}
	o := out.(*Object)
	get := func(v Value, keys ...string) Value {
		for _, k := range keys {
			v, _ = v.(*Object).Get(k)
		}
		return v
	}
	if o == doc || get(o, "path") == get(doc, "path") || get(o, "path", "to") == get(doc, "path", "to") {
		t.Error("a container on the way to the change was not copied")
	}
	if get(o, "big") != get(doc, "big") || get(o, "path", "side") != get(doc, "path", "side") {
		t.Error("a container off the way to the change was copied")
	}
	if _, ok := get(doc, "path", "to").(*Object).Get("new"); ok {
		t.Error("the input was modified")
	}
}

func TestCheckPayloadSize(t *testing.T) {
	t.Run("A19.1 at the limit", func(t *testing.T) {
		v := strings.Repeat("a", MaxPayloadSize-2) // with its quotes: exactly the limit
		if err := CheckPayloadSize("S", v); err != nil {
			t.Errorf("%d bytes refused: %v", MaxPayloadSize, err)
		}
	})
	t.Run("A19.1 A17.6 one byte over", func(t *testing.T) {
		v := ObjectOf(Member{"Arg1", strings.Repeat("a", MaxPayloadSize-10)}) // {"Arg1":"…"}: one byte more than the limit
		if n := len(Encode(v)); n != MaxPayloadSize+1 {
			t.Fatalf("the value is %d bytes of JSON", n)
		}
		err := CheckPayloadSize("State_1", v)
		e := errorOf(t, err)
		if e.Name != ErrDataLimitExceeded {
			t.Errorf("name = %q", e.Name)
		}
		want := "The state/task 'State_1' returned a result with a size exceeding the maximum number of bytes service limit."
		if e.Cause != want {
			t.Errorf("cause = %q, want %q", e.Cause, want)
		}
	})
}

// TestJSONSize: JSONSize agrees with the length of Encode.
func TestJSONSize(t *testing.T) {
	values := []Value{
		nil, true, false, "", "plain", "quote\"back\\slash", "ctl\x00\x1f\n\t\r\b\f", "é→😀", "bad\xffutf8",
		int64(0), int64(-123456789), int64(math.MaxInt64), 1.5, 1e21, 1e-7, math.Copysign(0, -1), 123456.789,
		[]Value{}, []Value{int64(1)}, []Value{int64(1), "two", nil},
		NewObject(0), MustDecode(`{"a":1}`), MustDecode(`{"a":[1,{"b":"c"}],"k\"ey":null,"e":{}}`),
	}
	for _, v := range values {
		want := len(Encode(v))
		if got := JSONSize(v, math.MaxInt); got != want {
			t.Errorf("JSONSize(%s) = %d, want %d", Encode(v), got, want)
		}
	}
	big := make([]Value, 1000)
	for i := range big {
		big[i] = strings.Repeat("x", 100)
	}
	if got := JSONSize(big, 500); got <= 500 {
		t.Errorf("JSONSize with a limit of 500 = %d, want more than 500", got)
	}
}
