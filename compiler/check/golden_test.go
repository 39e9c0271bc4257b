package check

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the .want files of testdata/golden")

// TestGolden checks the hand-written bad definitions in testdata/golden:
// each <name> (JSON or YAML) must produce exactly the diagnostics in
// <name>.want, one a line. Run with -update to rewrite the .want files
// after a deliberate change, and review the diff.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".want") {
			continue
		}
		n++
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			_, diags := Source(name, src, Options{Express: strings.Contains(name, "express")})
			var got strings.Builder
			for _, d := range diags {
				got.WriteString(d.String() + "\n")
			}
			if *update {
				if err := os.WriteFile(f+".want", []byte(got.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(f + ".want")
			if err != nil {
				t.Fatal(err)
			}
			if got.Len() == 0 {
				t.Errorf("no diagnostics for a bad definition")
			}
			if diff := cmp.Diff(string(want), got.String()); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
	if n < 12 {
		t.Errorf("only %d golden definitions", n)
	}
}
