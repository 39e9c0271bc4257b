package emit

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/aslc/aslc/jsonata"
)

// directExprs are expressions of every simple form, written to meet the
// cases the direct functions must hand to the evaluator: arrays on a path,
// mismatched types, Undefined, big integers, strings beyond the Basic
// Multilingual Plane.
var directExprs = []string{
	"$states.input", "$states.input.a", "$states.input.a.b", "$states.input.a.b.c",
	"$states.input.arr", "$states.input.arr.x", "$states.input.n", "$states.input.missing",
	"$states.input.nothing.x", "$states.input.s.x", "$states.input.obj", "$states.input.empty",
	"$states.context.Execution.Name", "$states.context.State.Name", "$states.context.Map.Item",
	"$v", "$v.a", "$v.a.b", "$v.arr.x", "$nosuch", "$nosuch.a", "$sum", "$n", "$list",
	"1", "1.5", "-2", "'str'", "\"dq\"", "true", "false", "null", "1e21", "9007199254740993", "0.1", "1.0",
	"{'a': $states.input.a, 'b': 1}", "{'x': $nosuch}", "{'a': {'b': $states.input.n}}", "{}",
	"{'list': $states.input.arr, 's': $states.input.s}", "{'0': 1}", "{'a': 1, 'a': 2}",
	"$states.input.n = 5", "$states.input.n != 5", "$states.input.n < 10", "$states.input.n <= 5",
	"$states.input.n > 5", "$states.input.n >= 5.5", "$states.input.s = 'x'", "$states.input.s != 'x'",
	"$states.input.s < 'y'", "$states.input.u < 'é'", "$states.input.u > 'a'", "$states.input.big = 9007199254740992",
	"$states.input.big > 9007199254740992", "$states.input.b = true", "$states.input.nothing = null",
	"$states.input.missing = 1", "$states.input.missing != 1", "$states.input.missing < 1",
	"$states.input.arr = 1", "$states.input.s < 5", "$states.input.b < 1", "$states.input.nothing < 1",
	"1 = 1.0", "'a' = 'a'", "$v = $v", "$states.input.obj = $states.input.obj", "$n = 5", "$list = 1",
	"$states.input.n > 1 and $states.input.s = 'x'", "$states.input.missing or true",
	"$states.input.s and $states.input.n", "$states.input.arr and true", "$states.input.obj or false",
	"'' or 0", "null and true", "$states.input.n < 10 or $states.input.s", "($states.input.n)",
	"($states.input.n = 5) = true", "$states.input.a.b = $states.input.a.b",
}

// directInputs are the state inputs the expressions run against.
var directInputs = []string{
	`{"a":{"b":{"c":1}},"n":5,"s":"x","arr":[{"x":1},{"x":[2,3]}],"nothing":null,"b":true,"big":9007199254740993,"u":"é","obj":{"k":"v"},"empty":[]}`,
	`{"a":[{"b":1},{"b":2}],"n":5.5,"s":"y","arr":[],"obj":{}}`,
	`{"a":"str","n":"5","s":5,"b":0,"big":9007199254740992.5,"u":null}`,
	`[]`, `[1,2,3]`, `"just a string"`, `null`, `7`,
	`{"a":{"b":[]},"n":0,"s":"","arr":[[1]],"nothing":{"x":1},"obj":[{"k":"v"}]}`,
	`{"a":{"b":{"c":[1,[2]]}},"s":"😀","u":"","n":1e300}`,
	`{"a":{"b":{"c":{"d":1}}},"s":"xx","u":"é","n":-5,"b":false}`,
}

// directVars are the workflow variables the expressions see.
const directVars = `{"v":{"a":{"b":2},"arr":[{"x":1}]},"n":5,"list":[1],"s":"x"}`

// TestDirectEquivalence: the direct function of every expression of a
// simple form gives what the evaluator gives — the same value, encoded the
// same (member order, integers), or the same error — on every input. The
// expressions are those above and those of the JSONata suite's Step
// Functions cases; the test builds and runs a program of the generated
// functions.
func TestDirectEquivalence(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	exprs := append([]string(nil), directExprs...)
	suite, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "jsonata-suite", "stepfunctions.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Expr     string         `json:"expr"`
		Bindings map[string]any `json:"bindings"`
	}
	if err := json.Unmarshal(suite, &cases); err != nil {
		t.Fatal(err)
	}
	inputs := append([]string(nil), directInputs...)
	for _, c := range cases {
		x, err := jsonata.Parse(c.Expr)
		if err != nil || x.Form() == nil {
			continue
		}
		exprs = append(exprs, c.Expr)
		if st, ok := c.Bindings["states"].(map[string]any); ok {
			in, _ := json.Marshal(st["input"])
			if !strings.Contains(strings.Join(inputs, "\n"), string(in)) {
				inputs = append(inputs, string(in))
			}
		}
	}
	withDirect := 0
	f := jen.NewFile("main")
	var list []jen.Code
	for _, src := range exprs {
		x, err := jsonata.Parse(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if f := x.Form(); f != nil && directForm(f) {
			withDirect++
		}
		list = append(list, jen.Line().Add(jrt("MustExpr").Call(jen.Lit("Output"), jen.Lit(src), directFunc(x.Form()))))
	}
	list = append(list, jen.Line())
	f.Var().Id("exprs").Op("=").Index().Op("*").Add(jrt("Expr")).Values(list...)
	in := make([]jen.Code, 0, len(inputs)+1)
	for _, s := range inputs {
		in = append(in, jen.Line().Lit(s))
	}
	in = append(in, jen.Line())
	f.Var().Id("inputs").Op("=").Index().String().Values(in...)
	f.Const().Id("vars").Op("=").Lit(directVars)
	var gen bytes.Buffer
	if err := f.Render(&gen); err != nil {
		t.Fatal(err)
	}

	// The program is a package of the module, in a directory that go build
	// ./... leaves out.
	if _, err := os.Stat("testdata"); os.IsNotExist(err) {
		if err := os.Mkdir("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		defer os.Remove("testdata")
	}
	dir, err := os.MkdirTemp("testdata", "direct")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "exprs.go"), gen.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(directMain), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goCommand(), "run", "./"+filepath.ToSlash(dir))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, out)
	}
	mismatches, decided, total := verdicts(t, string(out))
	if total != len(exprs)*len(inputs) {
		t.Fatalf("%d results for %d expressions × %d inputs:\n%s", total, len(exprs), len(inputs), out)
	}
	t.Logf("%d expressions (%d with a direct function) × %d inputs: the direct function decided %d of %d evaluations, %d mismatches",
		len(exprs), withDirect, len(inputs), decided, total, mismatches)
	if decided < total/3 {
		t.Errorf("the direct functions decided only %d of %d evaluations", decided, total)
	}
}

// goCommand is the go command of the toolchain running the test (go test
// puts GOROOT in its environment), or the one on PATH.
func goCommand() string {
	if root := os.Getenv("GOROOT"); root != "" {
		name := filepath.Join(root, "bin", "go")
		if _, err := os.Stat(name); err == nil {
			return name
		}
	}
	return "go"
}

// directMain runs every expression on every input twice, with its direct
// function and with the evaluator alone, and prints DECIDED or FALLBACK
// per evaluation and MISMATCH when the two differ.
const directMain = `package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	aslrt "github.com/aslc/aslc/runtime"
	"github.com/aslc/aslc/runtime/jsonatart"
)

func result(v aslrt.Value, err error) string {
	var e *aslrt.Error
	if errors.As(err, &e) {
		return "error " + e.Name + ": " + e.Cause
	}
	if err != nil {
		return "error " + err.Error()
	}
	return aslrt.EncodeString(v)
}

func main() {
	start := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	for j, input := range inputs {
		m := aslrt.NewMachine(aslrt.Definition{Name: "direct"}, aslrt.WithVirtualTime(start), aslrt.WithExecutionName("e"))
		x, in, err := m.Start(context.Background(), aslrt.MustDecode(input))
		if err != nil {
			panic(err)
		}
		if err := x.Enter(&aslrt.State{Name: "Init", Type: aslrt.PassState}, in); err != nil {
			panic(err)
		}
		if err := x.Assign(aslrt.MustDecode(vars)); err != nil {
			panic(err)
		}
		x.Exit(in)
		if err := x.Enter(&aslrt.State{Name: "S", Type: aslrt.PassState}, in); err != nil {
			panic(err)
		}
		for i, e := range exprs {
			st := jsonatart.NewStates(x, in)
			_, decided := e.EvalDirect(st)
			got := result(e.Eval(st))
			want := result(e.Evaluate(jsonatart.NewStates(x, in)))
			if decided {
				fmt.Printf("DECIDED %d %d\n", i, j)
			} else {
				fmt.Printf("FALLBACK %d %d\n", i, j)
			}
			if got != want {
				fmt.Printf("MISMATCH %q on %s: direct %s, evaluator %s\n", e.Source(), input, got, want)
			}
		}
	}
}
`
