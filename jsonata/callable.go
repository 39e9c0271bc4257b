package jsonata

// The function values of JSONata. They are internal types; a caller that
// receives one as a result can recognise it with IsFunction.

// lambda is a function defined in an expression, with the context value
// and the variables of the place it was defined in.
type lambda struct {
	params []string
	sig    *signature
	body   *node
	input  Value
	env    *frame
}

// callCtx is what a built-in function sees of its call.
type callCtx struct {
	input Value  // the context value of the call
	env   *frame // the variables at the call
	name  string // the name the function was called by
}

// builtinFunc implements a built-in function on validated arguments.
type builtinFunc func(ev *evaluator, cc callCtx, args []Value) (Value, error)

// builtin is a function implemented in Go: the library, registered
// functions, and closures such as transform expressions.
type builtin struct {
	name    string
	sig     *signature
	length  int // the arity higher-order functions see (Function.length in jsonata-js)
	nparams int // the parameters a partial application fills in
	fn      builtinFunc
	library bool // a standard function: partial applications call it unchecked, as jsonata-js does
	closure bool // a plain JavaScript function in jsonata-js (false as a boolean)
	async   bool // an asynchronous function in jsonata-js (see evaluator.vt)
}

// partialFn is a built-in function applied to some of its arguments.
type partialFn struct {
	fn    *builtin
	args  []Value
	holes []int
}

// regexFn is a regular expression value: a function from a string to its
// first match.
type regexFn struct {
	lit *regexLiteral
	pos int
}

// composed is f ~> g for two functions: x => g(f(x)).
type composed struct {
	f, g Value
}

// wrapped is a function passed as an argument of a call. jsonata-js
// passes such arguments wrapped in a JavaScript function, which behaves
// like the function except that it is false as a boolean and that calling
// it takes more turns of the event loop (see evaluator.vt).
type wrapped struct {
	fn Value
}

// unwrap returns the function a wrapped argument stands for.
func unwrap(f Value) Value {
	for {
		w, ok := f.(*wrapped)
		if !ok {
			return f
		}
		f = w.fn
	}
}

// thunk is a tail call waiting to run in the trampoline of apply.
type thunk struct {
	call  *node
	input Value
	env   *frame
}

// isFunction reports whether v is a function value.
func isFunction(v Value) bool {
	switch v.(type) {
	case *lambda, *builtin, *partialFn, *regexFn, *composed, *wrapped:
		return true
	}
	return false
}

// IsFunction reports whether v, a result of Evaluate, is a JSONata
// function (a lambda, a built-in or a regular expression).
func IsFunction(v Value) bool {
	return isFunction(v)
}

// arity is the number of arguments a function takes, as higher-order
// functions such as $map see it.
func arity(f Value) int {
	switch x := f.(type) {
	case *lambda:
		return len(x.params)
	case *builtin:
		return x.length
	case *partialFn:
		return len(x.holes)
	case *regexFn:
		return 2
	case *composed:
		return 1
	case *wrapped:
		return arity(x.fn)
	}
	return 0
}
