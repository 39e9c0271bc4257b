package emit

import (
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/aslc/aslc/ir"
)

// concurrencyDoc is what a Map state's doc comment says of its constant
// MaxConcurrency: "" when it has none or it is 0 (no limit).
func concurrencyDoc(s *ir.Map) string {
	c := s.MaxConcurrency
	switch {
	case c == nil || c.Dynamic() || c.Value <= 0:
		return ""
	case c.Value == 1:
		return "one iteration at a time"
	}
	return "at most " + strconv.FormatInt(c.Value, 10) + " iterations at a time"
}

// mapState emits a Map state: a loop over the items that runs the item
// processor for each in an errgroup bounded by MaxConcurrency; the result
// holds the iterations' outputs in item order (A13).
func (e *emitter) mapState(s *ir.Map) {
	e.attempt(&s.StateBase, &s.Handlers, s.Next, concurrencyDoc(s), func(b *body) string {
		separate := s.Assign != nil && s.ResultSelector != nil
		io := e.stateIO(&s.IO, !separate)
		args := io.effectiveInput(b, "args")
		b.assign("items", jen.Id("x").Dot("MapItems").Call(e.pathRef(s.ItemsPath), jen.Id(args)))
		if bt := s.Batcher; bt != nil {
			var d fields
			if c := bt.MaxItems; c != nil {
				d.add("MaxItemsPerBatch", jen.Lit(int(c.Value)))
			}
			if c := bt.MaxInputBytes; c != nil {
				d.add("MaxInputBytesPerBatch", jen.Lit(int(c.Value)))
			}
			b.add(jen.Id("batcher").Op(":=").Add(rt("ItemBatcher")).Values(d...))
			if bi := bt.BatchInput; bi != nil {
				b.add(jen.List(jen.Id("batcher").Dot("BatchInput"), jen.Err()).Op("=").Add(e.templateRef(bi.Template)).Dot("Eval").Call(jen.Id(args), jen.Id("x")))
				b.add(jen.If(jen.Err().Op("!=").Nil()).Block(b.fail()))
			}
			b.add(jen.Id("items").Op("=").Id("batcher").Dot("Batches").Call(jen.Id("items")))
		}
		var cfg fields
		if c := s.MaxConcurrency; c != nil {
			switch {
			case c.Path != nil:
				b.assign("limit", jen.Id("x").Dot("MaxConcurrencyPath").Call(e.pathRef(c.Path), jen.Id(args)))
				cfg.add("MaxConcurrency", jen.Id("limit"))
			case c.Value > 0:
				cfg.add("MaxConcurrency", jen.Lit(int(c.Value)))
			}
		}
		if c := s.ToleratedFailureCount; c != nil {
			if c.Path != nil {
				b.assign("toleratedCount", jen.Id("x").Dot("ToleratedFailureCountPath").Call(e.pathRef(c.Path), jen.Id(args)))
				cfg.add("ToleratedFailureCount", jen.Id("toleratedCount"))
			} else {
				cfg.add("ToleratedFailureCount", jen.Lit(int(c.Value)))
			}
			cfg.add("ToleratedFailureCountSet", jen.True())
		}
		if n := s.ToleratedFailurePercentage; n != nil {
			if n.Path != nil {
				b.assign("toleratedPercentage", jen.Id("x").Dot("ToleratedFailurePercentagePath").Call(e.pathRef(n.Path), jen.Id(args)))
				cfg.add("ToleratedFailurePercentage", jen.Id("toleratedPercentage"))
			} else {
				cfg.add("ToleratedFailurePercentage", jen.Lit(n.Value))
			}
			cfg.add("ToleratedPercentageSet", jen.True())
		}
		if s.Mode == ir.Distributed {
			cfg.add("Distributed", jen.True())
		}
		b.add(jen.Id("mp").Op(":=").Id("x").Dot("Map").Call(jen.Id("items"), rt("MapConfig").Values(cfg...)))

		var fn jen.Code = jen.Id("m").Dot(s.Processor.GoName)
		if sel := s.ItemSelector; sel != nil {
			// The ItemSelector reads the Map's effective input as $ and the
			// item as $$.Map.Item.Value (A13.3).
			b.add(jen.Id("iterate").Op(":=").Func().Params(jen.Id("ix").Op("*").Add(rt("Exec")), jen.Id("_").Add(value())).Params(value(), jen.Error()).Block(
				jen.List(jen.Id("v"), jen.Err()).Op(":=").Add(e.templateRef(sel.Template)).Dot("Eval").Call(jen.Id(args), jen.Id("ix")),
				ifErrReturn(jen.Nil(), jen.Err()),
				jen.Return(jen.Id("m").Dot(s.Processor.GoName).Call(jen.Id("ix"), jen.Id("v"))),
			))
			fn = jen.Id("iterate")
		}
		mapWorkers(b, fn)
		b.assign("results", jen.Id("mp").Dot("Wait").Call(jen.Id("g").Dot("Wait").Call()))
		return e.result(b, io, separate, s.ResultSelector, s.Assign, "results")
	})
}

// mapWorkers emits the iterations of a Map state: a bounded pool of
// mp.Workers() workers in an errgroup, rather than a goroutine per item,
// so that an iteration costs no goroutine start and no stack growth. Each
// worker runs fn on the items it takes, in index order, as Group.Work
// does; after a failure the workers stop taking items, and the
// iterations still running are aborted through the errgroup's context.
func mapWorkers(b *body, fn jen.Code) {
	b.add(jen.List(jen.Id("g"), jen.Id("ctx")).Op(":=").Qual(errgroupPath, "WithContext").Call(jen.Id("x").Dot("Context").Call()))
	b.add(jen.For(jen.Range().Id("mp").Dot("Workers").Call()).Block(
		jen.Id("g").Dot("Go").Call(jen.Func().Params().Error().Block(
			jen.Return(jen.Id("mp").Dot("Work").Call(jen.Id("ctx"), fn)),
		)),
	))
}
