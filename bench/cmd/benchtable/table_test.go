package main

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const sample = `goos: linux
goarch: amd64
pkg: github.com/aslc/aslc/bench
cpu: AMD EPYC
BenchmarkPassChain/generated-2         	    1987	    626477 ns/op	       500.0 cpu-ns/transition	       626.5 ns/transition	  256720 B/op	    4003 allocs/op
BenchmarkPassChain/handwritten-2       	    6264	    242255 ns/op	       200.0 cpu-ns/transition	       242.3 ns/transition	  134080 B/op	    2746 allocs/op
BenchmarkPassChain/generated-2         	    1987	    600000 ns/op	       600.0 ns/transition	  256720 B/op	    4001 allocs/op
BenchmarkPassChain/handwritten-2       	    6264	    250000 ns/op	       250.0 ns/transition	  134080 B/op	    2746 allocs/op
BenchmarkPassChain/generated-2         	    1987	    700000 ns/op	       700.0 ns/transition	  256720 B/op	    4005 allocs/op
BenchmarkPassChain/handwritten-2       	    6264	    200000 ns/op	       200.0 ns/transition	  134080 B/op	    2746 allocs/op
BenchmarkMap/MaxConcurrency=10/generated         	      38	  35107280 ns/op	      5850 ns/transition	 7252704 B/op	  137769 allocs/op
BenchmarkMap/MaxConcurrency=10/handwritten       	     486	   2476925 ns/op	       412.8 ns/transition	 1439560 B/op	   35748 allocs/op
BenchmarkMap/MaxConcurrency=10/generated-2        	      36	  17553563 ns/op	      2925 ns/transition	 7253563 B/op	  137771 allocs/op
BenchmarkMap/MaxConcurrency=10/handwritten-2      	     258	   1238462 ns/op	       206.4 ns/transition	 1440595 B/op	   35774 allocs/op
BenchmarkCompile/states=100-2         	       1	 162113797 ns/op	   0.16 MB/s	   1621138 ns/state	 6557776 B/op	  161342 allocs/op
BenchmarkHost/compute         	     100	  18379215 ns/op
BenchmarkHost/compute-2       	     129	   9257400 ns/op
--- FAIL: BenchmarkBroken
PASS
ok  	github.com/aslc/aslc/bench	19.820s
`

func TestParse(t *testing.T) {
	rs := Parse(sample)
	if len(rs) != 13 {
		t.Fatalf("%d results, want 13", len(rs))
	}
	if got, want := rs[6].Name, "Map/MaxConcurrency=10/generated"; got != want || rs[6].Procs != 1 {
		t.Errorf("result 6 = %q at %d procs, want %q at 1", got, rs[6].Procs, want)
	}
	if got := rs[10].Metrics["MB/s"]; got != 0.16 {
		t.Errorf("MB/s = %v, want 0.16", got)
	}
}

func TestTables(t *testing.T) {
	rs := Parse(sample)
	var b strings.Builder
	WriteCases(&b, rs)
	b.WriteString("\n")
	WriteScaling(&b, rs[6:10])
	b.WriteString("\n")
	WriteHost(&b, rs[11:])
	b.WriteString("\n")
	WriteCompile(&b, rs, []buildTime{{100, 1500 * time.Millisecond}, {1000, 4 * time.Second}})
	want := `| case | generated ns/transition | hand-written ns/transition | ratio | CPU-time ratio | generated allocs/op | hand-written allocs/op |
|---|---:|---:|---:|---:|---:|---:|
| PassChain | 626 | 242 | 2.59 | 2.50 | 4003 | 2746 |
| Map/MaxConcurrency=10 | 4388 | 310 | 14.17 |  | 137770 | 35761 |

| case (GOMAXPROCS 1 → 2) | generated ns/transition | speed-up | generated CPU ns/transition | hand-written ns/transition | speed-up | hand-written CPU ns/transition |
|---|---:|---:|---:|---:|---:|---:|
| Map/MaxConcurrency=10 | 5850 → 2925 | 2.00x |  | 413 → 206 | 2.00x |  |

| the same work on one goroutine per core (GOMAXPROCS 1 → 2) | ms/op | speed-up |
|---|---:|---:|
| compute | 18.4 → 9.3 | 1.99x |

| states | aslc gen (compiler.Compile) | per state | go build of the generated package |
|---:|---:|---:|---:|
| 100 | 162.1 ms | 1621 µs | 1.5 s |
| 1000 |  |  | 4.0 s |
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("tables (-want +got):\n%s", diff)
	}
}

// TestRatioPerRun: ratios compare the two sides within each run, so that a
// run on a busier machine counts for its ratio, not for its times.
func TestRatioPerRun(t *testing.T) {
	rs := []Result{
		{Name: "C/generated", Procs: 1, Run: 0, Metrics: map[string]float64{"ns/transition": 200}},
		{Name: "C/handwritten", Procs: 1, Run: 0, Metrics: map[string]float64{"ns/transition": 100}},
		{Name: "C/generated", Procs: 1, Run: 1, Metrics: map[string]float64{"ns/transition": 900}},
		{Name: "C/handwritten", Procs: 1, Run: 1, Metrics: map[string]float64{"ns/transition": 300}},
	}
	if got, ok := ratio(rs, "C/generated", "C/handwritten", 0, "ns/transition"); !ok || got != 2.5 {
		t.Errorf("ratio = %v, %v; want 2.5 (the median of 2 and 3)", got, ok)
	}
	if _, ok := ratio(rs, "C/generated", "D/handwritten", 0, "ns/transition"); ok {
		t.Error("ratio of a missing side reported")
	}
}

func TestBuildGoMod(t *testing.T) {
	modJSON := `{"Module":{"Path":"github.com/aslc/aslc"},"Go":"1.26.0","Require":[{"Path":"golang.org/x/sync","Version":"v0.25.0"},{"Path":"golang.org/x/mod","Version":"v0.42.0","Indirect":true}]}`
	got, err := buildGoMod([]byte(modJSON), "/src/aslc")
	if err != nil {
		t.Fatal(err)
	}
	want := "module benchbuild\n\ngo 1.26.0\n\nrequire (\n\tgithub.com/aslc/aslc v0.0.0\n\tgolang.org/x/sync v0.25.0\n\tgolang.org/x/mod v0.42.0\n)\n\nreplace github.com/aslc/aslc => \"/src/aslc\"\n"
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("go.mod (-want +got):\n%s", diff)
	}
}
