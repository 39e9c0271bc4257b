package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/aslc/aslc/ir"
)

// body collects the statements of a function whose failures return err
// with fail.
type body struct {
	stmts []jen.Code
	fail  func() jen.Code
	// last is the call of the last assign, while it is the last thing the
	// body does, and lastVar the name it assigned.
	last    jen.Code
	lastVar string
}

func stateBody() *body { return &body{fail: failState} }
func attemptBody() *body {
	return &body{fail: func() jen.Code { return jen.Return(jen.Nil(), jen.Err()) }}
}

func (b *body) add(c ...jen.Code) {
	b.stmts = append(b.stmts, c...)
	b.last, b.lastVar = nil, ""
}

// assign adds "lhs, err := call" and the check of err.
func (b *body) assign(lhs string, call jen.Code) {
	b.add(
		jen.List(jen.Id(lhs), jen.Err()).Op(":=").Add(call),
		jen.If(jen.Err().Op("!=").Nil()).Block(b.fail()),
	)
	b.last, b.lastVar = call, lhs
}

// returnValue ends a body that returns (value, error) with v: when v was
// assigned by the body's last call, that call is returned directly.
func (b *body) returnValue(v string) {
	if b.last != nil && b.lastVar == v {
		b.stmts = append(b.stmts[:len(b.stmts)-2], jen.Return(b.last))
		return
	}
	b.add(jen.Return(jen.Id(v), jen.Nil()))
}

// check adds "if err := call; err != nil { fail }".
func (b *body) check(call jen.Code) {
	b.add(jen.If(jen.Err().Op(":=").Add(call), jen.Err().Op("!=").Nil()).Block(b.fail()))
}

// discard adds "if _, err := call; err != nil { fail }", for a call whose
// value the state does not use.
func (b *body) discard(call jen.Code) {
	b.add(jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(call), jen.Err().Op("!=").Nil()).Block(b.fail()))
}

// stateIO is the input and output processing of a JSONPath state as the
// code uses it.
type stateIO struct {
	// name is the package-level aslrt.StateIO, "" when there is nothing to
	// process.
	name string
	// input and output say whether Input and Output have work to do.
	input, output bool
}

// stateIO declares the aslrt.StateIO of a state. ResultSelector is left
// out when the state applies it itself (states with Assign, which reads
// the selected result).
func (e *emitter) stateIO(io *ir.IO, withSelector bool) stateIO {
	d, s := e.ioFields(io, withSelector)
	if s.input || s.output {
		s.name = io.GoName
		e.addVar(io.GoName, rt("StateIO").Values(d.lines()...))
	}
	return s
}

// ioFields are the fields of the aslrt.StateIO of a state, and what it
// processes.
func (e *emitter) ioFields(io *ir.IO, withSelector bool) (fields, stateIO) {
	var d fields
	var s stateIO
	if f := io.InputPath; f != nil {
		d.add("InputPath", e.pathField(f))
		s.input = true
	}
	if p := io.Parameters; p != nil {
		d.add("Parameters", e.parseTemplate(p.Template))
		s.input = true
	}
	if p := io.ResultSelector; p != nil && withSelector {
		d.add("ResultSelector", e.parseTemplate(p.Template))
		s.output = true
	}
	if f := io.ResultPath; f != nil {
		d.add("ResultPath", e.pathField(f))
		s.output = true
	}
	if f := io.OutputPath; f != nil {
		d.add("OutputPath", e.pathField(f))
		s.output = true
	}
	return d, s
}

// input adds the computation of a state's effective input, the value
// named lhs, and returns the name that holds it: lhs, or "in" when the
// state has no InputPath or Parameters.
func (s stateIO) effectiveInput(b *body, lhs string) string {
	if !s.input {
		return "in"
	}
	b.assign(lhs, jen.Id(s.name).Dot("Input").Call(jen.Id("in"), jen.Id("x")))
	return lhs
}

// outputOf adds the computation of a state's output from its raw input
// and result, the value named "out", and returns the name that holds it.
func (s stateIO) outputOf(b *body, result string) string {
	if !s.output {
		return result
	}
	b.assign("out", jen.Id(s.name).Dot("Output").Call(jen.Id("in"), jen.Id(result), jen.Id("x")))
	return "out"
}

// evalAssign adds the evaluation of an Assign template against the value
// named from, into "vars".
func (e *emitter) evalAssign(b *body, a *ir.Payload, from string) {
	if a == nil {
		return
	}
	b.assign("vars", e.templateRef(a.Template).Dot("Eval").Call(jen.Id(from), jen.Id("x")))
}

// storeAssign adds the storing of the variables evaluated by evalAssign;
// it comes after everything else the state evaluates (A15.4).
func storeAssign(b *body, a *ir.Payload) {
	if a == nil {
		return
	}
	b.check(jen.Id("x").Dot("Assign").Call(jen.Id("vars")))
}
