package emit

import (
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/aslc/aslc/ir"
	aslrt "github.com/aslc/aslc/runtime"
)

// choice emits a Choice state (A6): the first rule that holds for the
// effective input picks the next state, else Default; the output is the
// effective input (A6.19).
func (e *emitter) choice(s *ir.Choice) {
	b := stateBody()
	io := e.stateIO(&s.IO, true)
	hasAssign := s.Assign != nil
	for _, c := range s.Choices {
		hasAssign = hasAssign || c.Assign != nil
	}
	// The usual Choice state, a Default and nothing else to do, is one
	// call of the runtime's Choice, which enters, chooses and leaves.
	short := !io.input && !io.output && !hasAssign && s.Default != nil
	if !short {
		b.add(enter(&s.StateBase))
	}
	eff := io.effectiveInput(b, "eff")
	rules := make([]jen.Code, len(s.Choices))
	for i, c := range s.Choices {
		rules[i] = e.rule(c.Rule)
		if d := e.directRule(c.Rule); d != nil {
			rules[i] = jen.Add(rules[i]).Dot("Direct").Call(d)
		}
	}
	e.addVar(s.RulesName, jen.Index().Op("*").Add(rt("Rule")).ValuesFunc(func(g *jen.Group) {
		for _, r := range rules {
			g.Add(jen.Line().Add(r))
		}
		g.Line()
	}))
	if short {
		b.assign("i", jen.Id("x").Dot("Choice").Call(jen.Op("&").Id(s.Info), jen.Id("in"), jen.Id(s.RulesName)))
	} else {
		b.assign("i", rt("Choose").Call(jen.Id(eff), jen.Id("x"), jen.Id(s.RulesName)))
	}
	if hasAssign {
		b.add(jen.Var().Id("vars").Add(value()))
	}
	// setVars evaluates the Assign of the branch taken (A6.21).
	setVars := func(a *ir.Payload) []jen.Code {
		if a == nil {
			return nil
		}
		return []jen.Code{
			jen.List(jen.Id("vars"), jen.Err()).Op("=").Add(e.templateRef(a.Template)).Dot("Eval").Call(jen.Id(eff), jen.Id("x")),
			jen.If(jen.Err().Op("!=").Nil()).Block(failState()),
		}
	}
	var cases []jen.Code
	for i, c := range s.Choices {
		body := append([]jen.Code{jen.Id("next").Op("=").Add(next(c.Next))}, setVars(c.Assign)...)
		cases = append(cases, jen.Case(jen.Lit(i)).Comment("// "+describeRule(c.Rule)).Add(lines(body)...))
	}
	if s.Default != nil {
		b.add(jen.Id("next").Op(":=").Add(next(s.Default)).Comment("// Default"))
		if code := setVars(s.Assign); code != nil {
			cases = append(cases, jen.Default().Block(code...))
		}
	} else {
		b.add(jen.Var().Id("next").Id("state"))
		cases = append(cases, jen.Default().Block(jen.Return(jen.Lit(0), jen.Nil(), jen.Id("x").Dot("NoChoiceMatched").Call())))
	}
	b.add(jen.Switch(jen.Id("i")).Block(cases...))
	out := io.outputOf(b, eff)
	if hasAssign {
		b.check(jen.Id("x").Dot("Assign").Call(jen.Id("vars")))
	}
	if !short {
		b.add(jen.Id("x").Dot("Exit").Call(jen.Id(out)))
	}
	b.add(jen.Return(jen.Id("next"), jen.Id(out), jen.Nil()))
	e.stateFunc(&s.StateBase, "", b.stmts)
}

// lines puts each statement on a line of its own, for a case body whose
// first line holds a comment after the case label.
func lines(stmts []jen.Code) []jen.Code {
	out := make([]jen.Code, 0, 2*len(stmts))
	for _, s := range stmts {
		out = append(out, jen.Line(), s)
	}
	return out
}

// rule is the expression that builds a Choice rule.
func (e *emitter) rule(r *ir.Rule) jen.Code {
	switch r.Kind {
	case ir.And, ir.Or:
		fn := "And"
		if r.Kind == ir.Or {
			fn = "Or"
		}
		return rt(fn).CallFunc(func(g *jen.Group) {
			for _, sub := range r.Rules {
				g.Add(jen.Line().Add(e.rule(sub)))
			}
			g.Add(jen.Line())
		})
	case ir.Not:
		return rt("Not").Call(e.rule(r.Rules[0]))
	}
	v := parsePath(r.Variable)
	if r.OperandPath != nil {
		return rt(r.Operator).Call(v, parsePath(r.OperandPath))
	}
	var operand jen.Code
	switch x := r.Operand.(type) {
	case bool:
		operand = jen.Lit(x)
	case string:
		operand = jen.Lit(x)
	case int64:
		// An untyped constant: the parameter is a float64.
		operand = jen.Op(strconv.FormatInt(x, 10))
	case float64:
		operand = jen.Lit(x)
	default:
		operand = jen.Nil()
	}
	return rt(r.Operator).Call(v, operand)
}

// describeRule renders a rule for a comment: $.a NumericLessThan 5,
// (… and …), (… or …), not (…).
func describeRule(r *ir.Rule) string {
	return commentText(ruleText(r))
}

func ruleText(r *ir.Rule) string {
	switch r.Kind {
	case ir.And, ir.Or:
		sep := " and "
		if r.Kind == ir.Or {
			sep = " or "
		}
		parts := make([]string, len(r.Rules))
		for i, sub := range r.Rules {
			parts[i] = ruleText(sub)
		}
		return "(" + strings.Join(parts, sep) + ")"
	case ir.Not:
		return "not " + ruleText(r.Rules[0])
	}
	operand := ""
	switch {
	case r.OperandPath != nil:
		operand = r.OperandPath.Text
	case r.Operand != nil:
		operand = aslrt.EncodeString(r.Operand)
	}
	if r.Variable == nil {
		return r.Operator + " " + operand
	}
	return r.Variable.Text + " " + r.Operator + " " + operand
}
