package aslrt

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const pathDoc = `{
  "a": {"b": {"c": 1}, "s": "text", "n": null},
  "items": [{"id": 0, "v": "x"}, {"id": 1, "v": "y"}, {"id": 2}],
  "vals": [0, 10, 20, 30, 40, 50],
  "users": [{"year": 1997, "status": 0}, {"year": 1998, "status": 1}],
  "Test\\\"\"Name\"": "quoted",
  "with space": 7,
  "dash-key": "d",
  "empty": [],
  "nested": [[1, 2], [3, 4]]
}`

// TestPathEval covers the JSONPath dialect (A4.1–A4.6, A4.9).
func TestPathEval(t *testing.T) {
	doc := MustDecode(pathDoc)
	tests := []struct {
		item, path, want string
	}{
		{"A4.1 root", `$`, ""},
		{"A4.2 dot", `$.a.b.c`, `1`},
		{"A4.2 bracket", `$['a']['b']['c']`, `1`},
		{"A4.2 double-quoted bracket", `$["a"]["s"]`, `"text"`},
		{"A4.2 mixed", `$.a['b'].c`, `1`},
		{"A4.2 dot then bracket", `$.a.['s']`, `"text"`},
		{"A4.2 quoted name with quotes and backslashes", `$['Test\""Name"']`, `"quoted"`},
		{"A4.2 blank in bracket name", `$['with space']`, `7`},
		{"A4.2 dash in dot name", `$.dash-key`, `"d"`},
		{"A4.3 index 0", `$.items[0]`, `{"id":0,"v":"x"}`},
		{"A4.3 index into element", `$.items[1].v`, `"y"`},
		{"A4.3 nested index", `$.nested[1][0]`, `3`},
		{"A4.9 negative index", `$.vals[-1]`, `50`},
		{"A4.2 null member", `$.a.n`, `null`},
		{"A4.4 filter one match is still an array", `$.users[?(@.status == 0)]`, `[{"year":1997,"status":0}]`},
		{"A4.4 filter then name", `$.users[?(@.year > 1997)].status`, `[1]`},
		{"A4.5 wildcard over empty object", `$.a.b.c[*]`, `[]`},
		{"A4.5 wildcard into missing", `$.missing[*]`, `[]`},
		{"A4.5 slice into missing", `$.missing.items[1:5].x`, `[]`},
		{"A4.5 slice from into missing", `$.missing[1:]`, `[]`},
		{"A4.5 slice to into missing", `$.missing[:1]`, `[]`},
		{"A4.5 empty array wildcard", `$.empty[*]`, `[]`},
		{"A4.6 wildcard on array", `$.items[*].id`, `[0,1,2]`},
		{"A4.6 wildcard skips missing members", `$.items[*].v`, `["x","y"]`},
		{"A4.6 dot wildcard on object", `$.a.b.*`, `[1]`},
		{"A4.6 bracket wildcard on object", `$.a[*]`, `[{"c":1},"text",null]`},
		{"A4.6 several indexes", `$.vals[0,2,-1]`, `[0,20,50]`},
		{"A4.6 several indexes out of range skipped", `$.vals[1,99]`, `[10]`},
		{"A4.9 slice", `$.vals[1:3]`, `[10,20]`},
		{"A4.9 slice from", `$.vals[4:]`, `[40,50]`},
		{"A4.9 slice to", `$.vals[:2]`, `[0,10]`},
		{"A4.9 negative slice from", `$.vals[-3:]`, `[30,40,50]`},
		{"A4.9 negative slice to", `$.vals[:-4]`, `[0,10]`},
		{"A4.9 slice past end", `$.vals[4:100]`, `[40,50]`},
		{"A4.9 empty slice", `$.vals[3:1]`, `[]`},
		{"A4.6 deep scan name", `$..id`, `[0,1,2]`},
		{"A4.6 deep scan in document order", `$..c`, `[1]`},
		{"A4.6 deep scan index", `$.nested..[0]`, `[[1,2],1,3]`},
		{"A4.6 several names as last step build an object", `$.a['s','n','missing']`, `{"s":"text","n":null}`},
		{"A4.6 several names then more steps", `$['a','users'][0]`, `[{"year":1997,"status":0}]`},
	}
	for _, tt := range tests {
		t.Run(tt.item+" "+tt.path, func(t *testing.T) {
			p, err := ParsePath(tt.path)
			if err != nil {
				t.Fatalf("ParsePath(%q): %v", tt.path, err)
			}
			got, err := p.Eval(doc, nil)
			if err != nil {
				t.Fatalf("Eval: %v", err)
			}
			want := tt.want
			if want == "" {
				want = jsonText(doc)
			}
			if diff := cmp.Diff(want, jsonText(got)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// TestPathMissing covers the causes of definite paths that select nothing
// (A3.3, A3.4, A4.10).
func TestPathMissing(t *testing.T) {
	doc := MustDecode(pathDoc)
	tests := []struct {
		item, path, cause string
	}{
		{"A3.3 missing last name", `$.nope`, `Invalid path '$.nope' : No results for path: $['nope']`},
		{"A3.3 missing last name below", `$.a.b.nope`, `Invalid path '$.a.b.nope' : No results for path: $['a']['b']['nope']`},
		{"A3.4 missing name on the way", `$.no.such.result.path`, `Invalid path '$.no.such.result.path' : Missing property in path $['no']`},
		{"A3.4 missing name deeper", `$.a.x.y`, `Invalid path '$.a.x.y' : Missing property in path $['a']['x']`},
		{"A4.10 case-sensitive", `$.A`, `Invalid path '$.A' : No results for path: $['A']`},
		{"A4.10 name into a string", `$.a.s.x`, `Invalid path '$.a.s.x' : No results for path: $['a']['s']['x']`},
		{"A4.10 name into a string on the way", `$.a.s.x.y`, `Invalid path '$.a.s.x.y' : Missing property in path $['a']['s']['x']`},
		{"A4.10 name into null", `$.a.n.x`, `Invalid path '$.a.n.x' : No results for path: $['a']['n']['x']`},
		{"A4.10 index past the end", `$.items[10]`, `Invalid path '$.items[10]' : No results for path: $['items'][10]`},
		{"A4.10 index into an object", `$.a[0]`, `Invalid path '$.a[0]' : No results for path: $['a'][0]`},
		{"A4.10 name below a missing index", `$.items[5].id`, `Invalid path '$.items[5].id' : No results for path: $['items'][5]['id']`},
		{"A4.10 name into an array", `$.items.id`, `Invalid path '$.items.id' : No results for path: $['items']['id']`},
		{"A4.2 bracket names render alike", `$['a']["zz"]`, `Invalid path '$['a']["zz"]' : No results for path: $['a']['zz']`},
	}
	for _, tt := range tests {
		t.Run(tt.item+" "+tt.path, func(t *testing.T) {
			p := MustPath(tt.path)
			v, err := p.Eval(doc, nil)
			if err == nil {
				t.Fatalf("Eval = %s, want an error", jsonText(v))
			}
			e := errorOf(t, err)
			if e.Name != ErrRuntime {
				t.Errorf("name = %q, want %q", e.Name, ErrRuntime)
			}
			if diff := cmp.Diff(tt.cause, e.Cause); diff != "" {
				t.Errorf("cause (-want +got)\n%s", diff)
			}
			if _, ok := p.Lookup(doc, nil); ok {
				t.Errorf("Lookup reports a match")
			}
			if p.Exists(doc, nil) {
				t.Errorf("Exists = true")
			}
		})
	}
}

// TestPathRoots covers $$ and $name roots (A4.1, A3.6, A14.10, A15.6).
func TestPathRoots(t *testing.T) {
	s := newTestScope()
	input := MustDecode(`{"x":"input"}`)
	tests := []struct {
		item, path, want, cause string
	}{
		{"A4.1 input", `$.x`, `"input"`, ""},
		{"A4.1 context object", `$$.Execution.Name`, `"run-1"`, ""},
		{"A14.10 context input", `$$.Execution.Input`, `{"x":1,"list":[1,2]}`, ""},
		{"A14.9 map item", `$$.Map.Item.Value.id`, `"i2"`, ""},
		{"A14.10 whole context", `$$.StateMachine`, `{"Id":"arn:aws:states:us-east-1:111111111111:stateMachine:my-machine","Name":"my-machine"}`, ""},
		{"A4.1 context wildcard", `$$.Execution.Input.list[*]`, `[1,2]`, ""},
		{"A15.6 variable", `$answer`, `42`, ""},
		{"A15.6 variable member", `$obj.a.b`, `"deep"`, ""},
		{"A15.6 variable bracket", `$obj['a']['b']`, `"deep"`, ""},
		{"A15.6 variable index", `$list[1]`, `20`, ""},
		{"A15.6 variable slice", `$list[1:]`, `[20,30]`, ""},
		{"A15.6 variable null member", `$obj.n`, `null`, ""},
		{"A3.3 missing context member", `$$.Execution.Nope`, "", `Invalid path '$$.Execution.Nope' : No results for path: $['Execution']['Nope']`},
		{"A3.3 missing variable member", `$obj.a.nope`, "", `Invalid path '$obj.a.nope' : No results for path: $obj['a']['nope']`},
		{"A3.3 missing variable", `$unknown`, "", `Invalid path '$unknown' : No results for path: $unknown`},
		{"A3.3 missing variable below", `$unknown.a`, "", `Invalid path '$unknown.a' : No results for path: $unknown`},
	}
	for _, tt := range tests {
		t.Run(tt.item+" "+tt.path, func(t *testing.T) {
			p := MustPath(tt.path)
			got, err := p.Eval(input, s)
			if tt.cause != "" {
				if err == nil {
					t.Fatalf("Eval = %s, want an error", jsonText(got))
				}
				if diff := cmp.Diff(tt.cause, errorOf(t, err).Cause); diff != "" {
					t.Errorf("cause (-want +got)\n%s", diff)
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

func TestPathAccessors(t *testing.T) {
	tests := []struct {
		path      string
		root      PathRoot
		variable  string
		definite  bool
		reference bool
	}{
		{`$`, RootInput, "", true, true},
		{`$$`, RootContext, "", true, true},
		{`$$.Execution.Input`, RootContext, "", true, true},
		{`$answer.a[0]`, RootVariable, "answer", true, true},
		{`$_x1`, RootVariable, "_x1", true, true},
		{`$.a[*]`, RootInput, "", false, false},
		{`$.a[-1]`, RootInput, "", true, true},
		{`$.a['b','c']`, RootInput, "", true, false},
		{`$.a['b','c'].d`, RootInput, "", false, false},
		{`$..a`, RootInput, "", false, false},
		{`$.a[1:2]`, RootInput, "", false, false},
		{`$.a[?(@.b)]`, RootInput, "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			p := MustPath(tt.path)
			if p.String() != tt.path || p.Root() != tt.root || p.Variable() != tt.variable ||
				p.Definite() != tt.definite || p.IsReference() != tt.reference {
				t.Errorf("got String %q Root %d Variable %q Definite %v IsReference %v, want %q %d %q %v %v",
					p.String(), p.Root(), p.Variable(), p.Definite(), p.IsReference(),
					tt.path, tt.root, tt.variable, tt.definite, tt.reference)
			}
		})
	}
	if !NullPath().IsNull() || MustPath("$").IsNull() || NullPath().IsReference() {
		t.Error("NullPath is not told apart from paths")
	}
	if !MustPath("$$").IsRoot() || MustPath("$.a").IsRoot() {
		t.Error("IsRoot")
	}
}

// TestParsePathErrors: malformed paths are refused with a message the
// validator can quote (A2.12, A2.13).
func TestParsePathErrors(t *testing.T) {
	tests := []struct {
		path, msg string
	}{
		{``, "Path must start with '$'"},
		{`a.b`, "Path must start with '$'"},
		{` $.a`, "Path must start with '$'"},
		{`$.`, "Path must not end with a '.'"},
		{`$..`, "Path must not end with a '..'"},
		{`$...a`, "Character '.' on position 3 is not valid."},
		{`$.a b`, "Use bracket notation ['my prop'] if your property contains blank characters. position: 3"},
		{`$.a.length()`, "Path functions such as 'length()' are not supported"},
		{`$[`, "Path must not end with a '['"},
		{`$['a'`, "Expected ']' at position 5"},
		{`$['a]`, "Property name is not closed by '"},
		{`$[a]`, "Unexpected character 'a' after '[' at position 2: expected a quoted name, a number, '*' or '?('"},
		{`$[]`, "Unexpected character ']' after '[' at position 2: expected a quoted name, a number, '*' or '?('"},
		{`$[1:2:3]`, "Slice steps ([from:to:step]) are not supported, at position 5"},
		{`$[:]`, "Slice needs a start or an end index, at position 3"},
		{`$[1,]`, "Invalid array index at position 4"},
		{`$[99999999999]`, "Invalid array index at position 2"},
		{`$[?@.a]`, "Expected '(' after '?' at position 3"},
		{`$[?(@.a ==)]`, "Unexpected character ')' in the filter at position 10"},
		{`$[?(@.a =~ 'x')]`, "The right side of '=~' must be a regular expression /.../"},
		{`$[?(@.a == /x/)]`, "A regular expression can only be used with '=~'"},
		{`$[?(@.a =~ /(?<=x)/)]`, "Unsupported regular expression"},
		{`$[?(@.a == 1]`, "Expected ')' to close the filter at position 12"},
		{`$[?(1 == 1 2)]`, "Expected ')' to close the filter at position 11"},
		{`$[?('x')]`, "Expected a comparison operator at position 7"},
		{`$[?($$.a)]`, "The context object ($$) cannot be used inside a filter"},
		{`$['a']x`, "Unexpected character 'x' at position 6"},
		{"$.a\xff", "path is not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			p, err := ParsePath(tt.path)
			if err == nil {
				t.Fatalf("ParsePath(%q) = %v, want an error", tt.path, p)
			}
			var se *PathSyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T is not a *PathSyntaxError", err)
			}
			if !strings.HasPrefix(se.Msg, tt.msg) {
				t.Errorf("message = %q, want it to start with %q", se.Msg, tt.msg)
			}
			if se.Text != tt.path {
				t.Errorf("Text = %q", se.Text)
			}
		})
	}
}

// TestParseReferencePath covers A4.7, A4.8 and A2.13.
func TestParseReferencePath(t *testing.T) {
	valid := []string{`$.a[-1]`, `$`, `$$`, `$.a`, `$.a.b`, `$['a'][0]`, `$.a[10].b`, `$$.Execution.Input`, `$var`, `$var.a[1]`, `$['a b']`}
	for _, s := range valid {
		t.Run("A4.8 valid "+s, func(t *testing.T) {
			if _, err := ParseReferencePath(s); err != nil {
				t.Errorf("ParseReferencePath(%q): %v", s, err)
			}
		})
	}
	invalid := []struct{ path, msg string }{
		{`a.b`, "Reference path didn't start with '$'"},
		{``, "Reference path didn't start with '$'"},
		{`States.Format('x')`, "Reference path didn't start with '$'"},
		{`$.a[*]`, "Reference path must select a single node: '[*]' is not allowed"},
		{`$.a.*`, "Reference path must select a single node: '[*]' is not allowed"},
		{`$.a[0:1]`, "Reference path must select a single node: '[0:1]' is not allowed"},
		{`$..a`, "Reference path must select a single node: '..' is not allowed"},
		{`$.a[?(@.b)]`, "Reference path must select a single node: '[?]' is not allowed"},
		{`$.a[0,1]`, "Reference path must select a single node: '[0,1]' is not allowed"},
		{`$['a','b']`, "Reference path must select a single node: '['a','b']' is not allowed"},
		{`$.`, "Path must not end with a '.'"},
	}
	for _, tt := range invalid {
		t.Run("A4.7 invalid "+tt.path, func(t *testing.T) {
			_, err := ParseReferencePath(tt.path)
			if err == nil {
				t.Fatalf("ParseReferencePath(%q) succeeded", tt.path)
			}
			if err.Error() != tt.msg {
				t.Errorf("message = %q, want %q", err.Error(), tt.msg)
			}
		})
	}
}

// TestPathFilter covers filter expressions in Jayway's semantics (A4.4).
func TestPathFilter(t *testing.T) {
	doc := MustDecode(`{
	  "books": [
	    {"title": "A", "price": 8.95, "tags": ["x", "y"], "isbn": "1", "n": 1},
	    {"title": "B", "price": 12, "tags": [], "n": "1"},
	    {"title": "C", "price": 22.5, "tags": ["y"], "isbn": null, "n": 1.0},
	    {"title": "dee", "price": "9", "n": true}
	  ],
	  "limit": 10,
	  "single": {"price": 5}
	}`)
	tests := []struct {
		filter, want string
	}{
		{`@.price < 10`, `["A"]`},
		{`@.price <= 12`, `["A","B"]`},
		{`@.price > 10`, `["B","C"]`},
		{`@.price >= 22.5`, `["C"]`},
		{`@.price == 12`, `["B"]`},
		{`@.price == 12.0`, `["B"]`},
		{`@.price != 12`, `["A","C","dee"]`},
		{`@.price < $.limit`, `["A"]`},
		{`@.price == '9'`, `["dee"]`},
		{`@.title == 'B'`, `["B"]`},
		{`@.title == "B"`, `["B"]`},
		{`@.title < 'B'`, `["A"]`},
		{`@.isbn`, `["A","C"]`},
		{`!@.isbn`, `["B","dee"]`},
		{`@.isbn == null`, `["C"]`},
		{`@.price > 10 && @.price < 20`, `["B"]`},
		{`@.price < 9 || @.title == 'C'`, `["A","C"]`},
		{`!(@.price < 9 || @.title == 'C')`, `["B","dee"]`},
		{`(@.price < 9) && (@.n == 1)`, `["A"]`},
		{`@.title =~ /[a-c]/i`, `["A","B","C"]`},
		{`@.title =~ /d.*/`, `["dee"]`},
		{`@.title =~ /e/`, `[]`},
		{`@.title in ['A', 'C']`, `["A","C"]`},
		{`@.title nin ["A", "C"]`, `["B","dee"]`},
		{`@.tags subsetof ['x', 'y', 'z']`, `["A","B","C"]`},
		{`@.tags anyof ['y']`, `["A","C"]`},
		{`@.tags noneof ['y']`, `["B"]`},
		{`@.tags size 2`, `["A"]`},
		{`@.title size 3`, `["dee"]`},
		{`@.tags empty true`, `["B"]`},
		{`@.tags empty false`, `["A","C"]`},
		{`@.n == 1`, `["A","B","C"]`},
		{`@.n == true`, `["dee"]`},
		{`@.n == '1'`, `["A","B","C"]`},
		{`'1' == @.n`, `["A","B"]`},
		{`@['title'] == 'A'`, `["A"]`},
		{`@.tags[0] == 'y'`, `["C"]`},
		{`@.missing == 1`, `[]`},
		{`@.missing != 1`, `["A","B","C","dee"]`},
		{`@.missing < 1`, `[]`},
	}
	for _, tt := range tests {
		t.Run("A4.4 "+tt.filter, func(t *testing.T) {
			p, err := ParsePath(`$.books[?(` + tt.filter + `)].title`)
			if err != nil {
				t.Fatal(err)
			}
			got, err := p.Eval(doc, nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, jsonText(got)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
	t.Run("A4.4 filter on an object tests the object", func(t *testing.T) {
		got, err := MustPath(`$.single[?(@.price < 10)]`).Eval(doc, nil)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(`[{"price":5}]`, jsonText(got)); diff != "" {
			t.Errorf("(-want +got)\n%s", diff)
		}
	})
	t.Run("A4.4 filter after a deep scan", func(t *testing.T) {
		got, err := MustPath(`$..[?(@.price > 20)].title`).Eval(doc, nil)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(`["C"]`, jsonText(got)); diff != "" {
			t.Errorf("(-want +got)\n%s", diff)
		}
	})
}

// TestPathSharesInput: a definite path returns the node itself, without
// copying (values are immutable, so sharing is safe).
func TestPathSharesInput(t *testing.T) {
	doc := MustDecode(`{"a":{"b":[1,2]}}`)
	got, err := MustPath("$.a").Eval(doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := doc.(*Object).Get("a")
	if got.(*Object) != a.(*Object) {
		t.Error("Eval copied the selected object")
	}
}

func TestMustPathPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"MustPath":          func() { MustPath("x") },
		"MustReferencePath": func() { MustReferencePath("$[*]") },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f()
		})
	}
}

func TestNullPathEval(t *testing.T) {
	_, err := NullPath().Eval(MustDecode(`{}`), nil)
	if err == nil {
		t.Fatal("evaluating NullPath succeeded")
	}
	if _, ok := NullPath().Lookup(nil, nil); ok {
		t.Error("NullPath selects something")
	}
}

// TestPathWorkLimit: a path whose evaluation would visit an enormous number
// of nodes fails instead of keeping the execution busy.
func TestPathWorkLimit(t *testing.T) {
	// A chain 2000 objects deep: each ".." multiplies the work by the depth.
	var v Value = int64(1)
	for range 2000 {
		v = ObjectOf(Member{"a", v})
	}
	p := MustPath("$..*..*..*")
	_, err := p.Eval(v, nil)
	if err == nil {
		t.Fatal("no error")
	}
	if e := errorOf(t, err); e.Name != ErrRuntime || !strings.Contains(e.Cause, "the path visits more than") {
		t.Errorf("got %v", e)
	}
	if got, err := MustPath("$..a").Eval(v, nil); err != nil || len(got.([]Value)) != 2000 {
		t.Errorf("a single deep scan: %v", err)
	}
}

func TestPathWorkLimitInFilters(t *testing.T) {
	list := make([]Value, 5000)
	for i := range list {
		list[i] = int64(i)
	}
	items := make([]Value, 500)
	for i := range items {
		items[i] = ObjectOf(Member{"l", list})
	}
	doc := ObjectOf(Member{"items", items}, Member{"all", list})
	_, err := MustPath("$.items[?(@.l subsetof $.all)]").Eval(doc, nil)
	if e := errorOf(t, err); !strings.Contains(e.Cause, "the path visits more than") {
		t.Errorf("got %v", e)
	}
}
