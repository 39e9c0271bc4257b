// Command benchtable runs the benchmarks of package bench and prints one
// Markdown table: for each case the generated machine's and the
// hand-written equivalent's time per state transition, their ratio and
// their allocations per execution; then how the Map cases scale with
// GOMAXPROCS, how long aslc gen takes for 100, 1,000 and 10,000 states,
// and how long go build takes for the code it generates.
//
// Run it from anywhere inside the aslc module:
//
//	go run ./bench/cmd/benchtable [-count 5] [-benchtime 1s] [-build=false] [-scaling=false]
//
// The benchmarks run -count times (go test runs them all once each
// time); the table shows medians. With
// -from FILE it only prints the tables of go test -bench output saved
// earlier.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/aslc/aslc/bench/internal/defs"
	"github.com/aslc/aslc/compiler"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("benchtable", flag.ContinueOnError)
	fs.SetOutput(stderr)
	count := fs.Int("count", 5, "runs of the benchmarks; the table shows medians")
	benchtime := fs.String("benchtime", "1s", "go test -benchtime of each run")
	build := fs.Bool("build", true, "also time go build of generated code")
	scaling := fs.Bool("scaling", true, "also run the Map cases at GOMAXPROCS 1 and all cores")
	from := fs.String("from", "", "print the tables of go test -bench output saved in `FILE` instead of running anything")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, "benchtable: no arguments expected")
		return 2
	}
	if *from != "" {
		data, err := os.ReadFile(*from)
		if err != nil {
			fmt.Fprintln(stderr, "benchtable:", err)
			return 1
		}
		rs := Parse(string(data))
		var b strings.Builder
		if len(procsOf(rs)) > 1 {
			WriteScaling(&b, rs)
			b.WriteString("\n")
			WriteHost(&b, rs)
		} else {
			WriteCases(&b, rs)
		}
		b.WriteString("\n")
		WriteCompile(&b, rs, nil)
		io.WriteString(stdout, b.String())
		return 0
	}
	ctx := context.Background()
	root, err := moduleRoot(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "benchtable:", err)
		return 1
	}
	goVersion, _ := output(ctx, root, "go", "version")

	fmt.Fprintln(stderr, "benchtable: running the benchmarks of ./bench ...")
	results, err := goTestRuns(ctx, root, stderr, *count, "-bench", ".", "-benchtime", *benchtime)
	if err != nil {
		fmt.Fprintln(stderr, "benchtable:", err)
		return 1
	}

	var scale []Result
	if *scaling && runtime.NumCPU() > 1 {
		fmt.Fprintln(stderr, "benchtable: running the Map cases and BenchmarkHost at GOMAXPROCS 1 and", runtime.NumCPU(), "...")
		scale, err = goTestRuns(ctx, root, stderr, *count, "-bench", "^Benchmark(Map|Host)$", "-benchtime", *benchtime,
			"-cpu", "1,"+strconv.Itoa(runtime.NumCPU()))
		if err != nil {
			fmt.Fprintln(stderr, "benchtable:", err)
			return 1
		}
	}

	var builds []buildTime
	if *build {
		fmt.Fprintln(stderr, "benchtable: timing go build of generated code ...")
		builds, err = timeBuilds(ctx, root, []int{100, 1000, 10000})
		if err != nil {
			fmt.Fprintln(stderr, "benchtable:", err)
			return 1
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, "Machine: %s, %s, %d cores%s; median of %d runs of -benchtime %s.\n\n", strings.TrimSpace(goVersion), cpuModel(), runtime.NumCPU(), loadAverage(), *count, *benchtime)
	WriteCases(&b, results)
	if len(scale) > 0 {
		b.WriteString("\n")
		WriteScaling(&b, scale)
		b.WriteString("\n")
		WriteHost(&b, scale)
	}
	b.WriteString("\n")
	WriteCompile(&b, results, builds)
	io.WriteString(stdout, b.String())
	return 0
}

// moduleRoot returns the directory of the aslc module's go.mod.
func moduleRoot(ctx context.Context) (string, error) {
	gomod, err := output(ctx, "", "go", "env", "GOMOD")
	if err != nil {
		return "", err
	}
	gomod = strings.TrimSpace(gomod)
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("not inside a Go module: run benchtable inside the aslc module")
	}
	root := filepath.Dir(gomod)
	if _, err := os.Stat(filepath.Join(root, "bench", "doc.go")); err != nil {
		return "", fmt.Errorf("%s has no bench package: run benchtable inside the aslc module", root)
	}
	return root, nil
}

func output(ctx context.Context, dir, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.Bytes())
	}
	return string(out), nil
}

// goTest runs the benchmarks of ./bench with extra flags and returns
// go test's output; the output also goes to log as it comes.
func goTest(ctx context.Context, root string, log io.Writer, flags ...string) (string, error) {
	args := append([]string{"test", "-run", "^$", "-benchmem"}, flags...)
	args = append(args, "./bench")
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout = io.MultiWriter(&out, log)
	cmd.Stderr = log
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go %s: %v", strings.Join(args, " "), err)
	}
	return out.String(), nil
}

// goTestRuns runs go test count times, each running every benchmark once,
// so that a change in the machine's load falls on the generated and the
// hand-written side of a case alike, and returns the results numbered by
// run.
func goTestRuns(ctx context.Context, root string, log io.Writer, count int, flags ...string) ([]Result, error) {
	var rs []Result
	for run := range max(count, 1) {
		out, err := goTest(ctx, root, log, append([]string{"-count", "1"}, flags...)...)
		if err != nil {
			return nil, err
		}
		for _, r := range Parse(out) {
			r.Run = run
			rs = append(rs, r)
		}
	}
	return rs, nil
}

// cpuModel returns the processor's model name from /proc/cpuinfo.
func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for line := range strings.Lines(string(data)) {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

// loadAverage returns ", load average X" with the one-minute load
// average from /proc/loadavg, or "" where there is none: other work on the
// machine slows the benchmarks down.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return ""
	}
	return ", load average " + f[0]
}

// buildGoMod returns the go.mod of the module timeBuilds builds in, from
// the aslc module's go.mod in root as go mod edit -json prints it (modJSON):
// its go version and requirements, the aslc module itself, replaced by
// root.
func buildGoMod(modJSON []byte, root string) ([]byte, error) {
	var mod struct {
		Module  struct{ Path string }
		Go      string
		Require []struct {
			Path, Version string
		}
	}
	if err := json.Unmarshal(modJSON, &mod); err != nil {
		return nil, fmt.Errorf("go mod edit -json: %w", err)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "module benchbuild\n\ngo %s\n\nrequire (\n", mod.Go)
	fmt.Fprintf(&b, "\t%s v0.0.0\n", mod.Module.Path)
	for _, r := range mod.Require {
		fmt.Fprintf(&b, "\t%s %s\n", r.Path, r.Version)
	}
	fmt.Fprintf(&b, ")\n\nreplace %s => %s\n", mod.Module.Path, strconv.Quote(root))
	return b.Bytes(), nil
}

type buildTime struct {
	states int
	d      time.Duration
}

// timeBuilds times go build of the code generated for defs.Mixed(n), for
// each n, in a temporary module that uses the aslc module in root. A first
// build compiles the runtime and its dependencies, so that the times are
// those of the generated package alone; each definition carries a fresh
// comment, so that the build cache has none of them.
func timeBuilds(ctx context.Context, root string, sizes []int) ([]buildTime, error) {
	dir, err := os.MkdirTemp("", "benchtable-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	modJSON, err := output(ctx, root, "go", "mod", "edit", "-json")
	if err != nil {
		return nil, err
	}
	gomod, err := buildGoMod([]byte(modJSON), root)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), gomod, 0o644); err != nil {
		return nil, err
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		return nil, err
	}
	nonce := strconv.FormatInt(time.Now().UnixNano(), 36)
	gen := func(n int, pkg string) error {
		def := bytes.Replace(defs.Mixed(n), []byte(`"Comment": "`), []byte(`"Comment": "`+nonce+` `), 1)
		src, err := compiler.Compile(def, compiler.Options{Package: pkg, Source: pkg + ".asl.json"})
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dir, pkg), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, pkg, pkg+".go"), src, 0o644)
	}
	goBuild := func(pkg string) (time.Duration, error) {
		cmd := exec.CommandContext(ctx, "go", "build", "./"+pkg)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
		t0 := time.Now()
		out, err := cmd.CombinedOutput()
		if err != nil {
			return 0, fmt.Errorf("go build ./%s: %v\n%s", pkg, err, out)
		}
		return time.Since(t0), nil
	}
	if err := gen(10, "warmup"); err != nil {
		return nil, err
	}
	if _, err := goBuild("warmup"); err != nil {
		return nil, err
	}
	var times []buildTime
	for _, n := range sizes {
		pkg := "gen" + strconv.Itoa(n)
		if err := gen(n, pkg); err != nil {
			return nil, err
		}
		d, err := goBuild(pkg)
		if err != nil {
			return nil, err
		}
		times = append(times, buildTime{n, d})
	}
	return times, nil
}
