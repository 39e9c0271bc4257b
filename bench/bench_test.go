package bench_test

import (
	"context"
	"testing"
)

// Each benchmark runs one execution per iteration and reports the time
// per state transition (ns/transition): ns/op divided by the number of
// states the execution runs. Allocations are per execution (allocs/op).

func BenchmarkPassChain(b *testing.B)  { benchmarkCase(b, "PassChain") }
func BenchmarkChoiceLoop(b *testing.B) { benchmarkCase(b, "ChoiceLoop") }
func BenchmarkMap(b *testing.B) {
	for _, c := range cases() {
		if len(c.name) > 4 && c.name[:4] == "Map/" {
			b.Run(c.name[4:], func(b *testing.B) { runPair(b, c) })
		}
	}
}
func BenchmarkParallel(b *testing.B)  { benchmarkCase(b, "Parallel") }
func BenchmarkTaskChain(b *testing.B) { benchmarkCase(b, "TaskChain") }

func benchmarkCase(b *testing.B, name string) {
	for _, c := range cases() {
		if c.name == name {
			runPair(b, c)
			return
		}
	}
	b.Fatalf("no case %q", name)
}

// runPair runs the generated machine and the hand-written equivalent of c
// as the sub-benchmarks "generated" and "handwritten".
func runPair(b *testing.B, c benchCase) {
	b.Run("generated", func(b *testing.B) { run(b, c, c.generated()) })
	b.Run("handwritten", func(b *testing.B) { run(b, c, c.handwritten()) })
}

func run(b *testing.B, c benchCase, fn runFunc) {
	in := c.input()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := fn(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(c.transitions), "ns/transition")
}
