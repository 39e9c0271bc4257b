package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/aslc/aslc/ir"
)

// parallel emits a Parallel state: an errgroup block that runs every
// branch on the effective input; the result holds the branches' outputs
// in branch order, and the first failure cancels the other branches and
// fails the state with that branch's own error (A9.6, A12).
func (e *emitter) parallel(s *ir.Parallel) {
	e.attempt(&s.StateBase, &s.Handlers, s.Next, "", func(b *body) string {
		separate := s.Assign != nil && s.ResultSelector != nil
		io := e.stateIO(&s.IO, !separate)
		args := io.effectiveInput(b, "args")
		b.add(jen.Id("p").Op(":=").Id("x").Dot("Parallel").Call(jen.Lit(len(s.Branches))))
		b.add(jen.List(jen.Id("g"), jen.Id("ctx")).Op(":=").Qual(errgroupPath, "WithContext").Call(jen.Id("x").Dot("Context").Call()))
		for i, br := range s.Branches {
			b.add(jen.Id("g").Dot("Go").Call(jen.Func().Params().Error().Block(
				jen.Id("bx").Op(":=").Id("p").Dot("BranchScope").Call(jen.Id("ctx"), jen.Lit(i)),
				jen.List(jen.Id("out"), jen.Err()).Op(":=").Id("m").Dot(br.GoName).Call(jen.Id("bx"), jen.Id(args)),
				jen.Return(jen.Id("p").Dot("BranchDone").Call(jen.Id("bx"), jen.Lit(i), jen.Id("out"), jen.Err())),
			)))
		}
		b.assign("results", jen.Id("p").Dot("Wait").Call(jen.Id("g").Dot("Wait").Call()))
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
