package check

import (
	"strings"

	"github.com/aslc/aslc/compiler/ast"
)

// state checks one state and the machines nested in it.
func (c *checker) state(s ast.State) {
	b := s.Base()
	c.queryLanguage(b)
	c.languageFields(s)
	if t, ok := s.(interface{ Flow() *ast.Transition }); ok {
		c.flow(b, t.Flow())
	}
	if h, ok := s.(interface{ Handlers() *ast.ErrorHandling }); ok {
		c.errorHandling(b, h.Handlers())
	}
	switch s := s.(type) {
	case *ast.Pass:
		c.io(b, &s.IO)
		c.resultPath(b, s.ResultPath)
		c.template(b, s.Parameters, "Parameters")
		c.output(b, s.Output)
		c.assign(b, s.Assign)
	case *ast.Task:
		c.task(s)
	case *ast.Choice:
		c.choice(s)
	case *ast.Wait:
		c.wait(s)
	case *ast.Succeed:
		c.io(b, &s.IO)
		c.output(b, s.Output)
	case *ast.Fail:
		c.fail(s)
	case *ast.Parallel:
		c.io(b, &s.IO)
		c.resultPath(b, s.ResultPath)
		c.template(b, s.Parameters, "Parameters")
		c.template(b, s.ResultSelector, "ResultSelector")
		c.arguments(b, s.Arguments)
		c.output(b, s.Output)
		c.assign(b, s.Assign)
		if len(s.Branches) == 0 && b.Raw.Get("Branches") != nil && b.Raw.Get("Branches").Kind == ast.Array {
			br := b.Raw.Get("Branches")
			c.schema(br.Pos, br.Pointer, "Value cannot be empty")
		}
		for _, m := range s.Branches {
			c.machine(m)
		}
	case *ast.Map:
		c.mapState(s)
	}
}

// queryLanguage checks a state's QueryLanguage (A1.9).
func (c *checker) queryLanguage(b *ast.BaseState) {
	q := b.QueryLanguage
	if q == nil {
		return
	}
	switch q.Value {
	case ast.JSONata:
	case ast.JSONPath:
		if c.topLang == ast.JSONata {
			c.schema(q.Pos, b.Pointer, "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine")
		}
	default:
		c.schema(q.Pos, q.Pointer, "The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata]")
	}
}

// Fields that only one query language supports, per state type (A2.18,
// A16.4). Fields a type does not support at all are compiler/parse's to
// report.
var (
	jsonPathOnly = map[string][]string{
		ast.TypePass:     {"InputPath", "OutputPath", "Parameters", "Result", "ResultPath"},
		ast.TypeTask:     {"InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "TimeoutSecondsPath", "HeartbeatSecondsPath"},
		ast.TypeChoice:   {"InputPath", "OutputPath"},
		ast.TypeWait:     {"InputPath", "OutputPath", "SecondsPath", "TimestampPath"},
		ast.TypeSucceed:  {"InputPath", "OutputPath"},
		ast.TypeFail:     {"ErrorPath", "CausePath"},
		ast.TypeParallel: {"InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath"},
		ast.TypeMap:      {"InputPath", "OutputPath", "ItemsPath", "Parameters", "ResultSelector", "ResultPath", "MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath"},
	}
	jsonataOnly = map[string][]string{
		ast.TypePass:     {"Output"},
		ast.TypeTask:     {"Arguments", "Output"},
		ast.TypeChoice:   {"Output"},
		ast.TypeWait:     {"Output"},
		ast.TypeSucceed:  {"Output"},
		ast.TypeParallel: {"Arguments", "Output"},
		ast.TypeMap:      {"Items", "Output"},
	}
)

func (c *checker) languageFields(s ast.State) {
	b := s.Base()
	if b.Type == nil {
		return
	}
	fields, other := jsonPathOnly[b.Type.Value], ast.JSONPath
	if !b.JSONata() {
		fields, other = jsonataOnly[b.Type.Value], ast.JSONata
	}
	for _, f := range fields {
		if m := b.Raw.Member(f); m != nil {
			c.wrongLanguage(m.KeyPos, b, f, other)
		}
	}
}

// wrongLanguage reports a field of language other in a state of the other
// language.
func (c *checker) wrongLanguage(pos ast.Pos, b *ast.BaseState, field, other string) {
	lang := ast.JSONPath
	if other == ast.JSONPath {
		lang = ast.JSONata
	}
	c.schema(pos, b.Pointer, "The QueryLanguage is set to '"+lang+"', but field '"+field+"' is only supported for the '"+other+"' QueryLanguage")
}

// flow checks Next and End (A2.9).
func (c *checker) flow(b *ast.BaseState, t *ast.Transition) {
	hasNext := b.Raw.Member("Next") != nil
	hasEnd := b.Raw.Member("End") != nil
	switch {
	case hasNext && t.Terminal():
		c.schema(keyPos(b.Raw, "End"), b.Pointer, "There should only be one of the following fields: [Next, End]")
	case !hasNext && !hasEnd:
		c.schema(b.NamePos, b.Pointer, "One of the following fields is required: [Next, End]")
	case !hasNext && t.End != nil && !t.End.Value:
		c.schema(t.End.Pos, t.End.Pointer, "A state without 'Next' must have \"End\": true")
	}
}

// exclusive reports when more than one of the fields names is present
// (A2.15); it returns how many are.
func (c *checker) exclusive(obj *ast.JSON, loc string, names ...string) int {
	var present []string
	var pos ast.Pos
	for _, n := range names {
		if m := obj.Member(n); m != nil {
			if len(present) == 1 {
				pos = m.KeyPos
			}
			present = append(present, n)
		}
	}
	if len(present) > 1 {
		c.schema(pos, loc, "There should only be one of the following fields: ["+strings.Join(present, ", ")+"]")
	}
	return len(present)
}

func (c *checker) task(s *ast.Task) {
	b := &s.BaseState
	c.io(b, &s.IO)
	c.resultPath(b, s.ResultPath)
	c.template(b, s.Parameters, "Parameters")
	c.template(b, s.ResultSelector, "ResultSelector")
	c.arguments(b, s.Arguments)
	c.output(b, s.Output)
	c.assign(b, s.Assign)
	c.resource(b, s.Resource)
	c.credentials(b, s.Credentials)
	c.exclusive(b.Raw, b.Pointer, "TimeoutSeconds", "TimeoutSecondsPath")
	c.exclusive(b.Raw, b.Pointer, "HeartbeatSeconds", "HeartbeatSecondsPath")
	timeout, tok := c.intOrExpr(b, s.TimeoutSeconds, "TimeoutSeconds", 1, maxSeconds)
	heartbeat, hok := c.intOrExpr(b, s.HeartbeatSeconds, "HeartbeatSeconds", 1, maxSeconds)
	if tok && hok && heartbeat >= timeout {
		c.schema(s.HeartbeatSeconds.Pos, s.HeartbeatSeconds.Pointer, "HeartbeatSeconds must be smaller than TimeoutSeconds")
	}
	c.referencePath(b, s.TimeoutSecondsPath, "TimeoutSecondsPath", inputOrVariable)
	c.referencePath(b, s.HeartbeatSecondsPath, "HeartbeatSecondsPath", inputOrVariable)
}

func (c *checker) wait(s *ast.Wait) {
	b := &s.BaseState
	c.io(b, &s.IO)
	c.output(b, s.Output)
	c.assign(b, s.Assign)
	if c.exclusive(b.Raw, b.Pointer, "Seconds", "SecondsPath", "Timestamp", "TimestampPath") == 0 {
		c.schema(b.NamePos, b.Pointer, "One of the following fields is required: [Seconds, SecondsPath, Timestamp, TimestampPath]")
	}
	c.intOrExpr(b, s.Seconds, "Seconds", 0, maxWaitSeconds)
	if t := s.Timestamp; t != nil {
		if expr, ok := t.Expr(); ok && b.JSONata() {
			c.expression(b, t, expr)
		} else if !isTimestamp(t.Text) {
			c.schema(t.Pos, t.Pointer, "String does not match RFC3339 timestamp")
		}
	}
	c.referencePath(b, s.SecondsPath, "SecondsPath", anyRoot)
	c.referencePath(b, s.TimestampPath, "TimestampPath", anyRoot)
}

// maxWaitSeconds is the longest literal Wait AWS accepts, 99999999 s as
// for the other time fields.
const maxWaitSeconds = maxSeconds

func (c *checker) fail(s *ast.Fail) {
	b := &s.BaseState
	c.exclusive(b.Raw, b.Pointer, "Error", "ErrorPath")
	c.exclusive(b.Raw, b.Pointer, "Cause", "CausePath")
	for _, f := range []*ast.JSON{s.Error, s.Cause} {
		if f == nil {
			continue
		}
		if expr, ok := f.Expr(); ok && b.JSONata() {
			c.expression(b, f, expr)
		}
	}
	c.errorPath(b, s.ErrorPath, "ErrorPath")
	c.errorPath(b, s.CausePath, "CausePath")
}

func (c *checker) mapState(s *ast.Map) {
	b := &s.BaseState
	c.io(b, &s.IO)
	c.resultPath(b, s.ResultPath)
	c.template(b, s.ResultSelector, "ResultSelector")
	c.output(b, s.Output)
	c.assign(b, s.Assign)
	c.exclusive(b.Raw, b.Pointer, "ItemSelector", "Parameters")
	c.exclusive(b.Raw, b.Pointer, "MaxConcurrency", "MaxConcurrencyPath")
	c.exclusive(b.Raw, b.Pointer, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath")
	c.exclusive(b.Raw, b.Pointer, "ToleratedFailureCount", "ToleratedFailureCountPath")
	if b.JSONata() {
		c.jsonataValue(b, s.ItemSelector)
		if s.Items != nil {
			if expr, ok := s.Items.Expr(); ok {
				c.expression(b, s.Items, expr)
			} else if s.Items.Kind == ast.String {
				c.schema(s.Items.Pos, s.Items.Pointer, "The value for the field 'Items' must be an array or a JSONata expression")
			} else {
				c.jsonataValue(b, s.Items)
			}
		}
	} else {
		c.template(b, s.ItemSelector, "ItemSelector")
	}
	c.template(b, s.Parameters, "Parameters")
	c.referencePath(b, s.ItemsPath, "ItemsPath", anyRoot)
	c.intOrExpr(b, s.MaxConcurrency, "MaxConcurrency", 0, maxInt)
	c.intOrExpr(b, s.ToleratedFailureCount, "ToleratedFailureCount", 0, maxInt)
	c.percentage(b, s.ToleratedFailurePercentage)
	c.referencePath(b, s.MaxConcurrencyPath, "MaxConcurrencyPath", inputOrVariable)
	c.referencePath(b, s.ToleratedFailureCountPath, "ToleratedFailureCountPath", inputOrVariable)
	c.referencePath(b, s.ToleratedFailurePercentagePath, "ToleratedFailurePercentagePath", inputOrVariable)
	c.itemReader(b, s.ItemReader)
	c.itemBatcher(b, s.ItemBatcher)
	c.resultWriter(b, s.ResultWriter)
	if p := s.ItemProcessor; p != nil {
		c.processorConfig(p.ProcessorConfig)
		c.machine(p)
	}
}

const maxInt = 1<<31 - 1

func (c *checker) processorConfig(pc *ast.ProcessorConfig) {
	if pc == nil {
		return
	}
	if m := pc.Mode; m != nil && m.Value != "INLINE" && m.Value != "DISTRIBUTED" {
		c.schema(m.Pos, m.Pointer, "The field 'Mode' should have one of these values: [INLINE, DISTRIBUTED]")
	}
	if e := pc.ExecutionType; e != nil && e.Value != "STANDARD" && e.Value != "EXPRESS" {
		c.schema(e.Pos, e.Pointer, "The field 'ExecutionType' should have one of these values: [STANDARD, EXPRESS]")
	}
}
