package emit

import (
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/aslc/aslc/ir"
	"github.com/aslc/aslc/jsonata"
)

// jsonatartPath is the import path of the JSONata glue of the runtime,
// imported only by machines with JSONata states.
const jsonatartPath = "github.com/aslc/aslc/runtime/jsonatart"

// jrt is a qualified identifier of package jsonatart.
func jrt(name string) *jen.Statement {
	return jen.Qual(jsonatartPath, name)
}

// statesType is *jsonatart.States.
func statesType() *jen.Statement { return jen.Op("*").Add(jrt("States")) }

// jsonataExpr is the expression that parses x: jsonatart.MustExpr with
// AWS's field name, the text, and the direct function of its form.
func (e *emitter) jsonataExpr(x *ir.JSONata) *jen.Statement {
	e.f.ImportName(jsonatartPath, "jsonatart")
	return jrt("MustExpr").Call(jen.Lit(x.Field), jsonText(strings.TrimSpace(x.Text)), directFunc(x.Form))
}

// jsonataExprRef declares the package-level variable holding a field that
// is one expression as a whole, and returns it.
func (e *emitter) jsonataExprRef(x *ir.JSONata) *jen.Statement {
	e.addVar(x.GoName, e.jsonataExpr(x))
	return jen.Id(x.GoName)
}

// jsonataNode is the jsonatart.Node of a value holding expressions.
func (e *emitter) jsonataNode(v *ir.JSONataValue) jen.Code {
	switch v.Kind {
	case ir.JSONataExpr:
		return e.jsonataExpr(v.Expr)
	case ir.JSONataObject:
		return jrt("Object").CallFunc(func(g *jen.Group) {
			for _, m := range v.Members {
				g.Add(jen.Line().Add(jrt("M").Call(jen.Lit(m.Key), e.jsonataNode(m.Value))))
			}
			g.Line()
		})
	case ir.JSONataArray:
		return jrt("Array").CallFunc(func(g *jen.Group) {
			for _, el := range v.Elems {
				g.Add(jen.Line().Add(e.jsonataNode(el)))
			}
			g.Line()
		})
	}
	return jrt("Literal").Call(literalValue(v))
}

// literalValue is the Go expression of a constant JSON value: a literal
// for a string, number, boolean or null Go can spell (scalar), a decoded
// constant otherwise.
func literalValue(v *ir.JSONataValue) jen.Code {
	if c, ok := scalar(v.Literal); ok {
		return c
	}
	return rt("MustDecode").Call(jsonText(v.JSON))
}

// literalVar is literalValue for a package-level variable, where null
// needs its type.
func literalVar(v *ir.JSONataValue) jen.Code {
	if v.Literal == nil {
		return value().Call(jen.Nil())
	}
	return literalValue(v)
}

// payloadValue adds to b what computes the value of a JSONata payload
// into lhs, for the expressions seeing states, and returns the name that
// holds it. A literal is a package-level value, declared once.
func (e *emitter) payloadValue(b *body, p *ir.Payload, lhs string, states jen.Code) string {
	v := p.JSONata
	if v.Kind == ir.JSONataLiteral {
		e.addVar(v.GoName, literalVar(v))
		return v.GoName
	}
	e.addVar(v.GoName, e.jsonataNode(v))
	b.assign(lhs, jen.Id(v.GoName).Dot("Eval").Call(states))
	return lhs
}

// directFunc is the direct function of an expression of a simple form
// (jsonata.Form): Go that computes the common cases and returns false for
// the others, which the evaluator then handles. It is nil for expressions
// of other shapes.
func directFunc(f *jsonata.Form) jen.Code {
	if f == nil || !directForm(f) {
		return jen.Nil()
	}
	d := &directGen{}
	v := d.value(f)
	var body []jen.Code
	if d.lastCall != nil && d.lastVar == v {
		// the function's result is the last helper's
		body = append(d.stmts[:len(d.stmts)-2], jen.Return(d.lastCall))
	} else {
		body = append(d.stmts, jen.Return(v, jen.True()))
	}
	return jen.Func().Params(jen.Id("s").Add(statesType())).Params(value(), jen.Bool()).Block(body...)
}

// statesFields are the members of $states a direct function reads, and
// the methods of States that return them.
var statesFields = map[string]string{
	"input": "Input", "context": "Context", "result": "Result", "errorOutput": "ErrorOutput",
}

// directForm reports whether directGen handles every part of f.
func directForm(f *jsonata.Form) bool {
	switch f.Kind {
	case jsonata.FormLiteral:
		_, ok := scalar(f.Value)
		return ok
	case jsonata.FormPath:
		if f.Variable == "states" {
			return len(f.Steps) > 0 && statesFields[f.Steps[0]] != ""
		}
		return true
	}
	for _, o := range f.Operands {
		if !directForm(o) {
			return false
		}
	}
	return true
}

// directGen writes the body of a direct function: statements that compute
// intermediate values (and return false when a helper cannot decide), and
// the expression of the result.
type directGen struct {
	stmts []jen.Code
	n     int
	// lastCall and lastVar are the call of the last decided value and the
	// variable it assigned.
	lastCall, lastVar jen.Code
}

// decided adds "vN, ok := call; if !ok { return nil, false }" and returns
// vN.
func (d *directGen) decided(call jen.Code) jen.Code {
	v := jen.Id("v" + strconv.Itoa(d.n))
	d.n++
	d.stmts = append(d.stmts,
		jen.List(v, jen.Id("ok")).Op(":=").Add(call),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Nil(), jen.False())),
	)
	d.lastCall, d.lastVar = call, v
	return v
}

func (d *directGen) value(f *jsonata.Form) jen.Code {
	switch f.Kind {
	case jsonata.FormLiteral:
		c, _ := scalar(f.Value)
		return c
	case jsonata.FormPath:
		var root jen.Code
		steps := f.Steps
		if f.Variable == "states" {
			root = jen.Id("s").Dot(statesFields[steps[0]]).Call()
			steps = steps[1:]
		} else {
			root = d.decided(jen.Id("s").Dot("Variable").Call(jen.Lit(f.Variable)))
		}
		if len(steps) == 0 {
			return root
		}
		args := []jen.Code{root}
		for _, st := range steps {
			args = append(args, jen.Lit(st))
		}
		return d.decided(jrt("Path").Call(args...))
	case jsonata.FormObject:
		var members []jen.Code
		for i, k := range f.Keys {
			v := d.value(f.Operands[i])
			members = append(members, jen.Line().Add(rt("Member")).Values(jen.Id("Key").Op(":").Lit(k), jen.Id("Value").Op(":").Add(v)))
		}
		if len(members) > 0 {
			members = append(members, jen.Line())
		}
		return jrt("ObjectOf").Call(members...)
	case jsonata.FormCompare:
		a, b := d.value(f.Operands[0]), d.value(f.Operands[1])
		return d.decided(jrt("Compare").Call(jrt(compareOps[f.Op]), a, b))
	default: // FormAnd, FormOr
		a := d.decided(jrt("Bool").Call(d.value(f.Operands[0])))
		b := d.decided(jrt("Bool").Call(d.value(f.Operands[1])))
		op := "&&"
		if f.Kind == jsonata.FormOr {
			op = "||"
		}
		return jen.Add(a).Op(op).Add(b)
	}
}

var compareOps = map[string]string{"=": "Eq", "!=": "Ne", "<": "Lt", "<=": "Le", ">": "Gt", ">=": "Ge"}
