package aslrt

import "testing"

const benchDoc = `{"order":{"id":"o-1","customer":{"id":"c-9","name":"Ann","address":{"city":"Oslo","zip":"0150"}},
"items":[{"sku":"a","qty":1,"price":9.5},{"sku":"b","qty":2,"price":3},{"sku":"c","qty":5,"price":1.25}],"total":21.75},
"meta":{"source":"web","trace":"t-1"}}`

func BenchmarkPathEval(b *testing.B) {
	doc := MustDecode(benchDoc)
	for _, bc := range []struct{ name, path string }{
		{"root", "$"},
		{"depth1", "$.meta"},
		{"depth4", "$.order.customer.address.city"},
		{"index", "$.order.items[1].sku"},
		{"wildcard", "$.order.items[*].sku"},
		{"filter", "$.order.items[?(@.qty > 1)].sku"},
		{"deepscan", "$..sku"},
	} {
		p := MustPath(bc.path)
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.Eval(doc, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// The same lookup as depth4, written by hand.
	b.Run("depth4-by-hand", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			v := Value(doc)
			for _, k := range []string{"order", "customer", "address", "city"} {
				o, ok := v.(*Object)
				if !ok {
					b.Fatal("not an object")
				}
				if v, ok = o.Get(k); !ok {
					b.Fatal("missing")
				}
			}
		}
	})
}

func BenchmarkParsePath(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParsePath("$.order.items[?(@.qty > 1)].sku"); err != nil {
			b.Fatal(err)
		}
	}
}
