package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Result is one line of go test -bench output.
type Result struct {
	// Name is the benchmark's name without "Benchmark" and without the
	// GOMAXPROCS suffix, for example "PassChain/generated".
	Name string
	// Procs is the GOMAXPROCS suffix (1 when there is none).
	Procs int
	// Metrics maps units (ns/op, ns/transition, allocs/op, ...) to values.
	Metrics map[string]float64
	// Run numbers the go test runs the result comes from, so that ratios
	// compare results of the same run.
	Run int
}

// Parse returns the benchmark results in go test output, in order.
func Parse(out string) []Result {
	var rs []Result
	for line := range strings.Lines(out) {
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		r := Result{Name: strings.TrimPrefix(f[0], "Benchmark"), Procs: 1, Metrics: map[string]float64{}}
		if i := strings.LastIndexByte(r.Name, '-'); i >= 0 {
			if p, err := strconv.Atoi(r.Name[i+1:]); err == nil {
				r.Name, r.Procs = r.Name[:i], p
			}
		}
		ok := true
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				ok = false
				break
			}
			r.Metrics[f[i+1]] = v
		}
		if ok {
			rs = append(rs, r)
		}
	}
	return rs
}

// median returns the median of metric unit over the results named name at
// procs (0: any); ok is false when there is none.
func median(rs []Result, name string, procs int, unit string) (float64, bool) {
	var vs []float64
	for _, r := range rs {
		if r.Name != name || (procs != 0 && r.Procs != procs) {
			continue
		}
		if v, ok := r.Metrics[unit]; ok {
			vs = append(vs, v)
		}
	}
	return middle(vs)
}

// middle returns the median of vs, which it sorts; ok is false when vs is
// empty.
func middle(vs []float64) (float64, bool) {
	if len(vs) == 0 {
		return 0, false
	}
	slices.Sort(vs)
	if n := len(vs); n%2 == 0 {
		return (vs[n/2-1] + vs[n/2]) / 2, true
	}
	return vs[len(vs)/2], true
}

// ratio returns the median over the runs of the ratio of metric unit of
// the results named a to those named b in the same run.
func ratio(rs []Result, a, b string, procs int, unit string) (float64, bool) {
	var runs []int
	for _, r := range rs {
		if !slices.Contains(runs, r.Run) {
			runs = append(runs, r.Run)
		}
	}
	var qs []float64
	for _, run := range runs {
		var in []Result
		for _, r := range rs {
			if r.Run == run {
				in = append(in, r)
			}
		}
		x, ok1 := median(in, a, procs, unit)
		y, ok2 := median(in, b, procs, unit)
		if ok1 && ok2 && y != 0 {
			qs = append(qs, x/y)
		}
	}
	return middle(qs)
}

// pairs returns the case names that have a generated and a hand-written
// benchmark, in order of appearance.
func pairs(rs []Result) []string {
	var names []string
	for _, r := range rs {
		c, ok := strings.CutSuffix(r.Name, "/generated")
		if ok && !slices.Contains(names, c) {
			names = append(names, c)
		}
	}
	return names
}

func procsOf(rs []Result) []int {
	var ps []int
	for _, r := range rs {
		if !slices.Contains(ps, r.Procs) {
			ps = append(ps, r.Procs)
		}
	}
	slices.Sort(ps)
	return ps
}

func num(v float64) string {
	switch {
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// WriteCases writes the table of generated against hand-written cases:
// elapsed time per transition, the ratio of elapsed and of CPU time per
// transition (the median of the ratios within each run), and allocations
// per execution.
func WriteCases(w io.Writer, rs []Result) {
	fmt.Fprintln(w, "| case | generated ns/transition | hand-written ns/transition | ratio | CPU-time ratio | generated allocs/op | hand-written allocs/op |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|")
	for _, c := range pairs(rs) {
		g, ok1 := median(rs, c+"/generated", 0, "ns/transition")
		h, ok2 := median(rs, c+"/handwritten", 0, "ns/transition")
		if !ok1 || !ok2 {
			continue
		}
		q, _ := ratio(rs, c+"/generated", c+"/handwritten", 0, "ns/transition")
		cpu := ""
		if qc, ok := ratio(rs, c+"/generated", c+"/handwritten", 0, "cpu-ns/transition"); ok {
			cpu = fmt.Sprintf("%.2f", qc)
		}
		ga, _ := median(rs, c+"/generated", 0, "allocs/op")
		ha, _ := median(rs, c+"/handwritten", 0, "allocs/op")
		fmt.Fprintf(w, "| %s | %s | %s | %.2f | %s | %s | %s |\n", c, num(g), num(h), q, cpu, num(ga), num(ha))
	}
}

// WriteScaling writes how the cases in rs (run at several GOMAXPROCS)
// scale: elapsed and CPU time per transition at the fewest and at the most
// procs. Work that spreads over the cores without overhead keeps its CPU
// time per transition and divides its elapsed time.
func WriteScaling(w io.Writer, rs []Result) {
	ps := procsOf(rs)
	if len(ps) < 2 {
		return
	}
	lo, hi := ps[0], ps[len(ps)-1]
	fmt.Fprintf(w, "| case (GOMAXPROCS %d → %d) | generated ns/transition | speed-up | generated CPU ns/transition | hand-written ns/transition | speed-up | hand-written CPU ns/transition |\n", lo, hi)
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|")
	for _, c := range pairs(rs) {
		row := "| " + c
		for _, impl := range []string{"/generated", "/handwritten"} {
			a, ok1 := median(rs, c+impl, lo, "ns/transition")
			b, ok2 := median(rs, c+impl, hi, "ns/transition")
			if !ok1 || !ok2 {
				row += " | | | "
				continue
			}
			row += fmt.Sprintf(" | %s → %s | %.2fx", num(a), num(b), a/b)
			ca, ok1 := median(rs, c+impl, lo, "cpu-ns/transition")
			cb, ok2 := median(rs, c+impl, hi, "cpu-ns/transition")
			if ok1 && ok2 {
				row += fmt.Sprintf(" | %s → %s", num(ca), num(cb))
			} else {
				row += " | "
			}
		}
		fmt.Fprintln(w, row+" |")
	}
}

// WriteHost writes what the machine gains from GOMAXPROCS for plain
// compute and for allocation (BenchmarkHost), which bounds what the Map
// cases can gain.
func WriteHost(w io.Writer, rs []Result) {
	ps := procsOf(rs)
	if len(ps) < 2 {
		return
	}
	lo, hi := ps[0], ps[len(ps)-1]
	var names []string
	for _, r := range rs {
		if strings.HasPrefix(r.Name, "Host/") && !slices.Contains(names, r.Name) {
			names = append(names, r.Name)
		}
	}
	if len(names) == 0 {
		return
	}
	fmt.Fprintf(w, "| the same work on one goroutine per core (GOMAXPROCS %d → %d) | ms/op | speed-up |\n", lo, hi)
	fmt.Fprintln(w, "|---|---:|---:|")
	for _, n := range names {
		a, ok1 := median(rs, n, lo, "ns/op")
		b, ok2 := median(rs, n, hi, "ns/op")
		if ok1 && ok2 {
			fmt.Fprintf(w, "| %s | %.1f → %.1f | %.2fx |\n", strings.TrimPrefix(n, "Host/"), a/1e6, b/1e6, a/b)
		}
	}
}

// WriteCompile writes the compile-time table: aslc gen per definition
// size (the Compile benchmarks) and the go build times.
func WriteCompile(w io.Writer, rs []Result, builds []buildTime) {
	type row struct {
		states       int
		ns, perState float64
		build        string
		hasNs        bool
	}
	var rows []row
	find := func(n int) *row {
		for i := range rows {
			if rows[i].states == n {
				return &rows[i]
			}
		}
		rows = append(rows, row{states: n})
		return &rows[len(rows)-1]
	}
	for _, r := range rs {
		s, ok := strings.CutPrefix(r.Name, "Compile/states=")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			continue
		}
		x := find(n)
		x.ns, _ = median(rs, r.Name, 0, "ns/op")
		x.perState, _ = median(rs, r.Name, 0, "ns/state")
		x.hasNs = true
	}
	for _, b := range builds {
		x := find(b.states)
		x.build = fmt.Sprintf("%.1f s", b.d.Seconds())
	}
	if len(rows) == 0 {
		return
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Compare(a.states, b.states) })
	fmt.Fprintln(w, "| states | aslc gen (compiler.Compile) | per state | go build of the generated package |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|")
	for _, x := range rows {
		gen, per := "", ""
		if x.hasNs {
			gen = fmt.Sprintf("%.1f ms", x.ns/1e6)
			per = fmt.Sprintf("%.0f µs", x.perState/1e3)
		}
		fmt.Fprintf(w, "| %d | %s | %s | %s |\n", x.states, gen, per, x.build)
	}
}
