package parse

import (
	"os"
	"path/filepath"
	"testing"
)

// corpusDir returns the conformance corpus, ../shared/conformance beside
// the module root. It skips the test when the corpus is absent, unless
// CI=true.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
	corpus := filepath.Join(dir, "..", "shared", "conformance")
	if _, err := os.Stat(corpus); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("conformance corpus missing: %v", err)
		}
		t.Skipf("conformance corpus not found at ../shared/conformance: %v", err)
	}
	return corpus
}

// TestCorpusDefinitionsParse: every definition AWS ran parses without a
// diagnostic.
func TestCorpusDefinitionsParse(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(corpusDir(t), "cases", "*", "definition.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus definitions: %v", err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, diags := File(f, src)
		if m == nil || len(diags) > 0 {
			t.Errorf("%s: got diagnostics:\n%v", filepath.Base(filepath.Dir(f)), diags)
		}
	}
	t.Logf("%d corpus definitions parsed", len(files))
}
