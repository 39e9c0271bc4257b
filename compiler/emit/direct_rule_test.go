package emit

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/aslc/aslc/compiler/check"
	"github.com/aslc/aslc/compiler/lower"
	"github.com/aslc/aslc/ir"
)

// directRules are Choice rules (A6) of every shape direct code handles,
// and some it leaves to the parsed rule: each operator with a literal and
// with a path, numbers of both kinds and at the edge of what a double
// holds, And, Or and Not whose later operands read missing paths, and
// operators, variables and context paths direct code does not read.
var directRules = []string{
	`{"Variable":"$.n","NumericEquals":5}`, `{"Variable":"$.n","NumericLessThan":5.5}`,
	`{"Variable":"$.n","NumericLessThanEquals":5}`, `{"Variable":"$.n","NumericGreaterThan":-1}`,
	`{"Variable":"$.n","NumericGreaterThanEquals":5.5}`, `{"Variable":"$.big","NumericEquals":9007199254740993}`,
	`{"Variable":"$.n","NumericEqualsPath":"$.m"}`, `{"Variable":"$.n","NumericLessThanPath":"$.m"}`,
	`{"Variable":"$.n","NumericLessThanEqualsPath":"$.m"}`, `{"Variable":"$.n","NumericGreaterThanPath":"$.m"}`,
	`{"Variable":"$.n","NumericGreaterThanEqualsPath":"$.m"}`, `{"Variable":"$.a.b[0]","NumericLessThanPath":"$.arr[-1]"}`,
	`{"Variable":"$.s","StringEquals":"x"}`, `{"Variable":"$.s","StringEqualsPath":"$.t"}`,
	`{"Variable":"$.b","BooleanEquals":true}`, `{"Variable":"$.b","BooleanEqualsPath":"$.c"}`,
	`{"Variable":"$.missing","NumericEquals":1}`, `{"Variable":"$.n","NumericEqualsPath":"$.missing"}`,
	`{"And":[{"Variable":"$.n","NumericGreaterThan":100},{"Variable":"$.missing","StringEquals":"x"}]}`,
	`{"Or":[{"Variable":"$.n","NumericLessThan":100},{"Variable":"$.missing","StringEquals":"x"}]}`,
	`{"Not":{"Variable":"$.s","StringEquals":"x"}}`,
	`{"And":[{"Variable":"$.n","NumericGreaterThanEquals":1},{"Not":{"Variable":"$.b","BooleanEquals":false}}]}`,
	`{"Variable":"$.s","StringLessThan":"y"}`, `{"Variable":"$.s","StringMatches":"x*"}`,
	`{"Variable":"$.n","IsNumeric":true}`, `{"Variable":"$.missing","IsPresent":false}`,
	`{"Variable":"$$.Execution.Name","StringEquals":"e"}`,
}

// directRuleInputs are the inputs the rules run against.
var directRuleInputs = []string{
	`{"n":5,"m":5.5,"big":9007199254740993,"a":{"b":[4]},"arr":[1,9],"s":"x","t":"x","b":true,"c":true}`,
	`{"n":5.5,"m":5,"big":9007199254740992,"a":{"b":[10]},"arr":[10],"s":"y","t":"x","b":false,"c":true}`,
	`{"n":"5","m":null,"big":1e300,"a":{"b":{}},"arr":[],"s":5,"t":"5","b":"true","c":1}`,
	`{"n":-2147483648,"m":-2147483648,"a":[],"s":"","t":"","b":false,"c":false}`,
	`[]`, `null`, `"x"`, `{}`,
}

// TestDirectRuleEquivalence: the direct form of every Choice rule gives
// what the parsed rule gives — the same match, or the same error with the
// same cause — on every input. The test builds and runs a program of the
// rules as generated code writes them.
func TestDirectRuleEquivalence(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	var def strings.Builder
	def.WriteString(`{"StartAt":"C","States":{"C":{"Type":"Choice","Default":"Done","Choices":[`)
	for i, r := range directRules {
		if i > 0 {
			def.WriteString(",")
		}
		def.WriteString(strings.TrimSuffix(r, "}") + `,"Next":"Done"}`)
	}
	def.WriteString(`]},"Done":{"Type":"Succeed"}}}`)
	m, diags := check.Source("rules.asl.json", []byte(def.String()), check.Options{})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	p, diags := lower.Program(m, lower.Options{Package: "main", Source: "rules.asl.json"})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	c := p.Root.States[0].(*ir.Choice)
	e := &emitter{prog: p, f: jen.NewFile("main"), named: map[any]bool{}}
	var parsed, direct []jen.Code
	withDirect := 0
	for _, ch := range c.Choices {
		parsed = append(parsed, jen.Line().Add(e.rule(ch.Rule)))
		fn := e.directRule(ch.Rule)
		if fn == nil {
			fn = jen.Nil()
		} else {
			withDirect++
		}
		direct = append(direct, jen.Line().Add(fn))
	}
	f := e.f
	e.renderVars()
	f.Var().Id("parsed").Op("=").Index().Op("*").Add(rt("Rule")).Values(append(parsed, jen.Line())...)
	f.Var().Id("direct").Op("=").Index().Add(rt("DirectRule")).Values(append(direct, jen.Line())...)
	var in []jen.Code
	for _, s := range directRuleInputs {
		in = append(in, jen.Line().Lit(s))
	}
	f.Var().Id("inputs").Op("=").Index().String().Values(append(in, jen.Line())...)
	var gen bytes.Buffer
	if err := f.Render(&gen); err != nil {
		t.Fatal(err)
	}
	out := runProgram(t, "directrule", gen.Bytes(), directRuleMain)
	mismatches, decided, total := verdicts(t, out)
	if want := len(directRules) * len(directRuleInputs); total != want {
		t.Fatalf("%d results, want %d:\n%s", total, want, out)
	}
	t.Logf("%d rules (%d with a direct form) × %d inputs: the direct form decided %d of %d evaluations, %d mismatches",
		len(directRules), withDirect, len(directRuleInputs), decided, total, mismatches)
	if withDirect < len(directRules)*2/3 {
		t.Errorf("only %d of %d rules have a direct form", withDirect, len(directRules))
	}
	if decided < total/4 {
		t.Errorf("the direct forms decided only %d of %d evaluations", decided, total)
	}
}

// directRuleMain evaluates every rule on every input, parsed alone and
// with its direct form tried first, and prints DECIDED or FALLBACK per
// evaluation and MISMATCH when the two differ.
const directRuleMain = `package main

import (
	"context"
	"errors"
	"fmt"

	aslrt "github.com/aslc/aslc/runtime"
)

func result(ok bool, err error) string {
	var e *aslrt.Error
	if errors.As(err, &e) {
		return "error " + e.Name + ": " + e.Cause
	}
	if err != nil {
		return "error " + err.Error()
	}
	return fmt.Sprint(ok)
}

func main() {
	m := aslrt.NewMachine(aslrt.Definition{Name: "rules"}, aslrt.WithExecutionName("e"))
	for j, input := range inputs {
		x, in, err := m.Start(context.Background(), aslrt.MustDecode(input))
		if err != nil {
			panic(err)
		}
		if err := x.Enter(&aslrt.State{Name: "C", Type: aslrt.ChoiceState}, in); err != nil {
			panic(err)
		}
		for i, r := range parsed {
			want := result(r.Eval(in, x))
			verdict, got := "FALLBACK", want
			if direct[i] != nil {
				if matched, ok := direct[i](in); ok {
					verdict, got = "DECIDED", fmt.Sprint(matched)
				}
			}
			fmt.Printf("%s %d %d\n", verdict, i, j)
			if got != want {
				fmt.Printf("MISMATCH rule %d on %s: direct %s, parsed %s\n", i, input, got, want)
			}
		}
	}
}
`
