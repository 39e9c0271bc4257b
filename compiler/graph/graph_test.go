package graph_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aslc/aslc/compiler/ast"
	"github.com/aslc/aslc/compiler/check"
	"github.com/aslc/aslc/compiler/graph"
)

var update = flag.Bool("update", false, "rewrite the golden graphs in testdata")

// definitions are the test definitions: the seed article's workflows
// and a few that exercise every construct and hostile names.
func definitions(t *testing.T) map[string]*ast.Machine {
	t.Helper()
	files, err := filepath.Glob("testdata/*.asl.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no definitions in testdata: %v", err)
	}
	defs := map[string]*ast.Machine{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, diags := check.Source(f, src, check.Options{})
		if len(diags) > 0 {
			t.Fatalf("%s:\n%v", f, diags)
		}
		defs[strings.TrimSuffix(f, ".asl.json")] = m
	}
	return defs
}

// TestGolden compares each definition's graph with testdata/<name>.mmd
// and .dot; go test ./compiler/graph -update rewrites them.
func TestGolden(t *testing.T) {
	for stem, m := range definitions(t) {
		for _, f := range []graph.Format{graph.Mermaid, graph.DOT} {
			ext := map[graph.Format]string{graph.Mermaid: ".mmd", graph.DOT: ".dot"}[f]
			t.Run(filepath.Base(stem)+ext, func(t *testing.T) {
				got := graph.Render(m, f)
				if again := graph.Render(m, f); again != got {
					t.Fatal("two renderings differ")
				}
				file := stem + ext
				if *update {
					if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(file)
				if err != nil {
					t.Fatalf("%v (run with -update to create it)", err)
				}
				if diff := cmp.Diff(string(want), got); diff != "" {
					t.Errorf("%s (-want +got):\n%s", file, diff)
				}
			})
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]graph.Format{"mermaid": graph.Mermaid, "Mermaid": graph.Mermaid, "dot": graph.DOT, "DOT": graph.DOT} {
		if got, err := graph.ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := graph.ParseFormat("svg"); err == nil {
		t.Error("ParseFormat(svg) accepted")
	}
}
