package golden_test

import (
	"bytes"
	"flag"
	"go/format"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aslc/aslc/compiler"
)

var update = flag.Bool("update", false, "rewrite the generated Go of the golden cases")

// TestGolden regenerates every case and compares the result with the
// committed <case>.go: the generated code is exactly what a reviewer saw.
func TestGolden(t *testing.T) {
	defs, err := filepath.Glob(filepath.Join("*", "definition.asl.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(defs) == 0 {
		t.Fatal("no golden cases")
	}
	for _, def := range defs {
		name := filepath.Dir(def)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(def)
			if err != nil {
				t.Fatal(err)
			}
			opts := compiler.Options{Package: name, Source: "definition.asl.json", Name: name}
			got, err := compiler.Compile(src, opts)
			if err != nil {
				t.Fatalf("compile: %v", err)
			}
			again, err := compiler.Compile(src, opts)
			if err != nil || !bytes.Equal(got, again) {
				t.Fatalf("two compilations differ (err %v)", err)
			}
			if formatted, err := format.Source(got); err != nil || !bytes.Equal(formatted, got) {
				t.Errorf("the generated code is not gofmt'd (err %v)", err)
			}
			for _, f := range []string{"input.json", "want.json", "run_test.go"} {
				if _, err := os.Stat(filepath.Join(name, f)); err != nil {
					t.Errorf("the case lacks %s", f)
				}
			}
			file := filepath.Join(name, name+".go")
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test ./golden -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s is stale (-want +got); run go test ./golden -update:\n%s", file, diff)
			}
		})
	}
}
