package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestGraph(t *testing.T) {
	def := filepath.Join("..", "..", "compiler", "graph", "testdata", "order-validation.asl.json")
	golden := func(ext string) string {
		b, err := os.ReadFile(strings.TrimSuffix(def, ".asl.json") + ext)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	bad := filepath.Join("testdata", "bad.yaml")
	tests := []struct {
		name      string
		args      []string
		code      int
		stdout    string
		stderrHas string
	}{
		{"mermaid by default", []string{"graph", def}, 0, golden(".mmd"), ""},
		{"dot", []string{"graph", "--format", "dot", def}, 0, golden(".dot"), ""},
		{"invalid definition", []string{"graph", bad}, 1, "", "MISSING_TRANSITION_TARGET"},
		{"unknown format", []string{"graph", "--format", "svg", def}, 2, "", `unknown graph format "svg"`},
		{"no file", []string{"graph"}, 2, "", "graph needs exactly one definition file"},
		{"missing file", []string{"graph", "nope.json"}, 1, "", "nope.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if diff := cmp.Diff(tt.stdout, stdout); diff != "" {
				t.Errorf("stdout (-want +got):\n%s", diff)
			}
			if !strings.Contains(stderr, tt.stderrHas) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderrHas, stderr)
			}
		})
	}

	t.Run("to a file", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "g.mmd")
		if code, _, stderr := run("graph", "-o", out, def); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(golden(".mmd"), string(got)); diff != "" {
			t.Errorf("file (-want +got):\n%s", diff)
		}
	})
}
