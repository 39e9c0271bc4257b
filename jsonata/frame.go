package jsonata

// frame is one scope of variable bindings: the evaluation's root (the
// caller's bindings and $$), a block, a lambda invocation or a tuple of a
// path with focus, index or parent bindings. Frames are private to one
// evaluation.
type frame struct {
	parent *frame
	vars   Bindings // the caller's bindings, in the root frame only
	binds  []binding
	inline [2]binding // storage for the first bindings
}

type binding struct {
	name  string
	value Value
}

func newFrame(parent *frame) *frame {
	return &frame{parent: parent}
}

// bind gives name the value v in this frame.
func (f *frame) bind(name string, v Value) {
	for i := range f.binds {
		if f.binds[i].name == name {
			f.binds[i].value = v
			return
		}
	}
	if f.binds == nil {
		f.binds = f.inline[:0]
	}
	f.binds = append(f.binds, binding{name, v})
}

// lookup finds the innermost binding of name.
func (f *frame) lookup(name string) (Value, bool) {
	for ; f != nil; f = f.parent {
		for i := range f.binds {
			if f.binds[i].name == name {
				return f.binds[i].value, true
			}
		}
		if f.vars != nil {
			if v, ok := f.vars.Lookup(name); ok {
				return v, true
			}
		}
	}
	return nil, false
}

// tuple is one item of a tuple stream: the value of a path step ('@' in
// jsonata-js) with the focus, index and ancestor variables bound along the
// path.
type tuple struct {
	at    Value
	binds []binding
}

func (t *tuple) set(name string, v Value) {
	for i := range t.binds {
		if t.binds[i].name == name {
			t.binds[i].value = v
			return
		}
	}
	t.binds = append(t.binds, binding{name, v})
}

func (t *tuple) clone() *tuple {
	c := &tuple{at: t.at}
	if len(t.binds) > 0 {
		c.binds = make([]binding, len(t.binds), len(t.binds)+1)
		copy(c.binds, t.binds)
	}
	return c
}

// frameFromTuple returns a frame binding the variables of t.
func frameFromTuple(parent *frame, t *tuple) *frame {
	f := &frame{parent: parent}
	if len(t.binds) <= len(f.inline) {
		f.binds = f.inline[:len(t.binds)]
		copy(f.binds, t.binds)
	} else {
		f.binds = append([]binding(nil), t.binds...)
	}
	return f
}

// tupleStream is the result of a path that carries ancestor bindings to
// an enclosing path.
type tupleStream struct {
	tuples []*tuple
}
