package jsonata

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// Expr is a parsed JSONata expression. It is immutable: one Expr may be
// evaluated any number of times, from any number of goroutines at once.
type Expr struct {
	src  string
	root *node
}

// Parse parses a JSONata expression. A syntax error is an *Error with a
// code S0xxx and the position of the problem.
func Parse(expr string) (*Expr, error) {
	root, err := parse(expr)
	if err != nil {
		if e, ok := err.(*Error); ok {
			return nil, e.finish()
		}
		return nil, err
	}
	return &Expr{src: expr, root: root}, nil
}

// MustParse is Parse for expressions known to be valid; it panics on a
// syntax error.
func MustParse(expr string) *Expr {
	e, err := Parse(expr)
	if err != nil {
		panic(err)
	}
	return e
}

// String returns the source text of the expression.
func (e *Expr) String() string {
	return e.src
}

// Bindings supplies the variables an expression sees: Lookup("x") is the
// value of $x.
type Bindings interface {
	Lookup(name string) (Value, bool)
}

// Vars is a map of variable bindings.
type Vars map[string]Value

// Lookup implements Bindings.
func (v Vars) Lookup(name string) (Value, bool) {
	x, ok := v[name]
	return x, ok
}

// Evaluate evaluates the expression against input with the given variables
// and the default environment (the standard function library, no time
// limit). Input Undefined means there is no input document; nil is JSON
// null. The result is Undefined when the expression yields no value.
func (e *Expr) Evaluate(input Value, bindings map[string]Value) (Value, error) {
	var b Bindings
	if bindings != nil {
		b = Vars(bindings)
	}
	return e.EvaluateWith(context.Background(), defaultEnv, input, b)
}

// EvaluateWith evaluates the expression in env (nil for the default one),
// stopping when ctx is done. Errors are *Error values with JSONata codes,
// or the context's error.
func (e *Expr) EvaluateWith(ctx context.Context, env *Env, input Value, bindings Bindings) (result Value, err error) {
	if env == nil {
		env = defaultEnv
	} else if env.maxDepth <= 0 || env.clock == nil || env.random == nil {
		// an Env not made by NewEnv: fill in the defaults
		e := *env
		if e.maxDepth <= 0 {
			e.maxDepth = DefaultMaxDepth
		}
		if e.clock == nil {
			e.clock = time.Now
		}
		if e.random == nil {
			e.random = rand.Float64
		}
		env = &e
	}
	if ctx == nil {
		ctx = context.Background()
	}
	// the evaluator and the root frame in one allocation
	st := &struct {
		ev   evaluator
		root frame
	}{ev: evaluator{ctx: ctx, env: env, maxDepth: env.maxDepth}}
	ev := &st.ev
	if env.timeLimit > 0 {
		ev.deadline = time.Now().Add(env.timeLimit)
	}
	if dl, ok := ctx.Deadline(); ok && (ev.deadline.IsZero() || dl.Before(ev.deadline)) {
		ev.deadline = dl
	}
	defer func() {
		if r := recover(); r != nil {
			result, err = nil, fmt.Errorf("jsonata: internal error evaluating %q: %v", e.src, r)
		}
	}()
	root := &st.root
	root.vars = bindings
	root.bind("$", input)
	in := input
	if arr, ok := input.([]Value); ok {
		// an array input document is one value: wrap it in a sequence
		in = &sequence{items: []Value{arr}, outerWrapper: true}
	}
	v, err := ev.eval(e.root, in, root)
	if err != nil {
		if ce := ctx.Err(); ce != nil && errors.Is(err, ce) {
			return nil, err
		}
		var je *Error
		if errors.As(err, &je) {
			je.finish()
		}
		return nil, err
	}
	return export(v)
}

// export turns an evaluation result into a caller's value.
func export(v Value) (Value, error) {
	switch x := v.(type) {
	case *sequence:
		return plain(x), nil
	case *tupleStream:
		out := make([]Value, len(x.tuples))
		for i, t := range x.tuples {
			out[i] = t.at
		}
		return out, nil
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return nil, newError("D1001", withValue(x)).finish()
		}
	case *thunk:
		return Undefined, nil
	}
	return v, nil
}

// Env is an evaluation environment: the functions an expression can call
// and the limits of an evaluation. An Env is immutable once made and may
// be shared by any number of concurrent evaluations.
type Env struct {
	funcs     map[string]*builtin
	hidden    map[string]bool
	maxDepth  int
	timeLimit time.Duration
	clock     func() time.Time
	random    func() float64
	bits      func() uint64 // random bits for $uuid() and seedless $random() of StepFunctionsFunctions
}

// DefaultMaxDepth is the default limit on the nesting of evaluation (see
// WithMaxDepth).
const DefaultMaxDepth = 10000

var defaultEnv = &Env{
	maxDepth: DefaultMaxDepth,
	clock:    time.Now,
	random:   rand.Float64,
}

// An Option configures an Env.
type Option func(*Env) error

// NewEnv returns an environment with the standard library of JSONata
// 2.0.6, changed by opts.
func NewEnv(opts ...Option) (*Env, error) {
	env := &Env{maxDepth: DefaultMaxDepth, clock: time.Now, random: rand.Float64}
	for _, o := range opts {
		if err := o(env); err != nil {
			return nil, err
		}
	}
	return env, nil
}

// function resolves a function name after the variables.
func (env *Env) function(name string) (Value, bool) {
	if f, ok := env.funcs[name]; ok {
		return f, true
	}
	if env.hidden[name] {
		return nil, false
	}
	if f, ok := library[name]; ok {
		return f, true
	}
	return nil, false
}

// WithMaxDepth limits how deeply evaluation may nest (each node of the
// expression being evaluated inside another counts one level, as the
// jsonata-js test runner counts it). Past the limit evaluation fails with
// U1001 "Stack overflow error". Tail calls do not nest.
func WithMaxDepth(n int) Option {
	return func(env *Env) error {
		if n <= 0 {
			return fmt.Errorf("jsonata: maximum depth must be positive, not %d", n)
		}
		env.maxDepth = n
		return nil
	}
}

// WithTimeLimit limits the duration of each evaluation; past it evaluation
// fails with U1001 "Expression evaluation timeout". Zero means no limit.
func WithTimeLimit(d time.Duration) Option {
	return func(env *Env) error {
		if d < 0 {
			return fmt.Errorf("jsonata: negative time limit %v", d)
		}
		env.timeLimit = d
		return nil
	}
}

// WithClock sets the clock $now() and $millis() read, once per evaluation.
func WithClock(now func() time.Time) Option {
	return func(env *Env) error {
		if now == nil {
			return errors.New("jsonata: nil clock")
		}
		env.clock = now
		return nil
	}
}

// WithRandom sets the source of $random() and $shuffle(): a function
// returning uniformly distributed numbers in [0, 1), safe for concurrent
// use.
func WithRandom(r func() float64) Option {
	return func(env *Env) error {
		if r == nil {
			return errors.New("jsonata: nil random source")
		}
		env.random = r
		return nil
	}
}

// WithRandomSource sets the source of randomness as uniformly distributed
// 64-bit numbers (aslrt.Scope's Random, for instance): $random() and
// $shuffle() draw from it, and so do $random() and $uuid() of
// StepFunctionsFunctions(nil). It must be safe for concurrent use.
func WithRandomSource(bits func() uint64) Option {
	return func(env *Env) error {
		if bits == nil {
			return errors.New("jsonata: nil random source")
		}
		env.bits = bits
		env.random = func() float64 { return float64(bits()>>11) / (1 << 53) }
		return nil
	}
}

// With returns a copy of env changed by opts; env itself is unchanged.
// Deriving an Env is cheap, so a host can give each execution one with
// its own clock and random source.
func (env *Env) With(opts ...Option) (*Env, error) {
	e := *env
	if env.funcs != nil {
		e.funcs = make(map[string]*builtin, len(env.funcs))
		for k, v := range env.funcs {
			e.funcs[k] = v
		}
	}
	if env.hidden != nil {
		e.hidden = make(map[string]bool, len(env.hidden))
		for k, v := range env.hidden {
			e.hidden[k] = v
		}
	}
	for _, o := range opts {
		if err := o(&e); err != nil {
			return nil, err
		}
	}
	return &e, nil
}

// randomBits returns random bits from the environment's source.
func (env *Env) randomBits() uint64 {
	if env.bits != nil {
		return env.bits()
	}
	return rand.Uint64()
}

// WithoutFunctions removes functions of the standard library, such as
// "eval". Calling a removed function fails with T1006, as calling any
// undefined function does.
func WithoutFunctions(names ...string) Option {
	return func(env *Env) error {
		if env.hidden == nil {
			env.hidden = map[string]bool{}
		}
		for _, n := range names {
			env.hidden[n] = true
			delete(env.funcs, n)
		}
		return nil
	}
}

// Func implements a function registered with WithFunction. Its arguments
// have been checked against the function's signature: a missing optional
// argument is Undefined, and arguments declared as arrays are arrays.
type Func func(call *Call, args []Value) (Value, error)

// Call is what a registered function sees of the evaluation calling it.
type Call struct {
	ev *evaluator
	cc callCtx
}

// Context returns the context of the evaluation.
func (c *Call) Context() context.Context {
	return c.ev.ctx
}

// Input returns the context value of the call (what $ refers to there).
func (c *Call) Input() Value {
	return c.cc.input
}

// Name returns the name the function was called by.
func (c *Call) Name() string {
	return c.cc.name
}

// Apply calls a function value, such as an argument passed to a
// higher-order function.
func (c *Call) Apply(fn Value, args ...Value) (Value, error) {
	if !isFunction(fn) {
		return nil, newError("T1006")
	}
	r, err := c.ev.apply(unwrap(fn), args, nil, c.cc.env, "")
	if err != nil {
		return nil, err
	}
	return plain(r), nil
}

// Arity returns the number of parameters a function value declares, as
// higher-order functions see it.
func Arity(fn Value) int {
	return arity(fn)
}

// WithFunction registers a function named name (called as $name) with a
// JSONata signature such as "<s-n?:s>" (empty for none), replacing a
// standard function of that name.
func WithFunction(name, signature string, impl Func) Option {
	return func(env *Env) error {
		b, err := newUserFunction(name, signature, impl)
		if err != nil {
			return err
		}
		if env.funcs == nil {
			env.funcs = map[string]*builtin{}
		}
		env.funcs[name] = b
		delete(env.hidden, name)
		return nil
	}
}

func newUserFunction(name, signature string, impl Func) (*builtin, error) {
	if name == "" {
		return nil, errors.New("jsonata: function without a name")
	}
	if impl == nil {
		return nil, fmt.Errorf("jsonata: function %s has no implementation", name)
	}
	b := &builtin{name: name}
	if signature != "" {
		sig, err := parseSignature(signature)
		if err != nil {
			return nil, fmt.Errorf("jsonata: signature %q of function %s: %w", signature, name, err.finish())
		}
		b.sig = sig
		b.length = sig.arity()
		b.nparams = sig.arity()
	}
	b.fn = func(ev *evaluator, cc callCtx, args []Value) (Value, error) {
		v, err := impl(&Call{ev: ev, cc: cc}, args)
		if err != nil {
			return nil, err
		}
		return v, nil
	}
	return b, nil
}
