package jsonata

// frame is one scope of variable bindings: the evaluation's root (the
// caller's bindings and $$), a block, a lambda invocation or a tuple of a
// path with focus, index or parent bindings. Frames are private to one
// evaluation.
type frame struct {
	parent *frame
	names  []string
	values []Value
	vars   Bindings // the caller's bindings, in the root frame only
}

func newFrame(parent *frame) *frame {
	return &frame{parent: parent}
}

// bind gives name the value v in this frame.
func (f *frame) bind(name string, v Value) {
	for i, n := range f.names {
		if n == name {
			f.values[i] = v
			return
		}
	}
	f.names = append(f.names, name)
	f.values = append(f.values, v)
}

// lookup finds the innermost binding of name.
func (f *frame) lookup(name string) (Value, bool) {
	for ; f != nil; f = f.parent {
		for i, n := range f.names {
			if n == name {
				return f.values[i], true
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
	at     Value
	names  []string
	values []Value
}

func (t *tuple) set(name string, v Value) {
	for i, n := range t.names {
		if n == name {
			t.values[i] = v
			return
		}
	}
	t.names = append(t.names, name)
	t.values = append(t.values, v)
}

func (t *tuple) get(name string) (Value, bool) {
	for i, n := range t.names {
		if n == name {
			return t.values[i], true
		}
	}
	return nil, false
}

func (t *tuple) clone() *tuple {
	c := &tuple{at: t.at}
	if len(t.names) > 0 {
		c.names = make([]string, len(t.names), len(t.names)+1)
		copy(c.names, t.names)
		c.values = make([]Value, len(t.values), len(t.values)+1)
		copy(c.values, t.values)
	}
	return c
}

// frameFromTuple returns a frame binding the variables of t.
func frameFromTuple(parent *frame, t *tuple) *frame {
	f := &frame{parent: parent}
	if len(t.names) > 0 {
		f.names = append([]string(nil), t.names...)
		f.values = append([]Value(nil), t.values...)
	}
	return f
}

// tupleStream is the result of a path that carries ancestor bindings to
// an enclosing path.
type tupleStream struct {
	tuples []*tuple
}
