package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/aslc/aslc/ir"
)

// task emits a Task state: one call of its resource's Tasks method with
// the effective input, under its TimeoutSeconds and HeartbeatSeconds
// (A8.9–A8.14), the result then processed as for any state (A3).
func (e *emitter) task(s *ir.Task) {
	if taskShortcut(s) {
		e.taskCall(s)
		return
	}
	e.attempt(&s.StateBase, &s.Handlers, s.Next, "", func(b *body) string {
		// With Assign, the result after ResultSelector is needed on its own
		// (A15.3), so the selector is applied here rather than by StateIO.
		separate := s.Assign != nil && s.ResultSelector != nil
		io := e.stateIO(&s.IO, !separate)
		args := io.effectiveInput(b, "args")
		if s.Credentials != nil && !s.Credentials.Template.Literal {
			// Credentials have no effect in-process, but a path in them
			// that selects nothing still fails the state.
			b.discard(e.templateRef(s.Credentials.Template).Dot("Eval").Call(jen.Id("in"), jen.Id("x")))
		}
		timeout := e.seconds(b, s.TimeoutSeconds, "timeout", "TimeoutSecondsPath")
		heartbeat := e.seconds(b, s.HeartbeatSeconds, "heartbeat", "HeartbeatSecondsPath")
		b.assign("result", jen.Id("x").Dot("Call").Call(taskFunc(s.Resource), jen.Id(args), timeout, heartbeat))
		return e.result(b, io, separate, s.ResultSelector, s.Assign, "result")
	})
}

// seconds is a Task's TimeoutSeconds or HeartbeatSeconds: a literal, or
// the value its ...Path field reads in the state's input, held in lhs.
func (e *emitter) seconds(b *body, c *ir.Count, lhs, field string) jen.Code {
	switch {
	case c == nil:
		return jen.Lit(0)
	case c.Path != nil:
		e.taskSeconds = true
		b.assign(lhs, jen.Id("taskSeconds").Call(jen.Id("x"), e.pathRef(c.Path), jen.Id("in"), jen.Lit(field)))
		return jen.Id(lhs)
	}
	return jen.Lit(int(c.Value))
}

// taskShortcut reports whether a Task state is one call of the runtime's
// Exec.Task: a state without Catch, Assign, ...SecondsPath or a
// Credentials template, whose code would only take its input, call its
// resource under literal timeouts, process the result and retry.
func taskShortcut(s *ir.Task) bool {
	literal := func(c *ir.Count) bool { return c == nil || c.Path == nil }
	return len(s.Catch) == 0 && s.Assign == nil &&
		(s.Credentials == nil || s.Credentials.Template.Literal) &&
		literal(s.TimeoutSeconds) && literal(s.HeartbeatSeconds)
}

// taskFunc is the function that calls resource r: the machine's Tasks
// method, made a function once (Machine.calls).
func taskFunc(r *ir.Resource) jen.Code {
	return jen.Id("m").Dot("calls").Dot(r.GoName)
}

// taskCall emits a Task state that taskShortcut accepts: its
// aslrt.TaskSpec, and a state function of one call of Exec.Task.
func (e *emitter) taskCall(s *ir.Task) {
	// The State and the StateIO are part of the spec, so that a run of
	// the state reads one variable of its own.
	iod, io := e.ioFields(&s.IO, true)
	var d fields
	d.add("State", e.info(s))
	if io.input || io.output {
		d.add("IO", rt("StateIO").Values(iod.lines()...))
	}
	if len(s.Retry) > 0 {
		d.add("Retry", e.retriers(s.Retry))
	}
	if c := s.TimeoutSeconds; c != nil {
		d.add("TimeoutSeconds", jen.Lit(int(c.Value)))
	}
	if c := s.HeartbeatSeconds; c != nil {
		d.add("HeartbeatSeconds", jen.Lit(int(c.Value)))
	}
	spec := "spec" + s.StateBase.GoName
	e.addVar(spec, rt("TaskSpec").Values(d.lines()...))
	e.stateFunc(&s.StateBase, "", []jen.Code{
		jen.List(jen.Id("out"), jen.Err()).Op(":=").Id("x").Dot("Task").Call(jen.Op("&").Id(spec), taskFunc(s.Resource), jen.Id("in")),
		jen.Return(next(s.Next), jen.Id("out"), jen.Err()),
	})
}
