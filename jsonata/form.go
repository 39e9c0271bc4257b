package jsonata

// Form describes the structure of the simplest expressions to code
// generators, such as aslc's, which evaluate $states.input.order.id or
// {"id": $states.input.id} without the evaluator and leave everything else
// to it. It does not change how an expression evaluates.

// FormKind is the kind of a Form.
type FormKind uint8

// The kinds of forms.
const (
	// FormLiteral is a string, number, true, false or null.
	FormLiteral FormKind = iota + 1
	// FormPath is a variable followed by zero or more field names, such
	// as $states.input.order.id: no predicates, wildcards or other steps.
	FormPath
	// FormObject is an object constructor with literal string keys, none
	// of them repeated or an array index, and values of these forms.
	FormObject
	// FormCompare is =, !=, <, <=, > or >= between two forms.
	FormCompare
	// FormAnd and FormOr are "and" and "or" between two forms.
	FormAnd
	FormOr
)

// Form describes an expression of one of a few simple shapes, for code
// generators that evaluate them without the evaluator. It describes the
// structure only: the expression still means what JSONata says (a field of
// an array maps over its items, an object constructor leaves out members
// whose value is undefined, comparisons fail on mismatched types), and a
// program that meets a case it does not handle must leave it to the
// evaluator.
type Form struct {
	Kind FormKind
	// Value is the value of a FormLiteral: a string, an int64 or float64,
	// a bool or nil.
	Value Value
	// Variable is the name of the variable a FormPath starts from, without
	// the $; Steps are the field names that follow it.
	Variable string
	Steps    []string
	// Op is the operator of a FormCompare.
	Op string
	// Keys are the member names of a FormObject, in order.
	Keys []string
	// Operands are the two operands of FormCompare, FormAnd and FormOr, and
	// the member values of a FormObject (one per key).
	Operands []*Form
}

// Form returns the expression's Form, or nil when it has none of the
// simple shapes.
func (e *Expr) Form() *Form {
	return formOf(e.root, 0)
}

// maxFormDepth bounds the nesting of forms.
const maxFormDepth = 32

func formOf(n *node, depth int) *Form {
	if n == nil || depth > maxFormDepth || !plainNode(n) {
		return nil
	}
	switch n.kind {
	case nString, nNumber, nValue:
		return &Form{Kind: FormLiteral, Value: n.val}
	case nVariable:
		if n.str == "" || n.str == "$" {
			return nil
		}
		return &Form{Kind: FormPath, Variable: n.str}
	case nPath:
		if n.keepSingletonArray || n.tuple || len(n.steps) == 0 {
			return nil
		}
		first := n.steps[0]
		if first.kind != nVariable || first.str == "" || first.str == "$" || !plainNode(first) {
			return nil
		}
		f := &Form{Kind: FormPath, Variable: first.str}
		for _, st := range n.steps[1:] {
			if st.kind != nName || !plainNode(st) {
				return nil
			}
			f.Steps = append(f.Steps, st.str)
		}
		return f
	case nBlock:
		if len(n.items) != 1 || n.needsFrame {
			return nil
		}
		return formOf(n.items[0], depth+1)
	case nObject:
		f := &Form{Kind: FormObject}
		seen := map[string]bool{}
		for _, p := range n.pairs {
			if p.key.kind != nString || !plainNode(p.key) {
				return nil
			}
			key := p.key.str
			if seen[key] || isArrayIndex(key) {
				return nil
			}
			seen[key] = true
			v := formOf(p.value, depth+1)
			if v == nil {
				return nil
			}
			f.Keys = append(f.Keys, key)
			f.Operands = append(f.Operands, v)
		}
		return f
	case nBinary:
		var kind FormKind
		switch n.op {
		case "=", "!=", "<", "<=", ">", ">=":
			kind = FormCompare
		case "and":
			kind = FormAnd
		case "or":
			kind = FormOr
		default:
			return nil
		}
		lhs, rhs := formOf(n.lhs, depth+1), formOf(n.rhs, depth+1)
		if lhs == nil || rhs == nil {
			return nil
		}
		f := &Form{Kind: kind, Operands: []*Form{lhs, rhs}}
		if kind == FormCompare {
			f.Op = n.op
		}
		return f
	}
	return nil
}

// plainNode reports whether n carries nothing but its own kind: no
// predicate, grouping, focus, index, ancestor or array-keeping marks.
func plainNode(n *node) bool {
	return len(n.stages) == 0 && len(n.predicate) == 0 && n.group == nil &&
		!n.hasFocus && !n.hasIndex && !n.tuple && n.ancestor == nil &&
		!n.keepArray && !n.consarray && n.seekingParent == nil
}
