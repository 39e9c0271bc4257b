package aslrt

import (
	"strings"
	"testing"
)

var fuzzDocs = []string{
	`{"a":{"b":[1,{"c":"x"},null]},"items":[{"id":1,"tags":["t"]},{"id":"2"}],"s":"str","n":1.5,"e":[],"o":{}}`,
	`[1,[2,[3,[4]]],{"a":[{"a":{"a":1}}]}]`,
	`"just a string"`,
	`null`,
}

// FuzzParsePath: parsing never panics, a parsed path keeps its text and
// evaluates against any document without panicking, and every reference
// path is a definite path.
func FuzzParsePath(f *testing.F) {
	for _, s := range []string{
		`$`, `$$`, `$.a.b`, `$['a']["b"]`, `$.a[0]`, `$.a[-1]`, `$.a[1:3]`, `$.a[:2]`, `$.a[-2:]`,
		`$.a[*]`, `$.*`, `$..c`, `$..[0]`, `$.a['b','c']`, `$.a[0,1]`, `$var.x`, `$$.Execution.Input`,
		`$.items[?(@.id == 1)]`, `$.items[?(@.id > 1 && @.tags size 1 || !@.x)]`, `$[?(@.s =~ /s.*/i)]`,
		`$.items[?(@.id in [1, '2'])]`, `$['Test\""Name"']`, `$[?(@.a == {"b": [1, 'x']})]`,
		`$.a b`, `$[`, `$..`, `$[1:2:3]`, `$.a.length()`,
	} {
		f.Add(s)
	}
	var docs []Value
	for _, d := range fuzzDocs {
		docs = append(docs, MustDecode(d))
	}
	scope := newTestScope()
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePath(s)
		rp, rerr := ParseReferencePath(s)
		if rerr == nil {
			if err != nil {
				t.Fatalf("%q is a reference path but not a path: %v", s, err)
			}
			if !rp.IsReference() || !rp.Definite() {
				t.Fatalf("reference path %q is not definite", s)
			}
		}
		if err != nil {
			if _, ok := err.(*PathSyntaxError); !ok {
				t.Fatalf("error %T is not a *PathSyntaxError", err)
			}
			return
		}
		if p.String() != s {
			t.Fatalf("String() = %q, want %q", p.String(), s)
		}
		for _, doc := range docs {
			v, err := p.Eval(doc, scope)
			if err == nil && !p.Definite() {
				if _, ok := v.([]Value); !ok {
					t.Fatalf("indefinite path %q gave %s", s, jsonText(v))
				}
			}
			if err != nil {
				_, known := scope.Variable(p.Variable())
				limit := strings.Contains(err.Error(), "the path visits more than")
				if !p.Definite() && !limit && (p.Root() != RootVariable || known) {
					t.Fatalf("indefinite path %q failed: %v", s, err)
				}
				_ = errorOf(t, err)
			}
			if p.IsReference() {
				_, _ = SetPath(doc, p, int64(1))
			}
		}
	})
}
