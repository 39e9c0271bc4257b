package compiler_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/aslc/aslc/compiler"
	"github.com/aslc/aslc/compiler/lower"
	"github.com/aslc/aslc/conformance"
)

// TestCorpusBuilds compiles every definition of the conformance corpus that
// aslc accepts into one temporary module, one package per case, and builds
// the module once: whatever the validator accepts must compile to Go that
// builds and is vet-clean. Definitions refused as unsupported are counted.
// The definitions of TestNoInjection, whose names and strings look like
// Go, are built with them.
func TestCorpusBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds hundreds of packages")
	}
	dir, err := conformance.DefaultCorpusDir()
	if err != nil {
		t.Fatal(err)
	}
	corpus, err := conformance.Load(dir)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no conformance corpus: %v", err)
		}
		t.Skipf("no conformance corpus: %v", err)
	}
	work := tempModule(t)
	var built, unsupported, invalid int
	for i, c := range corpus.Cases {
		if c.Kind != conformance.Execution {
			continue
		}
		pkg := "case" + strconv.Itoa(i)
		src, err := compiler.Compile(c.Definition, compiler.Options{Package: pkg, Source: c.ID + "/definition.json"})
		var ce *compiler.Error
		switch {
		case errors.As(err, &ce) && onlyUnsupported(ce):
			unsupported++
			continue
		case err != nil:
			// A definition AWS ran but the validator refuses is the
			// validator's concern, reported by the conformance run.
			invalid++
			t.Logf("%s: not compiled: %v", c.ID, err)
			continue
		}
		writePackage(t, work, pkg, src)
		built++
	}
	for i, s := range hostileTexts {
		pkg := "hostile" + strconv.Itoa(i)
		src, err := compiler.Compile(hostileDefinition(s), compiler.Options{Package: pkg, Source: s + ".asl.json"})
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		writePackage(t, work, pkg, src)
	}
	cmd := exec.Command("go", "build", "./...")
	cmd.Dir = work
	cmd.Env = offlineEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build of %d generated packages failed: %v\n%s", built, err, limitLines(string(out), 80))
	}
	cmd = exec.Command("go", "vet", "./...")
	cmd.Dir = work
	cmd.Env = offlineEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go vet of the generated packages failed: %v\n%s", err, limitLines(string(out), 80))
	}
	t.Logf("built %d corpus definitions; %d refused as unsupported, %d rejected by the validator", built, unsupported, invalid)
}

// tempModule returns a temporary directory holding the go.mod and go.sum
// of a module that requires the aslc module (writeModule).
func tempModule(t *testing.T) string {
	t.Helper()
	root, err := conformance.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	if err := writeModule(work, root); err != nil {
		t.Fatal(err)
	}
	return work
}

// writePackage writes src as the package pkg of the module in work.
func writePackage(t *testing.T, work, pkg string, src []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(work, pkg), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, pkg, pkg+".go"), src, 0o644); err != nil {
		t.Fatal(err)
	}
}

// offlineEnv is the environment of the go commands that build the
// temporary module: no workspace, no toolchain switch, no network.
func offlineEnv() []string {
	return append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOPROXY=off", "GOFLAGS=-mod=mod")
}

func onlyUnsupported(e *compiler.Error) bool {
	for _, d := range e.Diagnostics {
		if d.Code != lower.CodeUnsupported {
			return false
		}
	}
	return len(e.Diagnostics) > 0
}

// writeModule writes the go.mod and go.sum of a module that requires the
// aslc module at root (replaced by that directory) with root's own
// requirements, so that it builds offline from the same module cache.
func writeModule(dir, root string) error {
	cmd := exec.Command("go", "mod", "edit", "-json")
	cmd.Dir = root
	text, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("go mod edit -json: %w", err)
	}
	var mod struct {
		Module  struct{ Path string }
		Go      string
		Require []struct{ Path, Version string }
	}
	if err := json.Unmarshal(text, &mod); err != nil {
		return err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "module aslc.test/corpus\n\ngo %s\n\nrequire (\n\t%s v0.0.0\n", mod.Go, mod.Module.Path)
	for _, r := range mod.Require {
		fmt.Fprintf(&b, "\t%s %s\n", r.Path, r.Version)
	}
	fmt.Fprintf(&b, ")\n\nreplace %s => %s\n", mod.Module.Path, strconv.Quote(root))
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), b.Bytes(), 0o644); err != nil {
		return err
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644)
}

func limitLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("... %d more lines", len(lines)-n))
	}
	return strings.Join(lines, "\n")
}
