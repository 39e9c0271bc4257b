package aslrt

import "testing"

// BenchmarkResultPath merges a result into the raw input, copying only the
// objects on the way.
func BenchmarkResultPath(b *testing.B) {
	doc := MustDecode(benchDoc)
	result := MustDecode(`{"status":"ok"}`)
	for _, bc := range []struct{ name, path string }{
		{"top", "$.result"},
		{"replace", "$.meta"},
		{"deep", "$.order.customer.check"},
		{"create", "$.a.b.c"},
	} {
		p := MustReferencePath(bc.path)
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ApplyResultPath(doc, result, p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkStateIO(b *testing.B) {
	doc := MustDecode(benchDoc)
	s := newTestScope()
	io := &StateIO{
		InputPath:  MustPath("$.order"),
		Parameters: MustTemplate(`{"id.$":"$.id","total.$":"$.total"}`),
		ResultPath: MustReferencePath("$.result"),
		OutputPath: MustPath("$.result"),
	}
	b.ReportAllocs()
	for b.Loop() {
		in, err := io.Input(doc, s)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Output(doc, in, s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheckPayloadSize(b *testing.B) {
	doc := MustDecode(benchDoc)
	b.ReportAllocs()
	for b.Loop() {
		if err := CheckPayloadSize("S", doc); err != nil {
			b.Fatal(err)
		}
	}
}
