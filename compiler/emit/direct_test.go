package emit

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/aslc/aslc/compiler/check"
	"github.com/aslc/aslc/compiler/lower"
)

// directTemplates are payload templates of every shape direct code
// handles, and of some it leaves to the parsed template, written to meet
// what the direct form must hand back: missing members, steps into values
// of the wrong type, indexes out of range and from the end, variables that
// do not exist, context paths outside a Map iteration, intrinsic calls
// that fail, impure calls.
var directTemplates = []string{
	`{"a.$":"$.a"}`, `{"b.$":"$.a.b"}`, `{"c.$":"$.a.b.c"}`, `{"whole.$":"$"}`,
	`{"first.$":"$.arr[0]"}`, `{"last.$":"$.arr[-1]"}`, `{"x.$":"$.arr[1].x"}`, `{"far.$":"$.arr[7]"}`,
	`{"root.$":"$[0]"}`, `{"m.$":"$.missing"}`, `{"m.$":"$.nothing.x"}`, `{"s.$":"$.s.x"}`,
	`{"quoted.$":"$['a']['b']"}`, `{"odd.$":"$['odd key']"}`,
	`{"index": 1, "previous.$": "$.last.index", "name.$": "$.name"}`,
	`{"lit":"text","n":-2,"f":1.5,"g":1.0,"big":9007199254740993,"e":1e300,"t":true,"z":null,"v.$":"$.n"}`,
	`{"outer":{"inner.$":"$.a","k":1},"list":[1,"two",{"three.$":"$.n"}],"plain":"p"}`,
	`{"nested":[[{"deep.$":"$.a.b"}]]}`, `{"litobj":{"k":"v"},"v.$":"$.n"}`, `{"empty":[],"v.$":"$.n"}`,
	`{"ctx.$":"$$"}`, `{"name.$":"$$.Execution.Name"}`, `{"state.$":"$$.State.Name"}`,
	`{"index.$":"$$.Map.Item.Index"}`, `{"value.$":"$$.Map.Item.Value"}`, `{"id.$":"$$.Map.Item.Value.id"}`,
	`{"item.$":"$$.Map.Item"}`,
	`{"v.$":"$v"}`, `{"va.$":"$v.a"}`, `{"vab.$":"$v.a.b"}`, `{"vx.$":"$v.arr[0].x"}`, `{"nosuch.$":"$nosuch"}`,
	`{"n.$":"States.MathAdd($.n, 1)"}`, `{"n.$":"States.MathAdd($.n, -1.5)"}`, `{"n.$":"States.MathAdd($.s, 1)"}`,
	`{"label.$":"States.Format('{}-{}', $.s, $.n)"}`, `{"f.$":"States.Format('\\{}{}\\}', $.a)"}`,
	`{"f.$":"States.Format('{}', $.missing)"}`, `{"f.$":"States.Format('{} {}', $.n)"}`,
	`{"f.$":"States.Format($.s, $.n)"}`,
	`{"nested.$":"States.Format('{}', States.MathAdd($.n, 2))"}`,
	`{"len.$":"States.ArrayLength($.arr)"}`, `{"item.$":"States.ArrayGetItem($.arr, 0)"}`,
	`{"json.$":"States.JsonToString($.a)"}`, `{"parsed.$":"States.StringToJson($.s)"}`,
	`{"arr.$":"States.Array($.n, 'x', $.a)"}`, `{"merged.$":"States.JsonMerge($.a, $.obj, false)"}`,
	`{"hash.$":"States.Hash($.s, 'SHA-256')"}`, `{"split.$":"States.StringSplit($.s, ',')"}`,
	`{"uuid.$":"States.UUID()"}`, `{"r.$":"States.MathRandom(1, 10)"}`,
	`{"wild.$":"$.arr[*].x"}`, `{"filter.$":"$.arr[?(@.x == 1)]"}`, `{"scan.$":"$..x"}`, `{"names.$":"$['a','n']"}`,
	`{"a.$":"$.a","n.$":"$.missing","c.$":"States.MathAdd($.n, 1)"}`,
	// templates that share a shape with one above: one function built
	// from their literal values
	`{"index": 2, "previous.$": "$.last.index", "name.$": "$.name"}`,
	`{"lit":"other","n":3,"f":-0.25,"g":2.0,"big":1,"e":-1e-300,"t":false,"z":"null","v.$":"$.n"}`,
	`{"outer":{"inner.$":"$.a","k":"one"},"list":[false,2.5,{"three.$":"$.n"}],"plain":null}`,
	`{"n.$":"States.MathAdd($.n, 1)","k":7}`, `{"n.$":"States.MathAdd($.n, 1)","k":"seven"}`,
}

// directInputs are the inputs the templates run against.
var directTemplateInputs = []string{
	`{"a":{"b":{"c":1}},"n":5,"s":"x","arr":[{"x":1},{"x":[2,3]}],"nothing":null,"name":"bench","last":{"index":-1},"obj":{"k":"v"},"odd key":7}`,
	`{"a":[{"b":1},{"b":2}],"n":5.5,"s":"a,b,,c","arr":[],"obj":{}}`,
	`{"a":"str","n":"5","s":5,"arr":{"0":1},"last":{}}`,
	`[]`, `[1,2,3]`, `"just a string"`, `null`, `7`,
	`{"a":{"b":[]},"n":2147483647,"s":"","arr":[[1]],"nothing":{"x":1},"obj":[{"k":"v"}]}`,
	`{"a":{"b":{"c":[1,[2]]}},"s":"😀","n":-2147483648}`, `{"a":{"b":{"c":1}},"n":2147483648,"s":"x","arr":[{"x":1},{"x":2}],"name":"n","last":{"index":-2147483649},"obj":{}}`,
	`{"a":{"b":{"c":{"d":1}}},"s":"{\"k\":[1,2]}","n":1e300,"arr":[{"x":"é"}]}`,
}

// directTemplateVars are the workflow variables the templates see.
const directTemplateVars = `{"v":{"a":{"b":2},"arr":[{"x":1}]},"n":5}`

// TestDirectTemplateEquivalence: the direct form of every payload template
// gives what the parsed template gives — the same value, encoded the same
// (member order, integers), or the same error with the same cause — on
// every input, outside and inside a Map iteration (where $$.Map.Item is
// set). The templates go through the compiler's own lowering, so their
// intrinsic calls are named as in generated code; the test builds and runs
// a program of the generated direct functions.
func TestDirectTemplateEquivalence(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	var def strings.Builder
	def.WriteString(`{"StartAt":"S0","States":{`)
	for i, tmpl := range directTemplates {
		if i > 0 {
			def.WriteString(",")
		}
		next := `"End":true`
		if i < len(directTemplates)-1 {
			next = `"Next":"S` + strconv.Itoa(i+1) + `"`
		}
		def.WriteString(`"S` + strconv.Itoa(i) + `":{"Type":"Pass","Parameters":` + tmpl + `,` + next + `}`)
	}
	def.WriteString(`}}`)
	m, diags := check.Source("direct.asl.json", []byte(def.String()), check.Options{})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	p, diags := lower.Program(m, lower.Options{Package: "main", Source: "direct.asl.json"})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if len(p.Templates) != len(directTemplates) {
		t.Fatalf("%d templates lowered, want %d", len(p.Templates), len(directTemplates))
	}
	e := &emitter{prog: p, f: jen.NewFile("main"), named: map[any]bool{}}
	e.findShapes()
	var funcs, texts []jen.Code
	withDirect, shaped := 0, 0
	for _, tmpl := range p.Templates {
		fn := e.directTemplate(tmpl)
		if fn == nil {
			fn = jen.Nil()
		} else {
			withDirect++
		}
		if sh := e.shapeOf[tmpl]; sh != nil && sh.users > 1 {
			shaped++
		}
		funcs = append(funcs, jen.Line().Add(fn))
		texts = append(texts, jen.Line().Lit(tmpl.JSON))
	}
	f := e.f
	e.renderVars()
	for _, fn := range e.shapeFuncs {
		f.Add(fn)
	}
	f.Var().Id("funcs").Op("=").Index().Add(rt("DirectTemplate")).Values(append(funcs, jen.Line())...)
	f.Var().Id("texts").Op("=").Index().String().Values(append(texts, jen.Line())...)
	in := make([]jen.Code, 0, len(directTemplateInputs)+1)
	for _, s := range directTemplateInputs {
		in = append(in, jen.Line().Lit(s))
	}
	f.Var().Id("inputs").Op("=").Index().String().Values(append(in, jen.Line())...)
	f.Const().Id("vars").Op("=").Lit(directTemplateVars)
	var gen bytes.Buffer
	if err := f.Render(&gen); err != nil {
		t.Fatal(err)
	}
	out := runProgram(t, "directtemplate", gen.Bytes(), directTemplateMain)

	mismatches, decided, total := verdicts(t, out)
	if want := 2 * len(directTemplates) * len(directTemplateInputs); total != want {
		t.Fatalf("%d results, want %d:\n%s", total, want, out)
	}
	t.Logf("%d templates (%d with a direct form, %d of them sharing a shape) × %d inputs × 2 scopes: the direct form decided %d of %d evaluations, %d mismatches",
		len(directTemplates), withDirect, shaped, len(directTemplateInputs), decided, total, mismatches)
	if shaped < 8 {
		t.Errorf("only %d templates share a shape's direct form, want 8", shaped)
	}
	if withDirect < len(directTemplates)*2/3 {
		t.Errorf("only %d of %d templates have a direct form", withDirect, len(directTemplates))
	}
	if decided < total/3 {
		t.Errorf("the direct forms decided only %d of %d evaluations", decided, total)
	}
}

// verdicts counts the lines of an equivalence program's output: DECIDED
// and FALLBACK for each evaluation, MISMATCH, reported as an error, for
// each that differs from the parsed form.
func verdicts(t *testing.T, out string) (mismatches, decided, total int) {
	t.Helper()
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		switch {
		case strings.HasPrefix(line, "MISMATCH "):
			mismatches++
			t.Error(line)
		case strings.HasPrefix(line, "DECIDED "):
			decided++
			total++
		case strings.HasPrefix(line, "FALLBACK "):
			total++
		}
	}
	return mismatches, decided, total
}

// runProgram builds and runs a program of the generated file gen and the
// main file src, in a package of the module that go build ./... leaves
// out, and returns its output.
func runProgram(t *testing.T, name string, gen []byte, src string) string {
	t.Helper()
	if _, err := os.Stat("testdata"); os.IsNotExist(err) {
		if err := os.Mkdir("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		defer os.Remove("testdata")
	}
	dir, err := os.MkdirTemp("testdata", name)
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "gen.go"), gen, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goCommand(), "run", "./"+filepath.ToSlash(dir))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, out)
	}
	return string(out)
}

// directTemplateMain evaluates every template on every input twice, with
// its direct form and parsed alone, in a state of the execution and in a
// Map iteration's ItemSelector, and prints DECIDED or FALLBACK per
// evaluation and MISMATCH when the two differ.
const directTemplateMain = `package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	aslrt "github.com/aslc/aslc/runtime"
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

// run evaluates every template on input in a state and in a Map
// iteration of a fresh execution with a fixed random seed, so that two
// runs draw the same random numbers.
func run(input string, templates []*aslrt.Template) (state, item []string, decided []bool) {
	start := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	m := aslrt.NewMachine(aslrt.Definition{Name: "direct"}, aslrt.WithVirtualTime(start), aslrt.WithExecutionName("e"), aslrt.WithRandSeed(7))
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
	for i, t := range templates {
		ok := false
		if funcs[i] != nil {
			_, ok = funcs[i](in, x)
		}
		decided = append(decided, ok)
		state = append(state, result(t.Eval(in, x)))
	}
	x.Exit(in)
	if err := x.Enter(&aslrt.State{Name: "M", Type: aslrt.MapState}, in); err != nil {
		panic(err)
	}
	it := aslrt.MustDecode(` + "`" + `{"id":3,"k":[1]}` + "`" + `)
	mp := x.Map([]aslrt.Value{it, it}, aslrt.MapConfig{})
	err = mp.Iteration(context.Background(), 1, func(ix *aslrt.Exec, _ aslrt.Value) (aslrt.Value, error) {
		for i, t := range templates {
			ok := false
			if funcs[i] != nil {
				_, ok = funcs[i](in, ix)
			}
			decided = append(decided, ok)
			item = append(item, result(t.Eval(in, ix)))
		}
		return nil, nil
	})
	if err != nil {
		panic(err)
	}
	return state, item, decided
}

func main() {
	var direct, parsed []*aslrt.Template
	for i, text := range texts {
		direct = append(direct, aslrt.MustTemplateDirect(text, funcs[i]))
		parsed = append(parsed, aslrt.MustTemplate(text))
	}
	for j, input := range inputs {
		ds, di, decided := run(input, direct)
		ps, pi, _ := run(input, parsed)
		for i, text := range texts {
			for k, c := range []struct {
				where     string
				got, want string
			}{{"state", ds[i], ps[i]}, {"item", di[i], pi[i]}} {
				verdict := "FALLBACK"
				if decided[k*len(texts)+i] {
					verdict = "DECIDED"
				}
				fmt.Printf("%s %d %d %s\n", verdict, i, j, c.where)
				if c.got != c.want {
					fmt.Printf("MISMATCH %s on %s (%s): direct %s, parsed %s\n", text, input, c.where, c.got, c.want)
				}
			}
		}
	}
}
`
