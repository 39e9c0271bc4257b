package emit

import (
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/aslc/aslc/ir"
)

// jsonataState emits the function of a JSONata state (A16).
func (e *emitter) jsonataState(s ir.State) {
	switch s := s.(type) {
	case *ir.Pass:
		e.jsonataPass(s)
	case *ir.Task:
		e.jsonataTask(s)
	case *ir.Choice:
		e.jsonataChoice(s)
	case *ir.Wait:
		e.jsonataWait(s)
	case *ir.Succeed:
		e.jsonataSucceed(s)
	case *ir.Fail:
		e.jsonataFail(s)
	case *ir.Parallel:
		e.jsonataParallel(s)
	case *ir.Map:
		e.jsonataMap(s)
	}
}

// states is the States of one state function, declared when first needed:
// "st := jsonatart.NewStates(x, in)".
type states struct {
	b        *body
	declared bool
}

func (st *states) ref() jen.Code {
	if !st.declared {
		st.declared = true
		st.b.add(jen.Id("st").Op(":=").Add(jrt("NewStates")).Call(jen.Id("x"), jen.Id("in")))
	}
	return jen.Id("st")
}

// dynamic reports whether a payload needs evaluating.
func dynamic(p *ir.Payload) bool {
	return p != nil && p.JSONata != nil && p.JSONata.Kind != ir.JSONataLiteral
}

// assignOf adds the evaluation of an Assign field into "vars" (A15.5:
// before Output, all reading the variables of state entry).
func (e *emitter) assignOf(b *body, a *ir.Payload, st func() jen.Code) string {
	if a == nil {
		return ""
	}
	var states jen.Code
	if dynamic(a) {
		states = st()
	}
	return e.payloadValue(b, a, "vars", states)
}

// outputOf adds the evaluation of an Output field into "out" and returns
// the name of the state's output: def when the state has no Output
// (A16.5).
func (e *emitter) outputOf(b *body, o *ir.Payload, def string, st func() jen.Code) string {
	out := e.valueOf(b, o, def, "out", st)
	if dynamic(o) {
		checkOutput(b, out)
	}
	return out
}

// checkOutput adds the check of an evaluated Output, in out, against the
// payload limit: a state whose output is more than 256 KiB fails with
// States.DataLimitExceeded (A19.1).
func checkOutput(b *body, out string) {
	b.check(jen.Id("x").Dot("CheckSize").Call(jen.Id(out)))
}

// valueOf adds the evaluation of a payload into lhs and returns the name
// of its value: def when there is no payload.
func (e *emitter) valueOf(b *body, p *ir.Payload, def, lhs string, st func() jen.Code) string {
	if p == nil {
		return def
	}
	var states jen.Code
	if dynamic(p) {
		states = st()
	}
	return e.payloadValue(b, p, lhs, states)
}

// store adds the storing of the variables assignOf evaluated, after
// everything else the state evaluates (A15.4).
func store(b *body, vars string) {
	if vars != "" {
		b.check(jen.Id("x").Dot("Assign").Call(jen.Id(vars)))
	}
}

// jsonataPass emits a JSONata Pass state: its output is Output, or its
// input (A16.5).
func (e *emitter) jsonataPass(s *ir.Pass) {
	b := stateBody()
	b.add(enter(&s.StateBase))
	st := &states{b: b}
	vars := e.assignOf(b, s.Assign, st.ref)
	out := e.outputOf(b, s.Output, "in", st.ref)
	store(b, vars)
	b.add(exit(s.Next, jen.Id(out))...)
	e.stateFunc(&s.StateBase, "", b.stmts)
}

// jsonataSucceed emits a JSONata Succeed state.
func (e *emitter) jsonataSucceed(s *ir.Succeed) {
	b := stateBody()
	b.add(enter(&s.StateBase))
	st := &states{b: b}
	out := e.outputOf(b, s.Output, "in", st.ref)
	b.add(exit(nil, jen.Id(out))...)
	e.stateFunc(&s.StateBase, "", b.stmts)
}

// jsonataWait emits a JSONata Wait state: Seconds or Timestamp, literal or
// an expression (A7.2, A7.11), then Assign and Output.
func (e *emitter) jsonataWait(s *ir.Wait) {
	b := stateBody()
	b.add(enter(&s.StateBase))
	st := &states{b: b}
	x := jen.Id("x")
	var extra string
	switch {
	case s.Seconds != nil && s.Seconds.Expr != nil:
		expr := e.jsonataExprRef(s.Seconds.Expr)
		b.assign("seconds", expr.Clone().Dot("Eval").Call(st.ref()))
		b.check(x.Clone().Dot("WaitSecondsValue").Call(jen.Id("seconds"), expr.Clone().Dot("Source").Call()))
	case s.Seconds != nil:
		b.check(x.Clone().Dot("WaitSeconds").Call(jen.Lit(int(s.Seconds.Value))))
	case s.Timestamp != nil && s.Timestamp.Expr != nil:
		expr := e.jsonataExprRef(s.Timestamp.Expr)
		b.assign("timestamp", expr.Dot("Eval").Call(st.ref()))
		b.check(x.Clone().Dot("WaitTimestampValue").Call(jen.Id("timestamp")))
	case s.Timestamp != nil:
		e.addVar(s.Timestamp.GoName, rt("MustTimestamp").Call(jen.Lit(s.Timestamp.Value)))
		b.check(x.Clone().Dot("WaitUntil").Call(jen.Id(s.Timestamp.GoName)))
		extra = "until " + commentText(s.Timestamp.Value)
	}
	vars := e.assignOf(b, s.Assign, st.ref)
	out := e.outputOf(b, s.Output, "in", st.ref)
	store(b, vars)
	b.add(exit(s.Next, jen.Id(out))...)
	e.stateFunc(&s.StateBase, extra, b.stmts)
}

// jsonataFail emits a JSONata Fail state: Error and Cause are literals or
// expressions (A8.7).
func (e *emitter) jsonataFail(s *ir.Fail) {
	b := stateBody()
	b.add(enter(&s.StateBase))
	st := &states{b: b}
	text := func(t *ir.Text, lhs string) jen.Code {
		switch {
		case t == nil:
			return nil
		case t.Expr != nil:
			b.assign(lhs, e.jsonataExprRef(t.Expr).Dot("Text").Call(st.ref()))
			return jen.Id(lhs)
		}
		return jen.Lit(t.Value)
	}
	name := text(s.Error, "name")
	cause := text(s.Cause, "cause")
	b.add(failWith(name, cause))
	e.stateFunc(&s.StateBase, "", b.stmts)
}

// jsonataChoice emits a JSONata Choice state: the first rule whose
// Condition holds picks the next state and its own Assign and Output; the
// state's Assign and Output apply when Default is taken (A6.20, A6.21).
func (e *emitter) jsonataChoice(s *ir.Choice) {
	b := stateBody()
	b.add(enter(&s.StateBase))
	b.add(jen.Id("st").Op(":=").Add(jrt("NewStates")).Call(jen.Id("x"), jen.Id("in")))
	st := func() jen.Code { return jen.Id("st") }
	rules := make([]jen.Code, len(s.Choices))
	for i, c := range s.Choices {
		if r := c.Rule; r.Condition != nil {
			rules[i] = jrt("When").Call(e.jsonataExpr(r.Condition))
		} else {
			rules[i] = jrt("Always").Call(jen.Lit(r.ConditionValue))
		}
	}
	e.addVar(s.RulesName, jen.Index().Add(jrt("Rule")).ValuesFunc(func(g *jen.Group) {
		for _, r := range rules {
			g.Add(jen.Line().Add(r))
		}
		g.Line()
	}))
	b.assign("i", jrt("Choose").Call(jen.Id("st"), jen.Id(s.RulesName)))

	hasAssign, hasOutput := s.Assign != nil, s.Output != nil
	for _, c := range s.Choices {
		hasAssign = hasAssign || c.Assign != nil
		hasOutput = hasOutput || c.Output != nil
	}
	if hasAssign {
		b.add(jen.Var().Id("vars").Add(value()))
	}
	out := "in"
	if hasOutput {
		out = "out"
		b.add(jen.Id("out").Op(":=").Id("in"))
	}
	// taken sets the variables and output of the branch taken.
	taken := func(a, o *ir.Payload) []jen.Code {
		tb := stateBody()
		for _, p := range []struct {
			payload *ir.Payload
			lhs     string
		}{{a, "vars"}, {o, "out"}} {
			v := p.payload
			switch {
			case v == nil:
			case v.JSONata.Kind == ir.JSONataLiteral:
				e.addVar(v.JSONata.GoName, literalVar(v.JSONata))
				tb.add(jen.Id(p.lhs).Op("=").Id(v.JSONata.GoName))
			default:
				e.addVar(v.JSONata.GoName, e.jsonataNode(v.JSONata))
				tb.add(
					jen.List(jen.Id(p.lhs), jen.Err()).Op("=").Id(v.JSONata.GoName).Dot("Eval").Call(st()),
					jen.If(jen.Err().Op("!=").Nil()).Block(failState()),
				)
				if p.lhs == "out" {
					checkOutput(tb, "out")
				}
			}
		}
		return tb.stmts
	}
	var cases []jen.Code
	for i, c := range s.Choices {
		body := append([]jen.Code{jen.Id("next").Op("=").Add(next(c.Next))}, taken(c.Assign, c.Output)...)
		cases = append(cases, jen.Case(jen.Lit(i)).Block(append([]jen.Code{jen.Comment("// " + describeCondition(c.Rule))}, body...)...))
	}
	if s.Default != nil {
		b.add(jen.Id("next").Op(":=").Add(next(s.Default)).Comment("// Default"))
		if code := taken(s.Assign, s.Output); len(code) > 0 {
			cases = append(cases, jen.Default().Block(code...))
		}
	} else {
		b.add(jen.Var().Id("next").Id("state"))
		cases = append(cases, jen.Default().Block(jen.Return(jen.Lit(0), jen.Nil(), jen.Id("x").Dot("NoChoiceMatched").Call())))
	}
	b.add(jen.Switch(jen.Id("i")).Block(cases...))
	if hasAssign {
		b.check(jen.Id("x").Dot("Assign").Call(jen.Id("vars")))
	}
	b.add(jen.Id("x").Dot("Exit").Call(jen.Id(out)), jen.Return(jen.Id("next"), jen.Id(out), jen.Nil()))
	e.stateFunc(&s.StateBase, "", b.stmts)
}

// describeCondition renders a JSONata rule for a comment.
func describeCondition(r *ir.Rule) string {
	if r.Condition == nil {
		return "Condition " + strconv.FormatBool(r.ConditionValue)
	}
	return commentText("{% " + strings.TrimSpace(r.Condition.Text) + " %}")
}

// jsonataTask emits a JSONata Task state: Arguments make the task's input
// (default: the state's input), Output and Assign see the result as
// $states.result (A16.3, A16.5).
func (e *emitter) jsonataTask(s *ir.Task) {
	e.attempt(&s.StateBase, &s.Handlers, s.Next, "", func(b *body) string {
		st := &states{b: b}
		args := e.valueOf(b, s.Arguments, "in", "args", st.ref)
		if c := s.Credentials; dynamic(c) {
			// Credentials have no effect in-process, but an expression in
			// them that fails still fails the state.
			e.addVar(c.JSONata.GoName, e.jsonataNode(c.JSONata))
			b.discard(jen.Id(c.JSONata.GoName).Dot("Eval").Call(st.ref()))
		}
		timeout := e.jsonataSeconds(b, s.TimeoutSeconds, "timeout", st)
		heartbeat := e.jsonataSeconds(b, s.HeartbeatSeconds, "heartbeat", st)
		call := jen.Id("x").Dot("Call").Call(taskFunc(s.Resource), jen.Id(args), timeout, heartbeat)
		return e.jsonataResult(b, s.Assign, s.Output, "result", call)
	})
}

// jsonataSeconds is a Task's TimeoutSeconds or HeartbeatSeconds: a literal,
// or an expression's positive integer, held in lhs.
func (e *emitter) jsonataSeconds(b *body, c *ir.Count, lhs string, st *states) jen.Code {
	switch {
	case c == nil:
		return jen.Lit(0)
	case c.Expr != nil:
		b.assign(lhs, e.jsonataExprRef(c.Expr).Dot("Seconds").Call(st.ref()))
		return jen.Id(lhs)
	}
	return jen.Lit(int(c.Value))
}

// jsonataResult adds call, which makes a Task, Parallel or Map state's
// result, into the variable result, and the processing of the result:
// Assign and Output seeing it as $states.result; it returns the name of
// the output (the result itself without Output). A result that neither
// Assign nor Output reads is discarded.
func (e *emitter) jsonataResult(b *body, assign, output *ir.Payload, result string, call jen.Code) string {
	if output == nil || dynamic(output) || dynamic(assign) {
		b.assign(result, call)
	} else {
		b.discard(call)
	}
	var rst jen.Code
	withResult := func() jen.Code {
		if rst == nil {
			b.add(jen.Id("rst").Op(":=").Add(jrt("NewResultStates")).Call(jen.Id("x"), jen.Id("in"), jen.Id(result)))
			rst = jen.Id("rst")
		}
		return rst
	}
	vars := e.assignOf(b, assign, withResult)
	out := e.outputOf(b, output, result, withResult)
	store(b, vars)
	return out
}

// jsonataParallel emits a JSONata Parallel state: every branch runs on the
// Arguments (default: the state's input).
func (e *emitter) jsonataParallel(s *ir.Parallel) {
	e.attempt(&s.StateBase, &s.Handlers, s.Next, "", func(b *body) string {
		st := &states{b: b}
		args := e.valueOf(b, s.Arguments, "in", "args", st.ref)
		b.add(jen.Id("p").Op(":=").Id("x").Dot("Parallel").Call(jen.Lit(len(s.Branches))))
		for i, br := range s.Branches {
			b.add(startBranch(i, len(s.Branches), args, br.GoName))
		}
		return e.jsonataResult(b, s.Assign, s.Output, "results", jen.Id("p").Dot("Join").Call())
	})
}

// jsonataMap emits a JSONata Map state: the items are Items (default: the
// state's input, which must be an array), each iteration's input is the
// ItemSelector (with $states.context.Map.Item) or the item (A13.1–A13.10).
func (e *emitter) jsonataMap(s *ir.Map) {
	e.attempt(&s.StateBase, &s.Handlers, s.Next, concurrencyDoc(s), func(b *body) string {
		st := &states{b: b}
		switch p := s.Items; {
		case p == nil:
			b.assign("items", rt("MapInputItems").Call(jen.Id("in")))
		default:
			e.addVar(p.JSONata.GoName, e.jsonataNode(p.JSONata))
			b.assign("items", jrt("Items").Call(jen.Id(p.JSONata.GoName), st.ref()))
		}
		if bt := s.Batcher; bt != nil {
			var d fields
			var dyn []jen.Code
			for _, f := range []struct {
				c     *ir.Count
				field string
			}{{bt.MaxItems, "MaxItemsPerBatch"}, {bt.MaxInputBytes, "MaxInputBytesPerBatch"}} {
				switch {
				case f.c == nil:
				case f.c.Expr != nil:
					lhs := "max" + strings.TrimPrefix(strings.TrimSuffix(f.field, "PerBatch"), "Max")
					b.assign(lhs, e.jsonataExprRef(f.c.Expr).Dot("Count").Call(st.ref()))
					dyn = append(dyn, jen.Id("batcher").Dot(f.field).Op("=").Int().Call(jen.Id(lhs)))
				default:
					d.add(f.field, jen.Lit(int(f.c.Value)))
				}
			}
			b.add(jen.Id("batcher").Op(":=").Add(rt("ItemBatcher")).Values(d...))
			b.add(dyn...)
			if bi := bt.BatchInput; bi != nil {
				var states jen.Code
				if dynamic(bi) {
					states = st.ref()
				}
				v := e.payloadValue(b, bi, "batchInput", states)
				b.add(jen.Id("batcher").Dot("BatchInput").Op("=").Id(v))
			}
			b.add(jen.Id("items").Op("=").Id("batcher").Dot("Batches").Call(jen.Id("items")))
		}
		var cfg fields
		if c := s.MaxConcurrency; c != nil {
			switch {
			case c.Expr != nil:
				b.assign("limit", e.jsonataExprRef(c.Expr).Dot("Count").Call(st.ref()))
				cfg.add("MaxConcurrency", jen.Int().Call(jen.Id("limit")))
			case c.Value > 0:
				cfg.add("MaxConcurrency", jen.Lit(int(c.Value)))
			}
		}
		if c := s.ToleratedFailureCount; c != nil {
			if c.Expr != nil {
				b.assign("toleratedCount", e.jsonataExprRef(c.Expr).Dot("Count").Call(st.ref()))
				cfg.add("ToleratedFailureCount", jen.Id("toleratedCount"))
			} else {
				cfg.add("ToleratedFailureCount", jen.Lit(int(c.Value)))
			}
			cfg.add("ToleratedFailureCountSet", jen.True())
		}
		if n := s.ToleratedFailurePercentage; n != nil {
			if n.Expr != nil {
				b.assign("toleratedPercentage", e.jsonataExprRef(n.Expr).Dot("Percentage").Call(st.ref()))
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
		b.add(jen.List(jen.Id("g"), jen.Id("ctx")).Op(":=").Qual(errgroupPath, "WithContext").Call(jen.Id("x").Dot("Context").Call()))
		b.add(jen.Id("g").Dot("SetLimit").Call(jen.Id("mp").Dot("Limit").Call()))

		var fn jen.Code = jen.Id("m").Dot(s.Processor.GoName)
		if sel := s.ItemSelector; sel != nil {
			// The ItemSelector sees the Map state's input as $states.input
			// and the item as $states.context.Map.Item.Value (A13.3).
			v := sel.JSONata
			var get []jen.Code
			if v.Kind == ir.JSONataLiteral {
				e.addVar(v.GoName, literalVar(v))
				get = []jen.Code{jen.Return(jen.Id("m").Dot(s.Processor.GoName).Call(jen.Id("ix"), jen.Id(v.GoName)))}
			} else {
				e.addVar(v.GoName, e.jsonataNode(v))
				get = []jen.Code{
					jen.List(jen.Id("v"), jen.Err()).Op(":=").Id(v.GoName).Dot("Eval").Call(jrt("NewStates").Call(jen.Id("ix"), jen.Id("in"))),
					ifErrReturn(jen.Nil(), jen.Err()),
					jen.Return(jen.Id("m").Dot(s.Processor.GoName).Call(jen.Id("ix"), jen.Id("v"))),
				}
			}
			fn = jen.Func().Params(jen.Id("ix").Op("*").Add(rt("Exec")), jen.Id("_").Add(value())).Params(value(), jen.Error()).Block(get...)
		}
		b.add(jen.For(jen.Id("i").Op(":=").Range().Id("items")).Block(
			jen.Id("g").Dot("Go").Call(jen.Func().Params().Error().Block(
				jen.Return(jen.Id("mp").Dot("Iteration").Call(jen.Id("ctx"), jen.Id("i"), fn)),
			)),
		))
		return e.jsonataResult(b, s.Assign, s.Output, "results", jen.Id("mp").Dot("Wait").Call(jen.Id("g").Dot("Wait").Call()))
	})
}

// jsonataCatcher is the handling of one Catch entry of a JSONata state:
// when it matches, its Assign and Output see the error output as
// $states.errorOutput; without Output the next state's input is the error
// output (A11.7). The state's own Assign and Output are not evaluated
// (A11.8).
func (e *emitter) jsonataCatcher(c *ir.Catcher) []jen.Code {
	desc := "Catch: " + commentText(strings.Join(c.ErrorEquals, ", ")) + " → " + commentText(c.Next.Base().Name)
	b := stateBody()
	var cst jen.Code
	st := func() jen.Code {
		if cst == nil {
			b.add(jen.Id("cst").Op(":=").Add(jrt("NewErrorStates")).Call(jen.Id("x"), jen.Id("in"), jen.Id("errOut")))
			cst = jen.Id("cst")
		}
		return cst
	}
	vars := e.assignOf(b, c.Assign, st)
	out := e.outputOf(b, c.Output, "errOut", st)
	store(b, vars)
	b.add(exit(c.Next, jen.Id(out))...)
	errOut := "errOut"
	if cst == nil && out != errOut {
		// Neither Assign nor Output reads the error output.
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
