package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aslc/aslc/compiler/ast"
)

// FuzzCheck: any bytes, read as JSON or as YAML, yield a tree or
// diagnostics, never a panic or a hang; diagnostics are complete and
// sorted. Seeded from the corpus definitions and the golden definitions.
func FuzzCheck(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "golden", "*"))
	if dir, ok := corpusForFuzz(); ok {
		for _, sub := range []string{"cases", "invalid"} {
			more, _ := filepath.Glob(filepath.Join(dir, sub, "*", "definition.json"))
			seeds = append(seeds, more...)
		}
	}
	for _, s := range seeds {
		if strings.HasSuffix(s, ".want") {
			continue
		}
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, name := range []string{"f.json", "f.yaml"} {
			m, diags := Source(name, src, Options{})
			if m == nil && len(diags) == 0 {
				t.Fatalf("%s: no tree and no diagnostic", name)
			}
			for i, d := range diags {
				if d.Code == "" || d.Message == "" || !d.Pos.IsValid() || d.Pos.File != name {
					t.Fatalf("%s: incomplete diagnostic %#v", name, d)
				}
				if strings.HasPrefix(d.Message, jsonataPanicPrefix) {
					t.Fatalf("%s: %s", name, d.Message)
				}
				if d.Pos.Offset < 0 || d.Pos.Offset > len(src) {
					t.Fatalf("%s: offset %d outside the %d-byte input", name, d.Pos.Offset, len(src))
				}
				if i > 0 && d.Pos.Before(diags[i-1].Pos) {
					t.Fatalf("%s: diagnostics out of order: %v", name, diags)
				}
			}
			if m != nil && len(diags) == 0 {
				walkStates(m, func(s ast.State) {
					if s.Base().Name == "" && s.Base().Raw == nil {
						t.Fatalf("%s: state without name and object", name)
					}
				})
			}
		}
	})
}

// corpusForFuzz finds the corpus without skipping: the fuzz test runs
// with the golden seeds alone when the corpus is absent.
func corpusForFuzz() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
	corpus := filepath.Join(dir, "..", "shared", "conformance")
	_, err = os.Stat(corpus)
	return corpus, err == nil
}

func walkStates(m *ast.Machine, f func(ast.State)) {
	for _, s := range m.States {
		f(s)
		switch s := s.(type) {
		case *ast.Parallel:
			for _, b := range s.Branches {
				walkStates(b, f)
			}
		case *ast.Map:
			if s.ItemProcessor != nil {
				walkStates(s.ItemProcessor, f)
			}
		}
	}
}
