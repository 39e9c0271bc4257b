package emit

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/aslc/aslc/ir"
)

// attempt emits a state whose work can fail and be retried or caught: a
// Task, Parallel or Map state. work adds the statements of one attempt to
// a body and returns the name of the value the attempt outputs. Without
// Retry and Catch the attempt is the state function's own body; with them
// it is a method of its own, and the state function runs it under the
// retriers and catchers (A9.10, A10, A11).
func (e *emitter) attempt(b *ir.StateBase, h *ir.Handlers, to ir.State, extra string, work func(*body) string) {
	if len(h.Retry) == 0 && len(h.Catch) == 0 {
		sb := stateBody()
		sb.add(enter(b))
		out := work(sb)
		sb.add(exit(to, jen.Id(out))...)
		e.stateFunc(b, extra, sb.stmts)
		return
	}

	ab := attemptBody()
	ab.returnValue(work(ab))
	doc := comments(b.Attempt + " is one attempt of the " + b.Type + " state " + quoted(b.Name) + ".")
	attemptFn := doc.Line().Func().Params(jen.Id("m").Op("*").Id("Machine")).Id(b.Attempt).
		Params(jen.Id("x").Op("*").Add(rt("Exec")), jen.Id("in").Add(value())).
		Params(value(), jen.Error()).Block(ab.stmts...)

	sb := stateBody()
	sb.add(enter(b))
	if len(h.Retry) > 0 {
		e.addVar(h.RetryName, e.retriers(h.Retry))
	}
	var loop []jen.Code
	loop = append(loop,
		jen.List(jen.Id("out"), jen.Err()).Op(":=").Id("m").Dot(b.Attempt).Call(jen.Id("x"), jen.Id("in")),
		jen.If(jen.Err().Op("==").Nil()).Block(exit(to, jen.Id("out"))...),
	)
	if len(h.Retry) > 0 {
		loop = append(loop, jen.If(
			jen.Err().Op("=").Id("x").Dot("Retry").Call(jen.Err(), jen.Id(h.RetryName), jen.Id("attempts").Index(jen.Op(":"))),
			jen.Err().Op("==").Nil(),
		).Block(jen.Continue()))
	}
	for _, c := range h.Catch {
		if b.Language == ir.LangJSONata {
			loop = append(loop, e.jsonataCatcher(c)...)
			continue
		}
		loop = append(loop, e.catcher(c)...)
	}
	loop = append(loop, failState())
	if len(h.Retry) > 0 {
		sb.add(jen.Var().Id("attempts").Index(jen.Lit(len(h.Retry))).Int())
		sb.add(jen.For().Block(loop...))
	} else {
		sb.add(loop...)
	}
	e.stateFunc(b, extra, sb.stmts)
	e.funcs = append(e.funcs, attemptFn)
}

// retriers is the []aslrt.Retrier of a state, every field explicit.
func (e *emitter) retriers(rs []*ir.Retrier) jen.Code {
	return jen.Index().Add(rt("Retrier")).ValuesFunc(func(g *jen.Group) {
		defer g.Line()
		for _, r := range rs {
			var d fields
			d.add("ErrorEquals", jen.Index().String().Values(literals(r.ErrorEquals)...))
			d.add("IntervalSeconds", jen.Lit(int(r.IntervalSeconds)))
			d.add("MaxAttempts", jen.Lit(int(r.MaxAttempts)))
			d.add("BackoffRate", jen.Lit(r.BackoffRate))
			if r.MaxDelaySeconds > 0 {
				d.add("MaxDelaySeconds", jen.Lit(int(r.MaxDelaySeconds)))
			}
			jitter := "JitterNone"
			if r.Jitter == ir.JitterFull {
				jitter = "JitterFull"
			}
			d.add("Jitter", rt(jitter))
			g.Add(jen.Line().Values(d...))
		}
	})
}

func literals(ss []string) []jen.Code {
	out := make([]jen.Code, len(ss))
	for i, s := range ss {
		out[i] = jen.Lit(s)
	}
	return out
}

// catcher is the handling of one Catch entry: when it matches, its error
// output goes through its ResultPath (and Assign) to its Next (A11).
func (e *emitter) catcher(c *ir.Catcher) []jen.Code {
	desc := "Catch: " + commentText(strings.Join(c.ErrorEquals, ", ")) + " → " + commentText(c.Next.Base().Name)
	b := stateBody()
	e.evalAssign(b, c.Assign, "errOut")
	out := "out"
	switch f := c.ResultPath; {
	case f == nil:
		out = "errOut"
	case f.Null:
		out = "in"
		desc += ", ResultPath null"
	default:
		b.assign("out", rt("ApplyResultPath").Call(jen.Id("in"), jen.Id("errOut"), e.pathRef(f.Path)))
		desc += ", ResultPath " + commentText(f.Path.Text)
	}
	storeAssign(b, c.Assign)
	b.add(exit(c.Next, jen.Id(out))...)
	errOut := "errOut"
	if c.Assign == nil && out == "in" {
		// ResultPath null drops the error output.
		errOut = "_"
	}
	return []jen.Code{
		jen.Comment("// " + desc),
		jen.If(
			jen.List(jen.Id(errOut), jen.Id("ok")).Op(":=").Id("x").Dot("Catch").Call(append([]jen.Code{jen.Err()}, errorNameList(c.ErrorEquals)...)...),
			jen.Id("ok"),
		).Block(b.stmts...),
	}
}
