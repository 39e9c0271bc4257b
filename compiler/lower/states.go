package lower

import (
	"strconv"
	"strings"

	"github.com/aslc/aslc/compiler/ast"
	"github.com/aslc/aslc/ir"
	aslrt "github.com/aslc/aslc/runtime"
)

// state fills the IR state st from the JSONPath state s of machine m.
func (l *lowerer) state(m *ast.Machine, s ast.State, st ir.State) {
	sb := st.Base()
	switch s := s.(type) {
	case *ast.Pass:
		p := st.(*ir.Pass)
		p.IO = l.io(sb, &s.IO, s.Parameters, nil, s.ResultPath)
		p.Flow = l.flow(m, &s.Transition)
		if s.Result != nil {
			p.Result = l.literal(s.Result, "result"+sb.GoName)
		}
		p.Assign = l.template(s.Assign, "assign"+sb.GoName)
	case *ast.Task:
		l.task(m, s, st.(*ir.Task))
	case *ast.Choice:
		l.choice(m, s, st.(*ir.Choice))
	case *ast.Wait:
		l.wait(m, s, st.(*ir.Wait))
	case *ast.Succeed:
		p := st.(*ir.Succeed)
		p.IO = l.io(sb, &s.IO, nil, nil, nil)
	case *ast.Fail:
		p := st.(*ir.Fail)
		p.Error = l.stringLit(s.Error)
		if s.ErrorPath != nil {
			p.Error = l.fieldExpr(s.ErrorPath, "errorPath"+sb.GoName)
		}
		p.Cause = l.stringLit(s.Cause)
		if s.CausePath != nil {
			p.Cause = l.fieldExpr(s.CausePath, "causePath"+sb.GoName)
		}
	case *ast.Parallel:
		p := st.(*ir.Parallel)
		p.IO = l.io(sb, &s.IO, s.Parameters, s.ResultSelector, s.ResultPath)
		p.Flow = l.flow(m, &s.Transition)
		p.Handlers = l.handlers(m, sb, &s.ErrorHandling)
		p.Assign = l.template(s.Assign, "assign"+sb.GoName)
		if s.Arguments != nil {
			l.internal(s.Arguments.Pos, sb.Pointer, "Arguments in a JSONPath state")
		}
	case *ast.Map:
		l.mapState(m, s, st.(*ir.Map))
	}
}

// io lowers a state's input and output processing.
func (l *lowerer) io(sb *ir.StateBase, f *ast.IO, params, selector *ast.JSON, resultPath *ast.StringField) ir.IO {
	return ir.IO{
		InputPath:      l.pathField(f.InputPath, ir.AnyPath),
		OutputPath:     l.pathField(f.OutputPath, ir.AnyPath),
		Parameters:     l.template(params, "parameters"+sb.GoName),
		ResultSelector: l.template(selector, "resultSelector"+sb.GoName),
		ResultPath:     l.pathField(resultPath, ir.ReferencePath),
		GoName:         "io" + sb.GoName,
	}
}

func (l *lowerer) task(m *ast.Machine, s *ast.Task, t *ir.Task) {
	sb := &t.StateBase
	t.IO = l.io(sb, &s.IO, s.Parameters, s.ResultSelector, s.ResultPath)
	t.Flow = l.flow(m, &s.Transition)
	t.Handlers = l.handlers(m, sb, &s.ErrorHandling)
	t.Assign = l.template(s.Assign, "assign"+sb.GoName)
	t.Credentials = l.template(s.Credentials, "credentials"+sb.GoName)
	t.TimeoutSeconds = l.count(s.TimeoutSeconds, s.TimeoutSecondsPath)
	t.HeartbeatSeconds = l.count(s.HeartbeatSeconds, s.HeartbeatSecondsPath)
	if s.Arguments != nil {
		l.internal(s.Arguments.Pos, sb.Pointer, "Arguments in a JSONPath state")
	}
	l.resource(s, t)
}

// resource sets the Task's resource, one per distinct ARN at the earliest
// position that uses it. nameResources names the resources and lists their
// states once every machine is lowered.
func (l *lowerer) resource(s *ast.Task, t *ir.Task) {
	if s.Resource == nil {
		l.internal(s.Pos, s.Pointer, "the Task state \""+s.Name+"\" has no Resource")
		return
	}
	arn := s.Resource.Value
	r := l.resources[arn]
	if r == nil {
		r = &ir.Resource{ARN: arn, Pos: pos(s.Resource.Pos)}
		l.resources[arn] = r
	} else if p := s.Resource.Pos; p.Line < r.Pos.Line || p.Line == r.Pos.Line && p.Col < r.Pos.Col {
		r.Pos = pos(p)
	}
	t.Resource = r
}

func (l *lowerer) wait(m *ast.Machine, s *ast.Wait, w *ir.Wait) {
	sb := &w.StateBase
	w.IO = l.io(sb, &s.IO, nil, nil, nil)
	w.Flow = l.flow(m, &s.Transition)
	w.Assign = l.template(s.Assign, "assign"+sb.GoName)
	switch {
	case s.Seconds != nil || s.SecondsPath != nil:
		w.Seconds = l.count(s.Seconds, s.SecondsPath)
	case s.Timestamp != nil:
		w.Timestamp = l.stringLit(s.Timestamp)
		if w.Timestamp != nil {
			if _, ok := aslrt.ParseTimestamp(w.Timestamp.Value); !ok {
				l.internal(s.Timestamp.Pos, s.Timestamp.Pointer, "the Timestamp is not a timestamp")
			}
			w.Timestamp.GoName = l.name("timestamp" + sb.GoName)
		}
	case s.TimestampPath != nil:
		if p := l.refPath(s.TimestampPath); p != nil {
			w.Timestamp = &ir.Text{Path: p, Pos: pos(s.TimestampPath.Pos)}
		}
	default:
		l.internal(s.NamePos, s.Pointer, "the Wait state \""+s.Name+"\" says neither how long nor until when")
	}
}

// handlers lowers Retry and Catch, writing out the retrier defaults
// (A10.1).
func (l *lowerer) handlers(m *ast.Machine, sb *ir.StateBase, h *ast.ErrorHandling) ir.Handlers {
	var out ir.Handlers
	for _, r := range h.Retry {
		rt := &ir.Retrier{
			ErrorEquals:     stringValues(r.ErrorEquals),
			IntervalSeconds: ast.DefaultIntervalSeconds,
			MaxAttempts:     ast.DefaultMaxAttempts,
			BackoffRate:     ast.DefaultBackoffRate,
			Jitter:          ir.JitterNone,
			Pos:             pos(r.Pos),
			Comment:         comment(r.Comment),
		}
		rt.IntervalSeconds = l.intField(r.IntervalSeconds, rt.IntervalSeconds)
		rt.MaxAttempts = l.intField(r.MaxAttempts, rt.MaxAttempts)
		rt.MaxDelaySeconds = l.intField(r.MaxDelaySeconds, 0)
		if f := r.BackoffRate; f != nil {
			if v, ok := f.Float(); ok {
				rt.BackoffRate = v
			} else {
				l.internal(f.Pos, f.Pointer, "BackoffRate is not a number")
			}
		}
		if j := r.JitterStrategy; j != nil {
			rt.Jitter = jitter(j.Value)
		}
		out.Retry = append(out.Retry, rt)
	}
	for i, c := range h.Catch {
		ic := &ir.Catcher{
			ErrorEquals: stringValues(c.ErrorEquals),
			ResultPath:  l.pathField(c.ResultPath, ir.ReferencePath),
			Assign:      l.template(c.Assign, "assign"+sb.GoName+"Catch"+strconv.Itoa(i)),
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
	if len(out.Retry) > 0 {
		out.RetryName = "retry" + sb.GoName
	}
	if len(out.Catch) > 0 {
		out.CatchName = "catch" + sb.GoName
	}
	return out
}

func jitter(s string) ir.JitterStrategy {
	if s == string(ir.JitterFull) {
		return ir.JitterFull
	}
	return ir.JitterNone
}

func (l *lowerer) intField(f *ast.NumberField, def int64) int64 {
	if f == nil {
		return def
	}
	v, ok := f.Int()
	if !ok {
		l.internal(f.Pos, f.Pointer, "the value is not an integer")
		return def
	}
	return v
}

func stringValues(fs []*ast.StringField) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Value
	}
	return out
}

func (l *lowerer) mapState(m *ast.Machine, s *ast.Map, mp *ir.Map) {
	sb := &mp.StateBase
	mp.IO = l.io(sb, &s.IO, nil, s.ResultSelector, s.ResultPath)
	mp.Flow = l.flow(m, &s.Transition)
	mp.Handlers = l.handlers(m, sb, &s.ErrorHandling)
	mp.Assign = l.template(s.Assign, "assign"+sb.GoName)
	if s.ItemsPath != nil {
		mp.ItemsPath = l.refPath(s.ItemsPath)
	} else {
		mp.ItemsPath = l.path("$", ir.ReferencePath, s.Pos, s.Pointer)
	}
	switch {
	case s.ItemSelector != nil:
		mp.ItemSelector = l.template(s.ItemSelector, "itemSelector"+sb.GoName)
	case s.Parameters != nil:
		mp.ItemSelector = l.template(s.Parameters, "itemSelector"+sb.GoName)
	}
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
	mp.MaxConcurrency = l.count(s.MaxConcurrency, s.MaxConcurrencyPath)
	if mp.MaxConcurrency == nil {
		mp.MaxConcurrency = &ir.Count{Value: 0, Pos: pos(s.Pos)}
	}
	mp.ToleratedFailureCount = l.count(s.ToleratedFailureCount, s.ToleratedFailureCountPath)
	mp.ToleratedFailurePercentage = l.number(s.ToleratedFailurePercentage, s.ToleratedFailurePercentagePath)
	if s.Label != nil {
		mp.Label = s.Label.Value
	}
	if s.Items != nil {
		l.internal(s.Items.Pos, sb.Pointer, "Items in a JSONPath state")
	}
	if n := s.ItemReader; n != nil {
		l.unsupported(n.Pos, sb.Pointer, "the Map state \""+s.Name+"\" has an ItemReader, which reads its items from S3; aslc does not compile ItemReader")
	}
	if n := s.ResultWriter; n != nil {
		l.unsupported(n.Pos, sb.Pointer, "the Map state \""+s.Name+"\" has a ResultWriter, which writes its results to S3; aslc does not compile ResultWriter")
	}
	if n := s.ItemBatcher; n != nil {
		mp.Batcher = l.itemBatcher(sb, n)
		if mp.ItemSelector != nil {
			l.unsupported(n.Pos, sb.Pointer, "the Map state \""+s.Name+"\" has both an ItemSelector and an ItemBatcher; aslc does not compile that combination")
		}
	}
}

func (l *lowerer) itemBatcher(sb *ir.StateBase, n *ast.JSON) *ir.ItemBatcher {
	if n.Kind != ast.Object {
		l.internal(n.Pos, n.Pointer, "ItemBatcher is not an object")
		return nil
	}
	b := &ir.ItemBatcher{Pos: pos(n.Pos)}
	pathOf := func(name string) *ast.StringField {
		v := n.Get(name)
		if v == nil {
			return nil
		}
		if v.Kind != ast.String {
			l.internal(v.Pos, v.Pointer, name+" is not a string")
			return nil
		}
		return &ast.StringField{Value: v.Text, Pos: v.Pos, Pointer: v.Pointer}
	}
	b.MaxItems = l.count(n.Get("MaxItemsPerBatch"), pathOf("MaxItemsPerBatchPath"))
	b.MaxInputBytes = l.count(n.Get("MaxInputBytesPerBatch"), pathOf("MaxInputBytesPerBatchPath"))
	for _, name := range []string{"MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath"} {
		if m := n.Member(name); m != nil {
			l.unsupported(m.KeyPos, n.Pointer, "the Map state \""+sb.Name+"\" reads its ItemBatcher's "+strings.TrimSuffix(name, "Path")+" from the input; aslc does not compile "+name+" yet")
		}
	}
	b.BatchInput = l.template(n.Get("BatchInput"), "batchInput"+sb.GoName)
	for _, m := range n.Members {
		switch m.Key {
		case "MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath", "BatchInput":
		default:
			l.unsupported(m.KeyPos, n.Pointer, "the Map state \""+sb.Name+"\" has an ItemBatcher field aslc does not know: "+m.Key)
		}
	}
	return b
}
