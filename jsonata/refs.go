package jsonata

// A Reference is something an expression reads from outside itself: a
// variable it does not bind, or a field of the input document read at the
// top level (with the input document as context). Step Functions, for
// example, refuses field references at the top level and needs to know
// which variables an expression reads.
type Reference struct {
	// Kind tells what is read.
	Kind ReferenceKind
	// Name is the variable's name without the $ (for example "states"),
	// or the field's name.
	Name string
	// Path holds the field names that follow statically, as in
	// $states.input.items[0] (Name "states", Path ["input", "items"]).
	Path []string
	// Called is set when the variable is called as a function, as $sum in
	// $sum(x).
	Called bool
	// Position is where the reference ends in the expression, in UTF-16
	// code units as error positions count.
	Position int
}

// ReferenceKind classifies references.
type ReferenceKind uint8

const (
	// VariableRef is a variable the expression reads and does not bind
	// itself, such as $states or $sum.
	VariableRef ReferenceKind = iota
	// FieldRef is a field of the input document read at the top level,
	// such as orderId in `orderId & '-1'`.
	FieldRef
	// ContextRef is $ with the input document as context.
	ContextRef
	// RootRef is $$, the input document.
	RootRef
)

// References lists what the expression reads from outside itself, in the
// order it appears. The analysis is static: an expression passed to $eval
// is not looked into, and a variable counts as bound from the place its
// := appears in the innermost block.
func (e *Expr) References() []Reference {
	w := &refWalker{}
	w.walk(e.root, true, &refScope{})
	return w.refs
}

type refScope struct {
	parent *refScope
	names  []string
}

func (s *refScope) bound(name string) bool {
	for ; s != nil; s = s.parent {
		for _, n := range s.names {
			if n == name {
				return true
			}
		}
	}
	return false
}

type refWalker struct {
	refs []Reference
}

// staticPath returns the names of the name steps that follow step i.
func staticPath(steps []*node, i int) []string {
	var path []string
	if steps[i].tuple {
		return nil
	}
	for _, s := range steps[i+1:] {
		if s.kind != nName {
			break
		}
		path = append(path, s.str)
		if len(s.stages) > 0 || s.group != nil || s.tuple {
			break
		}
	}
	return path
}

func (w *refWalker) variable(n *node, root bool, scope *refScope, path []string, called bool) {
	switch {
	case n.str == "":
		if root {
			w.refs = append(w.refs, Reference{Kind: ContextRef, Path: path, Position: n.pos})
		}
	case n.str == "$":
		w.refs = append(w.refs, Reference{Kind: RootRef, Path: path, Position: n.pos})
	case !scope.bound(n.str):
		w.refs = append(w.refs, Reference{Kind: VariableRef, Name: n.str, Path: path, Called: called, Position: n.pos})
	}
}

// walk visits n evaluated in scope, with the input document as context
// when root is set.
func (w *refWalker) walk(n *node, root bool, scope *refScope) {
	if n == nil {
		return
	}
	switch n.kind {
	case nPath:
		// focus and index variables are bound along the path
		inner := &refScope{parent: scope}
		for i, step := range n.steps {
			ctx := root && i == 0
			switch {
			case i == 0 && step.kind == nName && root:
				w.refs = append(w.refs, Reference{Kind: FieldRef, Name: step.str, Path: staticPath(n.steps, 0), Position: step.pos})
			case step.kind == nVariable:
				w.variable(step, ctx, inner, staticPath(n.steps, i), false)
			default:
				w.walkNode(step, ctx, inner)
			}
			if step.hasFocus {
				inner.names = append(inner.names, step.focus)
			}
			if step.hasIndex {
				inner.names = append(inner.names, step.index)
			}
			for _, st := range step.stages {
				if st.kind == stageIndex {
					inner.names = append(inner.names, st.name)
				}
			}
			w.annotations(step, inner)
		}
		w.groupOf(n, inner)
		return
	case nVariable:
		w.variable(n, root, scope, nil, false)
	default:
		w.walkNode(n, root, scope)
	}
	w.annotations(n, scope)
}

// annotations visits the predicates, stages and grouping of n, which are
// evaluated against its results.
func (w *refWalker) annotations(n *node, scope *refScope) {
	for _, st := range n.predicate {
		w.walk(st.expr, false, scope)
	}
	for _, st := range n.stages {
		if st.expr != nil {
			w.walk(st.expr, false, scope)
		}
	}
	if n.kind != nPath {
		w.groupOf(n, scope)
	}
}

func (w *refWalker) groupOf(n *node, scope *refScope) {
	if n.group == nil {
		return
	}
	for _, p := range n.group.pairs {
		w.walk(p.key, false, scope)
		w.walk(p.value, false, scope)
	}
}

// walkNode visits the parts of a node other than a path or a variable.
func (w *refWalker) walkNode(n *node, root bool, scope *refScope) {
	switch n.kind {
	case nName:
		// a step after the first: relative to the previous one
	case nBinary, nApply:
		w.walk(n.lhs, root, scope)
		w.walk(n.rhs, root, scope)
	case nNegate:
		w.walk(n.expr, root, scope)
	case nArray:
		for _, it := range n.items {
			w.walk(it, root, scope)
		}
	case nObject:
		for _, p := range n.pairs {
			w.walk(p.key, root, scope)
			w.walk(p.value, root, scope)
		}
	case nCondition:
		w.walk(n.cond, root, scope)
		w.walk(n.then, root, scope)
		w.walk(n.els, root, scope)
	case nBlock:
		inner := &refScope{parent: scope}
		for _, it := range n.items {
			w.walk(it, root, inner)
		}
	case nBind:
		// the name is bound for what follows, and for lambdas in the
		// value that refer to themselves
		scope.names = append(scope.names, n.str)
		w.walk(n.rhs, root, scope)
	case nFunction, nPartial:
		if n.proc.kind == nVariable {
			w.variable(n.proc, root, scope, nil, true)
		} else {
			w.walk(n.proc, root, scope)
		}
		for _, a := range n.args {
			w.walk(a, root, scope)
		}
	case nThunk:
		w.walk(n.body, root, scope)
	case nLambda:
		inner := &refScope{parent: scope, names: append([]string(nil), n.params...)}
		w.walk(n.body, root, inner)
	case nTransform:
		w.walk(n.pattern, false, scope)
		w.walk(n.update, false, scope)
		w.walk(n.del, false, scope)
	case nSort:
		for _, t := range n.terms {
			w.walk(t.expr, false, scope)
		}
	}
}
