package emit

import (
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/aslc/aslc/ir"
)

// machine emits the runner of mc and the functions of its states, each
// state followed by the machines nested in it (depth first, source order).
func (e *emitter) machine(mc *ir.Machine) {
	var doc string
	switch mc.Kind {
	case ir.RootMachine:
		doc = mc.GoName + " runs the machine's states from StartAt."
	case ir.BranchMachine:
		doc = mc.GoName + " runs branch " + strconv.Itoa(mc.Index) + " of the Parallel state " + quoted(mc.Parent.Base().Name) + "."
	case ir.ProcessorMachine:
		doc = mc.GoName + " runs one iteration of the Map state " + quoted(mc.Parent.Base().Name) + "."
	}
	var cases []jen.Code
	for _, s := range mc.States {
		b := s.Base()
		cases = append(cases, jen.Case(jen.Id(b.Const)).Block(
			jen.List(jen.Id("s"), jen.Id("v"), jen.Err()).Op("=").Id("m").Dot(b.Func).Call(jen.Id("x"), jen.Id("v")),
		))
	}
	start := jen.Id("stateEnd")
	if mc.Start != nil {
		start = jen.Id(mc.Start.Base().Const)
	}
	e.funcs = append(e.funcs, comments(doc).Line().Func().Params(jen.Id("m").Op("*").Id("Machine")).Id(mc.GoName).
		Params(jen.Id("x").Op("*").Add(rt("Exec")), jen.Id("v").Add(value())).Params(value(), jen.Error()).Block(
		jen.Id("s").Op(":=").Add(start),
		jen.Var().Err().Error(),
		jen.For(jen.Id("s").Op("!=").Id("stateEnd")).Block(
			jen.Switch(jen.Id("s")).Block(cases...),
			ifErrReturn(jen.Nil(), jen.Err()),
		),
		jen.Return(jen.Id("v"), jen.Nil()),
	))
	for _, s := range mc.States {
		e.state(s)
		switch s := s.(type) {
		case *ir.Parallel:
			for _, br := range s.Branches {
				e.machine(br)
			}
		case *ir.Map:
			if s.Processor != nil {
				e.machine(s.Processor)
			}
		}
	}
}

// state emits the function of one state.
func (e *emitter) state(s ir.State) {
	if s.Base().Language == ir.LangJSONata {
		e.jsonataState(s)
		return
	}
	switch s := s.(type) {
	case *ir.Pass:
		e.pass(s)
	case *ir.Task:
		e.task(s)
	case *ir.Choice:
		e.choice(s)
	case *ir.Wait:
		e.wait(s)
	case *ir.Succeed:
		e.succeed(s)
	case *ir.Fail:
		e.fail(s)
	case *ir.Parallel:
		e.parallel(s)
	case *ir.Map:
		e.mapState(s)
	}
}

// stateDoc is the doc comment of a state's function: its Go name, type,
// name and source line, then the definition's own Comment, then extra
// text (how a Map is bounded, ...).
func stateDoc(b *ir.StateBase, extra string) string {
	line := b.Func + " is the " + b.Type + " state " + quoted(b.Name) + " (" + commentText(b.Pos.File) + ":" + strconv.Itoa(b.Pos.Line) + ")"
	if extra != "" {
		line += ", " + extra
	}
	return line + "."
}

// stateFunc emits a state function with the given body.
func (e *emitter) stateFunc(b *ir.StateBase, extra string, body []jen.Code) {
	doc := comments(stateDoc(b, extra), commentText(b.Comment))
	e.funcs = append(e.funcs, doc.Line().Func().Params(jen.Id("m").Op("*").Id("Machine")).Id(b.Func).
		Params(jen.Id("x").Op("*").Add(rt("Exec")), jen.Id("in").Add(value())).
		Params(jen.Id("state"), value(), jen.Error()).Block(body...))
}

// enter is the first statement of every state function.
func enter(b *ir.StateBase) jen.Code {
	return jen.If(
		jen.Err().Op(":=").Id("x").Dot("Enter").Call(jen.Op("&").Id(b.Info), jen.Id("in")),
		jen.Err().Op("!=").Nil(),
	).Block(failState())
}

// failState is the return of a state function that fails with err.
func failState() jen.Code { return jen.Return(jen.Lit(0), jen.Nil(), jen.Err()) }

// next is the constant of the state a transition leads to.
func next(s ir.State) jen.Code {
	if s == nil {
		return jen.Id("stateEnd")
	}
	return jen.Id(s.Base().Const)
}

// exit is the normal end of a state function: the Exited event and the
// transition.
func exit(to ir.State, out jen.Code) []jen.Code {
	return []jen.Code{
		jen.Id("x").Dot("Exit").Call(out),
		jen.Return(next(to), out, jen.Nil()),
	}
}
