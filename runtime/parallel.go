package aslrt

import (
	"context"
	"math"
	"sync"
	"sync/atomic"
)

// Group is one run of a Parallel state's branches or a Map state's
// iterations. The generated state function starts it (Exec.Parallel,
// Exec.Map) and runs every branch or iteration in a goroutine of its own.
// A Parallel state starts each branch but the last with StartBranch, runs
// the last itself with RunBranch and ends with Join:
//
//	p := x.Parallel(2)
//	aslrt.StartBranch(p, 0, in, m, (*Machine).runBranch0)
//	aslrt.RunBranch(p, 1, in, m, (*Machine).runBranch1)
//	out, err := p.Join()
//
// which does what an errgroup derived from the Exec's context does with
// Branch:
//
//	p := x.Parallel(2)
//	g, ctx := errgroup.WithContext(x.Context())
//	g.Go(func() error { return p.Branch(ctx, 0, in, m.runBranch0) })
//	g.Go(func() error { return p.Branch(ctx, 1, in, m.runBranch1) })
//	out, err := p.Wait(g.Wait())
//
// A Map state runs its iterations in an errgroup (Exec.Map).
//
// Each branch and iteration runs in a scope of its own (own variables,
// own virtual time, own count of events: history) whose parent is the
// state's scope. The first failure cancels the context of the others,
// which stops them, and Join or Wait returns that failure: the branch's
// own error (A9.6, A9.7, A12.4).
type Group struct {
	x       *Exec
	hist    group // the branches' or iterations' history segments or counts
	results []Value
	fork    int64 // virtual time when the group started
	isMap   bool
	scoped  bool // branches see the outer variables
	items   []Value
	// itemBound bounds the size of every item, or is -1: the bound the
	// scope kept for the items array when the Map started (size.go)
	itemBound int
	// quick is set for a Map whose iterations may enter their first
	// state as Exec.fresh says: on a real clock, without a history hook
	// or logger, in an execution without a history limit (EXPRESS)
	quick  bool
	lanes  int // iterations that may overlap in virtual time
	tol    tolerance
	failed atomic.Int64
	errs   []*failure // tolerated failures, by item
	// scopes are the scopes of a Parallel state's branches, in one
	// allocation.
	scopes []Exec
	// next is the next item a Map worker takes (Work).
	next atomic.Int64
	// size is the sum of the bounds of the sizes of the results so far,
	// and psizes the parent's bounds when the group started, which the
	// branches and iterations start from (size.go).
	size   atomic.Int64
	psizes sizes

	// The goroutines of a Parallel state's branches (StartBranch, Join):
	// their context, cancelled with the first failure as its cause, and
	// that failure.
	ctx    context.Context
	cancel context.CancelCauseFunc
	wg     sync.WaitGroup
	erred  atomic.Bool
	err    error
}

// Parallel starts the n branches of the current Parallel state: the
// ParallelStateStarted event.
func (x *Exec) Parallel(n int) *Group {
	x.record(&Event{Type: ParallelStateStarted, State: x.st.Name})
	g := x.newGroup(n, false)
	g.scopes = make([]Exec, n)
	return g
}

func (x *Exec) newGroup(n int, isMap bool) *Group {
	x.owned = nil // the branches and iterations read the input
	if x.entered == 0 {
		// Branches share the state's EnteredTime, and the state's fields
		// must not change while they run.
		x.entered = x.Now().UnixNano()
	}
	g := &Group{x: x, results: make([]Value, n), isMap: isMap, scoped: true, psizes: x.sizes}
	if x.tl != nil {
		g.fork = x.tl.now.Load()
		g.lanes = n
	}
	x.e.h.startGroup(&g.hist, x.seg, n, isMap && !x.e.h.sink, x.tl != nil)
	return g
}

// Len returns the number of branches or iterations.
func (g *Group) Len() int { return len(g.results) }

// Branch runs branch i of a Parallel state with input in: fn is the
// branch's state loop, run in a new scope. It returns the branch's error
// for the errgroup.
func (g *Group) Branch(ctx context.Context, i int, in Value, fn func(*Exec, Value) (Value, error)) error {
	kx := g.branchScope(ctx, i)
	out, err := fn(kx, in)
	return g.done(kx, i, out, err, nil)
}

// branchScope returns the new scope of branch i in ctx.
func (g *Group) branchScope(ctx context.Context, i int) *Exec {
	kx := &g.scopes[i]
	g.initKid(kx, ctx, i, &g.hist.kids[i], false)
	return kx
}

// StartBranch runs branch i of the Parallel state of g in a goroutine of
// its own: fn, the branch's state loop, a method of the generated machine
// m, runs on input in in the branch's new scope. The first branch to fail
// cancels the others (through their scopes' context, derived from the
// Exec's). Group.Join waits for them all.
//
// The branch's scope is made here, on the caller's goroutine, and fn is a
// method expression, not a method value (which would add a frame of its
// own), so that the branch's goroutine starts with one small frame below
// its state loop: a goroutine starts with a small stack, which has to
// grow, and be copied, when an allocation deep in a state loop takes the
// slow path.
func StartBranch[M any](g *Group, i int, in Value, m M, fn func(M, *Exec, Value) (Value, error)) {
	g.start(i, in)
	go func() {
		out, err := fn(m, &g.scopes[i], g.results[i])
		g.finish(i, out, err)
	}()
}

// RunBranch runs branch i as StartBranch does, but on the calling
// goroutine, which would otherwise wait in Join: a Parallel state runs its
// last branch so, after starting the others. Its failure cancels the
// others as theirs cancels it.
func RunBranch[M any](g *Group, i int, in Value, m M, fn func(M, *Exec, Value) (Value, error)) {
	g.start(i, in)
	out, err := fn(m, &g.scopes[i], g.results[i])
	g.finish(i, out, err)
}

// start makes the scope of branch i, started by StartBranch with input
// in, in the context of the group's branches. Until the branch ends, its
// result slot holds its input, so that the goroutine's function has less
// to keep.
func (g *Group) start(i int, in Value) {
	if g.cancel == nil {
		g.ctx, g.cancel = context.WithCancelCause(g.x.ctx)
	}
	g.wg.Add(1)
	g.branchScope(g.ctx, i)
	g.results[i] = in
}

// finish ends branch i started by StartBranch with its output out or
// its error err.
func (g *Group) finish(i int, out Value, err error) {
	if err != nil {
		g.results[i], out = nil, nil // the slot held the input
	}
	g.end(g.done(&g.scopes[i], i, out, err, nil))
}

// end ends a branch started by StartBranch, with err from done: the first
// failure cancels the other branches.
func (g *Group) end(err error) {
	if err != nil && g.erred.CompareAndSwap(false, true) {
		g.err = err
		g.cancel(err)
	}
	g.wg.Done()
}

// Join waits for the branches started by StartBranch (and run by
// RunBranch) and ends the group as Wait does, with the first branch's
// failure.
func (g *Group) Join() ([]Value, error) {
	g.wg.Wait()
	if g.cancel != nil {
		g.cancel(g.err)
	}
	return g.Wait(g.err)
}

// initKid makes kx the scope of branch or iteration i, with segment seg;
// again says kx was the scope of the previous item of the same Map worker
// (Exec.reset).
func (g *Group) initKid(kx *Exec, ctx context.Context, i int, seg *segment, again bool) {
	// The parent is waiting for its branches: its fields are stable.
	kx.reset(ctx, g.x, seg, g.parentScope(), &g.psizes, again)
	if g.x.tl != nil {
		g.startTime(kx, i)
	}
}

// parentScope returns the scope whose variables the branches or
// iterations see, or nil.
func (g *Group) parentScope() *Exec {
	if g.scoped {
		return g.x
	}
	return nil
}

// startTime sets the virtual time at which branch or iteration i starts in
// its scope kx: when the group started, or for a Map the end of the
// iteration Limit() items before.
func (g *Group) startTime(kx *Exec, i int) {
	h := g.x.e.h
	start := g.fork
	if j := i - g.lanes; j >= 0 {
		if g.hist.counts != nil {
			h.waitItem(&g.hist, j)
			start = max(start, g.hist.ends[j])
		} else {
			h.waitFinished(&g.hist.kids[j])
			start = max(start, g.hist.kids[j].end)
		}
	}
	kx.tl = &kx.ownTL
	kx.tl.now.Store(start)
}

// reset makes kx a new scope inside x, as if it were
//
//	Exec{ctx: ctx, e: x.e, seg: seg, parent: parent, sizes: *sizes,
//		st: x.st, stSeg: x.stSeg, stIdx: x.stIdx, entered: x.entered,
//		retries: x.retries, enteredText: x.enteredText}
//
// kx may be the scope of an earlier iteration of the same Map worker:
// fields that already hold their new value are not written again, which
// saves the write barriers of a whole-struct assignment (TestScopeReset).
// With again, kx was the scope of the worker's previous item, in the same
// context and execution, and keeps its context and its task context
// (Exec.taskContext): a goroutine that task left running may still read
// it. Any scope keeps res, the facts of a resource, which depend on its
// ARN alone, and ints and intsLeft, the integers intValue has not handed
// out yet.
func (kx *Exec) reset(ctx context.Context, x *Exec, seg *segment, parent *Exec, sizes *sizes, again bool) {
	if !again {
		kx.ctx, kx.calm = ctx, false
	}
	if kx.seg != seg {
		kx.seg = seg
	}
	if kx.e != x.e {
		kx.e = x.e
	}
	if kx.parent != parent {
		kx.parent = parent
	}
	if kx.vars != nil {
		kx.vars = nil
	}
	if kx.tl != nil {
		kx.tl = nil
	}
	if kx.ownTL.now.Load() != 0 {
		kx.ownTL.now.Store(0)
	}
	if kx.st != x.st {
		kx.st = x.st
	}
	if kx.stSeg != x.stSeg {
		kx.stSeg = x.stSeg
	}
	kx.stIdx, kx.entered, kx.retries = x.stIdx, x.entered, x.retries
	if kx.enteredText != "" || x.enteredText != "" {
		kx.enteredText = x.enteredText // no call comparing two empty strings
	}
	// Each pointer on its own: most are nil already (Enter clears the
	// item, and the previous item did not need the others).
	if kx.ctxObj != nil {
		kx.ctxObj = nil
	}
	if kx.item != nil {
		kx.item = nil
	}
	if kx.ownItem.value != nil {
		kx.ownItem.value = nil
	}
	kx.ownItem.index = 0
	if kx.owned != nil {
		kx.owned = nil
	}
	if kx.cleanArgs != nil {
		kx.cleanArgs = nil
	}
	if kx.token != "" || kx.assigned != nil || kx.lastErr != nil || kx.lastFail != nil {
		kx.token, kx.assigned, kx.lastErr, kx.lastFail = "", nil, nil, nil
	}
	kx.open, kx.plain, kx.fresh = false, 0, false
	if !again && kx.tc != nil {
		kx.tc = nil
	}
	for j := range kx.sizes.slot {
		if kx.sizes.slot[j].k != sizes.slot[j].k {
			kx.sizes.slot[j].k = sizes.slot[j].k
		}
		kx.sizes.slot[j].n = sizes.slot[j].n
	}
	kx.sizes.cur = sizes.cur
}

// done ends branch or iteration i with out or err. The bound of the size
// of out is added to *size, or without size to the group's.
func (g *Group) done(kx *Exec, i int, out Value, err error, size *int64) error {
	if err != nil {
		err = kx.mark(err)
		if _, ok := err.(*haltError); ok && kx.open && kx.stSeg == kx.seg {
			// The state running when the branch was stopped (A13.17).
			if t := abortedEvents[kx.st.Type]; t != "" {
				kx.record(&Event{Type: t, State: kx.st.Name})
			}
		}
	}
	var exceeded bool
	failed := err != nil
	if err == nil {
		g.results[i] = out
		if n := int64(kx.sizeOf(out)); size != nil {
			*size += n
		} else {
			g.size.Add(n)
		}
	}
	if g.isMap {
		if g.x.e.h.sink {
			ev := Event{State: g.x.st.Name, Index: i}
			switch err.(type) {
			case nil:
				ev.Type = MapIterationSucceeded
			case *haltError:
				ev.Type = MapIterationAborted
			default:
				ev.Type = MapIterationFailed
			}
			kx.record(&ev)
		} else {
			kx.seg.n++ // MapIterationSucceeded, ...Failed or ...Aborted
		}
		if f, ok := err.(*failure); ok && g.tol.set() && f.err.Name != ErrRuntime {
			n := g.failed.Add(1)
			if g.tol.allows(n, len(g.results)) {
				g.errs[i] = f
				err = nil
			} else {
				exceeded = true
			}
		}
	}
	switch {
	case g.hist.counts != nil:
		if kx.tl != nil {
			g.hist.ends[i] = kx.tl.now.Load()
		}
		if failed {
			g.x.e.h.retire(&g.hist, kx.seg)
		}
		if g.x.e.maxEvents != math.MaxInt64 {
			g.hist.done.Add(kx.seg.n)
		}
		g.x.e.h.finishItem(&g.hist.counts[i], kx.seg.n)
	default:
		if kx.tl != nil {
			g.hist.kids[i].end = kx.tl.now.Load()
		}
		g.x.e.h.finish(&g.hist, i)
	}
	if exceeded {
		return &failure{err: &Error{Name: ErrExceedToleratedFailureThreshold, Cause: "The specified tolerated failure threshold was exceeded"}}
	}
	return err
}

// Wait ends the group, given what errgroup.Wait returned: the results in
// branch or item order (A12.2, A13.5), or the error the state fails with,
// also States.DataLimitExceeded when the results are more than
// MaxPayloadSize bytes of JSON.
// It records the state's ...Succeeded or ...Failed event, and moves the
// state's virtual time to the end of the latest branch or iteration.
func (g *Group) Wait(err error) ([]Value, error) {
	x := g.x
	x.e.h.join(&g.hist)
	if x.tl != nil {
		end := g.fork
		for i := range g.hist.kids {
			end = max(end, g.hist.kids[i].end)
		}
		for _, t := range g.hist.ends {
			end = max(end, t)
		}
		storeMax(&x.tl.now, end)
	}
	succeeded, failed := ParallelStateSucceeded, ParallelStateFailed
	if g.isMap {
		succeeded, failed = MapStateSucceeded, MapStateFailed
	}
	if err == nil && x.seg.events() >= x.e.maxEvents {
		// Branches or iterations that ran side by side went past the
		// history limit without seeing each other's events (history).
		err = x.historyFull()
	}
	if err == nil {
		if x.ctx.Err() != nil {
			return nil, x.halt()
		}
		n := 2 + max(len(g.results)-1, 0) + int(min(g.size.Load(), MaxPayloadSize+1))
		for i, f := range g.errs {
			if f != nil {
				g.results[i] = ErrorOutput(f.render())
				n += sizeBound(g.results[i])
			}
		}
		// A result array of more than MaxPayloadSize bytes fails the
		// state with States.DataLimitExceeded naming it, as AWS reports
		// for a Map whose results outgrow the limit (A19.1, A17.6).
		n, ok := fits(g.results, n)
		if !ok {
			err := x.userError(ResultTooLarge(x.stateName()))
			x.record(&Event{Type: failed, State: x.st.Name, err: err})
			return nil, err
		}
		x.noteSize(g.results, n)
		x.record(&Event{Type: succeeded, State: x.st.Name})
		return g.results, nil
	}
	err = x.mark(err)
	if _, ok := err.(*haltError); ok {
		return nil, err
	}
	x.record(&Event{Type: failed, State: x.st.Name, err: err})
	return nil, err
}
