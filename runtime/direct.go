package aslrt

// Direct evaluation.
//
// Generated code compiles the common shapes of JSONPath constructs to
// straight-line Go: a payload template whose ".$" values are definite paths
// of names and indexes ($.a.b, $[0], $$.Map.Item.Index, $var.x) and calls
// of pure intrinsic functions on such paths and literals, and a Choice
// rule that compares values read by such paths from the input. The Go
// computes the common case and reports false whenever it meets anything
// else — a path that selects nothing, an intrinsic call that fails — and
// the parsed form then evaluates the construct again from the start, so
// results and failures are the parsed form's, with AWS's exact causes. A
// direct function has no effects of its own (it draws no random numbers),
// so evaluating twice is the same as evaluating once.
//
// The functions below are what direct code is written with.

// DirectTemplate is the direct form of a payload template: it returns the
// template's value for input in and scope s, or false when the parsed
// template must evaluate it.
type DirectTemplate func(in Value, s Scope) (Value, bool)

// MustTemplateDirect is MustTemplate for a template with a direct form:
// Eval calls direct first and evaluates the parsed template only when
// direct returns false.
func MustTemplateDirect(jsonText string, direct DirectTemplate) *Template {
	t := MustTemplate(jsonText)
	t.direct = direct
	return t
}

// Field returns the member key of v: one name step of a definite path.
// It is false when v is not an object or has no such member.
//
// It is small enough to be inlined: direct code reads members by string
// constants, and a comparison with a constant compiles to a test of the
// length and of the bytes as one or two words, without a call.
func Field(v Value, key string) (Value, bool) {
	if o, ok := v.(*Object); ok && o != nil {
		if o.index == nil {
			ms := o.members
			for i := range ms {
				if ms[i].Key == key {
					return ms[i].Value, true
				}
			}
		} else if i, ok := o.index[key]; ok {
			return o.members[i].Value, true
		}
	}
	return nil, false
}

// Elem returns the element at index i of v, counting from the end when i
// is negative: one index step of a definite path. It is false when v is
// not an array or has no such element.
func Elem(v Value, i int) (Value, bool) {
	a, ok := v.([]Value)
	if !ok {
		return nil, false
	}
	return arrayAt(a, i)
}

// MapItemIndex returns $$.Map.Item.Index in scope s while a Map
// iteration's ItemSelector is built; false when s cannot tell it without
// its context object.
func MapItemIndex(s Scope) (Value, bool) {
	if x, ok := s.(*Exec); ok && x.item != nil {
		return x.intValue(int64(x.item.index)), true
	}
	return nil, false
}

// MapItemValue returns $$.Map.Item.Value in scope s while a Map
// iteration's ItemSelector is built; false when s cannot tell it without
// its context object.
func MapItemValue(s Scope) (Value, bool) {
	if x, ok := s.(*Exec); ok && x.item != nil {
		return x.item.value, true
	}
	return nil, false
}

// MathAdd is States.MathAdd(a, b) in scope s of two integers in the
// 32-bit range, the arguments of nearly every call: their sum, which a
// scope makes without an allocation of its own (box.go). It is false for
// other arguments, which the parsed call rounds or fails on as AWS does.
func MathAdd(s Scope, a, b Value) (Value, bool) {
	i, ok := a.(int64)
	j, ok2 := b.(int64)
	if !ok || !ok2 || i != int64(int32(i)) || j != int64(int32(j)) {
		return nil, false
	}
	if x, ok := s.(*Exec); ok {
		return x.intValue(i + j), true
	}
	return i + j, true
}

// Format is States.Format(template, args...) with a literal template,
// written as in the definition between its quotes (escapes kept): the
// string it builds; false when the template has not one placeholder per
// argument, which the parsed call reports.
func Format(template string, args ...Value) (Value, bool) {
	return format(template, true, args)
}

// NewObjectOf returns an object holding members in the given order. The
// keys must be distinct, as they are in a payload template (A3.19): unlike
// ObjectOf, it does not look for repeated keys.
func NewObjectOf(members ...Member) *Object {
	o := newObject(len(members), len(members))
	copy(o.members, members)
	if len(members) > indexAbove {
		o.reindex()
	}
	return o
}

// Apply calls the intrinsic function of c with args, the values of its
// arguments already evaluated in order (literals included), in scope s.
// It fails as Eval does once the arguments are known (A5.7).
func (c *Intrinsic) Apply(s Scope, args ...Value) (Value, error) {
	return c.fn.call(c, args, s)
}

// Pure reports whether the function's result depends on its arguments
// alone: every function but States.UUID and States.MathRandom, which draw
// from the execution's random numbers.
func (c *Intrinsic) Pure() bool {
	return c.fn.id != idUUID && c.fn.id != idMathRandom
}

// IntrinsicArg is one argument of an intrinsic function call as written:
// exactly one of Path and Call is set, or neither for a literal.
type IntrinsicArg struct {
	// Literal is the value of a literal argument.
	Literal Value
	// Quoted is set for a literal string argument, and Raw is its text
	// between the quotes, escapes kept (a States.Format template).
	Quoted bool
	Raw    string
	Path   *Path
	Call   *Intrinsic
}

// Args returns the arguments of the call as written.
func (c *Intrinsic) Args() []IntrinsicArg {
	out := make([]IntrinsicArg, len(c.args))
	for i, a := range c.args {
		switch a.kind {
		case argLiteral:
			out[i].Literal = a.value
			if a.str {
				out[i].Raw, out[i].Quoted = a.raw, true
			}
		case argPath:
			out[i].Path = a.path
		case argCall:
			out[i].Call = a.call
		}
	}
	return out
}

// PathStep is one step of a definite path of names and indexes.
type PathStep struct {
	// Name is the member name of a name step.
	Name string
	// Index is the array index of an index step (negative: from the
	// end); IsIndex tells the two kinds apart.
	Index   int
	IsIndex bool
}

// SimpleSteps returns the steps of a definite path made only of single
// names and indexes, the shape direct code reads with Field and Elem;
// ok is false for other paths and for NullPath.
func (p *Path) SimpleSteps() (steps []PathStep, ok bool) {
	if p == nil || p.null || !p.definite {
		return nil, false
	}
	steps = make([]PathStep, len(p.steps))
	for i := range p.steps {
		switch st := &p.steps[i]; st.kind {
		case stepName:
			steps[i] = PathStep{Name: st.name}
		case stepIndex:
			steps[i] = PathStep{Index: st.index, IsIndex: true}
		default:
			return nil, false
		}
	}
	return steps, true
}

// DirectRule is the direct form of a Choice rule (Rule.Direct): matched
// tells whether the rule holds for in, and ok is false when the direct
// form cannot tell (a path that selects nothing, whose failure the parsed
// rule reports).
type DirectRule func(in Value) (matched, ok bool)

// Direct gives r the direct form d, which Eval tries first; it returns r.
// It is meant for package-level rules of generated code, set before any
// evaluation.
func (r *Rule) Direct(d DirectRule) *Rule {
	r.direct = d
	return r
}

// NumberEqual reports whether v and w are both numbers and equal, as
// NumericEquals and NumericEqualsPath compare them.
//
// These comparisons test for two integers, the usual operands, before
// anything else: one call of a function that decides at once.
func NumberEqual(v, w Value) bool {
	if x, y, ok := twoInts(v, w); ok {
		return x == y
	}
	c, ok := compareNumbers(v, w)
	return ok && c == 0
}

// twoInts returns v and w when both are integers.
func twoInts(v, w Value) (int64, int64, bool) {
	x, ok := v.(int64)
	y, ok2 := w.(int64)
	return x, y, ok && ok2
}

// NumberLess reports whether v and w are both numbers and v < w.
func NumberLess(v, w Value) bool {
	if x, y, ok := twoInts(v, w); ok {
		return x < y
	}
	c, ok := compareNumbers(v, w)
	return ok && c < 0
}

// NumberLessEqual reports whether v and w are both numbers and v <= w.
func NumberLessEqual(v, w Value) bool {
	if x, y, ok := twoInts(v, w); ok {
		return x <= y
	}
	c, ok := compareNumbers(v, w)
	return ok && c <= 0
}

// NumberGreater reports whether v and w are both numbers and v > w.
func NumberGreater(v, w Value) bool {
	if x, y, ok := twoInts(v, w); ok {
		return x > y
	}
	c, ok := compareNumbers(v, w)
	return ok && c > 0
}

// NumberGreaterEqual reports whether v and w are both numbers and v >= w.
func NumberGreaterEqual(v, w Value) bool {
	if x, y, ok := twoInts(v, w); ok {
		return x >= y
	}
	c, ok := compareNumbers(v, w)
	return ok && c >= 0
}

// StringEqual reports whether v and w are both strings and equal, as
// StringEquals and StringEqualsPath compare them.
func StringEqual(v, w Value) bool {
	a, ok1 := v.(string)
	b, ok2 := w.(string)
	return ok1 && ok2 && a == b
}

// BooleanEqual reports whether v and w are both booleans and equal, as
// BooleanEquals and BooleanEqualsPath compare them.
func BooleanEqual(v, w Value) bool {
	a, ok1 := v.(bool)
	b, ok2 := w.(bool)
	return ok1 && ok2 && a == b
}
