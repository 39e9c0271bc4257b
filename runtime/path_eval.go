package aslrt

import "strconv"

// Evaluation follows Jayway JsonPath as AWS runs it:
//
//   - A definite path yields the node it names, or fails: a missing last
//     name gives "No results for path: $['a']['b']", a missing name on the
//     way gives "Missing property in path $['a']" (A3.3, A3.4). Stepping
//     into a value of the wrong type (a name into a string, an index into an
//     object) or past the end of an array counts as missing (A4.10).
//   - An indefinite path (wildcard, slice, filter, deep scan, several
//     indexes) does not fail when nodes are missing: it yields a JSON array
//     of its matches in document order, [] when nothing matches (A4.5,
//     A4.6). Only a path that would visit more than maxPathWork nodes
//     (nested deep scans over deep documents) fails.

type missKind uint8

const (
	missNone missKind = iota
	missNoResults
	missProperty
	missRoot
	missLimit
)

// pathMiss says where a definite path found nothing.
type pathMiss struct {
	kind missKind
	step int
}

// rootValue returns the document the path starts from.
func (p *Path) rootValue(input Value, s Scope) (Value, bool) {
	switch p.root {
	case RootContext:
		if s == nil {
			return nil, true
		}
		return s.ContextObject(), true
	case RootVariable:
		if s == nil {
			return nil, false
		}
		return s.Variable(p.variable)
	}
	return input, true
}

// mapItemScope is a Scope that knows the item of the Map iteration it
// belongs to while the iteration's ItemSelector is built, which its
// context object shows as $$.Map.Item (A14.9).
type mapItemScope interface {
	mapItem() (index int, value Value, ok bool)
}

// mapItem returns the value of a $$.Map.Item.Index or $$.Map.Item.Value
// path without building the context object, when s can tell it; ok false
// means the path must be evaluated as any other.
func (p *Path) mapItem(s Scope) (Value, bool) {
	ms, ok := s.(mapItemScope)
	if !ok {
		return nil, false
	}
	i, v, ok := ms.mapItem()
	if !ok {
		return nil, false
	}
	if p.item == mapItemIndex {
		return int64(i), true
	}
	return v, true
}

// Lookup evaluates the path against input; ok is false when a definite path
// selects nothing, when its root is a variable that does not exist, or when
// an indefinite path would visit more nodes than one evaluation may
// (otherwise an indefinite path always succeeds). It never fails, so
// it is also the presence test of Choice rules (IsPresent, A6.5), where a
// present null counts as present. The result shares containers with input;
// only an indefinite path (the array of its matches) and a last step of
// several names (the object of those members) allocate.
func (p *Path) Lookup(input Value, s Scope) (v Value, ok bool) {
	if p.names {
		return p.lookupNames(input)
	}
	if p.null {
		return nil, false
	}
	if p.item != noMapItem {
		if v, ok := p.mapItem(s); ok {
			return v, true
		}
	}
	doc, ok := p.rootValue(input, s)
	if !ok {
		return nil, false
	}
	v, m := p.resolve(doc)
	return v, m.kind == missNone
}

// lookupNames is Lookup of a path of names from "$": the member of each
// name in turn.
func (p *Path) lookupNames(v Value) (Value, bool) {
	for i := range p.steps {
		o, ok := v.(*Object)
		if !ok {
			return nil, false
		}
		if v, ok = o.Get(p.steps[i].name); !ok {
			return nil, false
		}
	}
	return v, true
}

// Exists reports whether the path selects a node of input: IsPresent.
func (p *Path) Exists(input Value, s Scope) bool {
	_, ok := p.Lookup(input, s)
	return ok
}

// Eval evaluates the path against input. When a definite path selects
// nothing it fails with States.Runtime and the cause AWS gives for
// InputPath, OutputPath, TimeoutSecondsPath and HeartbeatSecondsPath:
// "Invalid path '<path>' : No results for path: $['<key>']" (A3.3, A3.4,
// A8.13). Callers that word the failure differently use Lookup, or
// EvalField for fields of payload templates.
func (p *Path) Eval(input Value, s Scope) (Value, error) {
	if p.names {
		if v, ok := p.lookupNames(input); ok {
			return v, nil
		}
	}
	if p.null {
		return nil, NewError(ErrRuntime, "Invalid path 'null' : the path field is null")
	}
	if p.item != noMapItem {
		if v, ok := p.mapItem(s); ok {
			return v, nil
		}
	}
	doc, ok := p.rootValue(input, s)
	if !ok {
		return nil, NewError(ErrRuntime, "Invalid path '"+p.text+"' : "+p.missText(pathMiss{kind: missRoot}))
	}
	v, m := p.resolve(doc)
	if m.kind != missNone {
		return nil, NewError(ErrRuntime, "Invalid path '"+p.text+"' : "+p.missText(m))
	}
	return v, nil
}

// EvalField evaluates the path as the value of the field named field (for
// example "name.$" in a payload template, or "ErrorPath"); when it selects
// nothing it fails with States.Runtime and the cause
// "The JSONPath '<path>' specified for the field '<field>' could not be
// found in the input '<input as compact JSON>'" (A3.7, A3.8, A8.6).
func (p *Path) EvalField(input Value, s Scope, field string) (Value, error) {
	v, ok := p.Lookup(input, s)
	if !ok {
		return nil, fieldNotFound(p.text, field, input)
	}
	return v, nil
}

func fieldNotFound(path, field string, input Value) *Error {
	return NewError(ErrRuntime, "The JSONPath '"+path+"' specified for the field '"+field+
		"' could not be found in the input '"+string(AppendJSON(nil, input))+"'")
}

// missText renders a miss as Jayway words it.
func (p *Path) missText(m pathMiss) string {
	switch m.kind {
	case missProperty:
		return "Missing property in path " + p.jaywayText(m.step+1)
	case missRoot:
		return "No results for path: " + p.rootText()
	case missLimit:
		return "the path visits more than " + strconv.Itoa(maxPathWork) + " nodes"
	}
	return "No results for path: " + p.jaywayText(len(p.steps))
}

// maxPathWork bounds the nodes one evaluation may visit, so that paths
// such as $..*..*..* cannot keep an execution busy for ever.
const maxPathWork = 1 << 22

// evalState is shared by the steps and filters of one evaluation.
type evalState struct {
	root   Value // the document "$" in filters reads
	budget int   // nodes left to visit
}

// charge takes n units of work from the budget and reports whether some
// was left.
func (es *evalState) charge(n int) bool {
	es.budget -= n
	return es.budget >= 0
}

// resolve applies the steps to doc.
func (p *Path) resolve(doc Value) (Value, pathMiss) {
	if p.definite {
		return p.resolveIn(nil, doc)
	}
	es := evalState{root: doc, budget: maxPathWork}
	return p.resolveIn(&es, doc)
}

// resolveIn applies the steps to doc within the evaluation es, which may
// be nil for a definite path outside any filter.
func (p *Path) resolveIn(es *evalState, doc Value) (Value, pathMiss) {
	if !p.definite {
		out := make([]Value, 0, 4)
		es.collect(doc, p.steps, &out)
		if es.budget < 0 {
			return nil, pathMiss{kind: missLimit}
		}
		return out, pathMiss{}
	}
	cur := doc
	for i := range p.steps {
		st := &p.steps[i]
		switch st.kind {
		case stepName:
			obj, ok := cur.(*Object)
			if !ok {
				return nil, missAt(st, i)
			}
			v, ok := obj.Get(st.name)
			if !ok {
				return nil, missAt(st, i)
			}
			cur = v
		case stepIndex:
			arr, ok := cur.([]Value)
			if !ok {
				return nil, pathMiss{kind: missNoResults, step: i}
			}
			if cur, ok = arrayAt(arr, st.index); !ok {
				return nil, pathMiss{kind: missNoResults, step: i}
			}
		case stepNames:
			// Several names as the last step build one object of the
			// members that exist (Jayway's merge case).
			obj, ok := cur.(*Object)
			if !ok {
				return nil, pathMiss{kind: missNoResults, step: i}
			}
			cur = pickNames(obj, st.names)
		}
	}
	return cur, pathMiss{}
}

func missAt(st *pathStep, i int) pathMiss {
	if st.leaf {
		return pathMiss{kind: missNoResults, step: i}
	}
	return pathMiss{kind: missProperty, step: i}
}

func pickNames(obj *Object, names []string) *Object {
	n := 0
	for _, name := range names {
		if obj.Has(name) {
			n++
		}
	}
	out := NewObject(n)
	for _, name := range names {
		if v, ok := obj.Get(name); ok {
			out.Set(name, v)
		}
	}
	return out
}

// lookupIn evaluates the steps of a filter operand against doc.
func (p *Path) lookupIn(es *evalState, doc Value) (Value, bool) {
	v, m := p.resolveIn(es, doc)
	return v, m.kind == missNone
}

// maxScanDepth bounds the recursion of deep scans over hostile documents.
const maxScanDepth = 10000

// collect applies steps to cur, appending every match to out. Nodes a step
// cannot apply to are skipped.
func (es *evalState) collect(cur Value, steps []pathStep, out *[]Value) {
	if es.budget--; es.budget < 0 {
		return
	}
	if len(steps) == 0 {
		*out = append(*out, cur)
		return
	}
	st := &steps[0]
	rest := steps[1:]
	switch st.kind {
	case stepName:
		if obj, ok := cur.(*Object); ok {
			if v, ok := obj.Get(st.name); ok {
				es.collect(v, rest, out)
			}
		}
	case stepNames:
		obj, ok := cur.(*Object)
		if !ok {
			return
		}
		if len(rest) == 0 {
			*out = append(*out, pickNames(obj, st.names))
			return
		}
		for _, name := range st.names {
			if v, ok := obj.Get(name); ok {
				es.collect(v, rest, out)
			}
		}
	case stepIndex:
		if arr, ok := cur.([]Value); ok {
			if v, ok := arrayAt(arr, st.index); ok {
				es.collect(v, rest, out)
			}
		}
	case stepIndexes:
		if arr, ok := cur.([]Value); ok {
			for _, i := range st.indexes {
				if v, ok := arrayAt(arr, i); ok {
					es.collect(v, rest, out)
				}
			}
		}
	case stepWildcard:
		switch x := cur.(type) {
		case *Object:
			for _, m := range x.Members() {
				es.collect(m.Value, rest, out)
			}
		case []Value:
			for _, v := range x {
				es.collect(v, rest, out)
			}
		}
	case stepSlice:
		if arr, ok := cur.([]Value); ok {
			from, to := sliceBounds(st, len(arr))
			for i := from; i < to; i++ {
				if v, ok := arrayAt(arr, i); ok {
					es.collect(v, rest, out)
				}
			}
		}
	case stepFilter:
		switch x := cur.(type) {
		case []Value:
			for _, v := range x {
				if st.filter.test(es, v) {
					es.collect(v, rest, out)
				}
			}
		case *Object:
			// A filter applied to an object tests the object itself.
			if st.filter.test(es, x) {
				es.collect(x, rest, out)
			}
		}
	case stepScan:
		es.scan(cur, rest, out, 0)
	}
}

// scan applies steps to cur and to every node below it, in document order
// (Jayway's deep scan). A filter after ".." tests each object itself.
func (es *evalState) scan(cur Value, steps []pathStep, out *[]Value, depth int) {
	if depth > maxScanDepth || es.budget < 0 {
		return
	}
	switch x := cur.(type) {
	case *Object:
		es.collect(x, steps, out)
		for _, m := range x.Members() {
			es.scan(m.Value, steps, out, depth+1)
		}
	case []Value:
		if len(steps) == 0 || steps[0].kind != stepFilter {
			es.collect(x, steps, out)
		}
		for _, v := range x {
			es.scan(v, steps, out, depth+1)
		}
	default:
		if len(steps) == 0 {
			*out = append(*out, cur)
		}
	}
}

func arrayAt(arr []Value, i int) (Value, bool) {
	if i < 0 {
		i += len(arr)
	}
	if i < 0 || i >= len(arr) {
		return nil, false
	}
	return arr[i], true
}

// sliceBounds computes the index range [from, to) of a slice over an array
// of length n as Jayway does: [a:] and [:b] count negative bounds from the
// end; in [a:b] only the end is clipped to the length.
func sliceBounds(st *pathStep, n int) (from, to int) {
	switch {
	case st.hasFrom && !st.hasTo:
		from = st.from
		if from < 0 {
			from += n
		}
		return max(from, 0), n
	case !st.hasFrom && st.hasTo:
		to = st.to
		if to < 0 {
			to += n
		}
		return 0, min(to, n)
	}
	return st.from, min(st.to, n)
}
