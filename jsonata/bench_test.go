package jsonata

import (
	"testing"

	aslrt "github.com/aslc/aslc/runtime"
)

// The benchmarks evaluate typical Step Functions expressions; parsing is
// done once, outside the timed loop. Targets: 1 µs for $states.input.a + 1
// and 3 µs for the object constructor (jsonata-js 2.0.6 takes about 2.3 µs
// and 15 µs).

const benchOrder = `{
  "orderId": "o-1",
  "a": 41,
  "customer": {"first": "Ada", "last": "Lovelace", "email": "ADA@Example.com", "tier": "gold"},
  "items": [
    {"sku": "A1", "name": "Widget", "price": 10, "qty": 3, "cat": "tools"},
    {"sku": "B2", "name": "Gadget", "price": 0.5, "qty": 10, "cat": "toys"},
    {"sku": "C3", "name": "Doohickey", "price": 100, "qty": 1, "cat": "tools"}
  ]
}`

func benchEval(b *testing.B, src string) {
	b.Helper()
	expr := MustParse(src)
	bindings := Vars{"states": aslrt.ObjectOf(aslrt.Member{Key: "input", Value: aslrt.MustDecode(benchOrder)})}
	if _, err := expr.EvaluateWith(b.Context(), nil, Undefined, bindings); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := expr.EvaluateWith(b.Context(), nil, Undefined, bindings); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPathPlusOne(b *testing.B) {
	benchEval(b, `$states.input.a + 1`)
}

func BenchmarkObjectConstructor(b *testing.B) {
	benchEval(b, `{'id': $states.input.orderId, 'total': $sum($states.input.items.(price*qty)), 'n': $count($states.input.items), 'vip': $states.input.customer.tier = 'gold', 'email': $lowercase($states.input.customer.email)}`)
}

func BenchmarkPathPredicate(b *testing.B) {
	benchEval(b, `$states.input.items[price > 5].sku`)
}
