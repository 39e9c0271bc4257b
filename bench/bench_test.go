package bench_test

import (
	"context"
	"testing"
)

// Each benchmark runs one execution per iteration and reports the time
// per state transition (ns/transition): ns/op divided by the number of
// states the execution runs. It also reports the CPU time the process
// used per transition (cpu-ns/transition, on Unix systems), which other
// work on a busy machine disturbs less than the elapsed time, and which
// includes the garbage collector's work on other cores. Allocations are
// per execution (allocs/op).

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
	b.ResetTimer()
	cpu0, cpuOK := cpuTime()
	// A b.N loop, not b.Loop: a sub-benchmark that uses b.Loop runs at
	// the GOMAXPROCS of the previous -cpu value (golang/go#49980), which
	// would spoil the scaling runs.
	for range b.N {
		if _, err := fn(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
	cpu1, _ := cpuTime()
	per := float64(b.N) * float64(c.transitions)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/per, "ns/transition")
	if cpuOK {
		b.ReportMetric(float64(cpu1-cpu0)/per, "cpu-ns/transition")
	}
}
