package bench_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/aslc/aslc/bench/internal/defs"
	"github.com/aslc/aslc/compiler"
)

// TestGeneratedUpToDate fails when a committed definition or generated
// package differs from what go generate would write now: from package
// defs and the current compiler. Run go generate ./bench to update them.
func TestGeneratedUpToDate(t *testing.T) {
	for _, f := range defs.Files() {
		t.Run(f.Pkg, func(t *testing.T) {
			def, err := os.ReadFile(f.Path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(def, f.JSON) {
				t.Errorf("%s is stale: run go generate ./bench", f.Path)
			}
			want, err := compiler.Compile(f.JSON, compiler.Options{Package: f.Pkg, Source: f.Path, Express: f.Express})
			if err != nil {
				t.Fatal(err)
			}
			goFile := strings.TrimSuffix(f.Path, ".asl.json") + ".go"
			got, err := os.ReadFile(goFile)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s is stale: run go generate ./bench", goFile)
			}
		})
	}
}
