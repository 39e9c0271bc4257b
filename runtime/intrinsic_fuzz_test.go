package aslrt

import "testing"

// FuzzParseIntrinsic: parsing never panics, and a parsed call keeps its
// text and evaluates without panicking, failing only with an *Error.
func FuzzParseIntrinsic(f *testing.F) {
	for _, s := range []string{
		`States.Format('Hello {}', $.s)`, `States.Format('\{\} {}', $.a)`, `States.StringToJson('{"a":1}')`,
		`States.JsonToString($.a)`, `States.Array(1, 'x', true, null, $.n)`, `States.ArrayPartition($.a.b, 2)`,
		`States.ArrayContains($.e, 1)`, `States.ArrayRange(1, 9, 2)`, `States.ArrayGetItem($.a.b, 1)`,
		`States.ArrayLength($.items)`, `States.ArrayUnique($.a.b)`, `States.Base64Encode($.s)`,
		`States.Base64Decode('eA==')`, `States.Hash($.s, 'SHA-256')`, `States.JsonMerge($.o, $.a, false)`,
		`States.MathRandom(1, 100, 7)`, `States.MathAdd($.n, -1)`, `States.StringSplit('a,b', ',')`, `States.UUID()`,
		`States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))`,
		`States.Format('\"')`, `States.Array(`, `States.Array($[?(@ == ',')])`,
	} {
		f.Add(s)
	}
	var docs []Value
	for _, d := range fuzzDocs {
		docs = append(docs, MustDecode(d))
	}
	scope := newTestScope()
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseIntrinsic(s)
		if err != nil {
			if _, ok := err.(*PathSyntaxError); !ok {
				t.Fatalf("error %T is not a *PathSyntaxError", err)
			}
			return
		}
		if c.String() != s {
			t.Fatalf("String() = %q, want %q", c.String(), s)
		}
		for _, doc := range docs {
			if _, err := c.EvalField(doc, scope, "f.$"); err != nil {
				_ = errorOf(t, err)
			}
		}
	})
}
