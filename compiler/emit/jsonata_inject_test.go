package emit_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"

	"github.com/aslc/aslc/compiler"
)

// hostileJSONata puts s into every place a JSONata state carries text into
// the generated code: state names, keys of Output, Assign and ItemSelector,
// string literals inside expressions, literal values, error names, and
// Choice conditions (which also reach comments).
func hostileJSONata(s string) ([]byte, []string) {
	lit, _ := json.Marshal(s)
	// a JSONata string literal holding s: JSON escapes are JSONata escapes
	expr := "$states.input.x & " + string(lit)
	cond := "$states.input.x = " + string(lit)
	def := map[string]any{
		"QueryLanguage": "JSONata",
		"Comment":       s,
		"StartAt":       s,
		"States": map[string]any{
			s: map[string]any{
				"Type":    "Pass",
				"Comment": s,
				"Assign":  map[string]any{"v": "{% " + expr + " %}"},
				"Output":  map[string]any{s: "{% " + expr + " %}", "lit": s, "list": []any{s, "{% " + expr + " %}"}},
				"Next":    "Choose " + s,
			},
			"Choose " + s: map[string]any{
				"Type":    "Choice",
				"Choices": []any{map[string]any{"Condition": "{% " + cond + " %}", "Next": "Each " + s, "Comment": s}},
				"Default": "Fail " + s,
			},
			"Each " + s: map[string]any{
				"Type":         "Map",
				"Items":        "{% [" + string(lit) + "] %}",
				"ItemSelector": map[string]any{s: "{% $states.context.Map.Item.Value %}"},
				"ItemProcessor": map[string]any{"StartAt": "Inner " + s, "States": map[string]any{
					"Inner " + s: map[string]any{"Type": "Pass", "End": true},
				}},
				"Catch": []any{map[string]any{"ErrorEquals": []any{s}, "Output": map[string]any{s: "{% $states.errorOutput %}"}, "Next": "Fail " + s}},
				"End":   true,
			},
			"Fail " + s: map[string]any{"Type": "Fail", "Error": s, "Cause": "{% " + expr + " %}"},
		},
	}
	text, _ := json.Marshal(def)
	return text, []string{expr, cond}
}

// TestJSONataNoInjection: text from a JSONata definition that looks like
// Go, closes comments, strings or raw strings, or holds newlines and odd
// Unicode reaches the generated code only as string literals and cleaned
// comments; the expressions arrive intact.
func TestJSONataNoInjection(t *testing.T) {
	hostile := []string{
		"*/ func init() { panic(1) } /*",
		"\n}\nfunc init() { panic(1) }\nvar _ = func() {",
		"//go:generate rm -rf /",
		"` + \"x\" + `",
		"\"); panic(\"",
		"a\u2028b\u2029c\u0085d\ufeffe",
		"\x01\x7f",
		"日本語 ✓ é",
		"jsonatart", "st", "rst", "cst", "vars", "out", "args",
	}
	for _, s := range hostile {
		t.Run(s, func(t *testing.T) {
			def, exprs := hostileJSONata(s)
			src, err := compiler.Compile(def, compiler.Options{Package: "p", Source: "hostile.asl.json"})
			if err != nil {
				t.Fatalf("the definition is refused: %v", err)
			}
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
			// every expression text is the second argument of a MustExpr call
			found := map[string]bool{}
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) != 3 {
					return true
				}
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "MustExpr" {
					if bl, ok := call.Args[1].(*ast.BasicLit); ok {
						if text, err := strconv.Unquote(bl.Value); err == nil {
							found[text] = true
						}
					}
				}
				return true
			})
			for _, e := range exprs {
				if !found[e] {
					t.Errorf("the expression %q is not in the generated code", e)
				}
			}
		})
	}
}
