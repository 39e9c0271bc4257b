package aslrt

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"unsafe"
)

func TestTemplateEval(t *testing.T) {
	input := `{"a":1,"b":{"c":[1,2,3]},"s":"$.a","users":[{"status":0},{"status":1}]}`
	tests := []struct {
		item, template, want string
	}{
		{"A3.5 literal keys copied", `{"x":1,"y":"$.a","z":{"w":null}}`, `{"x":1,"y":"$.a","z":{"w":null}}`},
		{"A3.5 path key renamed", `{"x.$":"$.a"}`, `{"x":1}`},
		{"A3.5 order kept", `{"first":0,"mid.$":"$.b.c[1]","last":true}`, `{"first":0,"mid":2,"last":true}`},
		{"A3.5 nested objects", `{"o":{"p":{"q.$":"$.b.c"}},"k":"v"}`, `{"o":{"p":{"q":[1,2,3]}},"k":"v"}`},
		{"A3.5 inside arrays", `{"list":[{"v.$":"$.a"},2,[{"w.$":"$.s"}]]}`, `{"list":[{"v":1},2,[{"w":"$.a"}]]}`},
		{"A3.6 context object", `{"name.$":"$$.Execution.Name"}`, `{"name":"run-1"}`},
		{"A3.6 variable", `{"v.$":"$answer"}`, `{"v":42}`},
		{"A3.6 intrinsic", `{"v.$":"States.Format('{}-{}', $.a, $answer)"}`, `{"v":"1-42"}`},
		{"A3.20 whole input", `{"all.$":"$"}`, `{"all":` + input + `}`},
		{"A3.20 whole context", `{"ctx.$":"$$.StateMachine"}`, `{"ctx":{"Id":"arn:aws:states:us-east-1:111111111111:stateMachine:my-machine","Name":"my-machine"}}`},
		{"A4.4 filter", `{"f.$":"$.users[?(@.status == 0)]"}`, `{"f":[{"status":0}]}`},
		{"A4.5 empty wildcard", `{"f.$":"$.nothing[*]"}`, `{"f":[]}`},
		{"A1.5 Comment is data", `{"Comment":"kept","x.$":"$.a"}`, `{"Comment":"kept","x":1}`},
		{"A3.5 literal top level", `"just a string"`, `"just a string"`},
		{"A3.5 array top level", `[{"a.$":"$.a"}]`, `[{"a":1}]`},
		{"A3.5 empty object", `{}`, `{}`},
		{"A3.5 key that is only .$", `{".$":"$.a"}`, `{"":1}`},
		{"A3.5 more than eight members", `{"k1.$":"$.a","k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9.$":"$.b.c[2]"}`, `{"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":3}`},
	}
	for _, tt := range tests {
		t.Run(tt.item, func(t *testing.T) {
			tmpl, err := ParseTemplate(MustDecode(tt.template))
			if err != nil {
				t.Fatalf("ParseTemplate: %v", err)
			}
			got, err := tmpl.Eval(MustDecode(input), newTestScope())
			if err != nil {
				t.Fatalf("Eval: %v", err)
			}
			if diff := cmp.Diff(tt.want, jsonText(got)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
			if o, ok := got.(*Object); ok {
				for _, m := range o.Members() {
					if v, ok := o.Get(m.Key); !ok || !Equal(v, m.Value) {
						t.Errorf("Get(%q) does not find the member", m.Key)
					}
				}
			}
		})
	}
}

func TestTemplateFailures(t *testing.T) {
	input := MustDecode(`{"a": 1, "b": "x"}`)
	tests := []struct {
		item, template, name, cause string
	}{
		{"A3.7 missing path", `{"k.$":"$.nope"}`, ErrRuntime, `The JSONPath '$.nope' specified for the field 'k.$' could not be found in the input '{"a":1,"b":"x"}'`},
		{"A3.7 missing nested path", `{"o":{"deep.$":"$.a.b"}}`, ErrRuntime, `The JSONPath '$.a.b' specified for the field 'deep.$' could not be found in the input '{"a":1,"b":"x"}'`},
		{"A3.8 missing context path", `{"k.$":"$$.Execution.Input.nope"}`, ErrRuntime, `The JSONPath '$$.Execution.Input.nope' specified for the field 'k.$' could not be found in the input '{"a":1,"b":"x"}'`},
		{"A3.7 missing variable", `{"k.$":"$nope"}`, ErrRuntime, `The JSONPath '$nope' specified for the field 'k.$' could not be found in the input '{"a":1,"b":"x"}'`},
		{"A5.6 missing intrinsic argument", `{"k.$":"States.Format('{}', $.z)"}`, ErrRuntime, `The JSONPath '$.z' specified for the field 'k.$' could not be found in the input '{"a":1,"b":"x"}'`},
		{"A5.7 intrinsic failure", `{"k.$":"States.ArrayLength($.a)"}`, ErrIntrinsicFailure, `Invalid arguments in States.ArrayLength: argument 1 must be an array, but was number`},
	}
	for _, tt := range tests {
		t.Run(tt.item, func(t *testing.T) {
			got, err := MustTemplate(tt.template).Eval(input, newTestScope())
			if err == nil {
				t.Fatalf("Eval = %s, want an error", jsonText(got))
			}
			e := errorOf(t, err)
			if e.Name != tt.name {
				t.Errorf("name = %q, want %q", e.Name, tt.name)
			}
			if diff := cmp.Diff(tt.cause, e.Cause); diff != "" {
				t.Errorf("cause (-want +got)\n%s", diff)
			}
		})
	}
}

// TestParseTemplateErrors covers A2.12, A2.25 and A3.19.
func TestParseTemplateErrors(t *testing.T) {
	tests := []struct {
		item, template, field, pointer, msg string
	}{
		{"A2.12 not a path", `{"lorem.$":"ipsum"}`, "lorem.$", "", "The value for the field 'lorem.$' must be a valid JSONPath or a valid intrinsic function call"},
		{"A2.12 bad path", `{"x":1,"k.$":"$.a b"}`, "k.$", "", "The value for the field 'k.$' must be a valid JSONPath or a valid intrinsic function call"},
		{"A2.12 nested", `{"o":{"p":[{"k.$":"$["}]}}`, "k.$", "/o/p/0", "The value for the field 'k.$' must be a valid JSONPath or a valid intrinsic function call"},
		{"A2.12 not a string", `{"k.$":5}`, "k.$", "", "The value for the field 'k.$' must be a valid JSONPath or a valid intrinsic function call"},
		{"A2.25 bad escape", `{"k.$":"States.Format('\\\"')"}`, "k.$", "", "The value for the field 'k.$' must be a valid JSONPath or a valid intrinsic function call"},
		{"A2.12 pointer escaping", `{"a/b":{"c~d":{"k.$":"x"}}}`, "k.$", "/a~1b/c~0d", "The value for the field 'k.$' must be a valid JSONPath or a valid intrinsic function call"},
		{"A3.19 duplicate after stripping", `{"a":1,"a.$":"$.x"}`, "a.$", "", "The field 'a' appears more than once once the '.$' suffixes are removed"},
		{"A3.19 duplicate the other way", `{"a.$":"$.x","a":1}`, "a.$", "", "The field 'a' appears more than once once the '.$' suffixes are removed"},
		{"A3.19 duplicate in a big object", `{"b":1,"c":2,"d":3,"e":4,"f":5,"g":6,"h":7,"i":8,"a":1,"j":9,"a.$":"$.x"}`, "a.$", "", "The field 'a' appears more than once once the '.$' suffixes are removed"},
		{"A3.19 duplicate the other way in a big object", `{"b":1,"c":2,"d":3,"e":4,"f":5,"g":6,"h":7,"i":8,"a.$":"$.x","j":9,"a":1}`, "a.$", "", "The field 'a' appears more than once once the '.$' suffixes are removed"},
	}
	for _, tt := range tests {
		t.Run(tt.item, func(t *testing.T) {
			_, err := ParseTemplate(MustDecode(tt.template))
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("error %v (%T) is not a *TemplateError", err, err)
			}
			if te.Field != tt.field || te.Pointer != tt.pointer {
				t.Errorf("Field %q Pointer %q, want %q %q", te.Field, te.Pointer, tt.field, tt.pointer)
			}
			if diff := cmp.Diff(tt.msg, te.Error()); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestTemplateSharesLiterals(t *testing.T) {
	tmpl := MustTemplate(`{"lit":{"deep":[1,2]},"x.$":"$.a"}`)
	if tmpl.IsLiteral() {
		t.Error("IsLiteral for a template with a path")
	}
	a, err := tmpl.Eval(MustDecode(`{"a":1}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := tmpl.Eval(MustDecode(`{"a":2}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	la, _ := a.(*Object).Get("lit")
	lb, _ := b.(*Object).Get("lit")
	if la.(*Object) != lb.(*Object) {
		t.Error("the literal part was copied")
	}
	if a.(*Object) == b.(*Object) {
		t.Error("two evaluations share the result object")
	}
	if !MustTemplate(`{"a":{"b":[1]}}`).IsLiteral() {
		t.Error("IsLiteral is false for a literal template")
	}
}

func TestParseFieldExpression(t *testing.T) {
	p, c, err := ParseFieldExpression("$.a")
	if err != nil || p == nil || c != nil {
		t.Errorf("path: %v %v %v", p, c, err)
	}
	p, c, err = ParseFieldExpression("States.UUID()")
	if err != nil || p != nil || c == nil {
		t.Errorf("intrinsic: %v %v %v", p, c, err)
	}
	if _, _, err := ParseFieldExpression("nope"); err == nil {
		t.Error("neither path nor call accepted")
	}
	if !IsPathExpression("$$.x") || IsPathExpression("States.UUID()") {
		t.Error("IsPathExpression")
	}
}

func TestMustTemplatePanics(t *testing.T) {
	for _, text := range []string{`{"a.$":"x"}`, `{`} {
		t.Run(text, func(t *testing.T) {
			defer func() {
				r := recover()
				if r == nil || !strings.Contains(r.(string), "aslrt:") {
					t.Errorf("recover() = %v", r)
				}
			}()
			MustTemplate(text)
		})
	}
}

// TestTemplateConcurrent: compiled templates, paths and calls are shared by
// every execution, so they must be safe for concurrent use (run with -race).
func TestTemplateConcurrent(t *testing.T) {
	tmpl := MustTemplate(`{"a.$":"$.x[*]","b.$":"States.Format('{}', $.x)","c.$":"States.UUID()","lit":{"k":[1]}}`)
	rp := MustReferencePath("$.out.r")
	done := make(chan error)
	for g := range 8 {
		go func() {
			s := newTestScope()
			in := ObjectOf(Member{"x", []Value{int64(g)}})
			for range 200 {
				v, err := tmpl.Eval(in, s)
				if err == nil {
					_, err = SetPath(in, rp, v)
				}
				if err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

// TestTemplateFitsACacheLine: what an evaluation reads of a Template is
// one 64-byte object, so that a chain of states, each with a template of
// its own, reads one cache line per template.
func TestTemplateFitsACacheLine(t *testing.T) {
	if n := unsafe.Sizeof(Template{}); n != 64 {
		t.Errorf("a Template is %d bytes, want 64", n)
	}
}
