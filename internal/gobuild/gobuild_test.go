package gobuild

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aslc/aslc"
	"github.com/aslc/aslc/compiler"
)

const passDef = `{"StartAt": "Greet", "States": {
  "Greet": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('hello, {}', $.who)", "machine.$": "$$.StateMachine.Name"}, "End": true}}}`

// testSpec is a spec that builds into a cache of the test's own, without
// the network or a toolchain download.
func testSpec(t *testing.T, def string) Spec {
	t.Helper()
	return Spec{
		Definition: []byte(def),
		Source:     "greet.asl.json",
		CacheDir:   t.TempDir(),
		Env:        []string{"GOTOOLCHAIN=local"},
		Offline:    true,
	}
}

func runBinary(t *testing.T, bin, stdin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), code
}

// TestBuildCaches: the first build builds, the second finds the binary
// in the cache under the same key, and the binary runs the machine.
func TestBuildCaches(t *testing.T) {
	spec := testSpec(t, passDef)
	first, err := Build(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	if first.Cached {
		t.Error("first build reported a cache hit")
	}
	if want := filepath.Join(spec.CacheDir, "bin", first.Key); first.Binary != want {
		t.Errorf("binary at %s, want %s", first.Binary, want)
	}
	second, err := Build(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	if !second.Cached || second.Binary != first.Binary || second.Key != first.Key {
		t.Errorf("second build = %+v, want a cache hit of %+v", second, first)
	}
	entries, err := os.ReadDir(spec.CacheDir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if diff := cmp.Diff([]string{"bin"}, names); diff != "" {
		t.Errorf("cache directory holds (-want +got):\n%s", diff)
	}

	stdout, stderr, code := runBinary(t, first.Binary, `{"who": "world"}`, "--name", "greeter")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	want := `{"status":"SUCCEEDED","output":{"greeting":"hello, world","machine":"greeter"}}` + "\n"
	if diff := cmp.Diff(want, stdout); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

// TestBuildKey: the key changes with the definition and with the program,
// and is the same for the same inputs in another cache.
func TestBuildKey(t *testing.T) {
	base := testSpec(t, passDef)
	a, err := Build(context.Background(), base)
	if err != nil {
		t.Fatal(err)
	}
	again := base
	again.CacheDir = t.TempDir()
	b, err := Build(context.Background(), again)
	if err != nil {
		t.Fatal(err)
	}
	if b.Cached || b.Key != a.Key {
		t.Errorf("same spec in a fresh cache: %+v, want a build with key %s", b, a.Key)
	}
	changed := base
	changed.Definition = []byte(strings.Replace(passDef, "hello", "goodbye", 1))
	c, err := Build(context.Background(), changed)
	if err != nil {
		t.Fatal(err)
	}
	if c.Cached || c.Key == a.Key {
		t.Errorf("changed definition: %+v, want a new key", c)
	}
	otherMain := base
	otherMain.Main = append(append([]byte(nil), RunMain...), "\n// another program\n"...)
	d, err := Build(context.Background(), otherMain)
	if err != nil {
		t.Fatal(err)
	}
	if d.Cached || d.Key == a.Key {
		t.Errorf("changed program: %+v, want a new key", d)
	}
}

func TestBuildDiagnostics(t *testing.T) {
	spec := testSpec(t, `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}`)
	_, err := Build(context.Background(), spec)
	var ce *compiler.Error
	if !errors.As(err, &ce) {
		t.Fatalf("error %v (%T), want *compiler.Error", err, err)
	}
	want := "greet.asl.json:1:28: MISSING_END_STATE: Workflow has no terminal state\n" +
		"greet.asl.json:1:59: MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next"
	if got := ce.Diagnostics.Error(); got != want {
		t.Errorf("diagnostics:\n%s\nwant\n%s", got, want)
	}
	if entries, _ := os.ReadDir(spec.CacheDir); len(entries) != 0 {
		t.Errorf("a refused definition left %d entries in the cache", len(entries))
	}
}

// TestBuildError: a program that does not compile gives a *BuildError
// with the compiler's message, and leaves nothing behind.
func TestBuildError(t *testing.T) {
	spec := testSpec(t, passDef)
	spec.Main = []byte("package main\n\nfunc main() { undefinedFunction() }\n")
	_, err := Build(context.Background(), spec)
	var be *BuildError
	if !errors.As(err, &be) {
		t.Fatalf("error %v (%T), want *BuildError", err, err)
	}
	if !strings.Contains(be.Output, "undefined: undefinedFunction") || !strings.HasPrefix(be.Command, "go build") {
		t.Errorf("build error lacks the command or the compiler's message: %v", err)
	}
	bins, _ := os.ReadDir(filepath.Join(spec.CacheDir, "bin"))
	all, _ := os.ReadDir(spec.CacheDir)
	if len(bins) != 0 || len(all) != 1 {
		t.Errorf("a failed build left %d binaries and %d cache entries", len(bins), len(all))
	}
}

// TestBuildOfflineWithoutModule: offline, with a module cache that lacks
// golang.org/x/sync, the build fails and says why.
func TestBuildOfflineWithoutModule(t *testing.T) {
	spec := testSpec(t, `{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
	  "ItemProcessor": {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}}}}`)
	spec.Env = append(spec.Env, "GOMODCACHE="+t.TempDir())
	_, err := Build(context.Background(), spec)
	var be *BuildError
	if !errors.As(err, &be) {
		t.Fatalf("error %v (%T), want *BuildError", err, err)
	}
	for _, s := range []string{"golang.org/x/sync", "module cache lacks"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error lacks %q:\n%v", s, err)
		}
	}
}

func TestBuildCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(ctx, testSpec(t, passDef)); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

// TestEmbeddedSourceComplete: every package of the aslc module that the
// run program, the Lambda backend's standalone program or generated code
// imports, directly or not, has all its Go files in the embedded source,
// so the written module builds.
func TestEmbeddedSourceComplete(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}|{{join .GoFiles \",\"}}{{end}}",
		"./internal/gobuild/runner", "./runtime", "./jsonata", "./backend/awslambda/standalone")
	cmd.Dir = filepath.Join("..", "..")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	src := aslc.Source()
	var checked []string
	for line := range strings.Lines(string(out)) {
		importPath, goFiles, _ := strings.Cut(strings.TrimSpace(line), "|")
		dir, ok := strings.CutPrefix(importPath, aslc.ModulePath+"/")
		if !ok {
			continue // another module, such as golang.org/x/sync
		}
		for _, f := range strings.Split(goFiles, ",") {
			if _, err := fs.Stat(src, dir+"/"+f); err != nil {
				t.Errorf("%s/%s is not embedded (add its package to source.go): %v", dir, f, err)
			}
		}
		checked = append(checked, dir)
	}
	slices.Sort(checked)
	for _, want := range []string{"backend/awslambda", "backend/awslambda/standalone", "compiler/ast", "internal/gobuild/runner", "internal/mockconfig", "jsonata", "runtime"} {
		if !slices.Contains(checked, want) {
			t.Errorf("go list did not list %s; checked %v", want, checked)
		}
	}
}

func TestStripTools(t *testing.T) {
	in := "module m\n\ngo 1.26.0\n\ntool (\n\tgithub.com/a/b\n\tgithub.com/c/d\n)\n\ntool github.com/e/f\n\nrequire x.org/y v1.0.0\n"
	want := "module m\n\ngo 1.26.0\n\n\n\nrequire x.org/y v1.0.0\n"
	if diff := cmp.Diff(want, string(stripTools([]byte(in)))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestCacheDirEnv(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(CacheDirEnv, dir)
	got, err := CacheDir()
	if err != nil || got != dir {
		t.Errorf("CacheDir() = %q, %v; want %q", got, err, dir)
	}
}

// TestBuildLambdaBackend: a program may link the Lambda backend's
// standalone package (as "aslc build" needs), from the embedded source
// and the module cache alone.
func TestBuildLambdaBackend(t *testing.T) {
	spec := testSpec(t, passDef)
	spec.Main = bytes.Replace(RunMain, []byte("import (\n"), []byte("import (\n\t_ \"github.com/aslc/aslc/backend/awslambda/standalone\"\n"), 1)
	if bytes.Equal(spec.Main, RunMain) {
		t.Fatal("RunMain has no import block")
	}
	res, err := Build(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runBinary(t, res.Binary, `{"who": "Lambda"}`)
	if code != 0 || !strings.Contains(stdout, `"greeting":"hello, Lambda"`) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// BenchmarkBuildCached is the cost of finding a program in the cache:
// compiling the definition, hashing the inputs and asking the go command
// for its version.
func BenchmarkBuildCached(b *testing.B) {
	spec := Spec{Definition: []byte(passDef), Source: "greet.asl.json", CacheDir: b.TempDir(), Env: []string{"GOTOOLCHAIN=local"}, Offline: true}
	if _, err := Build(context.Background(), spec); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		res, err := Build(context.Background(), spec)
		if err != nil || !res.Cached {
			b.Fatalf("%+v, %v", res, err)
		}
	}
}
