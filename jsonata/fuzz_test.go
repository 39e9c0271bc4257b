package jsonata

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	aslrt "github.com/aslc/aslc/runtime"
)

// FuzzParse checks that no expression text makes the parser panic or hang,
// and that whatever parses also evaluates without panicking within the
// evaluation limits.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`$states.input.items[price > 5].sku`,
		`Account.Order.Product{$string(ProductID): $.Price}`,
		`( $f := function($n){ $n < 2 ? $n : $f($n-1) + $f($n-2) }; $f(10) )`,
		`$.items#$i[$i < 2]@$x.{'x': $x, 'p': %.name}`,
		`/a(b|c)*/i ~> $match("abcabc", ?)`,
		`$ ~> | foo | {'a': 1}, ['b'] |`,
		`"unterminated`, `/* comment`, `[1, 2`, `{"a": }`, `$x := `, `λ($x)<n:n>{$x}`,
		`$sort(items, function($a, $b){$a.v > $b.v})^(>v)[0]`,
		strings.Repeat("(", 600) + "1" + strings.Repeat(")", 600),
		strings.Repeat("-", 600) + "1",
		strings.Repeat("[", 600),
	} {
		f.Add(s)
	}
	// the expressions of the suite, when it is there
	root := filepath.Join(moduleRoot(f), "..", "shared", "jsonata-suite", "groups")
	_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		var one struct {
			Expr string `json:"expr"`
		}
		var many []struct {
			Expr string `json:"expr"`
		}
		if json.Unmarshal(data, &one) == nil && one.Expr != "" {
			f.Add(one.Expr)
		} else if json.Unmarshal(data, &many) == nil {
			for _, c := range many {
				if c.Expr != "" {
					f.Add(c.Expr)
				}
			}
		}
		return nil
	})
	env, err := NewEnv(WithMaxDepth(300), WithTimeLimit(100*time.Millisecond))
	if err != nil {
		f.Fatal(err)
	}
	input := aslrt.MustDecode(`{"a": 1, "items": [{"v": 2, "name": "x"}, {"v": 1, "name": "y"}], "s": "text"}`)
	f.Fuzz(func(t *testing.T, src string) {
		expr, err := Parse(src)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Parse(%q) returned a %T, not an *Error: %v", src, err, err)
			}
			return
		}
		if expr.String() != src {
			t.Fatalf("String() = %q, want %q", expr.String(), src)
		}
		// evaluation may allocate as much as an expression asks for (a
		// range of ten million numbers, a long padding): leave those out
		for _, big := range []string{"..", "pad", "formatNumber", "formatInteger", "formatBase"} {
			if strings.Contains(src, big) {
				return
			}
		}
		_, err = expr.EvaluateWith(t.Context(), env, input, nil)
		if err != nil && strings.Contains(err.Error(), "internal error") {
			t.Fatalf("Evaluate(%q): %v", src, err)
		}
	})
}
