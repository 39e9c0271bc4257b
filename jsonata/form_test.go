package jsonata

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestForm(t *testing.T) {
	path := func(v string, steps ...string) *Form { return &Form{Kind: FormPath, Variable: v, Steps: steps} }
	lit := func(v Value) *Form { return &Form{Kind: FormLiteral, Value: v} }
	tests := []struct {
		expr string
		want *Form
	}{
		{"$states.input.order.id", path("states", "input", "order", "id")},
		{"$states", path("states")},
		{"$total", path("total")},
		{"$v.`odd name`", path("v", "odd name")},
		{"$v.\"quoted\"", path("v", "quoted")},
		{"'text'", lit("text")},
		{"42", lit(int64(42))},
		{"1.5", lit(1.5)},
		{"-2", lit(int64(-2))},
		{"true", lit(true)},
		{"null", lit(nil)},
		{"($states.input)", path("states", "input")},
		{"{'a': $x, 'b': 1}", &Form{Kind: FormObject, Keys: []string{"a", "b"}, Operands: []*Form{path("x"), lit(int64(1))}}},
		{"$x.a = 'y'", &Form{Kind: FormCompare, Op: "=", Operands: []*Form{path("x", "a"), lit("y")}}},
		{"$x >= 2 and $y", &Form{Kind: FormAnd, Operands: []*Form{{Kind: FormCompare, Op: ">=", Operands: []*Form{path("x"), lit(int64(2))}}, path("y")}}},
		{"$x or false", &Form{Kind: FormOr, Operands: []*Form{path("x"), lit(false)}}},
		// other shapes
		{"$", nil},
		{"$$", nil},
		{"name", nil},
		{"$x.a[0]", nil},
		{"$x.a[b > 1]", nil},
		{"$x.*", nil},
		{"$x.a.(b)", nil},
		{"$x@$y.a", nil},
		{"$x#$i.a", nil},
		{"$x.a[]", nil},
		{"$sum($x)", nil},
		{"$x + 1", nil},
		{"$x in [1]", nil},
		{"[1, 2]", nil},
		{"{'a': 1, 'a': 2}", nil},
		{"{'1': 1}", nil},
		{"{$k: 1}", nil},
		{"($a := 1; $a)", nil},
		{"$x ? 1 : 2", nil},
		{"/re/", nil},
	}
	for _, tc := range tests {
		t.Run(tc.expr, func(t *testing.T) {
			got := MustParse(tc.expr).Form()
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
