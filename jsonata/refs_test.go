package jsonata

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReferences(t *testing.T) {
	show := func(refs []Reference) []string {
		var out []string
		for _, r := range refs {
			s := ""
			switch r.Kind {
			case VariableRef:
				s = "$" + r.Name
			case FieldRef:
				s = "field " + r.Name
			case ContextRef:
				s = "$"
			case RootRef:
				s = "$$"
			}
			if len(r.Path) > 0 {
				s += "." + strings.Join(r.Path, ".")
			}
			if r.Called {
				s += "()"
			}
			out = append(out, s)
		}
		return out
	}
	tests := []struct {
		expr string
		want []string
	}{
		{`$states.input.items[price > 5].sku`, []string{"$states.input.items"}},
		{`orderId & '-' & $states.input.n`, []string{"field orderId", "$states.input.n"}},
		{`$sum($states.input.items.(price * qty))`, []string{"$sum()", "$states.input.items"}},
		{`( $t := $states.input.total; $t * 2 )`, []string{"$states.input.total"}},
		{`$map($states.input.xs, function($v, $i){ $v + $i + $offset })`, []string{"$map()", "$states.input.xs", "$offset"}},
		{`{ 'a': a, 'b': $states.context.Execution.Id }`, []string{"field a", "$states.context.Execution.Id"}},
		{`$states.input.items{cat: $sum(price)}`, []string{"$states.input.items", "$sum()"}},
		{`$.x`, []string{"$.x"}},
		{`$$.x`, []string{"$$.x"}},
		{`$states.input.items@$i.tags#$n[$n < $i.max]`, []string{"$states.input.items"}},
		{`($f := function($n){ $n < 2 ? 1 : $n * $f($n - 1) }; $f($limit))`, []string{"$limit"}},
		{`$states.input ~> | items | {'x': y} |`, []string{"$states.input"}},
	}
	for _, tc := range tests {
		t.Run(tc.expr, func(t *testing.T) {
			got := show(MustParse(tc.expr).References())
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
	refs := MustParse(`  foo.bar`).References()
	if len(refs) != 1 || refs[0].Position != 5 {
		t.Errorf("position: %s", fmt.Sprint(refs))
	}
}
