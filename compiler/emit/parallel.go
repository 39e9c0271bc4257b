package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/aslc/aslc/ir"
)

// parallel emits a Parallel state: every branch runs on the effective
// input, each but the last in a goroutine of its own (startBranch); the
// result holds the branches' outputs in branch order, and the first
// failure cancels the other branches and fails the state with that
// branch's own error (A9.6, A12).
func (e *emitter) parallel(s *ir.Parallel) {
	e.attempt(&s.StateBase, &s.Handlers, s.Next, "", func(b *body) string {
		separate := s.Assign != nil && s.ResultSelector != nil
		io := e.stateIO(&s.IO, !separate)
		args := io.effectiveInput(b, "args")
		b.add(jen.Id("p").Op(":=").Id("x").Dot("Parallel").Call(jen.Lit(len(s.Branches))))
		for i, br := range s.Branches {
			b.add(startBranch(i, len(s.Branches), args, br.GoName))
		}
		b.assign("results", jen.Id("p").Dot("Join").Call())
		return e.result(b, io, separate, s.ResultSelector, s.Assign, "results")
	})
}

// result adds the processing of a Task, Parallel or Map state's result:
// ResultSelector when the state applies it itself, Assign, then StateIO's
// Output; it returns the name of the output.
func (e *emitter) result(b *body, io stateIO, separate bool, selector, assign *ir.Payload, result string) string {
	if separate {
		b.assign("selected", e.templateRef(selector.Template).Dot("Eval").Call(jen.Id(result), jen.Id("x")))
		result = "selected"
	}
	e.evalAssign(b, assign, result)
	out := io.outputOf(b, result)
	storeAssign(b, assign)
	return out
}

// startBranch starts branch i of the n branches of the Parallel state p
// on input args, each but the last in a goroutine of its own
// (aslrt.StartBranch); the last runs on the state's goroutine
// (aslrt.RunBranch), which then waits for the others. fn, the branch's
// state loop, is passed as a method expression, so that a branch's
// goroutine calls it directly (a method value would add a frame to the
// goroutine's small starting stack).
func startBranch(i, n int, args, fn string) jen.Code {
	start := "StartBranch"
	if i == n-1 {
		start = "RunBranch"
	}
	return rt(start).Call(jen.Id("p"), jen.Lit(i), jen.Id(args), jen.Id("m"), jen.Parens(jen.Op("*").Id("Machine")).Dot(fn))
}
