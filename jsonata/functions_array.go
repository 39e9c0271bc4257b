package jsonata

import (
	"math"

	aslrt "github.com/aslc/aslc/runtime"
)

func fnBoolean(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	if IsUndefined(args[0]) {
		return Undefined, nil
	}
	if err := checkNumbers(args[0]); err != nil {
		return nil, err
	}
	return truthy(args[0]), nil
}

// checkNumbers raises D1001 for an infinite number where jsonata-js tests
// a value for being numeric.
func checkNumbers(v Value) error {
	switch x := v.(type) {
	case float64:
		_, err := isNumber(x)
		return err
	case []Value:
		for _, it := range x {
			if err := checkNumbers(it); err != nil {
				return err
			}
		}
	case *sequence:
		return checkNumbers(x.items)
	}
	return nil
}

func fnNot(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	if IsUndefined(args[0]) {
		return Undefined, nil
	}
	return !truthy(args[0]), nil
}

func fnMap(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	items, ok := arrayItems(args[0])
	if !ok {
		return Undefined, nil
	}
	f := args[1]
	out := newSequence(len(items))
	for i, it := range items {
		r, err := ev.callFn(cc, f, hofArgs(f, it, intValue(int64(i)), args[0]))
		if err != nil {
			return nil, err
		}
		if !IsUndefined(r) {
			out.items = append(out.items, r)
		}
	}
	return out, nil
}

func fnFilter(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	items, ok := arrayItems(args[0])
	if !ok {
		return Undefined, nil
	}
	f := args[1]
	out := newSequence(0)
	for i, it := range items {
		r, err := ev.callFn(cc, f, hofArgs(f, it, intValue(int64(i)), args[0]))
		if err != nil {
			return nil, err
		}
		if truthy(r) {
			out.items = append(out.items, it)
		}
	}
	return out, nil
}

func fnSingle(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	items, ok := arrayItems(args[0])
	if !ok {
		return Undefined, nil
	}
	f := args[1]
	found := false
	var result Value = Undefined
	for i, it := range items {
		positive := true
		if !IsUndefined(f) {
			r, err := ev.callFn(cc, f, hofArgs(f, it, intValue(int64(i)), args[0]))
			if err != nil {
				return nil, err
			}
			positive = truthy(r)
		}
		if positive {
			if found {
				return nil, newError("D3138", withIndex(i))
			}
			result, found = it, true
		}
	}
	if !found {
		return nil, newError("D3139")
	}
	return result, nil
}

func fnZip(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	length := math.MaxInt
	lists := make([][]Value, len(args))
	for i, a := range args {
		items, ok := arrayItems(a)
		if !ok {
			items = nil
		}
		lists[i] = items
		if len(items) < length {
			length = len(items)
		}
	}
	if len(args) == 0 {
		length = 0
	}
	out := make([]Value, length)
	for i := 0; i < length; i++ {
		t := make([]Value, len(lists))
		for j, l := range lists {
			t[j] = l[i]
		}
		out[i] = t
	}
	return out, nil
}

func fnReduce(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	items, ok := arrayItems(args[0])
	if !ok {
		return Undefined, nil
	}
	f := args[1]
	n := arity(f)
	if n < 2 {
		return nil, newError("D3050", withIndex(1))
	}
	var result Value
	index := 0
	if IsUndefined(args[2]) && len(items) > 0 {
		result = items[0]
		index = 1
	} else {
		result = args[2]
	}
	for ; index < len(items); index++ {
		fargs := []Value{result, items[index]}
		if n >= 3 {
			fargs = append(fargs, intValue(int64(index)))
		}
		if n >= 4 {
			fargs = append(fargs, args[0])
		}
		r, err := ev.callFn(cc, f, fargs)
		if err != nil {
			return nil, err
		}
		result = r
	}
	return result, nil
}

func fnSift(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	o, ok := args[0].(*aslrt.Object)
	if !ok {
		return Undefined, nil
	}
	f := args[1]
	if !isFunction(f) {
		return nil, newError("T1006")
	}
	out := aslrt.NewObject(0)
	for _, m := range o.Members() {
		r, err := ev.callFn(cc, f, hofArgs(f, m.Value, m.Key, o))
		if err != nil {
			return nil, err
		}
		if truthy(r) {
			out.Set(m.Key, m.Value)
		}
	}
	if out.Len() == 0 {
		return Undefined, nil
	}
	jsOrder(out)
	return out, nil
}

func keysOf(v Value, seen map[string]bool, out *[]Value) {
	switch x := v.(type) {
	case *aslrt.Object:
		for _, m := range x.Members() {
			if !seen[m.Key] {
				seen[m.Key] = true
				*out = append(*out, m.Key)
			}
		}
	case []Value:
		for _, it := range x {
			keysOf(it, seen, out)
		}
	case *sequence:
		for _, it := range x.items {
			keysOf(it, seen, out)
		}
	}
}

func fnKeys(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	out := newSequence(0)
	switch x := args[0].(type) {
	case *aslrt.Object:
		for _, m := range x.Members() {
			out.items = append(out.items, m.Key)
		}
	case []Value, *sequence:
		keysOf(x, map[string]bool{}, &out.items)
	}
	return out, nil
}

func fnLookup(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	key, _ := args[1].(string)
	return lookupField(args[0], key), nil
}

func fnAppend(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	return appendValues(args[0], args[1]), nil
}

func fnExists(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	return !IsUndefined(args[0]), nil
}

func spread(v Value) Value {
	switch x := v.(type) {
	case *aslrt.Object:
		out := newSequence(x.Len())
		for _, m := range x.Members() {
			out.items = append(out.items, aslrt.ObjectOf(m))
		}
		return out
	case []Value, *sequence:
		// as $append builds it: a sequence until something is appended
		items, _ := arrayItems(x)
		var result []Value
		for _, it := range items {
			if sp := spread(it); !IsUndefined(sp) {
				result = appendFlat(result, sp)
			}
		}
		if result == nil {
			return newSequence(0)
		}
		return result
	}
	return v
}

func fnSpread(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	return spread(args[0]), nil
}

func fnMerge(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	items, ok := arrayItems(args[0])
	if !ok {
		return Undefined, nil
	}
	out := aslrt.NewObject(0)
	for _, it := range items {
		if o, ok := it.(*aslrt.Object); ok {
			for _, m := range o.Members() {
				out.Set(m.Key, m.Value)
			}
		}
	}
	jsOrder(out)
	return out, nil
}

func fnReverse(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	items, ok := arrayItems(args[0])
	if !ok {
		return Undefined, nil
	}
	if len(items) <= 1 {
		return args[0], nil
	}
	out := make([]Value, len(items))
	for i, it := range items {
		out[len(items)-1-i] = it
	}
	return out, nil
}

func fnEach(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	o, _ := args[0].(*aslrt.Object)
	f := args[1]
	out := newSequence(o.Len())
	for _, m := range o.Members() {
		r, err := ev.callFn(cc, f, hofArgs(f, m.Value, m.Key, o))
		if err != nil {
			return nil, err
		}
		if !IsUndefined(r) {
			out.items = append(out.items, r)
		}
	}
	return out, nil
}

func fnError(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	msg, _ := args[0].(string)
	if msg == "" {
		msg = "$error() function evaluated"
	}
	return nil, newError("D3137", withMessage(msg))
}

func fnAssert(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	if b, _ := args[0].(bool); !b {
		msg, _ := args[1].(string)
		if msg == "" {
			msg = "$assert() statement failed"
		}
		return nil, newError("D3141", withMessage(msg))
	}
	return Undefined, nil
}

func fnType(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	if IsUndefined(args[0]) {
		return Undefined, nil
	}
	if f, ok := args[0].(float64); ok {
		if math.IsInf(f, 0) {
			return nil, newError("D1001", withValue(f))
		}
		if math.IsNaN(f) {
			// not numeric in jsonata-js, which names it by elimination
			return "object", nil
		}
	}
	return typeOf(args[0]), nil
}

func fnSort(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	items, ok := arrayItems(args[0])
	if !ok {
		return Undefined, nil
	}
	if len(items) <= 1 {
		return args[0], nil
	}
	var after func(a, b int) (bool, error)
	if f := args[1]; !IsUndefined(f) {
		after = func(a, b int) (bool, error) {
			r, err := ev.callFn(cc, f, []Value{items[a], items[b]})
			if err != nil {
				return false, err
			}
			// jsonata-js tests the comparator's result as JavaScript does
			return jsTruthy(r), nil
		}
	} else {
		allNumbers, allStrings := true, true
		for _, it := range items {
			ok, err := isNumber(it)
			if err != nil {
				return nil, err
			}
			if !ok {
				allNumbers = false
			}
			if _, ok := it.(string); !ok {
				allStrings = false
			}
		}
		if !allNumbers && !allStrings {
			return nil, newError("D3070", withIndex(1))
		}
		after = func(a, b int) (bool, error) {
			if allNumbers {
				x, _ := toNumber(items[a])
				y, _ := toNumber(items[b])
				return x > y, nil
			}
			return compareStrings(items[a].(string), items[b].(string)) > 0, nil
		}
	}
	order, err := mergeSort(len(items), func(a, b int) (bool, error) {
		swap, err := after(a, b)
		if IsUndefined(args[1]) {
			ev.vt++ // merge_iter awaits the default comparator
		}
		return swap, err
	}, &ev.vt)
	if err != nil {
		return nil, err
	}
	out := make([]Value, len(items))
	for i, j := range order {
		out[i] = items[j]
	}
	return out, nil
}

func fnShuffle(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	items, ok := arrayItems(args[0])
	if !ok {
		return Undefined, nil
	}
	if len(items) <= 1 {
		return args[0], nil
	}
	out := make([]Value, len(items))
	for i := range items {
		j := int(math.Floor(ev.env.random() * float64(i+1)))
		if j > i {
			j = i
		}
		if i != j {
			out[i] = out[j]
		}
		out[j] = items[i]
	}
	return out, nil
}

func fnDistinct(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	items, ok := arrayItems(args[0])
	if !ok || len(items) <= 1 {
		return args[0], nil
	}
	var out []Value
	var containers []Value
	type prim struct {
		kind byte
		s    string
		f    float64
	}
	seen := map[prim]bool{}
	for _, it := range items {
		var key prim
		switch x := it.(type) {
		case string:
			key = prim{kind: 's', s: x}
		case int64, float64, int:
			f, _ := toNumber(x)
			key = prim{kind: 'n', f: f}
		case bool:
			key = prim{kind: 'b'}
			if x {
				key.f = 1
			}
		case nil:
			key = prim{kind: 'l'}
		default:
			dup := false
			for _, c := range containers {
				if deepEqual(it, c) {
					dup = true
					break
				}
			}
			if !dup {
				containers = append(containers, it)
				out = append(out, it)
			}
			continue
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, it)
		}
	}
	if _, isSeq := args[0].(*sequence); isSeq {
		return &sequence{items: out}, nil
	}
	return out, nil
}

func fnEval(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	src, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	input := cc.input
	if !IsUndefined(args[1]) {
		input = args[1]
		if arr, ok := input.([]Value); ok {
			input = &sequence{items: []Value{arr}, outerWrapper: true}
		}
	}
	root, err := parse(src)
	if err != nil {
		msg := err.Error()
		if e, ok := err.(*Error); ok {
			msg = e.finish().Message
		}
		return nil, newError("D3120", withValue(msg))
	}
	v, err := ev.eval(root, input, cc.env)
	if err != nil {
		e, ok := err.(*Error)
		if !ok {
			return nil, err
		}
		if e.Code == "U1001" {
			return nil, e
		}
		return nil, newError("D3121", withValue(e.finish().Message))
	}
	return v, nil
}

// cloneValue is $clone: a deep copy as JSON.parse($string(v)) makes it.
func cloneValue(v Value, depth int) Value {
	if depth > maxValueDepth {
		return nil
	}
	switch x := v.(type) {
	case *aslrt.Object:
		o := aslrt.NewObject(x.Len())
		for _, m := range x.Members() {
			if IsUndefined(m.Value) {
				continue
			}
			o.Set(m.Key, cloneValue(m.Value, depth+1))
		}
		jsOrder(o)
		return o
	case []Value:
		out := make([]Value, len(x))
		for i, it := range x {
			out[i] = cloneValue(it, depth+1)
		}
		return out
	case *sequence:
		return cloneValue(x.items, depth)
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return nil
		}
		return num(toPrecision15(x))
	}
	if isFunction(v) {
		return ""
	}
	return v
}

func fnClone(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	if IsUndefined(args[0]) {
		return Undefined, nil
	}
	if err := checkDeepNumbers(args[0], 0); err != nil {
		return nil, err
	}
	return cloneValue(args[0], 0), nil
}

// checkDeepNumbers raises D1001 for an infinite number anywhere in v, as
// $string does, and U1001 for a value nested too deeply to copy.
func checkDeepNumbers(v Value, depth int) error {
	if depth > maxValueDepth {
		return deepValueError()
	}
	switch x := v.(type) {
	case float64:
		if math.IsInf(x, 0) {
			return newError("D1001", withValue(x))
		}
	case []Value:
		for _, it := range x {
			if err := checkDeepNumbers(it, depth+1); err != nil {
				return err
			}
		}
	case *aslrt.Object:
		for _, m := range x.Members() {
			if err := checkDeepNumbers(m.Value, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

func fnMillis(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	return ev.timestamp().UnixMilli(), nil
}
