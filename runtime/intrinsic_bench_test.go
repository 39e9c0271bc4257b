package aslrt

import "testing"

func BenchmarkIntrinsic(b *testing.B) {
	doc := MustDecode(benchDoc)
	s := newTestScope()
	for _, bc := range []struct{ name, call string }{
		{"Format", "States.Format('{} ordered {} items', $.order.customer.name, $.order.total)"},
		{"MathAdd", "States.MathAdd($.order.items[1].qty, 1)"},
		{"ArrayLength", "States.ArrayLength($.order.items)"},
		{"StringSplit", "States.StringSplit('a,b,c,d', ',')"},
		{"UUID", "States.UUID()"},
		{"JsonToString", "States.JsonToString($.order.customer)"},
		{"Nested", "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)"},
	} {
		c := MustIntrinsic(bc.call)
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Eval(doc, s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkArrayUnique: deduplicating is linear in the size of the array,
// also for arrays of objects.
func BenchmarkArrayUnique(b *testing.B) {
	arr := make([]Value, 20000)
	for i := range arr {
		arr[i] = ObjectOf(Member{"id", int64(i % 1000)}, Member{"tags", []Value{"x"}})
	}
	doc := ObjectOf(Member{"a", arr})
	c := MustIntrinsic("States.ArrayUnique($.a)")
	b.ReportAllocs()
	for b.Loop() {
		v, err := c.Eval(doc, nil)
		if err != nil {
			b.Fatal(err)
		}
		if n := len(v.([]Value)); n != 1000 {
			b.Fatalf("%d unique", n)
		}
	}
}
