package conformance

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/aslc/aslc/conformance/internal/driver"
)

// CompileRequest is one definition to compile.
type CompileRequest struct {
	Definition []byte
	// Package is the Go package name to generate.
	Package string
	// Source names the definition in positions: "<case id>/definition.json".
	Source string
	// Express says the case validates and runs the definition as an
	// EXPRESS state machine.
	Express bool
}

// CompileFunc compiles a definition into the gofmt'd source of one Go
// package. An error means the definition is rejected (status INVALID).
type CompileFunc func(req CompileRequest) ([]byte, error)

// Options configure a run of the harness.
type Options struct {
	// Compile is the compiler under test.
	Compile CompileFunc
	// ModuleRoot is the directory of the aslc module the generated code
	// links against.
	ModuleRoot string
	// WorkDir is where the temporary module is written; empty means a new
	// directory under the system's temporary directory, removed afterwards
	// unless Keep is set.
	WorkDir string
	Keep    bool
	// Parallel is the number of driver processes; 0 means GOMAXPROCS.
	Parallel int
	// CaseLimit is the real time one case may take; 0 means 10 seconds.
	CaseLimit time.Duration
	// Logf receives progress messages; nil discards them.
	Logf func(format string, args ...any)
}

// Timing records where a run spent its time.
type Timing struct {
	Compile, Build, Run time.Duration
}

// runModulePath is the import path of the temporary module. It lies under
// github.com/aslc/aslc/conformance so that the generated program may
// import the harness's internal driver package.
const runModulePath = "github.com/aslc/aslc/conformance/corpusrun"

const driverPackage = "github.com/aslc/aslc/conformance/internal/driver"

// aslrtPath is the runtime's import path, imported as aslrt.
const aslrtPath = "github.com/aslc/aslc/runtime"

// Run compiles every case into one temporary module (one package per
// case and a generated main that links them all), builds it once, runs
// the execution cases in Parallel driver processes, and returns one result
// per case, in the order of cases. Errors of the harness itself (no go
// command, an unwritable directory) are returned as errors; every problem
// of a case becomes that case's result.
func Run(ctx context.Context, cases []*Case, opts Options) ([]*Result, Timing, error) {
	var timing Timing
	if opts.Compile == nil {
		return nil, timing, errors.New("conformance: no compiler")
	}
	if opts.Parallel <= 0 {
		opts.Parallel = runtime.GOMAXPROCS(0)
	}
	if opts.CaseLimit <= 0 {
		opts.CaseLimit = 10 * time.Second
	}
	logf := opts.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	dir := opts.WorkDir
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "aslc-conformance-"); err != nil {
			return nil, timing, err
		}
		if !opts.Keep {
			defer os.RemoveAll(dir)
		}
	}
	logf("conformance: temporary module in %s", dir)

	results := make(map[string]*Result, len(cases))
	start := time.Now()
	pkgs, err := writeModule(dir, cases, opts, results)
	if err != nil {
		return nil, timing, err
	}
	timing.Compile = time.Since(start)

	start = time.Now()
	bin, err := build(ctx, dir, pkgs, results, logf)
	timing.Build = time.Since(start)
	if err != nil {
		return nil, timing, err
	}

	start = time.Now()
	var jobs []*Case
	for _, c := range cases {
		if _, done := results[c.ID]; !done {
			jobs = append(jobs, c)
		}
	}
	if bin != "" {
		for _, r := range runJobs(ctx, bin, jobs, opts, logf) {
			results[r.Case] = r
		}
	}
	timing.Run = time.Since(start)

	out := make([]*Result, 0, len(cases))
	for _, c := range cases {
		r := results[c.ID]
		if r == nil {
			r = &Result{Case: c.ID, Status: StatusError, Error: "NotRun", Cause: "the harness produced no result for this case"}
		}
		out = append(out, r)
	}
	return out, timing, nil
}

// casePackage is one compiled case in the temporary module.
type casePackage struct {
	c    *Case
	name string // package name and directory under cases/
}

func (p *casePackage) importPath() string { return runModulePath + "/cases/" + p.name }

// packageName turns a case ID into a package name: lower case letters,
// digits and underscores, starting with a letter.
func packageName(id string) string {
	var b strings.Builder
	b.WriteString("c_")
	for _, r := range strings.ToLower(id) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// writeModule writes go.mod, go.sum and one package per case that
// compiles. A case that does not compile gets its result here.
func writeModule(dir string, cases []*Case, opts Options, results map[string]*Result) ([]*casePackage, error) {
	root, err := filepath.Abs(opts.ModuleRoot)
	if err != nil {
		return nil, err
	}
	gomod, err := runGoMod(root)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), gomod, 0o644); err != nil {
		return nil, err
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		return nil, err
	}

	type compiled struct {
		src []byte
		res *Result
	}
	out := make([]compiled, len(cases))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				c := cases[i]
				src, res := compileCase(opts.Compile, c)
				out[i] = compiled{src, res}
			}
		})
	}
	for i := range cases {
		next <- i
	}
	close(next)
	wg.Wait()

	var pkgs []*casePackage
	names := map[string]string{}
	for i, c := range cases {
		if out[i].res != nil {
			results[c.ID] = out[i].res
			continue
		}
		p := &casePackage{c: c, name: packageName(c.ID)}
		if other, dup := names[p.name]; dup {
			results[c.ID] = &Result{Case: c.ID, Status: StatusError, Error: "HarnessError",
				Cause: fmt.Sprintf("case IDs %s and %s map to the same package name", other, c.ID)}
			continue
		}
		names[p.name] = c.ID
		pdir := filepath.Join(dir, "cases", p.name)
		if err := os.MkdirAll(pdir, 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(pdir, "machine.go"), out[i].src, 0o644); err != nil {
			return nil, err
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// compileCase compiles one case; a non-nil result means it will not run.
func compileCase(compile CompileFunc, c *Case) (src []byte, res *Result) {
	defer func() {
		if p := recover(); p != nil {
			src, res = nil, &Result{Case: c.ID, Status: StatusError, Error: "CompilerPanic", Cause: fmt.Sprint(p)}
		}
	}()
	src, err := compile(CompileRequest{
		Definition: c.Definition,
		Package:    packageName(c.ID),
		Source:     c.ID + "/definition.json",
		Express:    c.Meta.StateMachineType == "EXPRESS",
	})
	if err != nil {
		return nil, &Result{Case: c.ID, Status: StatusInvalid, Error: err.Error()}
	}
	return src, nil
}

// runGoMod is the temporary module's go.mod: the aslc module's own
// requirements (so the build list, and the copied go.sum, stay the same)
// plus aslc itself, replaced by its directory.
func runGoMod(root string) ([]byte, error) {
	cmd := exec.Command(goCommand(), "mod", "edit", "-json")
	cmd.Dir = root
	cmd.Env = goEnv()
	text, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("conformance: reading %s/go.mod: %w", root, commandError(err))
	}
	var mod struct {
		Module  struct{ Path string }
		Go      string
		Require []struct {
			Path, Version string
		}
	}
	if err := json.Unmarshal(text, &mod); err != nil {
		return nil, fmt.Errorf("conformance: go mod edit -json: %w", err)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "module %s\n\ngo %s\n\nrequire (\n", runModulePath, mod.Go)
	fmt.Fprintf(&b, "\t%s v0.0.0\n", mod.Module.Path)
	for _, r := range mod.Require {
		fmt.Fprintf(&b, "\t%s %s\n", r.Path, r.Version)
	}
	fmt.Fprintf(&b, ")\n\nreplace %s => %s\n", mod.Module.Path, strconv.Quote(root))
	return b.Bytes(), nil
}

// goCommand is the go command of the toolchain running the tests (go test
// puts GOROOT in its environment), or the one on PATH.
func goCommand() string {
	if root := os.Getenv("GOROOT"); root != "" {
		name := filepath.Join(root, "bin", "go")
		if runtime.GOOS == "windows" {
			name += ".exe"
		}
		if _, err := os.Stat(name); err == nil {
			return name
		}
	}
	return "go"
}

// goEnv is the environment of every go command the harness runs: offline,
// with the local toolchain, outside any workspace.
func goEnv() []string {
	return append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOPROXY=off", "GOFLAGS=-mod=mod -buildvcs=false")
}

func commandError(err error) error {
	var ee *exec.ExitError
	if errors.As(err, &ee) && len(ee.Stderr) > 0 {
		return fmt.Errorf("%w: %s", err, bytes.TrimSpace(ee.Stderr))
	}
	return err
}

// writeMain writes the generated program: a table of every case package's
// entry point, handed to the driver.
func writeMain(dir string, pkgs []*casePackage) error {
	f := jen.NewFilePathName(runModulePath, "main")
	f.HeaderComment("Code generated by the aslc conformance harness. DO NOT EDIT.")
	f.ImportAlias(aslrtPath, "aslrt")
	var entries []jen.Code
	for i, p := range pkgs {
		alias := "c" + strconv.Itoa(i)
		f.ImportAlias(p.importPath(), alias)
		entries = append(entries, jen.Values(jen.Dict{
			jen.Id("ID"):  jen.Lit(p.c.ID),
			jen.Id("Run"): caseEntry(p.importPath()),
		}))
	}
	f.Func().Id("main").Params().Block(
		jen.Qual(driverPackage, "Main").Call(
			jen.Index().Qual(driverPackage, "Case").Values(entries...),
		),
	)
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return fmt.Errorf("conformance: rendering the driver program: %w", err)
	}
	return os.WriteFile(filepath.Join(dir, "main.go"), buf.Bytes(), 0o644)
}

// caseEntry is the driver.RunFunc of one case package: build the machine
// with the case's invoker and options, and run it.
//
//	func(ctx context.Context, env *driver.Env, in aslrt.Value) (aslrt.Value, error) {
//		return pkg.New(pkg.TasksFrom(env.Invoker), env.Options...).Run(ctx, in)
//	}
func caseEntry(pkg string) jen.Code {
	return jen.Func().Params(
		jen.Id("ctx").Qual("context", "Context"),
		jen.Id("env").Op("*").Qual(driverPackage, "Env"),
		jen.Id("in").Qual(aslrtPath, "Value"),
	).Params(jen.Qual(aslrtPath, "Value"), jen.Error()).Block(
		jen.Return(
			jen.Qual(pkg, "New").Call(
				jen.Qual(pkg, "TasksFrom").Call(jen.Id("env").Dot("Invoker")),
				jen.Id("env").Dot("Options").Op("..."),
			).Dot("Run").Call(jen.Id("ctx"), jen.Id("in")),
		),
	)
}

// maxBuildRounds bounds how often the build is retried without the
// packages that failed to compile.
const maxBuildRounds = 5

// pkgHeader is the line with which the go command introduces the errors
// of one package.
var pkgHeader = regexp.MustCompile(`^# (\S+)`)

// build compiles the program, leaving out case packages that do not
// compile (their results say why). It returns the binary's path, or ""
// when no case is left to run.
func build(ctx context.Context, dir string, pkgs []*casePackage, results map[string]*Result, logf func(string, ...any)) (string, error) {
	bin := filepath.Join(dir, "driver")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	for round := 1; ; round++ {
		if len(pkgs) == 0 {
			return "", nil
		}
		if err := writeMain(dir, pkgs); err != nil {
			return "", err
		}
		cmd := exec.CommandContext(ctx, goCommand(), "build", "-trimpath", "-o", bin, ".")
		cmd.Dir = dir
		cmd.Env = goEnv()
		out, err := cmd.CombinedOutput()
		if err == nil {
			logf("conformance: built %d case packages (round %d)", len(pkgs), round)
			return bin, nil
		}
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		failed := packageErrors(out)
		byPath := map[string]*casePackage{}
		for _, p := range pkgs {
			byPath[p.importPath()] = p
		}
		var blamed []string
		for path := range failed {
			if byPath[path] != nil {
				blamed = append(blamed, path)
			}
		}
		if len(blamed) == 0 || round == maxBuildRounds {
			// Not a case's fault (or not converging): every case fails
			// with the build output.
			text := tail(string(out), 4000)
			for _, p := range pkgs {
				results[p.c.ID] = &Result{Case: p.c.ID, Status: StatusError, Error: "BuildFailed", Cause: text}
			}
			logf("conformance: the build failed:\n%s", text)
			return "", nil
		}
		slices.Sort(blamed)
		for _, path := range blamed {
			p := byPath[path]
			results[p.c.ID] = &Result{Case: p.c.ID, Status: StatusError, Error: "BuildFailed", Cause: tail(failed[path], 4000)}
		}
		logf("conformance: %d case packages do not compile; building without them", len(blamed))
		pkgs = slices.DeleteFunc(pkgs, func(p *casePackage) bool { return results[p.c.ID] != nil })
	}
}

// packageErrors splits go build output into the errors of each package.
func packageErrors(out []byte) map[string]string {
	errs := map[string]string{}
	current := ""
	for line := range strings.SplitSeq(string(out), "\n") {
		if m := pkgHeader.FindStringSubmatch(line); m != nil {
			current = m[1]
			continue
		}
		if current != "" && line != "" {
			errs[current] += line + "\n"
		}
	}
	return errs
}

// tail returns the last n bytes of s.
func tail(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// runJobs runs cases in opts.Parallel driver processes, each given every
// Parallel-th case.
func runJobs(ctx context.Context, bin string, cases []*Case, opts Options, logf func(string, ...any)) []*Result {
	shards := make([][]*Case, opts.Parallel)
	for i, c := range cases {
		shards[i%len(shards)] = append(shards[i%len(shards)], c)
	}
	var mu sync.Mutex
	var all []*Result
	var wg sync.WaitGroup
	for _, shard := range shards {
		if len(shard) == 0 {
			continue
		}
		wg.Go(func() {
			rs := runShard(ctx, bin, shard, opts, logf)
			mu.Lock()
			all = append(all, rs...)
			mu.Unlock()
		})
	}
	wg.Wait()
	return all
}

// runShard runs cases in one driver process after another: when a
// process dies before it has answered every case, the case it was running
// gets status ERROR and a new process takes the rest.
func runShard(ctx context.Context, bin string, cases []*Case, opts Options, logf func(string, ...any)) []*Result {
	var results []*Result
	for len(cases) > 0 {
		got, exit, stderr := runDriver(ctx, bin, cases, opts)
		results = append(results, got...)
		cases = cases[len(got):]
		if len(cases) == 0 {
			break
		}
		if ctx.Err() != nil {
			for _, c := range cases {
				results = append(results, &Result{Case: c.ID, Status: StatusError, Error: "Interrupted", Cause: ctx.Err().Error()})
			}
			break
		}
		if last := len(got) - 1; last >= 0 && got[last].Status == StatusError && got[last].Error == "TimeLimit" {
			logf("conformance: case %s exceeded the time limit; restarting the driver", got[len(got)-1].Case)
			continue
		}
		// The process died running cases[0].
		c := cases[0]
		cause := fmt.Sprintf("the driver process died (%s) while running this case", exit)
		if stderr != "" {
			cause += ":\n" + stderr
		}
		results = append(results, &Result{Case: c.ID, Status: StatusError, Error: "Crash", Cause: cause})
		logf("conformance: case %s crashed the driver (%s); restarting it", c.ID, exit)
		cases = cases[1:]
	}
	return results
}

// runDriver starts one driver process on cases and returns the results it
// printed (a prefix of cases, in order), how it ended, and the tail of its
// standard error.
func runDriver(ctx context.Context, bin string, cases []*Case, opts Options) ([]*Result, string, string) {
	var stdin bytes.Buffer
	for _, c := range cases {
		job := driver.Job{Case: c.ID, Input: json.RawMessage(c.Input), Lambdas: c.Meta.Lambdas}
		line, err := json.Marshal(&job)
		if err != nil {
			// Inputs were checked when the corpus was loaded.
			panic(fmt.Sprintf("conformance: job for %s: %v", c.ID, err))
		}
		stdin.Write(line)
		stdin.WriteByte('\n')
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-limit", opts.CaseLimit.String())
	cmd.Stdin = &stdin
	stderr := &tailBuffer{max: 8192}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err.Error(), ""
	}
	if err := cmd.Start(); err != nil {
		return nil, err.Error(), ""
	}

	// A process that prints nothing for well over the per-case limit is
	// stuck beyond the driver's own timer; kill it.
	progress := make(chan struct{}, 1)
	watchdogDone := make(chan struct{})
	go func() {
		defer close(watchdogDone)
		grace := opts.CaseLimit + 20*time.Second
		timer := time.NewTimer(grace)
		defer timer.Stop()
		for {
			select {
			case _, ok := <-progress:
				if !ok {
					return
				}
				timer.Reset(grace)
			case <-timer.C:
				cancel()
				return
			}
		}
	}()

	var results []*Result
	scanner := bufio.NewScanner(stdout)
	scanner.Buffer(make([]byte, 0, 64*1024), 256*1024*1024)
	for scanner.Scan() {
		select {
		case progress <- struct{}{}:
		default:
		}
		if len(results) >= len(cases) {
			continue
		}
		want := cases[len(results)].ID
		r, err := ParseResult(scanner.Bytes())
		if err != nil || r.Case != want {
			if err == nil {
				err = fmt.Errorf("result for %q where %q was expected", r.Case, want)
			}
			r = &Result{Case: want, Status: StatusError, Error: "HarnessError", Cause: "unreadable driver output: " + err.Error()}
		}
		results = append(results, r)
	}
	waitErr := cmd.Wait()
	close(progress)
	<-watchdogDone
	exit := "exit status 0"
	if waitErr != nil {
		exit = waitErr.Error()
	}
	return results, exit, stderr.String()
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > 2*t.max {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-t.max:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return tail(string(t.buf), t.max)
}
