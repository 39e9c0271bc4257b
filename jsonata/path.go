package jsonata

import (
	"math"
)

// evalPath evaluates a location path: each step is evaluated against every
// item the previous step produced, and the results are flattened into one
// sequence. Steps that bind focus (@), index (#) or ancestor (%) variables
// switch the path to a stream of tuples that carry those bindings.
func (ev *evaluator) evalPath(n *node, input Value, env *frame) (Value, error) {
	var inputSeq []Value
	// while the path has produced just one value (cur), steps are
	// evaluated without building sequences
	cur, single := input, true
	if items, ok := arrayItems(input); ok && n.steps[0].kind != nVariable {
		inputSeq, single = items, false
	}
	var resultSeq []Value
	plainArr, consArr := false, false
	isTuple := false
	var tuples []*tuple
	haveTuples := false
	last := len(n.steps) - 1
	for i, step := range n.steps {
		if step.tuple {
			isTuple = true
		}
		if single && (isTuple || (i == 0 && step.consarray) || step.kind == nSort) {
			inputSeq, single = []Value{cur}, false
		}
		var err error
		switch {
		case single:
			var res Value
			res, err = ev.stepItem(step, cur, env)
			ev.vt++ // evaluateStep
			if err != nil {
				return nil, err
			}
			switch res.(type) {
			case UndefinedValue, []Value, *sequence:
				single = false
				resultSeq, plainArr, consArr = itemResult(step, res, i == last)
			default:
				cur = res
			}
		case i == 0 && step.consarray:
			var r Value
			r, err = ev.eval(step, &sequence{items: inputSeq}, env)
			if err != nil {
				return nil, err
			}
			resultSeq, plainArr = nil, false
			switch x := r.(type) {
			case []Value:
				resultSeq, plainArr, consArr = x, true, true
			case *sequence:
				resultSeq = x.items
			}
		case isTuple:
			tuples, err = ev.tupleStep(step, inputSeq, tuples, haveTuples, env)
			ev.vt++ // evaluateTupleStep
			haveTuples = true
		default:
			resultSeq, plainArr, consArr, err = ev.step(step, inputSeq, env, i == last)
			ev.vt++ // evaluateStep
		}
		if err != nil {
			return nil, err
		}
		if single {
			continue
		}
		if !isTuple && len(resultSeq) == 0 {
			break
		}
		if !step.hasFocus {
			inputSeq = resultSeq
		}
	}
	if single {
		if !n.keepSingletonArray && !n.keepArray && n.group == nil {
			return cur, nil
		}
		resultSeq = []Value{cur}
	}
	if isTuple {
		if n.tuple {
			ts := &tupleStream{tuples: tuples}
			if n.group != nil {
				ev.vt++
				return ev.evalGroup(n.group.pairs, n.group.pos, ts, env)
			}
			return ts, nil
		}
		resultSeq = make([]Value, len(tuples))
		for i, t := range tuples {
			resultSeq[i] = t.at
		}
		plainArr, consArr = false, false
	}
	var result Value
	switch {
	case n.keepSingletonArray && plainArr && consArr:
		result = &sequence{items: []Value{resultSeq}, keepSingleton: true}
	case plainArr:
		result = resultSeq
	case n.keepSingletonArray:
		result = &sequence{items: resultSeq, keepSingleton: true}
	default:
		result = &sequence{items: resultSeq}
	}
	if n.group != nil {
		ev.vt++ // evaluateGroupExpression
		if isTuple {
			return ev.evalGroup(n.group.pairs, n.group.pos, &tupleStream{tuples: tuples}, env)
		}
		return ev.evalGroup(n.group.pairs, n.group.pos, result, env)
	}
	if s, ok := result.(*sequence); ok && !s.keepSingleton && !n.keepArray {
		switch len(s.items) {
		case 0:
			return Undefined, nil
		case 1:
			return s.items[0], nil
		}
	}
	return result, nil
}

// capped returns a slice that appending to cannot write into the backing
// array of items, which may belong to the input document.
func capped(items []Value) []Value {
	return items[:len(items):len(items)]
}

// step evaluates one step of a path that carries no tuple bindings. It
// returns the flattened results; plainArr reports that they are one array
// value (the last step produced a single array), consArr that the array
// was written in the expression.
func (ev *evaluator) step(step *node, input []Value, env *frame, last bool) (out []Value, plainArr, consArr bool, err error) {
	if step.kind == nSort {
		sorted, err := ev.sortValues(step, input, env)
		ev.vt++ // evaluateSortExpression
		if err != nil {
			return nil, false, false, err
		}
		var r Value = &sequence{items: sorted}
		if len(step.stages) > 0 {
			ev.vt++ // evaluateStages
		}
		for _, st := range step.stages {
			if st.kind == stageFilter {
				if r, err = ev.filter(st.expr, r, env); err != nil {
					return nil, false, false, err
				}
			}
		}
		items, _ := arrayItems(r)
		return items, false, false, nil
	}
	if len(input) == 1 {
		res, err := ev.stepItem(step, input[0], env)
		if err != nil {
			return nil, false, false, err
		}
		out, plainArr, consArr = itemResult(step, res, last)
		return out, plainArr, consArr, nil
	}
	consValue := isConsValue(step)
	results := make([]Value, 0, len(input))
	flat := true
	for _, item := range input {
		res, err := ev.stepItem(step, item, env)
		if err != nil {
			return nil, false, false, err
		}
		switch res.(type) {
		case UndefinedValue:
			continue
		case []Value, *sequence:
			flat = false
		}
		results = append(results, res)
	}
	if last && len(results) == 1 {
		if arr, ok := results[0].([]Value); ok {
			return arr, true, consValue, nil
		}
	}
	if flat {
		return results, false, false, nil
	}
	out = make([]Value, 0, len(results))
	for _, res := range results {
		switch r := res.(type) {
		case []Value:
			if consValue {
				out = append(out, r)
			} else {
				out = append(out, r...)
			}
		case *sequence:
			out = append(out, r.items...)
		default:
			out = append(out, res)
		}
	}
	return out, false, false, nil
}

// isConsValue reports that step is an array constructor whose array is
// one value of the path rather than items to flatten.
func isConsValue(step *node) bool {
	return step.kind == nArray && step.consarray && len(step.stages) == 0
}

// itemResult turns the result of a step evaluated against a single item
// into the step's output, with the plainArr and consArr flags of step.
func itemResult(step *node, res Value, last bool) (out []Value, plainArr, consArr bool) {
	switch r := res.(type) {
	case UndefinedValue:
		return nil, false, false
	case []Value:
		if last {
			return r, true, isConsValue(step)
		}
		if isConsValue(step) {
			return []Value{r}, false, false
		}
		return capped(r), false, false
	case *sequence:
		return r.items, false, false
	}
	return []Value{res}, false, false
}

// stepItem evaluates a step against one item, applying its predicates.
func (ev *evaluator) stepItem(step *node, item Value, env *frame) (Value, error) {
	res, err := ev.eval(step, item, env)
	if err != nil {
		return nil, err
	}
	for _, st := range step.stages {
		if st.kind != stageFilter {
			continue
		}
		if res, err = ev.filter(st.expr, res, env); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// tupleStep evaluates a step of a path that carries tuple bindings.
func (ev *evaluator) tupleStep(step *node, input []Value, tuples []*tuple, have bool, env *frame) ([]*tuple, error) {
	if step.kind == nSort {
		var result []*tuple
		ev.vt++ // evaluateSortExpression
		if have {
			var err error
			if result, err = ev.sortTuples(step, tuples, env); err != nil {
				return nil, err
			}
		} else {
			sorted, err := ev.sortValues(step, input, env)
			if err != nil {
				return nil, err
			}
			result = make([]*tuple, len(sorted))
			for i, v := range sorted {
				t := &tuple{at: v}
				if step.hasIndex {
					t.set(step.index, intValue(int64(i)))
				}
				result[i] = t
			}
		}
		return ev.tupleStages(step.stages, result, env)
	}
	if !have {
		tuples = make([]*tuple, len(input))
		for i, v := range input {
			tuples[i] = &tuple{at: v}
		}
	}
	result := make([]*tuple, 0, len(tuples))
	for _, t := range tuples {
		res, err := ev.eval(step, t.at, frameFromTuple(env, t))
		if err != nil {
			return nil, err
		}
		if IsUndefined(res) {
			continue
		}
		if ts, ok := res.(*tupleStream); ok {
			for _, rt := range ts.tuples {
				nt := t.clone()
				nt.at = rt.at
				for _, b := range rt.binds {
					nt.set(b.name, b.value)
				}
				result = append(result, nt)
			}
			continue
		}
		items, ok := arrayItems(res)
		if !ok {
			items = []Value{res}
		}
		for bb, v := range items {
			nt := t.clone()
			if step.hasFocus {
				nt.set(step.focus, v)
			} else {
				nt.at = v
			}
			if step.hasIndex && step.index != "" {
				nt.set(step.index, intValue(int64(bb)))
			}
			if step.ancestor != nil {
				nt.set(step.ancestor.label, t.at)
			}
			result = append(result, nt)
		}
	}
	return ev.tupleStages(step.stages, result, env)
}

func (ev *evaluator) tupleStages(stages []stage, tuples []*tuple, env *frame) ([]*tuple, error) {
	var err error
	if len(stages) > 0 {
		ev.vt++ // evaluateStages
	}
	for _, st := range stages {
		switch st.kind {
		case stageFilter:
			tuples, err = ev.filterTuples(st.expr, tuples, env)
			ev.vt++ // evaluateFilter
			if err != nil {
				return nil, err
			}
		case stageIndex:
			for i, t := range tuples {
				t.set(st.name, intValue(int64(i)))
			}
		}
	}
	return tuples, nil
}

// predicateIndexes returns the array indexes a predicate result selects,
// when it is a number or an array of numbers.
func predicateIndexes(res Value) ([]float64, bool, error) {
	if ok, err := isNumber(res); err != nil {
		return nil, false, err
	} else if ok {
		f, _ := toNumber(res)
		return []float64{f}, true, nil
	}
	items, ok := arrayItems(res)
	if !ok {
		return nil, false, nil
	}
	idx := make([]float64, 0, len(items))
	for _, it := range items {
		ok, err := isNumber(it)
		if err != nil {
			return nil, false, err
		}
		if !ok {
			return nil, false, nil
		}
		f, _ := toNumber(it)
		idx = append(idx, f)
	}
	return idx, true, nil
}

func selects(indexes []float64, index, length int) bool {
	for _, f := range indexes {
		ii := int(math.Floor(f))
		if f < 0 {
			ii = length + int(math.Floor(f))
		}
		if ii == index {
			return true
		}
	}
	return false
}

// filter applies a predicate [expr] to input: a number selects an item by
// position (negative counts from the end), anything else keeps the items
// for which it is true.
func (ev *evaluator) filter(pred *node, input Value, env *frame) (Value, error) {
	defer func() { ev.vt++ }() // the caller awaits evaluateFilter
	if ts, ok := input.(*tupleStream); ok {
		r, err := ev.filterTuples(pred, ts.tuples, env)
		if err != nil {
			return nil, err
		}
		return &tupleStream{tuples: r}, nil
	}
	items, ok := arrayItems(input)
	if !ok {
		if IsUndefined(input) {
			items = nil
		} else {
			items = []Value{input}
		}
	}
	if pred.kind == nNumber {
		index := int(math.Floor(pred.num))
		if index < 0 {
			index += len(items)
		}
		if index < 0 || index >= len(items) {
			return &sequence{}, nil
		}
		item := items[index]
		if arr, ok := item.([]Value); ok {
			return arr, nil
		}
		return &sequence{items: []Value{item}}, nil
	}
	out := newSequence(0)
	if pred.constant && len(items) > 1 {
		// the same predicate value for every item: evaluate it once
		t0 := ev.vt
		res, err := ev.eval(pred, Undefined, env)
		if err != nil {
			return nil, err
		}
		ev.vt += (ev.vt - t0) * int64(len(items)-1) // jsonata-js evaluates it for each
		idx, isIdx, err := predicateIndexes(res)
		if err != nil {
			return nil, err
		}
		if !isIdx {
			if truthy(res) {
				out.items = append(out.items, items...)
			}
			return out, nil
		}
		counts := make([]int, len(items))
		for _, f := range idx {
			ii := int(math.Floor(f))
			if f < 0 {
				ii += len(items)
			}
			if ii >= 0 && ii < len(items) {
				counts[ii]++
			}
		}
		for i, item := range items {
			for k := 0; k < counts[i]; k++ {
				out.items = append(out.items, item)
			}
		}
		return out, nil
	}
	for i, item := range items {
		res, err := ev.eval(pred, item, env)
		if err != nil {
			return nil, err
		}
		idx, isIdx, err := predicateIndexes(res)
		if err != nil {
			return nil, err
		}
		if isIdx {
			if selects(idx, i, len(items)) {
				out.items = append(out.items, item)
			}
		} else if truthy(res) {
			out.items = append(out.items, item)
		}
	}
	return out, nil
}

func (ev *evaluator) filterTuples(pred *node, tuples []*tuple, env *frame) ([]*tuple, error) {
	if pred.kind == nNumber {
		index := int(math.Floor(pred.num))
		if index < 0 {
			index += len(tuples)
		}
		if index < 0 || index >= len(tuples) {
			return nil, nil
		}
		return []*tuple{tuples[index]}, nil
	}
	var out []*tuple
	for i, t := range tuples {
		res, err := ev.eval(pred, t.at, frameFromTuple(env, t))
		if err != nil {
			return nil, err
		}
		idx, isIdx, err := predicateIndexes(res)
		if err != nil {
			return nil, err
		}
		if isIdx {
			if selects(idx, i, len(tuples)) {
				out = append(out, t)
			}
		} else if truthy(res) {
			out = append(out, t)
		}
	}
	return out, nil
}

// sortKeys evaluates the order-by terms of a sort step for each item.
// It also returns the turns each evaluation took: jsonata-js evaluates
// the terms of both items at each comparison instead, which the sort
// accounts for (see evaluator.vt).
func (ev *evaluator) sortKeys(step *node, n int, item func(i int) (Value, *frame)) ([][]Value, [][]int64, error) {
	keys := make([][]Value, n)
	costs := make([][]int64, n)
	start := ev.vt
	for i := range keys {
		ctx, env := item(i)
		row := make([]Value, len(step.terms))
		cost := make([]int64, len(step.terms))
		for t, term := range step.terms {
			t0 := ev.vt
			v, err := ev.eval(term.expr, ctx, env)
			if err != nil {
				return nil, nil, err
			}
			row[t] = v
			cost[t] = ev.vt - t0
		}
		keys[i] = row
		costs[i] = cost
	}
	ev.vt = start
	return keys, costs, nil
}

// sortComparator is the order-by comparator over precomputed keys, with
// the turns jsonata-js's comparator would take.
func (ev *evaluator) sortComparator(step *node, keys [][]Value, costs [][]int64) func(a, b int) (bool, error) {
	return func(a, b int) (bool, error) {
		swap, terms, err := orderAfterTerms(step, keys[a], keys[b])
		for t := 0; t < terms; t++ {
			ev.vt += costs[a][t] + costs[b][t]
		}
		ev.vt++ // merge_iter awaits the comparator
		return swap, err
	}
}

// orderAfterTerms is the comparator of the order-by clause: it reports
// whether a sorts after b (they must swap), and how many terms it looked
// at.
func orderAfterTerms(step *node, a, b []Value) (bool, int, error) {
	comp := 0
	t := 0
	for ; comp == 0 && t < len(step.terms); t++ {
		aa, bb := a[t], b[t]
		at, bt := compareType(aa), compareType(bb)
		if at == 'u' {
			if bt != 'u' {
				comp = 1
			}
			continue
		}
		if bt == 'u' {
			comp = -1
			continue
		}
		if at == 0 || bt == 0 {
			bad := bb
			if at == 0 {
				bad = aa
			}
			return false, t + 1, newError("T2008", withPos(step.pos), withValue(bad))
		}
		if at != bt {
			return false, t + 1, newError("T2007", withPos(step.pos), withValue(aa), withValue2(bb))
		}
		var c int
		if at == 's' {
			c = compareStrings(aa.(string), bb.(string))
		} else {
			x, _ := toNumber(aa)
			y, _ := toNumber(bb)
			switch {
			case x < y:
				c = -1
			case x > y:
				c = 1
			}
		}
		if c == 0 {
			continue
		}
		comp = c
		if step.terms[t].descending {
			comp = -comp
		}
	}
	return comp == 1, t, nil
}

// mergeSort sorts the indexes 0..n-1 with the stable merge sort of
// jsonata-js, where after(a, b) reports that a must come after b.
// vt, when not nil, advances by the turns jsonata-js's asynchronous merge
// sort spends (see evaluator.vt); the comparisons account for themselves.
func mergeSort(n int, after func(a, b int) (bool, error), vt *int64) ([]int, error) {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	if n <= 1 {
		return idx, nil
	}
	var ticks int64
	if vt == nil {
		vt = &ticks
	}
	buf := make([]int, n)
	var msort func(lo, hi int) error
	msort = func(lo, hi int) error {
		if hi-lo <= 1 {
			return nil
		}
		mid := lo + (hi-lo)/2
		if err := msort(lo, mid); err != nil {
			return err
		}
		*vt++
		if err := msort(mid, hi); err != nil {
			return err
		}
		*vt++
		defer func() { *vt += 2 }() // merge awaits merge_iter, msort awaits merge
		i, j, k := lo, mid, lo
		for i < mid && j < hi {
			swap, err := after(idx[i], idx[j])
			*vt++ // the recursive merge_iter
			if err != nil {
				return err
			}
			if swap {
				buf[k] = idx[j]
				j++
			} else {
				buf[k] = idx[i]
				i++
			}
			k++
		}
		for ; i < mid; i++ {
			buf[k] = idx[i]
			k++
		}
		for ; j < hi; j++ {
			buf[k] = idx[j]
			k++
		}
		copy(idx[lo:hi], buf[lo:hi])
		return nil
	}
	err := msort(0, n)
	*vt++ // sort awaits msort
	return idx, err
}

func (ev *evaluator) sortValues(step *node, input []Value, env *frame) ([]Value, error) {
	if len(input) <= 1 {
		return input, nil
	}
	keys, costs, err := ev.sortKeys(step, len(input), func(i int) (Value, *frame) { return input[i], env })
	if err != nil {
		return nil, err
	}
	order, err := mergeSort(len(input), ev.sortComparator(step, keys, costs), &ev.vt)
	ev.vt++ // evaluateSortExpression awaits the sort
	if err != nil {
		return nil, err
	}
	out := make([]Value, len(input))
	for i, j := range order {
		out[i] = input[j]
	}
	return out, nil
}

func (ev *evaluator) sortTuples(step *node, tuples []*tuple, env *frame) ([]*tuple, error) {
	if len(tuples) <= 1 {
		return tuples, nil
	}
	keys, costs, err := ev.sortKeys(step, len(tuples), func(i int) (Value, *frame) {
		return tuples[i].at, frameFromTuple(env, tuples[i])
	})
	if err != nil {
		return nil, err
	}
	order, err := mergeSort(len(tuples), ev.sortComparator(step, keys, costs), &ev.vt)
	ev.vt++ // evaluateSortExpression awaits the sort
	if err != nil {
		return nil, err
	}
	out := make([]*tuple, len(tuples))
	for i, j := range order {
		out[i] = tuples[j]
	}
	return out, nil
}
