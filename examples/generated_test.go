package examples_test

import (
	"bytes"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aslc/aslc/internal/cli"
)

// TestGeneratedCodeIsCurrent regenerates every example as its go:generate
// line does and compares the result with the committed file, so a change
// of the compiler that alters generated code shows up in go test, not
// only when "go generate ./examples/..." runs.
func TestGeneratedCodeIsCurrent(t *testing.T) {
	defs, err := filepath.Glob(filepath.Join("*", "*.asl.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(defs) == 0 {
		t.Fatal("no example definitions found")
	}
	for _, def := range defs {
		dir, base := filepath.Split(def)
		stem := strings.TrimSuffix(base, ".asl.json")
		t.Run(stem, func(t *testing.T) {
			committed := filepath.Join(dir, stem+".go")
			want, err := os.ReadFile(committed)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parser.ParseFile(token.NewFileSet(), committed, want, parser.PackageClauseOnly)
			if err != nil {
				t.Fatal(err)
			}
			out := t.TempDir()
			t.Chdir(dir)
			var stdout, stderr bytes.Buffer
			if code := cli.Main([]string{"gen", base, "-o", out, "--pkg", f.Name.Name}, &stdout, &stderr); code != 0 {
				t.Fatalf("aslc gen %s: exit %d\n%s", base, code, stderr.String())
			}
			got, err := os.ReadFile(filepath.Join(out, stem+".go"))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(string(got), "\n")); diff != "" {
				t.Errorf("%s is stale (-want +got); run go generate ./examples/...:\n%s", committed, diff)
			}
		})
	}
}
