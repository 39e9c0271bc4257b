// Command gendefs writes the definitions of the benchmarks
// (bench/*/*.asl.json) from package defs. It runs from bench/ through
// go generate.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/aslc/aslc/bench/internal/defs"
)

func main() {
	for _, f := range defs.Files() {
		if err := os.MkdirAll(filepath.Dir(f.Path), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "gendefs:", err)
			os.Exit(1)
		}
		if err := os.WriteFile(f.Path, f.JSON, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gendefs:", err)
			os.Exit(1)
		}
	}
}
