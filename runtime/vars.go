package aslrt

// Variable returns the value of the workflow variable name as this scope
// sees it (Scope): assigned in this scope, or in an enclosing one — a
// Parallel branch or inline Map iteration reads the variables of the scope
// its state runs in, while its own assignments stay inside it and vanish
// when it ends (A15.8). Sibling branches and iterations do not see each
// other's variables. A distributed Map iteration sees no outer variables
// (A15.9).
func (x *Exec) Variable(name string) (Value, bool) {
	for s := x; s != nil; s = s.parent {
		if v, ok := s.vars.Get(name); ok {
			return v, true
		}
	}
	return nil, false
}

// Assign stores the variables of a state's Assign field (or a catcher's):
// vars is the evaluated Assign object, each member one variable. Values
// are stored in this scope; a catcher of a Map or Parallel state assigns in
// the scope the state runs in, which is the Exec the state was given
// (A11.9). Generated code calls Assign after everything else the state
// evaluates, because the new values are visible only from the next state
// on (A15.4, A15.5). A vars that is not an object fails with States.Runtime.
func (x *Exec) Assign(vars Value) error {
	o, ok := vars.(*Object)
	if !ok {
		if vars == nil {
			return nil
		}
		return NewError(ErrRuntime, "The value of the field 'Assign' must be an object, but was "+TypeName(vars))
	}
	if o.Len() == 0 {
		return nil
	}
	x.owned = nil // a variable may hold it
	if x.vars == nil {
		x.vars = NewObject(o.Len())
	}
	for _, m := range o.Members() {
		x.vars.Set(m.Key, m.Value)
	}
	if x.e.h.sink {
		if x.assigned == nil {
			x.assigned, x.plain = NewObject(o.Len()), 0
		}
		for _, m := range o.Members() {
			x.assigned.Set(m.Key, m.Value)
		}
	}
	return nil
}

// SetVariable stores one variable in this scope.
func (x *Exec) SetVariable(name string, v Value) {
	x.owned = nil // the variable may hold it
	if x.vars == nil {
		x.vars = NewObject(4)
	}
	x.vars.Set(name, v)
	if x.e.h.sink {
		if x.assigned == nil {
			x.assigned, x.plain = NewObject(1), 0
		}
		x.assigned.Set(name, v)
	}
}

// Variables returns the variables assigned in this scope itself, in the
// order they were first assigned; nil when there are none.
func (x *Exec) Variables() *Object { return x.vars }
