package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/aslc/aslc/ir"
	aslrt "github.com/aslc/aslc/runtime"
)

// pass emits a Pass state (A8.1): its result is Result, or its effective
// input after Parameters; ResultPath and OutputPath apply as for any
// state.
func (e *emitter) pass(s *ir.Pass) {
	if s.Result == nil && s.Assign == nil {
		e.passThrough(&s.StateBase, &s.IO, s.Next)
		return
	}
	b := stateBody()
	b.add(enter(&s.StateBase))
	io := e.stateIO(&s.IO, true)
	result := "result"
	switch {
	case s.Result != nil:
		e.addVar(s.Result.GoName, rt("MustDecode").Call(jsonText(s.Result.JSON)))
		b.add(jen.Id(result).Op(":=").Id(s.Result.GoName))
		// A Result too large for a state's output fails the state (A19.1).
		if aslrt.JSONSize(s.Result.Value, aslrt.MaxPayloadSize) > aslrt.MaxPayloadSize {
			b.check(jen.Id("x").Dot("CheckSize").Call(jen.Id(result)))
		}
	case s.Parameters != nil || s.InputPath != nil:
		result = io.effectiveInput(b, result)
		if s.Parameters != nil {
			b.check(jen.Id("x").Dot("CheckSize").Call(jen.Id(result)))
		}
	default:
		result = "in"
	}
	e.evalAssign(b, s.Assign, result)
	out := io.outputOf(b, result)
	storeAssign(b, s.Assign)
	b.add(exit(s.Next, jen.Id(out))...)
	e.stateFunc(&s.StateBase, "", b.stmts)
}

// succeed emits a Succeed state: its output is its effective input (A8.2).
func (e *emitter) succeed(s *ir.Succeed) {
	e.passThrough(&s.StateBase, &s.IO, nil)
}

// passThrough emits a state that only moves its input to its output
// through its paths and templates, a Pass state without Result or Assign
// or a Succeed state, as one call of the runtime's PassThrough.
func (e *emitter) passThrough(b *ir.StateBase, sio *ir.IO, to ir.State) {
	io := e.stateIO(sio, true)
	ioRef := jen.Nil()
	if io.name != "" {
		ioRef = jen.Op("&").Id(io.name)
	}
	e.stateFunc(b, "", []jen.Code{
		jen.List(jen.Id("out"), jen.Err()).Op(":=").Id("x").Dot("PassThrough").Call(jen.Op("&").Id(b.Info), ioRef, jen.Id("in")),
		jen.Return(next(to), jen.Id("out"), jen.Err()),
	})
}

// wait emits a Wait state: it waits on the execution's clock, then outputs
// its effective input (A7).
func (e *emitter) wait(s *ir.Wait) {
	b := stateBody()
	b.add(enter(&s.StateBase))
	io := e.stateIO(&s.IO, true)
	eff := io.effectiveInput(b, "eff")
	x := jen.Id("x")
	var extra string
	switch {
	case s.Seconds != nil && s.Seconds.Path != nil:
		b.check(x.Clone().Dot("WaitSecondsPath").Call(e.pathRef(s.Seconds.Path), jen.Id(eff)))
	case s.Seconds != nil:
		b.check(x.Clone().Dot("WaitSeconds").Call(jen.Lit(int(s.Seconds.Value))))
	case s.Timestamp != nil && s.Timestamp.Path != nil:
		b.check(x.Clone().Dot("WaitTimestampPath").Call(e.pathRef(s.Timestamp.Path), jen.Id(eff)))
	case s.Timestamp != nil:
		e.addVar(s.Timestamp.GoName, rt("MustTimestamp").Call(jen.Lit(s.Timestamp.Value)))
		b.check(x.Clone().Dot("WaitUntil").Call(jen.Id(s.Timestamp.GoName)))
		extra = "until " + commentText(s.Timestamp.Value)
	}
	e.evalAssign(b, s.Assign, eff)
	out := io.outputOf(b, eff)
	storeAssign(b, s.Assign)
	b.add(exit(s.Next, jen.Id(out))...)
	e.stateFunc(&s.StateBase, extra, b.stmts)
}

// fail emits a Fail state (A8.3–A8.6): it fails its machine with its Error
// and Cause, literal or read by ErrorPath and CausePath.
func (e *emitter) fail(s *ir.Fail) {
	b := stateBody()
	b.add(enter(&s.StateBase))
	text := func(t *ir.Text, lhs, field string) jen.Code {
		switch {
		case t == nil:
			return nil
		case t.Path != nil:
			e.failText = true
			b.assign(lhs, jen.Id("failText").Call(e.pathRef(t.Path).Dot("EvalField").Call(jen.Id("in"), jen.Id("x"), jen.Lit(field))))
			return jen.Id(lhs)
		case t.Intrinsic != nil:
			e.failText = true
			if !e.named[t.Intrinsic] {
				e.named[t.Intrinsic] = true
				e.addVar(t.Intrinsic.GoName, rt("MustIntrinsic").Call(jen.Lit(t.Intrinsic.Text)))
			}
			b.assign(lhs, jen.Id("failText").Call(jen.Id(t.Intrinsic.GoName).Dot("EvalField").Call(jen.Id("in"), jen.Id("x"), jen.Lit(field))))
			return jen.Id(lhs)
		}
		return jen.Lit(t.Value)
	}
	name := text(s.Error, "name", "ErrorPath")
	cause := text(s.Cause, "cause", "CausePath")
	b.add(failWith(name, cause))
	e.stateFunc(&s.StateBase, "", b.stmts)
}

// failWith is the return of a Fail state with the error of name and
// cause, either nil when the state does not set it.
func failWith(name, cause jen.Code) jen.Code {
	var failure jen.Code
	switch {
	case name == nil:
		// A Fail state without Error raises an error without a name.
		var d fields
		if cause != nil {
			d.add("Cause", cause)
		}
		d.add("NoName", jen.True())
		failure = jen.Op("&").Add(rt("Error")).Values(d...)
	case cause == nil:
		failure = rt("NewError").Call(name, jen.Lit(""))
	default:
		failure = rt("NewError").Call(name, cause)
	}
	return jen.Return(jen.Lit(0), jen.Nil(), jen.Id("x").Dot("Fail").Call(failure))
}

// helpers emits the helper functions the states call.
func (e *emitter) helpers() {
	f := e.f
	if e.failText {
		f.Add(comments("failText is the text of a Fail state's ErrorPath or CausePath: a string as it is, any other value as JSON."))
		f.Func().Id("failText").Params(jen.Id("v").Add(value()), jen.Err().Error()).Params(jen.String(), jen.Error()).Block(
			ifErrReturn(jen.Lit(""), jen.Err()),
			jen.If(jen.List(jen.Id("s"), jen.Id("ok")).Op(":=").Id("v").Assert(jen.String()), jen.Id("ok")).Block(
				jen.Return(jen.Id("s"), jen.Nil()),
			),
			jen.Return(rt("EncodeString").Call(jen.Id("v")), jen.Nil()),
		)
		f.Line()
	}
	if e.taskSeconds {
		f.Add(comments("taskSeconds reads a Task state's TimeoutSecondsPath or HeartbeatSecondsPath: a positive integer number of seconds."))
		f.Func().Id("taskSeconds").Params(
			jen.Id("x").Op("*").Add(rt("Exec")), jen.Id("p").Op("*").Add(rt("Path")), jen.Id("in").Add(value()), jen.Id("field").String(),
		).Params(jen.Int64(), jen.Error()).Block(
			jen.List(jen.Id("v"), jen.Err()).Op(":=").Id("p").Dot("Eval").Call(jen.Id("in"), jen.Id("x")),
			ifErrReturn(jen.Lit(0), jen.Err()),
			jen.List(jen.Id("n"), jen.Id("ok")).Op(":=").Add(rt("Int")).Call(jen.Id("v")),
			jen.If(jen.Op("!").Id("ok").Op("||").Id("n").Op("<=").Lit(0)).Block(
				jen.Return(jen.Lit(0), rt("Errorf").Call(rt("ErrRuntime"),
					jen.Lit("The %s field refers to value %s which is not a positive integer: %s"),
					jen.Id("field"), rt("EncodeString").Call(jen.Id("v")), jen.Id("p"))),
			),
			jen.Return(jen.Id("n"), jen.Nil()),
		)
	}
}
