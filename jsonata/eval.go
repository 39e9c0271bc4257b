package jsonata

import (
	"context"
	"math"
	"time"

	aslrt "github.com/aslc/aslc/runtime"
)

// maxValueDepth bounds the nesting of values that are walked recursively
// (printing, cloning, descendants), as the runtime's decoder bounds input.
const maxValueDepth = 10000

// deepValueError is what walking a value nested past maxValueDepth raises.
func deepValueError() *Error {
	return newError("U1001", withMessage("Stack overflow error: a value is nested more than 10000 levels deep"))
}

// evaluator holds the state of one evaluation. The expression tree is
// shared and never changed; everything that changes lives here or in the
// frames and values the evaluation creates.
type evaluator struct {
	ctx      context.Context
	env      *Env
	depth    int
	maxDepth int
	deadline time.Time
	ticks    uint32
	now      time.Time
	nowSet   bool
	slab     []Value
	items    int // items created by ranges
	// vt is virtual time: the microtask turns jsonata-js's asynchronous
	// evaluator would have taken so far. It only decides which error of
	// concurrently evaluated items (array and object constructors, which
	// jsonata-js evaluates with Promise.all) is reported: the first to
	// happen there.
	vt int64
}

// asyncTicks is, by node kind, the turns jsonata-js's evaluate spends
// awaiting the asynchronous function that evaluates the node.
var asyncTicks = [...]int64{
	nPath: 1, nBinary: 1, nNegate: 1, nArray: 1, nObject: 2, nCondition: 1,
	nBlock: 1, nBind: 1, nFunction: 1, nPartial: 1, nApply: 1,
	nPlaceholder: 0,
}

// values returns a slice of n values for the evaluation's short-lived
// argument lists, carved from a larger block to save allocations. The
// block is never reused, so a slice stays valid as long as it is held.
func (ev *evaluator) values(n int) []Value {
	if n > 16 {
		return make([]Value, 0, n)
	}
	if cap(ev.slab)-len(ev.slab) < n {
		size := 2 * cap(ev.slab)
		if size < 16 {
			size = 16
		} else if size > 512 {
			size = 512
		}
		ev.slab = make([]Value, 0, size)
	}
	l := len(ev.slab)
	ev.slab = ev.slab[:l+n]
	return ev.slab[l : l : l+n]
}

// maxItems bounds the number of items the ranges of one evaluation may
// create, so that a runaway expression fails before it exhausts memory.
const maxItems = 12e6

// allocate accounts for n items created by a range.
func (ev *evaluator) allocate(n int) error {
	ev.items += n
	if ev.items > maxItems {
		return memoryError("the ranges of the expression make more than 1.2*10^7 items")
	}
	return nil
}

// memoryError is what running past a size limit raises; the message
// begins as Step Functions' does for runaway expressions.
func memoryError(detail string) *Error {
	return newError("U1001", withMessage("Expression evaluation memory limit exceeded: "+detail))
}

// stackError is what running past the depth limit raises.
func stackError() *Error {
	return newError("U1001", withMessage("Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive."))
}

func timeoutError() *Error {
	return newError("U1001", withMessage("Expression evaluation timeout: Check for infinite loop"))
}

// check enforces the time limit and the context's cancellation. It is
// called on every evaluation step and does real work every 256th.
func (ev *evaluator) check() error {
	ev.ticks++
	if ev.ticks&255 != 0 {
		return nil
	}
	if ev.ctx != nil {
		if err := ev.ctx.Err(); err != nil {
			return err
		}
	}
	if !ev.deadline.IsZero() && time.Now().After(ev.deadline) {
		return timeoutError()
	}
	return nil
}

// timestamp is the evaluation's fixed "now", as $now() and $millis() see it.
func (ev *evaluator) timestamp() time.Time {
	if !ev.nowSet {
		ev.now = ev.env.clock()
		ev.nowSet = true
	}
	return ev.now
}

// lookup resolves a variable: the frames, then the environment's
// functions, then the built-in library.
func (ev *evaluator) lookup(env *frame, name string) (Value, bool) {
	if v, ok := env.lookup(name); ok {
		return v, true
	}
	return ev.env.function(name)
}

// eval evaluates one node of the expression tree against input.
func (ev *evaluator) eval(n *node, input Value, env *frame) (Value, error) {
	ev.depth++
	if ev.depth > ev.maxDepth {
		return nil, stackError()
	}
	if err := ev.check(); err != nil {
		return nil, err
	}
	var result Value
	var err error
	switch n.kind {
	case nPath:
		result, err = ev.evalPath(n, input, env)
	case nBinary:
		result, err = ev.evalBinary(n, input, env)
	case nNegate:
		result, err = ev.evalNegate(n, input, env)
	case nArray:
		result, err = ev.evalArray(n, input, env)
	case nObject:
		result, err = ev.evalGroup(n.pairs, n.pos, input, env)
	case nName:
		result = lookupField(input, n.str)
	case nString, nNumber, nValue:
		result = n.val
	case nWildcard:
		result = wildcard(input)
	case nDescendant:
		result, err = descendants(input)
	case nParent:
		v, ok := env.lookup(n.slot.label)
		if !ok {
			v = Undefined
		}
		result = v
	case nCondition:
		result, err = ev.evalCondition(n, input, env)
	case nBlock:
		result, err = ev.evalBlock(n, input, env)
	case nBind:
		result, err = ev.eval(n.rhs, input, env)
		if err == nil {
			env.bind(n.str, result)
		}
	case nRegex:
		result = n.val
	case nFunction:
		result, err = ev.evalFunction(n, input, env, nil)
	case nPartial:
		result, err = ev.evalPartial(n, input, env)
	case nVariable:
		result = ev.evalVariable(n, input, env)
	case nLambda:
		result = &lambda{params: n.params, sig: n.sig, body: n.body, input: input, env: env}
	case nThunk:
		result = &thunk{call: n.body, input: input, env: env}
	case nApply:
		result, err = ev.evalApply(n, input, env)
	case nTransform:
		result = ev.makeTransformer(n, env)
	default:
		result = Undefined
	}
	ev.vt += asyncTicks[n.kind] + 1 // the helper's await, and the caller's
	if err != nil {
		ev.depth--
		return nil, err
	}
	for _, p := range n.predicate {
		if result, err = ev.filter(p.expr, result, env); err != nil {
			ev.depth--
			return nil, err
		}
	}
	if n.group != nil && n.kind != nPath {
		result, err = ev.evalGroup(n.group.pairs, n.group.pos, result, env)
		ev.vt++
		if err != nil {
			ev.depth--
			return nil, err
		}
	}
	if s, ok := result.(*sequence); ok {
		if n.keepArray {
			s.keepSingleton = true
		}
		switch len(s.items) {
		case 0:
			result = Undefined
		case 1:
			if !s.keepSingleton {
				result = s.items[0]
			}
		}
	}
	ev.depth--
	return result, nil
}

func (ev *evaluator) evalVariable(n *node, input Value, env *frame) Value {
	if n.str == "" {
		if s, ok := input.(*sequence); ok && s.outerWrapper && len(s.items) > 0 {
			return s.items[0]
		}
		return input
	}
	v, ok := ev.lookup(env, n.str)
	if !ok {
		return Undefined
	}
	return v
}

// lookupField is $lookup: the value of a field of an object, or of each
// object in an array (flattened).
func lookupField(input Value, key string) Value {
	switch x := input.(type) {
	case *aslrt.Object:
		if v, ok := x.Get(key); ok {
			return v
		}
		return Undefined
	case []Value:
		return lookupItems(x, key)
	case *sequence:
		return lookupItems(x.items, key)
	}
	return Undefined
}

func lookupItems(items []Value, key string) Value {
	out := newSequence(len(items))
	for _, it := range items {
		res := lookupField(it, key)
		switch r := res.(type) {
		case UndefinedValue:
		case []Value:
			out.items = append(out.items, r...)
		case *sequence:
			out.items = append(out.items, r.items...)
		default:
			out.items = append(out.items, res)
		}
	}
	return out
}

// wildcard is *: the values of the fields of an object, arrays flattened.
func wildcard(input Value) Value {
	if s, ok := input.(*sequence); ok && s.outerWrapper && len(s.items) > 0 {
		input = s.items[0]
	}
	out := newSequence(0)
	switch x := input.(type) {
	case *aslrt.Object:
		for _, m := range x.Members() {
			if items, ok := arrayItems(m.Value); ok {
				out.items = flattenInto(out.items, items, 0)
			} else {
				out.items = append(out.items, m.Value)
			}
		}
	case []Value:
		for _, v := range x {
			if items, ok := arrayItems(v); ok {
				out.items = flattenInto(out.items, items, 0)
			} else {
				out.items = append(out.items, v)
			}
		}
	case *sequence:
		for _, v := range x.items {
			if items, ok := arrayItems(v); ok {
				out.items = flattenInto(out.items, items, 0)
			} else {
				out.items = append(out.items, v)
			}
		}
	}
	return out
}

func flattenInto(dst []Value, items []Value, depth int) []Value {
	for _, it := range items {
		if sub, ok := arrayItems(it); ok && depth < maxValueDepth {
			dst = flattenInto(dst, sub, depth+1)
		} else {
			dst = append(dst, it)
		}
	}
	return dst
}

// descendants is **: every value below input, depth first.
func descendants(input Value) (Value, error) {
	if IsUndefined(input) {
		return Undefined, nil
	}
	out := newSequence(0)
	if !recurseDescendants(input, out, 0) {
		return nil, deepValueError()
	}
	if len(out.items) == 1 {
		return out.items[0], nil
	}
	return out, nil
}

// recurseDescendants collects v and every value below it; it reports false
// when they are nested too deeply.
func recurseDescendants(v Value, out *sequence, depth int) bool {
	if depth > maxValueDepth {
		return false
	}
	if items, ok := arrayItems(v); ok {
		for _, it := range items {
			if !recurseDescendants(it, out, depth+1) {
				return false
			}
		}
		return true
	}
	out.items = append(out.items, v)
	if o, ok := v.(*aslrt.Object); ok {
		for _, m := range o.Members() {
			if !recurseDescendants(m.Value, out, depth+1) {
				return false
			}
		}
	}
	return true
}

func (ev *evaluator) evalCondition(n *node, input Value, env *frame) (Value, error) {
	c, err := ev.eval(n.cond, input, env)
	if err != nil {
		return nil, err
	}
	if truthy(c) {
		return ev.eval(n.then, input, env)
	}
	if n.els != nil {
		return ev.eval(n.els, input, env)
	}
	return Undefined, nil
}

func (ev *evaluator) evalBlock(n *node, input Value, env *frame) (Value, error) {
	f := env
	if n.needsFrame {
		f = newFrame(env)
	}
	var result Value = Undefined
	var err error
	for _, e := range n.items {
		if result, err = ev.eval(e, input, f); err != nil {
			return nil, err
		}
	}
	return result, nil
}

func (ev *evaluator) evalNegate(n *node, input Value, env *frame) (Value, error) {
	v, err := ev.eval(n.expr, input, env)
	if err != nil {
		return nil, err
	}
	if IsUndefined(v) {
		return Undefined, nil
	}
	ok, err := isNumber(v)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, newError("D1002", withPos(n.pos), withToken("-"), withValue(v))
	}
	switch x := v.(type) {
	case int64:
		if x != math.MinInt64 {
			return -x, nil
		}
	}
	f, _ := toNumber(v)
	return num(-f), nil
}

// evalArray evaluates an array constructor: arrays produced by the items
// are flattened into the result, except items that are themselves array
// constructors.
func (ev *evaluator) evalArray(n *node, input Value, env *frame) (Value, error) {
	result := make([]Value, 0, len(n.items))
	// jsonata-js evaluates the items concurrently: when several fail, the
	// error it reports is the one that happens first in its event loop
	start, end := ev.vt, ev.vt
	var firstErr error
	var errAt int64
	for _, item := range n.items {
		ev.vt = start
		v, err := ev.eval(item, input, env)
		ev.vt++ // the item's async function
		if err != nil {
			if !concurrentError(err) {
				return nil, err
			}
			if firstErr == nil || ev.vt < errAt {
				firstErr, errAt = err, ev.vt
			}
			continue
		}
		end = max(end, ev.vt)
		if firstErr != nil || IsUndefined(v) {
			continue
		}
		if item.kind == nArray {
			result = append(result, plain(v))
			continue
		}
		result = appendFlat(result, v)
	}
	if firstErr != nil {
		ev.vt = errAt + 1
		return nil, firstErr
	}
	ev.vt = end + 1
	return result, nil
}

// concurrentError reports whether an error of one of several concurrently
// evaluated items waits for the others: errors from the expression do;
// limits and cancellation stop everything at once.
func concurrentError(err error) bool {
	e, ok := err.(*Error)
	return ok && e.Code != "U1001"
}

// appendValues is $append: both values as one array.
func appendValues(a, b Value) Value {
	if IsUndefined(a) {
		return b
	}
	if IsUndefined(b) {
		return a
	}
	ai, _ := arrayItems(a)
	bi, _ := arrayItems(b)
	out := make([]Value, 0, len(ai)+len(bi)+2)
	return appendFlat(appendFlat(out, a), b)
}

// evalGroup evaluates an object constructor over input: as a group-by
// over the items of input when it is a sequence or tuple stream.
func (ev *evaluator) evalGroup(pairs []pair, pos int, input Value, env *frame) (Value, error) {
	type entry struct {
		key   string
		first Value   // the first item of the group
		more  []Value // with more items: all of them, arrays flattened
		index int
		multi []*tuple
	}
	var tuples []*tuple
	var items []Value
	var one [1]Value
	reduce := false
	switch x := input.(type) {
	case *tupleStream:
		reduce = true
		tuples = x.tuples
	case []Value:
		items = x
	case *sequence:
		items = x.items
	default:
		one[0] = input
		items = one[:]
	}
	if !reduce && len(items) == 0 {
		// an empty input still yields the object, with undefined as context
		one[0] = Undefined
		items = one[:]
	}
	count := len(items)
	if reduce {
		count = len(tuples)
	}
	var groupBuf [8]entry
	groups := groupBuf[:0]
	var byKey map[string]int // for many groups
	for i := 0; i < count; i++ {
		var item Value
		itemEnv := env
		var tp *tuple
		if reduce {
			tp = tuples[i]
			item = tp.at
			itemEnv = frameFromTuple(env, tp)
		} else {
			item = items[i]
		}
		for pi, p := range pairs {
			k, err := ev.eval(p.key, item, itemEnv)
			if err != nil {
				return nil, err
			}
			key, ok := k.(string)
			if !ok {
				if IsUndefined(k) {
					continue
				}
				return nil, newError("T1003", withPos(pos), withValue(k))
			}
			g := -1
			if byKey != nil {
				if j, ok := byKey[key]; ok {
					g = j
				}
			} else {
				for j := range groups {
					if groups[j].key == key {
						g = j
						break
					}
				}
			}
			if g >= 0 {
				e := &groups[g]
				if e.index != pi {
					return nil, newError("D1009", withPos(pos), withValue(key))
				}
				if reduce {
					e.multi = append(e.multi, tp)
				} else {
					// the items of a group are appended as $append does
					if e.more == nil {
						e.more = appendFlat(nil, e.first)
					}
					e.more = appendFlat(e.more, item)
				}
			} else {
				e := entry{key: key, first: item, index: pi}
				if reduce {
					e.multi = []*tuple{tp}
				}
				groups = append(groups, e)
				if byKey != nil {
					byKey[key] = len(groups) - 1
				} else if len(groups) > 16 {
					byKey = make(map[string]int, 2*len(groups))
					for j := range groups {
						byKey[groups[j].key] = j
					}
				}
			}
		}
	}
	result := aslrt.NewObject(len(groups))
	// the values are evaluated concurrently in jsonata-js (see evalArray)
	start, end := ev.vt, ev.vt
	var firstErr error
	var errAt int64
	for _, g := range groups {
		context := g.first
		if g.more != nil {
			context = g.more
		}
		valEnv := env
		if reduce {
			t := reduceTuples(g.multi)
			context = t.at
			valEnv = frameFromTuple(env, t)
		}
		ev.vt = start
		v, err := ev.eval(pairs[g.index].value, context, valEnv)
		ev.vt++ // the value's async function
		if err != nil {
			if !concurrentError(err) {
				return nil, err
			}
			if firstErr == nil || ev.vt < errAt {
				firstErr, errAt = err, ev.vt
			}
			continue
		}
		end = max(end, ev.vt)
		if firstErr == nil && !IsUndefined(v) {
			result.Set(g.key, plain(v))
		}
	}
	if firstErr != nil {
		ev.vt = errAt + 1
		return nil, firstErr
	}
	ev.vt = end + 1 + int64(len(groups)) // Promise.all, then one await per value
	jsOrder(result)
	return result, nil
}

// reduceTuples merges the tuples of a group: each variable, and the value,
// becomes the sequence of the tuples' values.
func reduceTuples(ts []*tuple) *tuple {
	if len(ts) == 1 {
		return ts[0]
	}
	r := &tuple{}
	ats := appendFlat(nil, ts[0].at)
	type acc struct {
		name   string
		first  Value
		values []Value // with more values: all of them, arrays flattened
	}
	var vars []acc
	find := func(name string) int {
		for i := range vars {
			if vars[i].name == name {
				return i
			}
		}
		return -1
	}
	for _, b := range ts[0].binds {
		vars = append(vars, acc{name: b.name, first: b.value})
	}
	for _, t := range ts[1:] {
		ats = appendFlat(ats, t.at)
		for _, b := range t.binds {
			i := find(b.name)
			if i < 0 {
				vars = append(vars, acc{name: b.name, first: b.value})
				continue
			}
			if vars[i].values == nil {
				vars[i].values = appendFlat(nil, vars[i].first)
			}
			vars[i].values = appendFlat(vars[i].values, b.value)
		}
	}
	r.at = ats
	for _, v := range vars {
		if v.values != nil {
			r.binds = append(r.binds, binding{v.name, v.values})
		} else {
			r.binds = append(r.binds, binding{v.name, v.first})
		}
	}
	return r
}

// appendFlat appends v to dst as $append does: the items of an array, or
// the value itself. Undefined adds nothing. The result is an array, so
// sequences among the items become arrays.
func appendFlat(dst []Value, v Value) []Value {
	if dst == nil {
		dst = []Value{}
	}
	switch x := v.(type) {
	case UndefinedValue:
	case []Value:
		dst = append(dst, x...)
	case *sequence:
		for _, it := range x.items {
			dst = append(dst, plain(it))
		}
	default:
		dst = append(dst, v)
	}
	return dst
}

// evalRange is the .. operator.
func evalRange(lhs, rhs Value) (Value, error) {
	if !IsUndefined(lhs) && !isInteger(lhs) {
		return nil, newError("T2003", withValue(lhs))
	}
	if !IsUndefined(rhs) && !isInteger(rhs) {
		return nil, newError("T2004", withValue(rhs))
	}
	if IsUndefined(lhs) || IsUndefined(rhs) {
		return Undefined, nil
	}
	lo, _ := toNumber(lhs)
	hi, _ := toNumber(rhs)
	if lo > hi {
		return Undefined, nil
	}
	size := hi - lo + 1
	if size > 1e7 {
		return nil, newError("D2014", withValue(num(size)))
	}
	out := make([]Value, int(size))
	for i := range out {
		out[i] = intValue(int64(lo) + int64(i))
	}
	return &sequence{items: out}, nil
}

func (ev *evaluator) evalBinary(n *node, input Value, env *frame) (Value, error) {
	lhs, err := ev.eval(n.lhs, input, env)
	if err != nil {
		return nil, err
	}
	switch n.op {
	case "and", "or":
		ev.vt++ // evaluateBooleanExpression
		if truthy(lhs) == (n.op == "or") {
			return n.op == "or", nil
		}
		rhs, err := ev.eval(n.rhs, input, env)
		ev.vt++ // the deferred right side
		if err != nil {
			// jsonata-js evaluates the right side inside the operator,
			// which claims its errors
			if e, ok := err.(*Error); ok {
				e.Position = n.pos
				e.Token, e.hasToken, e.tokenValue = n.op, true, nil
			}
			return nil, err
		}
		return truthy(rhs), nil
	}
	rhs, err := ev.eval(n.rhs, input, env)
	ev.vt++ // the right side is evaluated by an async function too
	if err != nil {
		return nil, err
	}
	var result Value
	switch n.op {
	case "+", "-", "*", "/", "%":
		result, err = arithmetic(n.op, lhs, rhs)
	case "=":
		result = !IsUndefined(lhs) && !IsUndefined(rhs) && deepEqual(lhs, rhs)
	case "!=":
		result = !IsUndefined(lhs) && !IsUndefined(rhs) && !deepEqual(lhs, rhs)
	case "<", "<=", ">", ">=":
		result, err = compare(n.op, lhs, rhs)
	case "&":
		var ls, rs string
		if !IsUndefined(lhs) {
			if ls, err = toJSONataString(lhs, false); err != nil {
				break
			}
		}
		if !IsUndefined(rhs) {
			if rs, err = toJSONataString(rhs, false); err != nil {
				break
			}
		}
		if len(ls)+len(rs) > maxStringLength {
			return nil, memoryError("the string concatenation is longer than 2^26 bytes")
		}
		result = ls + rs
	case "..":
		result, err = evalRange(lhs, rhs)
		if r, ok := result.(*sequence); ok && err == nil {
			if err = ev.allocate(len(r.items)); err != nil {
				return nil, err
			}
		}
	case "in":
		result = false
		if IsUndefined(lhs) || IsUndefined(rhs) {
			break
		}
		if items, ok := arrayItems(rhs); ok {
			for _, it := range items {
				if strictEqual(it, lhs) {
					result = true
					break
				}
			}
		} else {
			result = strictEqual(rhs, lhs)
		}
	default:
		result = Undefined
	}
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.Position = n.pos
			e.Token, e.hasToken = n.op, true
		}
		return nil, err
	}
	return result, nil
}

func arithmetic(op string, lhs, rhs Value) (Value, error) {
	if !IsUndefined(lhs) {
		ok, err := isNumber(lhs)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, newError("T2001", withValue(lhs))
		}
	}
	if !IsUndefined(rhs) {
		ok, err := isNumber(rhs)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, newError("T2002", withValue(rhs))
		}
	}
	if IsUndefined(lhs) || IsUndefined(rhs) {
		return Undefined, nil
	}
	// exact integer arithmetic where JavaScript's doubles are exact too
	if a, ok := lhs.(int64); ok {
		if b, ok := rhs.(int64); ok && a > -1<<52 && a < 1<<52 && b > -1<<52 && b < 1<<52 {
			switch op {
			case "+":
				return a + b, nil
			case "-":
				return a - b, nil
			}
		}
	}
	a, _ := toNumber(lhs)
	b, _ := toNumber(rhs)
	var r float64
	switch op {
	case "+":
		r = a + b
	case "-":
		r = a - b
	case "*":
		r = a * b
	case "/":
		r = a / b
	case "%":
		r = math.Mod(a, b)
	}
	return numResult(r), nil
}

// numResult returns a computed number; NaN and infinities stay float64
// (and raise D1001 where a number is checked later).
func numResult(f float64) Value {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return f
	}
	return num(f)
}

func compare(op string, lhs, rhs Value) (Value, error) {
	lt, rt := compareType(lhs), compareType(rhs)
	if lt == 0 || rt == 0 {
		bad := rhs
		if lt != 's' && lt != 'n' {
			bad = lhs
		}
		return nil, newError("T2010", withValue(bad))
	}
	if lt == 'u' || rt == 'u' {
		return Undefined, nil
	}
	if lt != rt {
		return nil, newError("T2009", withValue(lhs), withValue2(rhs))
	}
	var c int
	if lt == 's' {
		ls, rs := lhs.(string), rhs.(string)
		c = compareStrings(ls, rs)
	} else {
		a, _ := toNumber(lhs)
		b, _ := toNumber(rhs)
		if math.IsNaN(a) || math.IsNaN(b) {
			return false, nil
		}
		switch {
		case a < b:
			c = -1
		case a > b:
			c = 1
		}
	}
	switch op {
	case "<":
		return c < 0, nil
	case "<=":
		return c <= 0, nil
	case ">":
		return c > 0, nil
	}
	return c >= 0, nil
}

// compareType is 's' for strings, 'n' for numbers, 'u' for undefined and
// 0 for values that cannot be compared.
func compareType(v Value) byte {
	switch v.(type) {
	case string:
		return 's'
	case int64, float64, int:
		return 'n'
	case UndefinedValue:
		return 'u'
	}
	return 0
}

// compareStrings orders strings as JavaScript does, by UTF-16 code units.
func compareStrings(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			if a[i] < 0x80 && b[i] < 0x80 {
				if a[i] < b[i] {
					return -1
				}
				return 1
			}
			return compareUTF16(a[i:], b[i:])
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

func compareUTF16(a, b string) int {
	ra := []rune(a)
	rb := []rune(b)
	units := func(r rune) (uint16, uint16, int) {
		if r >= 0x10000 {
			r -= 0x10000
			return uint16(0xD800 + (r >> 10)), uint16(0xDC00 + (r & 0x3FF)), 2
		}
		return uint16(r), 0, 1
	}
	for i := 0; i < len(ra) && i < len(rb); i++ {
		a1, a2, na := units(ra[i])
		b1, b2, nb := units(rb[i])
		if a1 != b1 {
			if a1 < b1 {
				return -1
			}
			return 1
		}
		if na == 2 && nb == 2 && a2 != b2 {
			if a2 < b2 {
				return -1
			}
			return 1
		}
		if na != nb {
			if na < nb {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(ra) < len(rb):
		return -1
	case len(ra) > len(rb):
		return 1
	}
	return 0
}
