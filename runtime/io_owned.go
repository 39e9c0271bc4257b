package aslrt

// ResultPath in place.
//
// A ResultPath writes the result into a copy of the state's raw input: the
// objects on the way to the change are copied, because the input may be
// held elsewhere (the caller's execution input, a variable, a task that
// kept its input, a Parallel branch, the history). A document that a scope
// created itself, with a ResultPath that copied it, is held by nobody else
// until the scope hands it out; while so, a later single-name ResultPath
// may set its member in place instead of copying it again, which is what a
// chain of states with ResultPath does.
//
// The scope (Exec) keeps that document as owned. Every way the document
// could reach another holder clears it:
//
//   - a payload template that reads the whole input ("$", or a path that
//     is not a definite path below it) evaluated on it;
//   - a task call, unless its input is the object a payload template that
//     does not read the whole input has just built in this state;
//   - Assign and SetVariable (variables);
//   - a Parallel or Map state (branches and iterations read the input);
//   - a history hook or logger, whose events keep the values: then nothing
//     is owned.
//
// In place is used only when nothing that can fail follows in the state
// (no OutputPath) and the result is not the document itself, so that a
// retry or a catcher still sees the raw input unchanged.

// readsWhole reports whether evaluating p on an input can give the input
// itself, or a collection holding it: a path from the input that is not a
// definite path of at least one step.
func (p *Path) readsWhole() bool {
	return p.root == RootInput && !(p.definite && len(p.steps) > 0)
}

// readsWhole reports whether an argument of the call, at any depth, reads
// the whole input.
func (c *Intrinsic) readsWhole() bool {
	for i := range c.args {
		a := &c.args[i]
		switch a.kind {
		case argPath:
			if a.path.readsWhole() {
				return true
			}
		case argCall:
			if a.call.readsWhole() {
				return true
			}
		}
	}
	return false
}

// readsWhole reports whether the node, at any depth, reads the whole input.
func (n *tnode) readsWhole() bool {
	switch n.kind {
	case tPath:
		return n.path.readsWhole()
	case tCall:
		return n.call.readsWhole()
	case tArray:
		for i := range n.elems {
			if n.elems[i].readsWhole() {
				return true
			}
		}
	case tObject:
		for i := range n.fields {
			if n.fields[i].node.readsWhole() {
				return true
			}
		}
	}
	return false
}

// noteOwner records what ownership needs of a template evaluated on
// input: a template reading the whole of the owned document hands it
// out; any other builds an object that holds nothing owned.
func (x *Exec) noteOwner(t *Template, input, out Value) {
	if t.whole {
		if o, ok := input.(*Object); ok && o == x.owned {
			x.owned = nil
		}
		return
	}
	if o, ok := out.(*Object); ok && x.owned != nil && x.st != nil && x.st.Type == TaskState {
		x.cleanArgs, x.plain = o, 0
	}
}

// evalSized evaluates t on input in scope x, as Template.Eval does, and
// returns a bound of the value's size, which Eval keeps in the scope,
// with the value. It records what ownership needs (noteOwner).
func (t *Template) evalSized(input Value, x *Exec) (Value, int, error) {
	v, ok := Value(nil), false
	if t.direct != nil {
		v, ok = t.direct(input, x)
	}
	if !ok {
		var err error
		if v, err = t.root.eval(input, x); err != nil {
			return v, 0, err
		}
	}
	x.noteOwner(t, input, v)
	if obj, ok := v.(*Object); ok && t.flat.ok && len(obj.members) == int(t.flat.members) {
		if n, ok := t.flatScalars(obj.members, x); ok {
			return v, n, nil
		}
		return v, t.flatBound(obj, x, input), nil
	}
	if _, ok := keyOf(v); !ok {
		return v, sizeBound(v), nil
	}
	return v, t.bound(v, x, input), nil
}

// noteCall clears the owned document before a task is called with in,
// unless in is known to hold nothing owned.
func (x *Exec) noteCall(in Value) {
	if x.owned == nil {
		return
	}
	if o, ok := in.(*Object); ok && o == x.cleanArgs {
		return
	}
	x.owned = nil
}

// applyResultPath is ApplyResultPath for StateIO.Output in scope s: in
// place into an owned raw input when that is safe, and otherwise a copy,
// which becomes the owned document (mergeSized). In an Exec, an output
// of more than MaxPayloadSize bytes fails the state with
// States.DataLimitExceeded (A19.1, size.go).
func (io *StateIO) applyResultPath(raw, result Value, s Scope) (Value, error) {
	p := io.ResultPath
	x, ok := s.(*Exec)
	if !ok || p == nil || p.null {
		return ApplyResultPath(raw, result, p)
	}
	rawN := x.sizeOf(raw)
	out, n, err := io.mergeSized(raw, rawN, result, x.sizeOf(result), x)
	if err != nil {
		return nil, err
	}
	x.noteSize(out, n)
	return out, nil
}

// mergeSized applies the ResultPath p, a reference path, in scope x to
// raw and result, whose sizes are at most rawN and resultN, and returns
// the output with a bound of its size: in place into an owned raw input
// when that is safe, and otherwise into a copy, which becomes the owned
// document. An output of more than MaxPayloadSize bytes fails the state
// with States.DataLimitExceeded; an owned document too large to be sure
// of is not updated in place, so that the failing state leaves its raw
// input as it was.
func (io *StateIO) mergeSized(raw Value, rawN int, result Value, resultN int, x *Exec) (Value, int, error) {
	p := io.ResultPath
	n := mergeBound(rawN, resultN, p)
	if o, ok := raw.(*Object); ok && o == x.owned && io.OutputPath == nil && !isObject(result, o) &&
		n <= MaxPayloadSize && !x.e.h.sink && p.root == RootInput && len(p.steps) == 1 && p.steps[0].kind == stepName {
		o.Set(p.steps[0].name, result)
		return o, n, nil
	}
	out, err := ApplyResultPath(raw, result, p)
	if err != nil {
		return nil, 0, err
	}
	n, ok := fits(out, n)
	if !ok {
		return nil, 0, x.userError(ResultTooLarge(x.stateName()))
	}
	if o, ok := out.(*Object); ok && !x.e.h.sink {
		x.owned = o
	}
	return out, n, nil
}

// isObject reports whether v is the object o.
func isObject(v Value, o *Object) bool {
	w, ok := v.(*Object)
	return ok && w == o
}
