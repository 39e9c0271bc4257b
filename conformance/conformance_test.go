package conformance

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aslc/aslc/compiler"
)

var (
	corpusFlag   = flag.String("corpus", "", "corpus directory in the layout of ../shared/conformance (default: ../shared/conformance beside the module root)")
	resultsFlag  = flag.String("results", "", "write the results here, one JSON line per case (a relative path is relative to the conformance directory)")
	casesFlag    = flag.String("cases", "", "run only the cases whose IDs match: comma-separated IDs or globs")
	parallelFlag = flag.Int("parallel", 0, "driver processes (default GOMAXPROCS)")
	limitFlag    = flag.Duration("case-limit", 10*time.Second, "real time one case may take")
	keepFlag     = flag.Bool("keep", false, "keep the temporary module and print where it is")
	knownFlag    = flag.String("known", "known-failures.txt", "the list of cases expected to fail, with reasons")
)

// compile is aslc, as the harness calls it.
func compile(req CompileRequest) ([]byte, error) {
	return compiler.Compile(req.Definition, compiler.Options{Package: req.Package, Source: req.Source, Express: req.Express})
}

// TestConformance runs a corpus through the code aslc generates and fails
// on any disagreement with known-failures.txt: a failing case not listed
// there, or a listed case that passes.
func TestConformance(t *testing.T) {
	dir, explicit := *corpusFlag, *corpusFlag != ""
	if !explicit {
		var err error
		if dir, err = DefaultCorpusDir(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(dir); err != nil {
		if explicit || os.Getenv("CI") == "true" {
			t.Fatalf("corpus: %v", err)
		}
		t.Skipf("no corpus: %v", err)
	}
	if testing.Short() && !explicit {
		t.Skip("the conformance run builds and runs every case; skipped with -short")
	}
	corpus, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	cases, err := corpus.Select(*casesFlag)
	if err != nil {
		t.Fatal(err)
	}
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	results, timing, err := Run(context.Background(), cases, Options{
		Compile:    compile,
		ModuleRoot: root,
		Parallel:   *parallelFlag,
		CaseLimit:  *limitFlag,
		Keep:       *keepFlag,
		Logf:       t.Logf,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("compile %v, build %v, run %v", timing.Compile.Round(time.Millisecond), timing.Build.Round(time.Millisecond), timing.Run.Round(time.Millisecond))
	rep := NewReport(cases, results)
	if *resultsFlag != "" {
		if err := rep.WriteResults(*resultsFlag); err != nil {
			t.Fatal(err)
		}
	}
	known, err := LoadKnownFailures(*knownFlag)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(rep.Summary(known))
	fmt.Println()
	fmt.Print(rep.Tables())
	complete := *casesFlag == "" && !explicit
	if abs, err := filepath.Abs(dir); err == nil && explicit {
		if def, err := DefaultCorpusDir(); err == nil {
			if defAbs, err := filepath.Abs(def); err == nil && defAbs == abs && *casesFlag == "" {
				complete = true
			}
		}
	}
	for _, d := range rep.Deviations(known, complete) {
		t.Error(d)
	}
}
