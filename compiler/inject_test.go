package compiler_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/aslc/aslc/compiler"
)

// hostileDefinition puts s everywhere a definition carries text into the
// generated code: state names, comments, error names, resources, template
// keys and values, paths, Choice operands.
func hostileDefinition(s string) []byte {
	def := map[string]any{
		"Comment": s,
		"StartAt": s,
		"States": map[string]any{
			s: map[string]any{
				"Type": "Pass", "Comment": s,
				"Parameters": map[string]any{s: s, "k.$": "$['" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "']"},
				"Result":     map[string]any{s: s},
				"ResultPath": "$.r",
				"Next":       "Choose " + s,
			},
			"Choose " + s: map[string]any{
				"Type":    "Choice",
				"Choices": []any{map[string]any{"Variable": "$.r", "StringEquals": s, "Next": "Call " + s, "Comment": s}},
				"Default": "Fail " + s,
			},
			"Call " + s: map[string]any{
				"Type":     "Task",
				"Resource": "arn:aws:lambda:us-east-1:123456789012:function:" + s,
				"Retry":    []any{map[string]any{"ErrorEquals": []any{s}, "Comment": s}},
				"Catch":    []any{map[string]any{"ErrorEquals": []any{s}, "Next": "Fail " + s}},
				"End":      true,
			},
			"Fail " + s: map[string]any{"Type": "Fail", "Error": s, "Cause": s},
		},
	}
	text, _ := json.Marshal(def)
	return text
}

// checkGenerated parses generated code and checks that it declares only
// what a generated package declares: nothing from the definition's text
// became code.
func checkGenerated(t *testing.T, src []byte) {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "gen.go", src, parser.ParseComments)
	if err != nil {
		t.Fatalf("the generated code does not parse: %v\n%s", err, src)
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && (fd.Name.Name == "init" || fd.Name.Name == "main") {
			t.Errorf("the generated code declares %s", fd.Name.Name)
		}
	}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "//go:") || strings.HasPrefix(c.Text, "/*") {
				t.Errorf("the generated code has the comment %q", c.Text)
			}
		}
	}
	if len(f.Imports) != 2 && len(f.Imports) != 3 {
		t.Errorf("the generated code has %d imports", len(f.Imports))
	}
}

// TestNoInjection: text from the definition that looks like Go, closes
// comments or strings, or holds newlines and odd Unicode can neither break
// the generated code nor add to it. (The golden case hostilenames builds
// and runs such a definition.)
func TestNoInjection(t *testing.T) {
	for _, s := range hostileTexts {
		t.Run(s, func(t *testing.T) {
			src, err := compiler.Compile(hostileDefinition(s), compiler.Options{Package: "p", Source: s + ".asl.json"})
			if err != nil {
				t.Fatalf("the definition is refused: %v", err)
			}
			checkGenerated(t, src)
		})
	}
}

// hostileTexts are the texts TestNoInjection puts in definitions; the
// definitions are also built by TestCorpusBuilds.
var hostileTexts = []string{
	"*/ func init() { panic(1) } /*",
	"\n}\nfunc init() { panic(1) }\nvar _ = func() {",
	"//go:generate rm -rf /",
	"` + \"x\" + `",
	"\"); panic(\"",
	"a\u2028b\u2029c\u0085d\ufeffe",
	"\x00\x01\x7f",
	"日本語 ✓ é",
	"func", "map", "state", "stateEnd", "Machine", "New", "Run", "Tasks", "TasksFrom", "aslrt", "context", "errgroup",
}
