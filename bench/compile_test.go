package bench_test

import (
	"strconv"
	"testing"

	"github.com/aslc/aslc/bench/internal/defs"
	"github.com/aslc/aslc/compiler"
)

// BenchmarkCompile measures aslc gen's work (compiler.Compile: parse,
// check, lower, emit, gofmt) on definitions of 100, 1,000 and 10,000
// states, reported per state (ns/state), which should stay flat.
func BenchmarkCompile(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		src := defs.Mixed(n)
		b.Run("states="+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := compiler.Compile(src, compiler.Options{Package: "mixed", Source: "mixed.asl.json"}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/state")
		})
	}
}
