package compiler_test

import (
	"bytes"
	"errors"
	"go/parser"
	"go/token"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/aslc/aslc/compiler"
	"github.com/aslc/aslc/conformance"
)

// FuzzCompile: any bytes compile to Go or give diagnostics (*compiler.Error),
// never a panic, a hang or another error (an emitter failure such as code
// gofmt cannot parse); what compiles parses as Go and compiles to the same
// bytes twice. The text s, put everywhere a definition carries text into
// the generated code (hostileDefinition), adds nothing to it. Seeded from
// the golden definitions, the states of TestCombinationsCompile and the
// corpus.
func FuzzCompile(f *testing.F) {
	add := func(def []byte) { f.Add("*/ func init() {}", def) }
	goldens, _ := filepath.Glob(filepath.Join("..", "golden", "*", "definition.asl.json"))
	for _, g := range goldens {
		if b, err := os.ReadFile(g); err == nil {
			add(b)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for _, sh := range shapes() {
		for _, c := range sh.combinations(r, 2) {
			state := sh.stateText(c, "@SELF_NEXT@")
			if sh.typ == "Succeed" || sh.typ == "Fail" {
				add(definitionOf(nil, []string{state}, sh.jsonata))
			} else {
				add(definitionOf([]string{state}, nil, sh.jsonata))
			}
		}
	}
	if dir, err := conformance.DefaultCorpusDir(); err == nil {
		defs, _ := filepath.Glob(filepath.Join(dir, "cases", "*", "definition.json"))
		for _, d := range defs {
			if b, err := os.ReadFile(d); err == nil {
				add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, s string, src []byte) {
		if out, err := compiler.Compile(hostileDefinition(s), compiler.Options{Package: "p", Source: "fuzz.asl.json"}); err == nil {
			checkGenerated(t, out)
		}
		opts := compiler.Options{Package: "fuzz", Source: "fuzz.asl.json"}
		out, err := compiler.Compile(src, opts)
		var ce *compiler.Error
		switch {
		case errors.As(err, &ce):
			if len(ce.Diagnostics) == 0 {
				t.Fatal("a compiler.Error without diagnostics")
			}
			return
		case err != nil:
			t.Fatalf("compile failed: %v", err)
		}
		if _, err := parser.ParseFile(token.NewFileSet(), "fuzz.go", out, parser.ParseComments); err != nil {
			t.Fatalf("the generated code does not parse: %v", err)
		}
		again, err := compiler.Compile(src, opts)
		if err != nil || !bytes.Equal(out, again) {
			t.Fatalf("two compilations differ (err %v)", err)
		}
	})
}
