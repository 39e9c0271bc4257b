package aslrt

import (
	"strconv"
	"testing"
)

// BenchmarkTemplate evaluates a payload template with five ".$" keys.
func BenchmarkTemplate(b *testing.B) {
	doc := MustDecode(benchDoc)
	s := newTestScope()
	tmpl := MustTemplate(`{"orderId.$":"$.order.id","customer.$":"$.order.customer.name","city.$":"$.order.customer.address.city",
		"total.$":"$.order.total","execution.$":"$$.Execution.Name","kind":"order","version":2}`)
	b.Run("five-paths", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := tmpl.Eval(doc, s); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The same object built by hand from the same lookups.
	b.Run("five-paths-by-hand", func(b *testing.B) {
		get := func(v Value, keys ...string) Value {
			for _, k := range keys {
				v, _ = v.(*Object).Get(k)
			}
			return v
		}
		b.ReportAllocs()
		for b.Loop() {
			o := NewObject(7)
			o.Set("orderId", get(doc, "order", "id"))
			o.Set("customer", get(doc, "order", "customer", "name"))
			o.Set("city", get(doc, "order", "customer", "address", "city"))
			o.Set("total", get(doc, "order", "total"))
			o.Set("execution", get(s.ContextObject(), "Execution", "Name"))
			o.Set("kind", "order")
			o.Set("version", int64(2))
		}
	})
	intr := MustTemplate(`{"greeting.$":"States.Format('Hello {} from {}', $.order.customer.name, $.order.customer.address.city)"}`)
	b.Run("format", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := intr.Eval(doc, s); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkParseWideTemplate compiles a template of 10,000 ".$" members:
// the check for names repeated once ".$" is removed is linear, so a wide
// Parameters object (a definition may be 1 MB) compiles in milliseconds.
func BenchmarkParseWideTemplate(b *testing.B) {
	o := NewObject(10000)
	for i := range 10000 {
		o.Set("k"+strconv.Itoa(i)+".$", "$.x")
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseTemplate(o); err != nil {
			b.Fatal(err)
		}
	}
}
