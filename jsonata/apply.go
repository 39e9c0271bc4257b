package jsonata

import (
	aslrt "github.com/aslc/aslc/runtime"
)

// procName is the name a call refers to its function by, for errors.
func procName(call *node) string {
	p := call.proc
	switch p.kind {
	case nPath:
		if len(p.steps) > 0 {
			return p.steps[0].str
		}
	case nNumber:
		return formatNumberJS(p.num)
	}
	return p.str
}

// decorate attaches the position and function name of a call to an error
// raised inside it, unless a more specific one is attached already.
func decorate(err error, pos int, name string) error {
	if e, ok := err.(*Error); ok {
		if e.Position < 0 {
			e.Position = pos
		}
		if !e.hasToken && name != "" {
			e.Token, e.hasToken = name, true
		}
	}
	return err
}

// evalFunction evaluates a function call. With applyTo, the value on the
// left of ~> is the first argument.
func (ev *evaluator) evalFunction(n *node, input Value, env *frame, applyTo *Value) (Value, error) {
	proc, err := ev.eval(n.proc, input, env)
	if err != nil {
		return nil, err
	}
	name := procName(n)
	if IsUndefined(proc) && n.proc.kind == nPath && n.proc.steps[0].kind == nName {
		if v, ok := ev.lookup(env, name); ok && jsTruthy(v) {
			// the $ was probably forgotten
			return nil, newError("T1005", withPos(n.pos), withToken(name))
		}
	}
	nargs := len(n.args)
	if applyTo != nil {
		nargs++
	}
	args := ev.values(nargs)
	if applyTo != nil {
		args = append(args, *applyTo)
	}
	for _, a := range n.args {
		v, err := ev.eval(a, input, env)
		if err != nil {
			return nil, err
		}
		if isFunction(v) {
			v = &wrapped{fn: v}
		}
		args = append(args, v)
	}
	result, err := ev.apply(proc, args, input, env, name)
	ev.vt++ // await apply
	if err != nil {
		return nil, decorate(err, n.pos, name)
	}
	return result, nil
}

// apply calls a function and runs the tail calls it returns.
func (ev *evaluator) apply(proc Value, args []Value, input Value, env *frame, name string) (Value, error) {
	result, err := ev.applyInner(proc, args, input, env, name)
	ev.vt++ // await applyInner
	for err == nil {
		th, ok := result.(*thunk)
		if !ok {
			break
		}
		if err = ev.check(); err != nil {
			break
		}
		call := th.call
		var next Value
		if next, err = ev.eval(call.proc, th.input, th.env); err != nil {
			break
		}
		targs := make([]Value, len(call.args))
		for i, a := range call.args {
			if targs[i], err = ev.eval(a, th.input, th.env); err != nil {
				break
			}
		}
		if err != nil {
			break
		}
		tname := procName(call)
		result, err = ev.applyInner(next, targs, input, env, tname)
		ev.vt++
		if err != nil {
			err = decorate(err, call.pos, tname)
		}
	}
	return result, err
}

// applyInner calls a function once; a lambda may return a thunk.
func (ev *evaluator) applyInner(proc Value, args []Value, input Value, env *frame, name string) (Value, error) {
	var result Value
	var err error
	switch f := proc.(type) {
	case *lambda:
		if f.sig != nil {
			if args, err = f.sig.validate(args, input); err != nil {
				break
			}
		}
		result, err = ev.applyLambda(f, args)
		ev.vt++ // await applyProcedure
	case *builtin:
		if f.sig != nil {
			if args, err = f.sig.validate(args, input); err != nil {
				break
			}
		}
		result, err = f.fn(ev, callCtx{input: input, env: env, name: name}, args)
		if f.async {
			ev.vt++ // the native's promise
		}
	case *partialFn:
		full := make([]Value, len(f.args))
		copy(full, f.args)
		for i, h := range f.holes {
			if i < len(args) {
				full[h] = args[i]
			} else {
				full[h] = Undefined
			}
		}
		if f.fn.library {
			// jsonata-js calls a partially applied native function with
			// the bound and given values as they are, unchecked
			result, err = f.fn.fn(ev, callCtx{input: Undefined, env: env, name: f.fn.name}, full)
			ev.vt += 2 // applyProcedure and applyNativeFunction
			if f.fn.async {
				ev.vt++
			}
			break
		}
		for len(full) > 0 && IsUndefined(full[len(full)-1]) {
			full = full[:len(full)-1]
		}
		result, err = ev.applyInner(f.fn, full, nil, env, f.fn.name)
	case *regexFn:
		result, err = ev.callRegex(f, args)
	case *wrapped:
		// the wrapper calls apply with no context, and is awaited
		result, err = ev.apply(f.fn, args, nil, env, "")
		ev.vt += 2
	case *composed:
		var x Value = Undefined
		if len(args) > 0 {
			x = args[0]
		}
		if x, err = ev.apply(f.f, []Value{x}, nil, env, ""); err == nil {
			result, err = ev.apply(f.g, []Value{x}, nil, env, "")
		}
	default:
		err = newError("T1006")
	}
	if err != nil {
		if e, ok := err.(*Error); ok && !e.hasToken && name != "" {
			if isFunction(proc) {
				e.Token, e.hasToken = name, true
			}
		}
		return nil, err
	}
	return result, nil
}

// applyLambda runs the body of a lambda with its parameters bound.
func (ev *evaluator) applyLambda(f *lambda, args []Value) (Value, error) {
	env := &frame{parent: f.env}
	if len(f.params) > 0 {
		if len(f.params) <= len(env.inline) {
			env.binds = env.inline[:len(f.params)]
		} else {
			env.binds = make([]binding, len(f.params))
		}
		for i, p := range f.params {
			env.binds[i].name = p
			if i < len(args) {
				env.binds[i].value = args[i]
			} else {
				env.binds[i].value = Undefined
			}
		}
	}
	return ev.eval(f.body, f.input, env)
}

// evalPartial evaluates a partial application such as $substring(?, 0, 5).
func (ev *evaluator) evalPartial(n *node, input Value, env *frame) (Value, error) {
	args := make([]Value, len(n.args))
	for i, a := range n.args {
		if a.kind == nPlaceholder {
			args[i] = nil
			continue
		}
		v, err := ev.eval(a, input, env)
		if err != nil {
			return nil, err
		}
		args[i] = v
	}
	proc, err := ev.eval(n.proc, input, env)
	if err != nil {
		return nil, err
	}
	name := procName(n)
	if IsUndefined(proc) && n.proc.kind == nPath && n.proc.steps[0].kind == nName {
		if v, ok := ev.lookup(env, name); ok && jsTruthy(v) {
			return nil, newError("T1007", withPos(n.pos), withToken(name))
		}
	}
	switch f := proc.(type) {
	case *lambda:
		penv := newFrame(f.env)
		var unbound []string
		for i, p := range f.params {
			if i < len(n.args) && n.args[i].kind == nPlaceholder {
				unbound = append(unbound, p)
				continue
			}
			var v Value = Undefined
			if i < len(args) {
				v = args[i]
			}
			penv.bind(p, v)
		}
		return &lambda{params: unbound, body: f.body, input: f.input, env: penv}, nil
	case *builtin:
		np := f.nparams
		if np == 0 && !f.library {
			// a registered function without a signature takes what it is given
			np = len(n.args)
		}
		pf := &partialFn{fn: f, args: make([]Value, np)}
		for i := 0; i < np; i++ {
			if i < len(n.args) && n.args[i].kind == nPlaceholder {
				pf.holes = append(pf.holes, i)
				pf.args[i] = Undefined
				continue
			}
			if i < len(args) {
				pf.args[i] = args[i]
			} else {
				pf.args[i] = Undefined
			}
		}
		return pf, nil
	case *wrapped:
		// jsonata-js reads the wrapper's one parameter (...params)
		return ev.partialOfValue(f, n.args[:min(1, len(n.args))], args[:min(1, len(args))]), nil
	case *partialFn, *regexFn, *composed:
		// a function value without declared parameters: bind the given
		// arguments in order, in a lambda over the call
		return ev.partialOfValue(f, n.args, args), nil
	}
	return nil, newError("T1008", withPos(n.pos), withToken(name))
}

// partialOfValue partially applies a function value that is not a lambda
// or a built-in, by wrapping the call in a built-in.
func (ev *evaluator) partialOfValue(f Value, argNodes []*node, args []Value) Value {
	var holes []int
	for i, a := range argNodes {
		if a.kind == nPlaceholder {
			holes = append(holes, i)
		}
	}
	fixed := append([]Value(nil), args...)
	b := &builtin{name: "partial", length: len(holes), nparams: len(holes),
		fn: func(ev *evaluator, cc callCtx, a []Value) (Value, error) {
			full := append([]Value(nil), fixed...)
			for i, h := range holes {
				if i < len(a) {
					full[h] = a[i]
				} else {
					full[h] = Undefined
				}
			}
			return ev.apply(f, full, nil, cc.env, "")
		}}
	return b
}

// evalApply evaluates lhs ~> rhs: rhs is called with lhs as its first
// argument, or composed with lhs when both are functions.
func (ev *evaluator) evalApply(n *node, input Value, env *frame) (Value, error) {
	lhs, err := ev.eval(n.lhs, input, env)
	if err != nil {
		return nil, err
	}
	if n.rhs.kind == nFunction {
		return ev.evalFunction(n.rhs, input, env, &lhs)
	}
	fn, err := ev.eval(n.rhs, input, env)
	if err != nil {
		return nil, err
	}
	if !isFunction(fn) {
		return nil, newError("T2006", withPos(n.pos), withValue(fn))
	}
	if isFunction(lhs) {
		return &composed{f: lhs, g: fn}, nil
	}
	return ev.apply(fn, []Value{lhs}, nil, env, "")
}

// makeTransformer evaluates a transform expression | pattern | update, del |
// to a function that returns a modified copy of its argument.
func (ev *evaluator) makeTransformer(n *node, env *frame) Value {
	return &builtin{
		name: "transform", sig: transformSig, length: 1, nparams: 1, async: true,
		fn: func(ev *evaluator, cc callCtx, args []Value) (Value, error) {
			obj := args[0]
			if IsUndefined(obj) {
				return Undefined, nil
			}
			cloneFn, ok := ev.lookup(env, "clone")
			if !ok || !isFunction(cloneFn) {
				return nil, newError("T2013", withPos(n.pos))
			}
			result, err := ev.apply(cloneFn, []Value{obj}, nil, env, "clone")
			if err != nil {
				return nil, err
			}
			// the objects of the copy, which the transform may change
			owned := map[*aslrt.Object]bool{}
			collectObjects(result, owned, 0)
			matches, err := ev.eval(n.pattern, result, env)
			if err != nil {
				return nil, err
			}
			if IsUndefined(matches) {
				return result, nil
			}
			items, ok := arrayItems(matches)
			if !ok {
				items = []Value{matches}
			}
			for _, match := range items {
				update, err := ev.eval(n.update, match, env)
				if err != nil {
					return nil, err
				}
				target, _ := match.(*aslrt.Object)
				if !IsUndefined(update) {
					u, ok := update.(*aslrt.Object)
					if !ok {
						return nil, newError("T2011", withPos(n.update.pos), withValue(update))
					}
					if target != nil && owned[target] {
						for _, m := range u.Members() {
							target.Set(m.Key, m.Value)
							collectObjects(m.Value, owned, 0)
						}
						jsOrder(target)
					}
				}
				if n.del != nil {
					dels, err := ev.eval(n.del, match, env)
					if err != nil {
						return nil, err
					}
					if IsUndefined(dels) {
						continue
					}
					names, ok := arrayItems(dels)
					if !ok {
						names = []Value{dels}
					}
					for _, d := range names {
						if _, ok := d.(string); !ok {
							return nil, newError("T2012", withPos(n.del.pos), withValue(dels))
						}
					}
					if target != nil && owned[target] {
						for _, d := range names {
							target.Delete(d.(string))
						}
					}
				}
			}
			return result, nil
		},
	}
}

var transformSig, _ = parseSignature("<(oa):o>")

// collectObjects records the objects in v.
func collectObjects(v Value, set map[*aslrt.Object]bool, depth int) {
	if depth > maxValueDepth {
		return
	}
	switch x := v.(type) {
	case *aslrt.Object:
		if set[x] {
			return
		}
		set[x] = true
		for _, m := range x.Members() {
			collectObjects(m.Value, set, depth+1)
		}
	case []Value:
		for _, it := range x {
			collectObjects(it, set, depth+1)
		}
	}
}
