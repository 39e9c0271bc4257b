package aslrt

import (
	"context"
	"math"
	"strconv"
	"strings"
)

// DefaultMapConcurrency is how many iterations of an inline Map state run
// at once at most, as in AWS, also when MaxConcurrency is 0 (no limit) or
// larger (A13.11, A19.6). DistributedMapConcurrency is the same for
// distributed Map states.
const (
	DefaultMapConcurrency     = 40
	DistributedMapConcurrency = 10000
)

// MapConfig is the run-time configuration of one run of a Map state:
// literal fields from the definition or values read by the ...Path
// functions.
type MapConfig struct {
	// MaxConcurrency bounds the iterations running at once; 0 means no
	// bound of the definition's (DefaultMapConcurrency applies).
	MaxConcurrency int
	// ToleratedFailureCount and ToleratedFailurePercentage are the
	// tolerated failures; they apply only when the ...Set flags are true.
	ToleratedFailureCount      int64
	ToleratedFailureCountSet   bool
	ToleratedFailurePercentage float64
	ToleratedPercentageSet     bool
	// Distributed is true for ProcessorConfig Mode DISTRIBUTED: iterations
	// are child executions that see no outer variables (A15.9).
	Distributed bool
}

type tolerance struct {
	count      int64
	pct        float64
	hasCount   bool
	hasPercent bool
}

func (t tolerance) set() bool { return t.hasCount || t.hasPercent }

// allows reports whether failed failures out of total items are tolerated.
func (t tolerance) allows(failed int64, total int) bool {
	if t.hasCount && failed > t.count {
		return false
	}
	if t.hasPercent && float64(failed)*100 > t.pct*float64(total) {
		return false
	}
	return true
}

// Map starts the iterations of the current Map state over items: the
// MapStateStarted event (A13.5). Generated code runs iteration i with
// Group.Iteration, in an errgroup limited to Group.Limit().
func (x *Exec) Map(items []Value, cfg MapConfig) *Group {
	x.record(&Event{Type: MapStateStarted, State: x.st.Name, Index: len(items)})
	g := x.newGroup(len(items), true)
	g.items = items
	g.quick = x.tl == nil && !x.e.h.sink && x.e.maxEvents == math.MaxInt64
	g.itemBound = -1
	if n, ok := x.knownSize(items); ok {
		g.itemBound = n
	}
	g.scoped = !cfg.Distributed
	g.tol = tolerance{
		count:      cfg.ToleratedFailureCount,
		pct:        cfg.ToleratedFailurePercentage,
		hasCount:   cfg.ToleratedFailureCountSet && cfg.ToleratedFailureCount > 0,
		hasPercent: cfg.ToleratedPercentageSet && cfg.ToleratedFailurePercentage > 0,
	}
	if g.tol.set() {
		g.errs = make([]*failure, len(items))
	}
	bound := DefaultMapConcurrency
	if cfg.Distributed {
		bound = DistributedMapConcurrency
	}
	g.lanes = cfg.MaxConcurrency
	if g.lanes <= 0 || g.lanes > bound {
		g.lanes = bound
	}
	return g
}

// Limit returns the limit to give the errgroup of a Map state: the
// MaxConcurrency, bounded by DefaultMapConcurrency (or, for a distributed
// Map, DistributedMapConcurrency), which is also the limit when
// MaxConcurrency is 0.
func (g *Group) Limit() int { return g.lanes }

// Items returns the items the Map iterates over.
func (g *Group) Items() []Value { return g.items }

// Iteration runs iteration i of a Map state: fn gets the iteration's scope
// and item and returns the iteration's result. Inside fn, until the first
// state is entered, the scope's context object carries Map.Item.Index and
// Map.Item.Value (A14.9): fn evaluates the ItemSelector with it (A13.3).
// The history gets MapIterationStarted, then the iteration's events, then
// MapIterationSucceeded, ...Failed or ...Aborted. A failure tolerated by
// ToleratedFailureCount/Percentage leaves the item's error output in its
// place and does not stop the others; one failure too many fails the Map
// with States.ExceedToleratedFailureThreshold (A13.16). States.Runtime is
// never tolerated: it fails the Map with its own error.
//
// Iterations must be started in index order (a for loop over the items),
// as the virtual clock runs iteration i after iteration i-Limit(). Work
// does so for a pool of workers.
func (g *Group) Iteration(ctx context.Context, i int, fn func(*Exec, Value) (Value, error)) error {
	w := new(worker)
	seg := &w.seg
	err := g.iterate(w, &seg, ctx, i, fn, false, false)
	g.size.Add(w.size)
	return err
}

// worker is the scope of a Map worker (Work) or iteration (Iteration),
// with the segment its iterations record their events in when the group
// is counted (group.counts), and the sum of the bounds of the sizes of
// its results, which it adds to the group's when it ends.
type worker struct {
	x    Exec
	seg  segment
	size int64
}

// Workers returns how many workers the generated code runs Work in: the
// Map's limit (Limit), or fewer when there are fewer items.
func (g *Group) Workers() int { return min(g.lanes, len(g.items)) }

// Work runs iterations of the Map state on the calling goroutine, one
// after the other, as Iteration does: it takes the next item not taken
// yet, in index order, until none is left or ctx is done, and stops at the
// first iteration that fails, returning its error. Generated code runs
// Workers() of them in an errgroup derived from the Exec's context:
//
//	g, ctx := errgroup.WithContext(x.Context())
//	for range mp.Workers() {
//		g.Go(func() error { return mp.Work(ctx, iterate) })
//	}
//	results, err := mp.Wait(g.Wait())
//
// The iterations of one worker reuse one scope; an item taken after
// another iteration failed is not started (no MapIterationStarted).
func (g *Group) Work(ctx context.Context, fn func(*Exec, Value) (Value, error)) error {
	w := new(worker)
	seg := &w.seg
	for again := false; ctx.Err() == nil; again = true {
		i := int(g.next.Add(1) - 1)
		if i >= len(g.items) {
			break
		}
		if err := g.iterate(w, &seg, ctx, i, fn, again, true); err != nil {
			g.size.Add(w.size)
			return err
		}
	}
	g.size.Add(w.size)
	return nil
}

// iterate runs iteration i in the scope of w. In a counted group the
// iteration records its events in *seg, which is replaced by a new
// segment when the iteration fails (done retires the old one,
// history.retire); in others, in its own segment of the group. checked
// says ctx was found not done just now (Work), so that the iteration's
// first state may be entered without asking it again (Exec.fresh).
func (g *Group) iterate(w *worker, seg **segment, ctx context.Context, i int, fn func(*Exec, Value) (Value, error), again, checked bool) error {
	kx := &w.x
	counted := g.hist.counts != nil
	var s *segment
	if counted {
		s = *seg
		s.use(&g.hist, i)
	} else {
		s = &g.hist.kids[i]
	}
	kx.reset(ctx, g.x, s, g.parentScope(), &g.psizes, again) // initKid
	if g.x.tl != nil {
		g.startTime(kx, i)
	}
	kx.ownItem = mapItem{index: i, value: g.items[i], bound: g.itemBound}
	kx.item = &kx.ownItem
	kx.fresh = checked && g.quick
	if g.x.e.h.sink {
		kx.record(&Event{Type: MapIterationStarted, State: g.x.st.Name, Index: i})
	} else {
		kx.seg.n++ // MapIterationStarted
	}
	out, err := fn(kx, g.items[i])
	if err != nil || !counted {
		if counted {
			*seg = new(segment) // done retires s
		}
		return g.done(kx, i, out, err, &w.size)
	}
	// What done does for a counted iteration that succeeded.
	g.results[i] = out
	w.size += int64(kx.sizeOf(out))
	s.n++ // MapIterationSucceeded
	if kx.tl != nil {
		g.hist.ends[i] = kx.tl.now.Load()
	}
	if g.x.e.maxEvents != math.MaxInt64 {
		g.hist.done.Add(s.n) // for segment.events under a history limit
	}
	g.x.e.h.finishItem(&g.hist.counts[i], s.n)
	return nil
}

// MapItems returns the items a JSONPath Map state iterates over: the value
// ItemsPath selects in the effective input (A13.1), which must be an array:
// otherwise the state fails with States.Runtime and the cause
// `Reference path "<path>" must point to array.`; for a path into the
// context object one leading '$' is dropped from the path in the message
// (A13.6).
func (x *Exec) MapItems(itemsPath *Path, in Value) ([]Value, error) {
	if itemsPath == nil {
		itemsPath = rootPath
	}
	v, err := itemsPath.Eval(in, x)
	if err != nil {
		return nil, err
	}
	arr, ok := v.([]Value)
	if !ok {
		p := itemsPath.String()
		if strings.HasPrefix(p, "$$") {
			p = p[1:]
		}
		return nil, NewError(ErrRuntime, "Reference path \""+p+"\" must point to array.")
	}
	// A selection is bounded by what it selects from: every item's
	// ItemSelector can then be bounded without measuring the item.
	if itemsPath.root == RootInput && itemsPath.definite {
		if n, ok := x.knownSize(in); ok {
			x.noteSize(arr, n)
		}
	}
	return arr, nil
}

var rootPath = MustReferencePath("$")

// MapItemsValue checks the value of a JSONata Map state's Items field, the
// expression expr: it must be an array, or the state fails with
// States.QueryEvaluationError (A13.7).
func MapItemsValue(v Value, expr string) ([]Value, error) {
	if arr, ok := v.([]Value); ok {
		return arr, nil
	}
	return nil, NewError(ErrQueryEvaluationError, "The JSONata expression '"+expr+"' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '"+TypeName(v)+"' for value: "+EncodeString(v))
}

// MapInputItems checks the input of a JSONata Map state without Items,
// which must be an array (A13.8).
func MapInputItems(in Value) ([]Value, error) {
	if arr, ok := in.([]Value); ok {
		return arr, nil
	}
	return nil, NewError(ErrQueryEvaluationError, "Map state input must be an array but was: "+EncodeString(in))
}

// valueText is how AWS quotes a value in the causes of the Map ...Path
// fields: strings as they are, anything else as compact JSON.
func valueText(v Value) string {
	if s, ok := v.(string); ok {
		return s
	}
	return EncodeString(v)
}

// pathInteger reads an integer for a Map ...Path field: a JSON integer or a
// string holding one (Java's Integer.parseInt).
func pathInteger(v Value) (int64, bool) {
	switch n := v.(type) {
	case int64:
		return n, n >= math.MinInt32 && n <= math.MaxInt32
	case string:
		i, err := strconv.ParseInt(n, 10, 32)
		return i, err == nil
	}
	return 0, false
}

// MaxConcurrencyPath reads a Map state's MaxConcurrencyPath (A13.12). A
// value that is not an integer fails with States.Runtime and AWS's cause;
// a negative one, on which AWS stalls the execution (A13.13), fails with
// States.Runtime here.
func (x *Exec) MaxConcurrencyPath(p *Path, in Value) (int, error) {
	v, err := p.Eval(in, x)
	if err != nil {
		return 0, err
	}
	n, ok := pathInteger(v)
	if !ok {
		return 0, NewError(ErrRuntime, "The MaxConcurrencyPath field refers to value \""+valueText(v)+"\" which is not a valid integer: "+p.String())
	}
	if n < 0 {
		return 0, NewError(ErrRuntime, "MaxConcurrency cannot be negative.")
	}
	return int(n), nil
}

// ToleratedFailureCountPath reads a Map state's ToleratedFailureCountPath
// (A13.14).
func (x *Exec) ToleratedFailureCountPath(p *Path, in Value) (int64, error) {
	v, err := p.Eval(in, x)
	if err != nil {
		return 0, err
	}
	n, ok := pathInteger(v)
	if !ok {
		return 0, NewError(ErrRuntime, "The ToleratedFailureCountPath field refers to value \""+valueText(v)+"\" which is not a valid integer: "+p.String())
	}
	if n < 0 {
		return 0, NewError(ErrRuntime, "ToleratedFailureCount cannot be negative.")
	}
	return n, nil
}

// ToleratedFailurePercentagePath reads a Map state's
// ToleratedFailurePercentagePath (A13.15); fractions are allowed.
func (x *Exec) ToleratedFailurePercentagePath(p *Path, in Value) (float64, error) {
	v, err := p.Eval(in, x)
	if err != nil {
		return 0, err
	}
	var f float64
	ok := false
	switch n := v.(type) {
	case int64, float64:
		f, ok = Float(n)
	case string:
		var perr error
		f, perr = strconv.ParseFloat(strings.TrimSpace(n), 64)
		ok = perr == nil
	}
	if !ok {
		return 0, NewError(ErrRuntime, "The ToleratedFailurePercentagePath field refers to value \""+valueText(v)+"\" which is not a valid float: "+p.String())
	}
	if !(f >= 0 && f <= 100) {
		return 0, NewError(ErrRuntime, "ToleratedFailurePercentage must be between 0 and 100.")
	}
	return f, nil
}

// ItemBatcher is a Map state's ItemBatcher, with its ...Path fields
// already read.
type ItemBatcher struct {
	// MaxItemsPerBatch bounds the items of a batch; 0 means no bound.
	MaxItemsPerBatch int
	// MaxInputBytesPerBatch bounds the JSON size of a batch's input (the
	// whole {"BatchInput", "Items"} object); 0 means no bound.
	MaxInputBytesPerBatch int
	// BatchInput is added to every batch when it is not nil.
	BatchInput Value
}

// Batches groups items into the iteration inputs of a Map state with an
// ItemBatcher: {"BatchInput": ..., "Items": [...]} with at most
// MaxItemsPerBatch items and MaxInputBytesPerBatch bytes each, in order
// (A13.19). An item too large for a batch of its own gets a batch of its
// own.
func (b *ItemBatcher) Batches(items []Value) []Value {
	var out []Value
	base := 2 + len(`"Items":[]`)
	if b.BatchInput != nil {
		base += len(`"BatchInput":,`) + JSONSize(b.BatchInput, math.MaxInt)
	}
	var cur []Value
	size := base
	flush := func() {
		o := NewObject(2)
		if b.BatchInput != nil {
			o.Set("BatchInput", b.BatchInput)
		}
		o.Set("Items", cur)
		out = append(out, o)
		cur, size = nil, base
	}
	for _, it := range items {
		n := JSONSize(it, math.MaxInt)
		if len(cur) > 0 {
			n++ // comma
		}
		full := b.MaxItemsPerBatch > 0 && len(cur) >= b.MaxItemsPerBatch
		big := b.MaxInputBytesPerBatch > 0 && size+n > b.MaxInputBytesPerBatch
		if len(cur) > 0 && (full || big) {
			flush()
			n-- // the first item of a batch has no comma
		}
		cur = append(cur, it)
		size += n
	}
	if len(cur) > 0 {
		flush()
	}
	if out == nil {
		out = []Value{}
	}
	return out
}
