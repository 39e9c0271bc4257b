package lower_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/aslc/aslc/compiler/check"
	"github.com/aslc/aslc/compiler/lower"
	"github.com/aslc/aslc/conformance"
)

// TestLowerCorpus lowers every definition of the conformance corpus that
// the validator accepts: none may produce an internal diagnostic, and
// only JSONata states and S3-reading Map features may be refused.
func TestLowerCorpus(t *testing.T) {
	corpus, err := conformance.DefaultCorpusDir()
	if err != nil {
		t.Fatal(err)
	}
	dirs, _ := filepath.Glob(filepath.Join(corpus, "cases", "*"))
	if len(dirs) == 0 {
		if os.Getenv("CI") == "true" {
			t.Fatal("no conformance corpus at ../shared/conformance")
		}
		t.Skip("no conformance corpus at ../shared/conformance")
	}
	var lowered, unsupported int
	for _, dir := range dirs {
		src, err := os.ReadFile(filepath.Join(dir, "definition.json"))
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(dir) + "/definition.json"
		m, diags := check.Source(name, src, check.Options{})
		if len(diags) > 0 {
			continue
		}
		p, diags := lower.Program(m, lower.Options{Package: "p", Source: name})
		for _, d := range diags {
			if d.Code != lower.CodeUnsupported {
				t.Errorf("%s", d)
			}
		}
		if p != nil {
			lowered++
		} else {
			unsupported++
		}
	}
	t.Logf("lowered %d definitions, %d refused as unsupported", lowered, unsupported)
}
