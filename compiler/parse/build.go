package parse

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/aslc/aslc/compiler/ast"
)

// maxStateNameLength is the longest state name AWS accepts (A1.14).
const maxStateNameLength = 80

// builder turns positioned JSON into the typed AST, reporting what does not
// fit its shape: fields of the wrong JSON type, fields the object does not
// support, required fields that are missing.
type builder struct {
	diags ast.Diagnostics
	// topLang is the top-level machine's query language, which every state
	// inherits unless it sets its own.
	topLang string
	// states are the States objects met so far; a repeated key in one of
	// them is a duplicate state name.
	states map[*ast.JSON]bool
}

// machineKind says where a machine stands; it decides its allowed fields.
type machineKind int

const (
	topLevel machineKind = iota
	branch
	processor
	iterator
)

func (b *builder) errorf(pos ast.Pos, code, loc, format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	b.diags.Add(pos, code, loc, msg)
}

// schema reports a SCHEMA_VALIDATION_FAILED diagnostic.
func (b *builder) schema(pos ast.Pos, loc, format string, args ...any) {
	b.errorf(pos, ast.CodeSchema, loc, format, args...)
}

// location turns a pointer into the location AWS reports: the root is "/".
func location(ptr string) string {
	if ptr == "" {
		return "/"
	}
	return ptr
}

func (b *builder) unsupported(m *ast.Member, owner *ast.JSON) {
	b.schema(m.KeyPos, location(owner.Pointer), "Field '%s' is not supported", m.Key)
}

// wrongType reports a field whose value has the wrong JSON type.
func (b *builder) wrongType(m *ast.Member, want string) {
	b.schema(m.Value.Pos, m.Value.Pointer, "The value for the field '%s' must be %s", m.Key, want)
}

func (b *builder) str(m *ast.Member) *ast.StringField {
	if m.Value.Kind != ast.String {
		b.wrongType(m, "a string")
		return nil
	}
	return &ast.StringField{Value: m.Value.Text, Pos: m.Value.Pos, Pointer: m.Value.Pointer}
}

// nullableStr is str for InputPath, OutputPath and ResultPath, which may
// be null.
func (b *builder) nullableStr(m *ast.Member) *ast.StringField {
	if m.Value.Kind == ast.Null {
		return &ast.StringField{Null: true, Pos: m.Value.Pos, Pointer: m.Value.Pointer}
	}
	if m.Value.Kind != ast.String {
		b.wrongType(m, "a string or null")
		return nil
	}
	return b.str(m)
}

func (b *builder) boolean(m *ast.Member) *ast.BoolField {
	if m.Value.Kind != ast.Bool {
		b.wrongType(m, "a boolean")
		return nil
	}
	return &ast.BoolField{Value: m.Value.Bool, Pos: m.Value.Pos, Pointer: m.Value.Pointer}
}

func (b *builder) number(m *ast.Member) *ast.NumberField {
	if m.Value.Kind != ast.Number {
		b.wrongType(m, "a number")
		return nil
	}
	return &ast.NumberField{Text: m.Value.Text, Pos: m.Value.Pos, Pointer: m.Value.Pointer}
}

// literalOrExpr accepts a value of kind want or a string (a JSONata
// expression in JSONata states; check decides whether a string may stand
// there).
func (b *builder) literalOrExpr(m *ast.Member, want ast.Kind, what string) *ast.JSON {
	if m.Value.Kind != want && m.Value.Kind != ast.String {
		b.wrongType(m, what)
		return nil
	}
	return m.Value
}

func (b *builder) object(m *ast.Member) *ast.JSON {
	if m.Value.Kind != ast.Object {
		b.wrongType(m, "an object")
		return nil
	}
	return m.Value
}

func (b *builder) array(m *ast.Member) *ast.JSON {
	if m.Value.Kind != ast.Array {
		b.wrongType(m, "an array")
		return nil
	}
	return m.Value
}

// required reports the fields of names that obj lacks, as AWS does for a
// state's required fields.
func (b *builder) required(obj *ast.JSON, names ...string) bool {
	ok := true
	for _, name := range names {
		if obj.Member(name) == nil {
			b.schema(obj.Pos, location(obj.Pointer), "The field '%s' is required but was missing", name)
			ok = false
		}
	}
	return ok
}

// machine builds a machine from its object.
func (b *builder) machine(n *ast.JSON, kind machineKind) *ast.Machine {
	m := &ast.Machine{Pos: n.Pos, Pointer: n.Pointer, Raw: n}
	var states *ast.Member
	for _, mem := range n.Members {
		switch mem.Key {
		case "Comment":
			m.Comment = b.str(mem)
		case "StartAt":
			m.StartAt = b.str(mem)
		case "States":
			states = mem
		case "Version", "TimeoutSeconds", "QueryLanguage":
			if kind != topLevel {
				b.unsupported(mem, n)
				continue
			}
			switch mem.Key {
			case "Version":
				m.Version = b.str(mem)
			case "TimeoutSeconds":
				m.TimeoutSeconds = b.number(mem)
			case "QueryLanguage":
				m.QueryLanguage = b.str(mem)
			}
		case "ProcessorConfig":
			if kind != processor && kind != iterator {
				b.unsupported(mem, n)
				continue
			}
			if obj := b.object(mem); obj != nil {
				m.ProcessorConfig = b.processorConfig(obj)
			}
		default:
			b.unsupported(mem, n)
		}
	}
	var missing []string
	if states == nil {
		missing = append(missing, "States")
	}
	if n.Member("StartAt") == nil {
		missing = append(missing, "StartAt")
	}
	if len(missing) > 0 {
		b.schema(n.Pos, location(n.Pointer), "These fields are required: [%s]", strings.Join(missing, ", "))
	}
	if kind == topLevel {
		b.topLang = ast.JSONPath
		if m.QueryLanguage != nil && m.QueryLanguage.Value == ast.JSONata {
			b.topLang = ast.JSONata
		}
	}
	if states != nil {
		if obj := b.object(states); obj != nil {
			pos := obj.Pos
			m.StatesPos = &pos
			b.states[obj] = true
			m.States = make([]ast.State, 0, len(obj.Members))
			for _, sm := range obj.Members {
				if s := b.state(sm); s != nil {
					m.States = append(m.States, s)
				}
			}
		}
	}
	m.Reindex()
	return m
}

func (b *builder) processorConfig(n *ast.JSON) *ast.ProcessorConfig {
	c := &ast.ProcessorConfig{Pos: n.Pos, Pointer: n.Pointer, Raw: n}
	for _, mem := range n.Members {
		switch mem.Key {
		case "Mode":
			c.Mode = b.str(mem)
		case "ExecutionType":
			c.ExecutionType = b.str(mem)
		default:
			b.unsupported(mem, n)
		}
	}
	return c
}

var stateTypes = "[Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]"

// state builds one state from its member of a States object.
func (b *builder) state(sm *ast.Member) ast.State {
	n := sm.Value
	if n.Kind != ast.Object {
		b.wrongType(sm, "an object")
		return nil
	}
	// AWS's message for a long name, as CreateStateMachine reports it:
	// "Invalid State name: State '<name>' exceeds the 80-character limit
	// allowed by the service".
	switch l := utf8.RuneCountInString(sm.Key); {
	case l == 0:
		b.errorf(sm.KeyPos, ast.CodeInvalidStateName, n.Pointer, "Invalid State name: a state name cannot be empty")
	case l > maxStateNameLength:
		b.errorf(sm.KeyPos, ast.CodeInvalidStateName, n.Pointer, "Invalid State name: State '%s' exceeds the %d-character limit allowed by the service", sm.Key, maxStateNameLength)
	}
	base := ast.BaseState{Name: sm.Key, NamePos: sm.KeyPos, Pos: n.Pos, Pointer: n.Pointer, Raw: n, Language: b.topLang}
	typ := ""
	if tm := n.Member("Type"); tm == nil {
		b.required(n, "Type")
	} else if base.Type = b.str(tm); base.Type != nil {
		typ = base.Type.Value
	}
	if c := n.Member("Comment"); c != nil {
		base.Comment = b.str(c)
	}
	if q := n.Member("QueryLanguage"); q != nil {
		base.QueryLanguage = b.str(q)
		if base.QueryLanguage != nil && (base.QueryLanguage.Value == ast.JSONata || base.QueryLanguage.Value == ast.JSONPath) {
			base.Language = base.QueryLanguage.Value
		}
	}
	switch typ {
	case ast.TypePass:
		s := &ast.Pass{BaseState: base}
		b.fields(n, func(m *ast.Member) bool {
			switch m.Key {
			case "Parameters":
				s.Parameters = m.Value
			case "Result":
				s.Result = m.Value
			case "ResultPath":
				s.ResultPath = b.nullableStr(m)
			case "Assign":
				s.Assign = m.Value
			case "Output":
				s.Output = m.Value
			default:
				return b.io(&s.IO, m) || b.transition(&s.Transition, m)
			}
			return true
		})
		return s
	case ast.TypeTask:
		s := &ast.Task{BaseState: base}
		b.fields(n, func(m *ast.Member) bool {
			switch m.Key {
			case "Resource":
				s.Resource = b.str(m)
			case "Parameters":
				s.Parameters = m.Value
			case "Arguments":
				s.Arguments = m.Value
			case "ResultSelector":
				s.ResultSelector = m.Value
			case "ResultPath":
				s.ResultPath = b.nullableStr(m)
			case "TimeoutSeconds":
				s.TimeoutSeconds = b.literalOrExpr(m, ast.Number, "an integer")
			case "TimeoutSecondsPath":
				s.TimeoutSecondsPath = b.str(m)
			case "HeartbeatSeconds":
				s.HeartbeatSeconds = b.literalOrExpr(m, ast.Number, "an integer")
			case "HeartbeatSecondsPath":
				s.HeartbeatSecondsPath = b.str(m)
			case "Credentials":
				s.Credentials = m.Value
			case "Assign":
				s.Assign = m.Value
			case "Output":
				s.Output = m.Value
			default:
				return b.io(&s.IO, m) || b.transition(&s.Transition, m) || b.errorHandling(&s.ErrorHandling, m)
			}
			return true
		})
		b.required(n, "Resource")
		return s
	case ast.TypeChoice:
		s := &ast.Choice{BaseState: base}
		b.fields(n, func(m *ast.Member) bool {
			switch m.Key {
			case "Choices":
				if arr := b.array(m); arr != nil {
					s.Choices = make([]*ast.Rule, 0, len(arr.Elems))
					for _, e := range arr.Elems {
						if r := b.rule(e, true); r != nil {
							s.Choices = append(s.Choices, r)
						}
					}
				}
			case "Default":
				s.Default = b.str(m)
			case "Assign":
				s.Assign = m.Value
			case "Output":
				s.Output = m.Value
			default:
				return b.io(&s.IO, m)
			}
			return true
		})
		b.required(n, "Choices")
		return s
	case ast.TypeWait:
		s := &ast.Wait{BaseState: base}
		b.fields(n, func(m *ast.Member) bool {
			switch m.Key {
			case "Seconds":
				s.Seconds = b.literalOrExpr(m, ast.Number, "an integer")
			case "SecondsPath":
				s.SecondsPath = b.str(m)
			case "Timestamp":
				s.Timestamp = b.literalOrExpr(m, ast.String, "a string")
			case "TimestampPath":
				s.TimestampPath = b.str(m)
			case "Assign":
				s.Assign = m.Value
			case "Output":
				s.Output = m.Value
			default:
				return b.io(&s.IO, m) || b.transition(&s.Transition, m)
			}
			return true
		})
		return s
	case ast.TypeSucceed:
		s := &ast.Succeed{BaseState: base}
		b.fields(n, func(m *ast.Member) bool {
			switch m.Key {
			case "Output":
				s.Output = m.Value
			default:
				return b.io(&s.IO, m)
			}
			return true
		})
		return s
	case ast.TypeFail:
		s := &ast.Fail{BaseState: base}
		b.fields(n, func(m *ast.Member) bool {
			switch m.Key {
			case "Error":
				s.Error = b.literalOrExpr(m, ast.String, "a string")
			case "ErrorPath":
				s.ErrorPath = b.str(m)
			case "Cause":
				s.Cause = b.literalOrExpr(m, ast.String, "a string")
			case "CausePath":
				s.CausePath = b.str(m)
			default:
				return false
			}
			return true
		})
		return s
	case ast.TypeParallel:
		s := &ast.Parallel{BaseState: base}
		b.fields(n, func(m *ast.Member) bool {
			switch m.Key {
			case "Branches":
				if arr := b.array(m); arr != nil {
					s.Branches = make([]*ast.Machine, 0, len(arr.Elems))
					for _, e := range arr.Elems {
						if e.Kind != ast.Object {
							b.schema(e.Pos, e.Pointer, "A branch must be an object")
							continue
						}
						s.Branches = append(s.Branches, b.machine(e, branch))
					}
				}
			case "Parameters":
				s.Parameters = m.Value
			case "Arguments":
				s.Arguments = m.Value
			case "ResultSelector":
				s.ResultSelector = m.Value
			case "ResultPath":
				s.ResultPath = b.nullableStr(m)
			case "Assign":
				s.Assign = m.Value
			case "Output":
				s.Output = m.Value
			default:
				return b.io(&s.IO, m) || b.transition(&s.Transition, m) || b.errorHandling(&s.ErrorHandling, m)
			}
			return true
		})
		b.required(n, "Branches")
		return s
	case ast.TypeMap:
		return b.mapState(base, n)
	case "":
		return &ast.Invalid{BaseState: base, Next: b.invalidNext(n)}
	}
	b.schema(base.Type.Pos, base.Type.Pointer, "The field 'Type' should have one of these values: %s", stateTypes)
	return &ast.Invalid{BaseState: base, Next: b.invalidNext(n)}
}

func (b *builder) invalidNext(n *ast.JSON) *ast.StringField {
	if v := n.Get("Next"); v != nil && v.Kind == ast.String {
		return &ast.StringField{Value: v.Text, Pos: v.Pos, Pointer: v.Pointer}
	}
	return nil
}

func (b *builder) mapState(base ast.BaseState, n *ast.JSON) *ast.Map {
	s := &ast.Map{BaseState: base}
	var proc *ast.Member
	b.fields(n, func(m *ast.Member) bool {
		switch m.Key {
		case "ItemProcessor", "Iterator":
			if proc != nil {
				b.schema(m.KeyPos, n.Pointer, "There should only be one of the following fields: [ItemProcessor, Iterator]")
				return true
			}
			proc = m
			if obj := b.object(m); obj != nil {
				kind := processor
				if m.Key == "Iterator" {
					kind, s.LegacyIterator = iterator, true
				}
				s.ItemProcessor = b.machine(obj, kind)
			}
		case "ItemsPath":
			s.ItemsPath = b.str(m)
		case "Items":
			s.Items = b.literalOrExpr(m, ast.Array, "an array")
		case "ItemSelector":
			s.ItemSelector = m.Value
		case "Parameters":
			s.Parameters = m.Value
		case "MaxConcurrency":
			s.MaxConcurrency = b.literalOrExpr(m, ast.Number, "an integer")
		case "MaxConcurrencyPath":
			s.MaxConcurrencyPath = b.str(m)
		case "ToleratedFailurePercentage":
			s.ToleratedFailurePercentage = b.literalOrExpr(m, ast.Number, "a number")
		case "ToleratedFailurePercentagePath":
			s.ToleratedFailurePercentagePath = b.str(m)
		case "ToleratedFailureCount":
			s.ToleratedFailureCount = b.literalOrExpr(m, ast.Number, "an integer")
		case "ToleratedFailureCountPath":
			s.ToleratedFailureCountPath = b.str(m)
		case "ItemReader":
			s.ItemReader = b.object(m)
		case "ItemBatcher":
			s.ItemBatcher = b.object(m)
		case "ResultWriter":
			s.ResultWriter = b.object(m)
		case "Label":
			s.Label = b.str(m)
		case "ResultSelector":
			s.ResultSelector = m.Value
		case "ResultPath":
			s.ResultPath = b.nullableStr(m)
		case "Assign":
			s.Assign = m.Value
		case "Output":
			s.Output = m.Value
		default:
			return b.io(&s.IO, m) || b.transition(&s.Transition, m) || b.errorHandling(&s.ErrorHandling, m)
		}
		return true
	})
	if proc == nil {
		b.required(n, "ItemProcessor")
	}
	return s
}

// fields calls set for every member of a state other than Type, Comment
// and QueryLanguage; set reports whether the state supports the field.
func (b *builder) fields(n *ast.JSON, set func(*ast.Member) bool) {
	for _, m := range n.Members {
		switch m.Key {
		case "Type", "Comment", "QueryLanguage":
			continue
		}
		if !set(m) {
			b.unsupported(m, n)
		}
	}
}

func (b *builder) io(io *ast.IO, m *ast.Member) bool {
	switch m.Key {
	case "InputPath":
		io.InputPath = b.nullableStr(m)
	case "OutputPath":
		io.OutputPath = b.nullableStr(m)
	default:
		return false
	}
	return true
}

func (b *builder) transition(t *ast.Transition, m *ast.Member) bool {
	switch m.Key {
	case "Next":
		t.Next = b.str(m)
	case "End":
		t.End = b.boolean(m)
	default:
		return false
	}
	return true
}

func (b *builder) errorHandling(h *ast.ErrorHandling, m *ast.Member) bool {
	switch m.Key {
	case "Retry":
		if arr := b.array(m); arr != nil {
			h.Retry = make([]*ast.Retrier, 0, len(arr.Elems))
			for _, e := range arr.Elems {
				if r := b.retrier(e); r != nil {
					h.Retry = append(h.Retry, r)
				}
			}
		}
	case "Catch":
		if arr := b.array(m); arr != nil {
			h.Catch = make([]*ast.Catcher, 0, len(arr.Elems))
			for _, e := range arr.Elems {
				if c := b.catcher(e); c != nil {
					h.Catch = append(h.Catch, c)
				}
			}
		}
	default:
		return false
	}
	return true
}

func (b *builder) errorEquals(m *ast.Member) []*ast.StringField {
	arr := b.array(m)
	if arr == nil {
		return nil
	}
	list := make([]*ast.StringField, 0, len(arr.Elems))
	for i, e := range arr.Elems {
		if e.Kind != ast.String {
			b.schema(e.Pos, e.Pointer, "The value for the field 'ErrorEquals[%d]' must be a string", i)
			continue
		}
		list = append(list, &ast.StringField{Value: e.Text, Pos: e.Pos, Pointer: e.Pointer})
	}
	return list
}

func (b *builder) retrier(n *ast.JSON) *ast.Retrier {
	if n.Kind != ast.Object {
		b.schema(n.Pos, n.Pointer, "A retrier must be an object")
		return nil
	}
	r := &ast.Retrier{Pos: n.Pos, Pointer: n.Pointer, Raw: n}
	for _, m := range n.Members {
		switch m.Key {
		case "ErrorEquals":
			r.ErrorEquals = b.errorEquals(m)
		case "IntervalSeconds":
			r.IntervalSeconds = b.number(m)
		case "MaxAttempts":
			r.MaxAttempts = b.number(m)
		case "BackoffRate":
			r.BackoffRate = b.number(m)
		case "MaxDelaySeconds":
			r.MaxDelaySeconds = b.number(m)
		case "JitterStrategy":
			r.JitterStrategy = b.str(m)
		case "Comment":
			r.Comment = b.str(m)
		default:
			b.unsupported(m, n)
		}
	}
	b.required(n, "ErrorEquals")
	return r
}

func (b *builder) catcher(n *ast.JSON) *ast.Catcher {
	if n.Kind != ast.Object {
		b.schema(n.Pos, n.Pointer, "A catcher must be an object")
		return nil
	}
	c := &ast.Catcher{Pos: n.Pos, Pointer: n.Pointer, Raw: n}
	for _, m := range n.Members {
		switch m.Key {
		case "ErrorEquals":
			c.ErrorEquals = b.errorEquals(m)
		case "Next":
			c.Next = b.str(m)
		case "ResultPath":
			c.ResultPath = b.nullableStr(m)
		case "Assign":
			c.Assign = m.Value
		case "Output":
			c.Output = m.Value
		case "Comment":
			c.Comment = b.str(m)
		default:
			b.unsupported(m, n)
		}
	}
	b.required(n, "ErrorEquals", "Next")
	return c
}

// rule builds a Choice rule; top is set for the entries of Choices, which
// carry Next.
func (b *builder) rule(n *ast.JSON, top bool) *ast.Rule {
	if n.Kind != ast.Object {
		b.schema(n.Pos, n.Pointer, "A choice rule must be an object")
		return nil
	}
	r := &ast.Rule{Pos: n.Pos, Pointer: n.Pointer, Raw: n}
	for _, m := range n.Members {
		if _, ok := ast.ComparisonOperand(m.Key); ok {
			if r.Comparison != nil {
				b.schema(m.KeyPos, n.Pointer, "A choice rule may have only one comparison operator, but it has both '%s' and '%s'", r.Comparison.Operator, m.Key)
				continue
			}
			r.Comparison = &ast.Comparison{Operator: m.Key, Pos: m.KeyPos, Pointer: m.Value.Pointer, Value: m.Value}
			continue
		}
		switch m.Key {
		case "Variable":
			r.Variable = b.str(m)
		case "And", "Or":
			arr := b.array(m)
			if arr == nil {
				continue
			}
			rules := make([]*ast.Rule, 0, len(arr.Elems))
			for _, e := range arr.Elems {
				if sub := b.rule(e, false); sub != nil {
					rules = append(rules, sub)
				}
			}
			if m.Key == "And" {
				r.And = rules
			} else {
				r.Or = rules
			}
		case "Not":
			if obj := b.object(m); obj != nil {
				r.Not = b.rule(obj, false)
			}
		case "Next":
			if !top {
				b.unsupported(m, n)
				continue
			}
			r.Next = b.str(m)
		case "Comment":
			r.Comment = b.str(m)
		case "Condition":
			r.Condition = b.literalOrExpr(m, ast.Bool, "a boolean or a JSONata expression")
		case "Assign":
			if !top {
				b.unsupported(m, n)
				continue
			}
			r.Assign = m.Value
		case "Output":
			if !top {
				b.unsupported(m, n)
				continue
			}
			r.Output = m.Value
		default:
			b.unsupported(m, n)
		}
	}
	if top {
		b.required(n, "Next")
	}
	return r
}

// duplicates reports the repeated keys the parser met.
func (b *builder) duplicates(dups []duplicate) {
	for _, d := range dups {
		if b.states[d.parent] {
			b.errorf(d.pos, ast.CodeDuplicateState, d.parent.Pointer+"/"+d.key, "Duplicate State name: %s", d.key)
			continue
		}
		b.errorf(d.pos, ast.CodeInvalidJSON, location(d.parent.Pointer), "Duplicate field '%s'", d.key)
	}
}
