package lower

import (
	"strconv"

	"github.com/aslc/aslc/compiler/ast"
	"github.com/aslc/aslc/ir"
	"github.com/aslc/aslc/jsonata"
	aslrt "github.com/aslc/aslc/runtime"
)

// jsonataState fills the IR state st from the JSONata state s of machine
// m (A16): Arguments, Output and Assign instead of the JSONPath fields,
// expressions wherever AWS evaluates them, each parsed once and named by
// AWS's field name for its place in the state.
func (l *lowerer) jsonataState(m *ast.Machine, s ast.State, st ir.State) {
	sb := st.Base()
	g := sb.GoName
	switch s := s.(type) {
	case *ast.Pass:
		p := st.(*ir.Pass)
		p.IO = ir.IO{Output: l.jsonataPayload(s.Output, "Output", "output"+g)}
		p.Flow = l.flow(m, &s.Transition)
		p.Assign = l.jsonataPayload(s.Assign, "Assign", "assign"+g)
	case *ast.Task:
		l.jsonataTask(m, s, st.(*ir.Task))
	case *ast.Choice:
		l.jsonataChoice(m, s, st.(*ir.Choice))
	case *ast.Wait:
		w := st.(*ir.Wait)
		w.IO = ir.IO{Output: l.jsonataPayload(s.Output, "Output", "output"+g)}
		w.Flow = l.flow(m, &s.Transition)
		w.Assign = l.jsonataPayload(s.Assign, "Assign", "assign"+g)
		switch {
		case s.Seconds != nil:
			w.Seconds = l.jsonataCount(s.Seconds, "Seconds", "seconds"+g)
		case s.Timestamp != nil:
			w.Timestamp = l.jsonataText(s.Timestamp, "Timestamp", "timestamp"+g)
			if w.Timestamp != nil && w.Timestamp.Expr == nil {
				if _, ok := aslrt.ParseTimestamp(w.Timestamp.Value); !ok {
					l.internal(s.Timestamp.Pos, s.Timestamp.Pointer, "the Timestamp is not a timestamp")
				}
				w.Timestamp.GoName = l.name("timestamp" + g)
			}
		default:
			l.internal(s.NamePos, s.Pointer, "the Wait state \""+s.Name+"\" says neither how long nor until when")
		}
	case *ast.Succeed:
		p := st.(*ir.Succeed)
		p.IO = ir.IO{Output: l.jsonataPayload(s.Output, "Output", "output"+g)}
	case *ast.Fail:
		p := st.(*ir.Fail)
		p.Error = l.jsonataText(s.Error, "Error", "error"+g)
		p.Cause = l.jsonataText(s.Cause, "Cause", "cause"+g)
	case *ast.Parallel:
		p := st.(*ir.Parallel)
		p.IO = ir.IO{
			Arguments: l.jsonataPayload(s.Arguments, "Arguments", "arguments"+g),
			Output:    l.jsonataPayload(s.Output, "Output", "output"+g),
		}
		p.Flow = l.flow(m, &s.Transition)
		p.Handlers = l.jsonataHandlers(m, sb, &s.ErrorHandling)
		p.Assign = l.jsonataPayload(s.Assign, "Assign", "assign"+g)
	case *ast.Map:
		l.jsonataMap(m, s, st.(*ir.Map))
	}
}

func (l *lowerer) jsonataTask(m *ast.Machine, s *ast.Task, t *ir.Task) {
	g := t.StateBase.GoName
	t.IO = ir.IO{
		Arguments: l.jsonataPayload(s.Arguments, "Arguments", "arguments"+g),
		Output:    l.jsonataPayload(s.Output, "Output", "output"+g),
	}
	t.Flow = l.flow(m, &s.Transition)
	t.Handlers = l.jsonataHandlers(m, &t.StateBase, &s.ErrorHandling)
	t.Assign = l.jsonataPayload(s.Assign, "Assign", "assign"+g)
	t.Credentials = l.jsonataPayload(s.Credentials, "Credentials", "credentials"+g)
	t.TimeoutSeconds = l.jsonataCount(s.TimeoutSeconds, "TimeoutSeconds", "timeout"+g)
	t.HeartbeatSeconds = l.jsonataCount(s.HeartbeatSeconds, "HeartbeatSeconds", "heartbeat"+g)
	l.resource(s, t)
}

// jsonataHandlers lowers Retry as in JSONPath states and Catch with the
// catchers' Output and Assign (A11.7).
func (l *lowerer) jsonataHandlers(m *ast.Machine, sb *ir.StateBase, h *ast.ErrorHandling) ir.Handlers {
	out := l.handlers(m, sb, &ast.ErrorHandling{Retry: h.Retry})
	for i, c := range h.Catch {
		field := "Catch[" + strconv.Itoa(i) + "]"
		ic := &ir.Catcher{
			ErrorEquals: stringValues(c.ErrorEquals),
			Output:      l.jsonataPayload(c.Output, field+"/Output", "output"+sb.GoName+"Catch"+strconv.Itoa(i)),
			Assign:      l.jsonataPayload(c.Assign, field+"/Assign", "assign"+sb.GoName+"Catch"+strconv.Itoa(i)),
			Pos:         pos(c.Pos),
			Comment:     comment(c.Comment),
		}
		if c.Next != nil {
			ic.Next = l.target(m, c.Next)
		} else {
			l.internal(c.Pos, c.Pointer, "the catcher has no Next")
		}
		out.Catch = append(out.Catch, ic)
	}
	if len(out.Catch) > 0 {
		out.CatchName = "catch" + sb.GoName
	}
	return out
}

func (l *lowerer) jsonataChoice(m *ast.Machine, s *ast.Choice, c *ir.Choice) {
	g := c.StateBase.GoName
	c.IO = ir.IO{Output: l.jsonataPayload(s.Output, "Output", "output"+g)}
	c.Assign = l.jsonataPayload(s.Assign, "Assign", "assign"+g)
	c.RulesName = "rules" + g
	if s.Default != nil {
		c.Default = l.target(m, s.Default)
	}
	for i, r := range s.Choices {
		field := "Choices[" + strconv.Itoa(i) + "]"
		rule := &ir.Rule{Kind: ir.Condition, Pos: pos(r.Pos), Comment: comment(r.Comment)}
		switch cond := r.Condition; {
		case cond == nil:
			l.internal(r.Pos, r.Pointer, "the JSONata rule has no Condition")
		case cond.Kind == ast.Bool:
			rule.ConditionValue = cond.Bool
		default:
			text, ok := cond.Expr()
			if !ok {
				l.internal(cond.Pos, cond.Pointer, "the Condition is neither a boolean nor an expression")
				break
			}
			rule.Condition = l.jsonataExpr(text, field+"/Condition", cond)
		}
		br := &ir.ChoiceBranch{
			Rule:    rule,
			Assign:  l.jsonataPayload(r.Assign, field+"/Assign", "assign"+g+"Choice"+strconv.Itoa(i)),
			Output:  l.jsonataPayload(r.Output, field+"/Output", "output"+g+"Choice"+strconv.Itoa(i)),
			Pos:     pos(r.Pos),
			Comment: comment(r.Comment),
		}
		if r.Next != nil {
			br.Next = l.target(m, r.Next)
		} else {
			l.internal(r.Pos, r.Pointer, "the choice has no Next")
		}
		c.Choices = append(c.Choices, br)
	}
}

func (l *lowerer) jsonataMap(m *ast.Machine, s *ast.Map, mp *ir.Map) {
	sb := &mp.StateBase
	g := sb.GoName
	mp.IO = ir.IO{Output: l.jsonataPayload(s.Output, "Output", "output"+g)}
	mp.Flow = l.flow(m, &s.Transition)
	mp.Handlers = l.jsonataHandlers(m, sb, &s.ErrorHandling)
	mp.Assign = l.jsonataPayload(s.Assign, "Assign", "assign"+g)
	mp.Items = l.jsonataPayload(s.Items, "Items", "items"+g)
	mp.ItemSelector = l.jsonataPayload(s.ItemSelector, "ItemSelector", "itemSelector"+g)
	mp.LegacyIterator = s.LegacyIterator
	mp.Mode = ir.Inline
	if p := s.ItemProcessor; p != nil && p.ProcessorConfig.Distributed() {
		mp.Mode = ir.Distributed
		mp.ExecutionType = "STANDARD"
		if e := p.ProcessorConfig.ExecutionType; e != nil {
			mp.ExecutionType = e.Value
		}
	}
	if s.ItemProcessor == nil {
		l.internal(s.NamePos, s.Pointer, "the Map state \""+s.Name+"\" has no ItemProcessor")
	}
	mp.MaxConcurrency = l.jsonataCount(s.MaxConcurrency, "MaxConcurrency", "maxConcurrency"+g)
	if mp.MaxConcurrency == nil {
		mp.MaxConcurrency = &ir.Count{Value: 0, Pos: pos(s.Pos)}
	}
	mp.ToleratedFailureCount = l.jsonataCount(s.ToleratedFailureCount, "ToleratedFailureCount", "toleratedCount"+g)
	if n := s.ToleratedFailurePercentage; n != nil {
		if text, ok := n.Expr(); ok {
			mp.ToleratedFailurePercentage = &ir.Number{Expr: l.jsonataExpr(text, "ToleratedFailurePercentage", n), Pos: pos(n.Pos)}
			mp.ToleratedFailurePercentage.Expr.GoName = l.name("toleratedPercentage" + g)
		} else {
			mp.ToleratedFailurePercentage = l.number(n, nil)
		}
	}
	if s.Label != nil {
		mp.Label = s.Label.Value
	}
	if n := s.ItemReader; n != nil {
		l.unsupported(n.Pos, sb.Pointer, "the Map state \""+s.Name+"\" has an ItemReader, which reads its items from S3; aslc does not compile ItemReader")
	}
	if n := s.ResultWriter; n != nil {
		l.unsupported(n.Pos, sb.Pointer, "the Map state \""+s.Name+"\" has a ResultWriter, which writes its results to S3; aslc does not compile ResultWriter")
	}
	if n := s.ItemBatcher; n != nil {
		mp.Batcher = l.jsonataBatcher(sb, n)
		if mp.ItemSelector != nil {
			l.unsupported(n.Pos, sb.Pointer, "the Map state \""+s.Name+"\" has both an ItemSelector and an ItemBatcher; aslc does not compile that combination")
		}
	}
}

func (l *lowerer) jsonataBatcher(sb *ir.StateBase, n *ast.JSON) *ir.ItemBatcher {
	if n.Kind != ast.Object {
		l.internal(n.Pos, n.Pointer, "ItemBatcher is not an object")
		return nil
	}
	g := sb.GoName
	b := &ir.ItemBatcher{Pos: pos(n.Pos)}
	b.MaxItems = l.jsonataCount(n.Get("MaxItemsPerBatch"), "ItemBatcher/MaxItemsPerBatch", "maxItems"+g)
	b.MaxInputBytes = l.jsonataCount(n.Get("MaxInputBytesPerBatch"), "ItemBatcher/MaxInputBytesPerBatch", "maxInputBytes"+g)
	b.BatchInput = l.jsonataPayload(n.Get("BatchInput"), "ItemBatcher/BatchInput", "batchInput"+g)
	for _, m := range n.Members {
		switch m.Key {
		case "MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput":
		default:
			l.unsupported(m.KeyPos, n.Pointer, "the Map state \""+sb.Name+"\" has an ItemBatcher field aslc does not know: "+m.Key)
		}
	}
	return b
}

// jsonataPayload lowers a field that holds JSON with expressions at any
// depth (Arguments, Output, Assign, Items, ItemSelector, BatchInput,
// Credentials); field is AWS's name for it, name the name of its variable.
func (l *lowerer) jsonataPayload(n *ast.JSON, field, name string) *ir.Payload {
	if n == nil {
		return nil
	}
	v := l.jsonataValue(n, field)
	if v == nil {
		return nil
	}
	v.GoName = l.name(name)
	return &ir.Payload{JSONata: v, Pos: pos(n.Pos)}
}

// jsonataValue lowers the JSON value n standing at field: an expression,
// an object or array holding expressions, or a literal (A16.1, A16.2).
func (l *lowerer) jsonataValue(n *ast.JSON, field string) *ir.JSONataValue {
	if text, ok := n.Expr(); ok {
		e := l.jsonataExpr(text, field, n)
		if e == nil {
			return nil
		}
		return &ir.JSONataValue{Kind: ir.JSONataExpr, Expr: e}
	}
	if !holdsExpr(n) {
		v := value(n)
		return &ir.JSONataValue{Kind: ir.JSONataLiteral, Literal: v, JSON: aslrt.EncodeString(v)}
	}
	switch n.Kind {
	case ast.Object:
		out := &ir.JSONataValue{Kind: ir.JSONataObject}
		for _, m := range n.Members {
			v := l.jsonataValue(m.Value, field+"/"+m.Key)
			if v == nil {
				return nil
			}
			out.Members = append(out.Members, ir.JSONataMember{Key: m.Key, Value: v})
		}
		return out
	default:
		out := &ir.JSONataValue{Kind: ir.JSONataArray}
		for i, e := range n.Elems {
			v := l.jsonataValue(e, field+"["+strconv.Itoa(i)+"]")
			if v == nil {
				return nil
			}
			out.Elems = append(out.Elems, v)
		}
		return out
	}
}

// holdsExpr reports whether n is or holds a "{% %}" string.
func holdsExpr(n *ast.JSON) bool {
	found := false
	n.Walk(func(v *ast.JSON) bool {
		if _, ok := v.Expr(); ok {
			found = true
		}
		return !found
	})
	return found
}

// jsonataExpr parses the expression text of the string n standing at
// field.
func (l *lowerer) jsonataExpr(text, field string, n *ast.JSON) *ir.JSONata {
	parsed, err := jsonata.Parse(text)
	if err != nil {
		l.internal(n.Pos, n.Pointer, "the JSONata expression does not parse: "+err.Error())
		return nil
	}
	return &ir.JSONata{Text: text, Field: field, Pos: pos(n.Pos), Form: parsed.Form()}
}

// jsonataCount lowers an integer field of a JSONata state: a literal or
// an expression, whose variable is named name.
func (l *lowerer) jsonataCount(n *ast.JSON, field, name string) *ir.Count {
	if n == nil {
		return nil
	}
	if text, ok := n.Expr(); ok {
		e := l.jsonataExpr(text, field, n)
		if e == nil {
			return nil
		}
		e.GoName = l.name(name)
		return &ir.Count{Expr: e, Pos: pos(n.Pos)}
	}
	return l.count(n, nil)
}

// jsonataText lowers a string field of a JSONata state (Fail's Error and
// Cause, Wait's Timestamp): a literal or an expression.
func (l *lowerer) jsonataText(n *ast.JSON, field, name string) *ir.Text {
	if n == nil {
		return nil
	}
	if text, ok := n.Expr(); ok {
		e := l.jsonataExpr(text, field, n)
		if e == nil {
			return nil
		}
		e.GoName = l.name(name)
		return &ir.Text{Expr: e, Pos: pos(n.Pos)}
	}
	return l.stringLit(n)
}
