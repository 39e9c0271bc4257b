package aslrt

// Scope is what path, template and intrinsic evaluation can see besides the
// value they are applied to: the context object ($$), the workflow
// variables ($name) and a source of randomness (States.UUID,
// States.MathRandom). An execution, a Parallel branch and a Map iteration
// each provide one.
type Scope interface {
	// ContextObject returns the context object of the current state.
	ContextObject() Value
	// Variable returns the value of the workflow variable name.
	Variable(name string) (Value, bool)
	// Random returns a uniformly distributed random number. It is safe for
	// concurrent use.
	Random() uint64
}
