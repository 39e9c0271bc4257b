package aslrt

import (
	"cmp"
	"context"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// EventType is the type of a history event, named as in AWS's execution
// history (GetExecutionHistory).
type EventType string

// The history event types the runtime records.
const (
	ExecutionStarted   EventType = "ExecutionStarted"
	ExecutionSucceeded EventType = "ExecutionSucceeded"
	ExecutionFailed    EventType = "ExecutionFailed"
	ExecutionTimedOut  EventType = "ExecutionTimedOut"
	ExecutionAborted   EventType = "ExecutionAborted"

	PassStateEntered     EventType = "PassStateEntered"
	PassStateExited      EventType = "PassStateExited"
	TaskStateEntered     EventType = "TaskStateEntered"
	TaskStateExited      EventType = "TaskStateExited"
	TaskStateAborted     EventType = "TaskStateAborted"
	ChoiceStateEntered   EventType = "ChoiceStateEntered"
	ChoiceStateExited    EventType = "ChoiceStateExited"
	WaitStateEntered     EventType = "WaitStateEntered"
	WaitStateExited      EventType = "WaitStateExited"
	WaitStateAborted     EventType = "WaitStateAborted"
	SucceedStateEntered  EventType = "SucceedStateEntered"
	SucceedStateExited   EventType = "SucceedStateExited"
	FailStateEntered     EventType = "FailStateEntered"
	ParallelStateEntered EventType = "ParallelStateEntered"
	ParallelStateExited  EventType = "ParallelStateExited"
	MapStateEntered      EventType = "MapStateEntered"
	MapStateExited       EventType = "MapStateExited"

	TaskScheduled EventType = "TaskScheduled"
	TaskStarted   EventType = "TaskStarted"
	TaskSubmitted EventType = "TaskSubmitted"
	TaskSucceeded EventType = "TaskSucceeded"
	TaskFailed    EventType = "TaskFailed"
	TaskTimedOut  EventType = "TaskTimedOut"

	LambdaFunctionScheduled EventType = "LambdaFunctionScheduled"
	LambdaFunctionStarted   EventType = "LambdaFunctionStarted"
	LambdaFunctionSucceeded EventType = "LambdaFunctionSucceeded"
	LambdaFunctionFailed    EventType = "LambdaFunctionFailed"
	LambdaFunctionTimedOut  EventType = "LambdaFunctionTimedOut"

	ActivityScheduled EventType = "ActivityScheduled"
	ActivityStarted   EventType = "ActivityStarted"
	ActivitySucceeded EventType = "ActivitySucceeded"
	ActivityFailed    EventType = "ActivityFailed"
	ActivityTimedOut  EventType = "ActivityTimedOut"

	ParallelStateStarted   EventType = "ParallelStateStarted"
	ParallelStateSucceeded EventType = "ParallelStateSucceeded"
	ParallelStateFailed    EventType = "ParallelStateFailed"
	ParallelStateAborted   EventType = "ParallelStateAborted"

	MapStateStarted       EventType = "MapStateStarted"
	MapStateSucceeded     EventType = "MapStateSucceeded"
	MapStateFailed        EventType = "MapStateFailed"
	MapStateAborted       EventType = "MapStateAborted"
	MapIterationStarted   EventType = "MapIterationStarted"
	MapIterationSucceeded EventType = "MapIterationSucceeded"
	MapIterationFailed    EventType = "MapIterationFailed"
	MapIterationAborted   EventType = "MapIterationAborted"

	EvaluationFailed EventType = "EvaluationFailed"
)

// Event is one event of an execution's history.
type Event struct {
	// ID is the event's id: 1 for ExecutionStarted, then one more per event
	// over the whole execution (A18.1). State failures quote these ids.
	ID   int64
	Type EventType
	// Time is when the event happened, on the execution's clock.
	Time time.Time
	// State is the name of the state the event belongs to; for Map
	// iteration events, the Map state's name.
	State string
	// Input is the input of ...StateEntered and ExecutionStarted, and the
	// parameters of ...Scheduled events.
	Input Value
	// Output is the output of ...StateExited, ...Succeeded task events and
	// ExecutionSucceeded.
	Output Value
	// Error and Cause describe the failure of ...Failed, ...TimedOut and
	// EvaluationFailed events; either may be empty.
	Error, Cause string
	// Resource is the resource of task events.
	Resource string
	// Index is the iteration index of Map iteration events and the item
	// count of MapStateStarted.
	Index int
	// Assigned holds the variables a state assigned, on its ...StateExited
	// event (A15.14); nil when it assigned none.
	Assigned *Object

	err error // failure rendered into Error and Cause on delivery
}

// maxHistoryEvents is the most events an execution's history can hold;
// the ExecutionFailed event that ends such an execution is the last one
// (A19.2).
const maxHistoryEvents = 25000

// history numbers the events of one execution and delivers them to the
// hook in id order.
//
// Events are counted per segment: the execution itself, and each Parallel
// branch and Map iteration, which get one segment each (without a hook or
// logger, a Map keeps a count per iteration instead: group). A segment is
// counted by its scope's goroutine alone, with a plain integer. A branch's
// events are numbered as if the branches before it had all run first, so
// ids do not depend on how concurrent branches interleave: the first event
// of branch k comes right after the last event of branch k-1. A segment's
// base (the id before its first event) is known once everything before it
// has finished; until then a hook's events wait in the segment's buffer.
// Without a hook or logger nothing waits for ids: bases are worked out
// when a failure's cause needs one (id) and when a group ends.
//
// The history limit (A19.2) is checked on entering a state against the
// events the scope can count without asking its siblings: its own, those
// of the enclosing scopes up to the start of its group, and those of the
// branches or iterations of its group that have finished (segment.events).
// Within one scope, and whenever no Parallel or Map runs, that is every
// event of the execution. Branches running side by side do not see each
// other's unfinished events, so one of them may run a few states past
// the limit before the next state anywhere fails; the execution fails
// all the same, with the same error, as States.Runtime cannot be caught.
type history struct {
	hook   func(Event)
	logger *slog.Logger
	sink   bool // hook or logger set
	name   string

	mu   sync.Mutex
	cond sync.Cond // broadcast when a segment's base becomes known or a segment finishes
	// waiters counts the goroutines waiting on cond; a segment that
	// finishes without a hook broadcasts only when there are some.
	waiters atomic.Int32
}

// segment counts the events of one execution scope.
type segment struct {
	n int64 // events recorded so far, including finished groups; owned by the scope's goroutine
	// grp is the group this segment is a branch or iteration of; nil for
	// the execution's own segment.
	grp *group
	// idx is the item of a Map iteration's segment in a counted group.
	idx int
	// finished is set when the branch or iteration has ended.
	finished atomic.Bool

	// guarded by history.mu (known shares a word with finished)
	known  bool
	base   int64
	active *group  // the Parallel or Map group running now
	buf    []Event // events waiting for base; ID holds the index in the segment
	// A segment whose group ended before its base was known continues as
	// events of the parent: its event i is event off+i of up.
	up  *segment
	off int64

	end int64 // virtual time at which the branch or iteration ended
}

// events returns the number of events of the execution that s can
// count: its own, and up the nesting, the events of each enclosing
// segment before its group started and those of the group's finished
// segments.
func (s *segment) events() int64 {
	n := s.n
	for g := s.grp; g != nil; g = g.parent.grp {
		n += g.fork + g.done.Load()
	}
	return n
}

// group is the set of segments of one run of a Parallel or Map state.
//
// A Map without a hook or logger is counted: instead of a segment per
// item it keeps one count per item in counts, and its iterations run in
// segments of the workers', each used again for the worker's next item.
// Nothing refers to such a segment once its iteration has succeeded, as
// nothing waits for ids; the segment of an iteration that failed is
// retired instead, as its failure may still need an id.
type group struct {
	parent *segment
	fork   int64 // parent.n when the group started
	kids   []segment
	// counts holds, in a counted group, one more than the events of each
	// finished item, 0 for an item not finished yet; ends their virtual
	// end times, with a virtual clock.
	counts  []atomic.Int64
	ends    []int64
	retired []*segment   // segments of failed items; guarded by history.mu
	done    atomic.Int64 // events of the finished kids (counted groups: only under a history limit)
	prefix  int          // kids[:prefix] are finished and known (counts[:prefix] finished)
	sum     int64        // events in kids[:prefix]
}

func (h *history) init(hook func(Event), logger *slog.Logger, name string) {
	h.hook, h.logger, h.sink, h.name = hook, logger, hook != nil || logger != nil, name
	h.cond.L = &h.mu
}

// record adds ev to s and returns its index in s. ev is delivered when its
// id is known; without a hook or logger only the count changes.
func (h *history) record(s *segment, ev *Event) int64 {
	i := s.n
	if !h.sink {
		s.n++
		return i
	}
	h.mu.Lock()
	s.n++
	if s.known {
		ev.ID = s.base + i + 1
		h.deliver(ev)
	} else {
		ev.ID = i
		s.buf = append(s.buf, *ev)
	}
	h.mu.Unlock()
	return i
}

// deliver hands ev to the hook and the logger; h.mu is held.
func (h *history) deliver(ev *Event) {
	if ev.err != nil {
		e := renderKnown(ev.err)
		ev.Error, ev.Cause, ev.err = e.Name, e.Cause, nil
	}
	if h.hook != nil {
		h.hook(*ev)
	}
	if h.logger != nil {
		h.log(ev)
	}
}

func (h *history) log(ev *Event) {
	level := slog.LevelDebug
	attrs := []slog.Attr{slog.String("execution", h.name), slog.Int64("id", ev.ID)}
	if ev.State != "" {
		attrs = append(attrs, slog.String("state", ev.State))
	}
	if ev.Error != "" || ev.Cause != "" {
		level = slog.LevelWarn
		attrs = append(attrs, slog.String("error", ev.Error), slog.String("cause", ev.Cause))
	}
	h.logger.LogAttrs(context.Background(), level, string(ev.Type), attrs...)
}

// startGroup starts g, n segments after the events of s so far; a
// counted group (group.counts) gets counts instead of segments, and ends
// too with ends.
func (h *history) startGroup(g *group, s *segment, n int, counted, ends bool) {
	*g = group{parent: s, fork: s.n}
	if counted {
		g.counts = make([]atomic.Int64, n)
		if ends {
			g.ends = make([]int64, n)
		}
	} else {
		g.kids = make([]segment, n)
		for i := range g.kids {
			g.kids[i].grp = g
		}
	}
	h.mu.Lock()
	s.active = g
	if s.known {
		h.propagate(g)
	}
	h.mu.Unlock()
}

// finish marks kid i of g finished.
func (h *history) finish(g *group, i int) {
	k := &g.kids[i]
	g.done.Add(k.n)
	if !h.sink {
		// finished before waiters: a goroutine that starts waiting
		// after this load sees finished set (history.waiters).
		k.finished.Store(true)
		if h.waiters.Load() == 0 {
			return
		}
		h.mu.Lock()
		h.cond.Broadcast()
		h.mu.Unlock()
		return
	}
	h.mu.Lock()
	k.finished.Store(true)
	if g.parent.known {
		h.propagate(g)
	}
	h.cond.Broadcast()
	h.mu.Unlock()
}

// use makes s, a worker's segment, the segment of item i of the counted
// group g. The iteration s counted before has ended and succeeded: only
// its goroutines touched s since (history.resolve).
func (s *segment) use(g *group, i int) {
	if s.grp != g {
		s.grp = g
	}
	s.idx, s.n = i, 0
	if s.known {
		s.known, s.base = false, 0
	}
}

// retire keeps s, the segment of a failed item of the counted group g,
// for the ids its failure may need.
func (h *history) retire(g *group, s *segment) {
	h.mu.Lock()
	g.retired = append(g.retired, s)
	h.mu.Unlock()
}

// finishItem marks an item of a counted group finished with the n events
// of its segment: c is its count (group.counts). Only under a history
// limit need the caller add them to the group's done first, which only
// segment.events reads.
func (h *history) finishItem(c *atomic.Int64, n int64) {
	// counts before waiters, as in finish.
	c.Store(n + 1)
	if h.waiters.Load() != 0 {
		h.wake()
	}
}

// wake wakes the goroutines waiting for a segment or item to finish.
func (h *history) wake() {
	h.mu.Lock()
	h.cond.Broadcast()
	h.mu.Unlock()
}

// waitItem waits until item i of the counted group g has finished.
func (h *history) waitItem(g *group, i int) {
	h.mu.Lock()
	h.waiters.Add(1)
	for g.counts[i].Load() == 0 {
		h.cond.Wait()
	}
	h.waiters.Add(-1)
	h.mu.Unlock()
}

// waitFinished waits until segment s has finished.
func (h *history) waitFinished(s *segment) {
	h.mu.Lock()
	h.waiters.Add(1)
	for !s.finished.Load() {
		h.cond.Wait()
	}
	h.waiters.Add(-1)
	h.mu.Unlock()
}

// join ends g: all its segments have finished (one that never started
// counts as finished without events), and their events now count as
// events of the parent.
func (h *history) join(g *group) {
	s := g.parent
	h.mu.Lock()
	var n int64
	for i := range g.kids {
		g.kids[i].finished.Store(true)
		n += g.kids[i].n
	}
	for i := range g.counts {
		if c := g.counts[i].Load(); c != 0 {
			n += c - 1
		} else {
			g.counts[i].Store(1)
		}
	}
	if !s.known && !h.sink {
		h.resolve(s)
	}
	if len(g.retired) > 0 {
		h.joinRetired(g)
	}
	if s.known {
		h.propagate(g)
	} else {
		off := g.fork
		for i := range g.kids {
			k := &g.kids[i]
			k.up, k.off = s, off
			for _, ev := range k.buf {
				ev.ID += off
				s.buf = append(s.buf, ev)
			}
			k.buf = nil
			off += k.n
		}
	}
	s.n = g.fork + n
	s.active = nil
	h.cond.Broadcast()
	h.mu.Unlock()
}

// joinRetired gives the retired segments of the counted group g, which is
// ending, their place in the parent: their bases if the parent's is known,
// else their offsets in it; h.mu is held.
func (h *history) joinRetired(g *group) {
	s := g.parent
	slices.SortFunc(g.retired, func(a, b *segment) int { return cmp.Compare(a.idx, b.idx) })
	off, j := g.fork, 0
	for _, r := range g.retired {
		for ; j < r.idx; j++ {
			off += g.counts[j].Load() - 1
		}
		switch {
		case r.known:
		case s.known:
			h.makeKnown(r, s.base+off)
		default:
			r.up, r.off = s, off
		}
	}
	g.retired = nil
}

// makeKnown sets the base of s and delivers what waited for it; h.mu is held.
func (h *history) makeKnown(s *segment, base int64) {
	s.known, s.base = true, base
	for i := range s.buf {
		ev := &s.buf[i]
		ev.ID += base + 1
		h.deliver(ev)
	}
	s.buf = nil
	if g := s.active; g != nil {
		h.propagate(g)
	}
	h.cond.Broadcast()
}

// propagate makes known the bases of the kids of g that can be known now;
// g.parent is known and h.mu is held.
func (h *history) propagate(g *group) {
	for g.prefix < len(g.kids) {
		k := &g.kids[g.prefix]
		if !k.known {
			h.makeKnown(k, g.parent.base+g.fork+g.sum)
		}
		if !k.finished.Load() {
			return
		}
		g.sum += k.n
		g.prefix++
	}
}

// id returns the id of the event at index i of s, waiting until it is
// known: until the branches before s's branch have finished.
func (h *history) id(s *segment, i int64) int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.waiters.Add(1)
	defer h.waiters.Add(-1)
	for {
		if !h.sink {
			h.resolve(s)
		}
		if id, ok := idLocked(s, i); ok {
			return id
		}
		h.cond.Wait()
	}
}

// resolve makes known the bases that s's id depends on, as far as the
// finished segments allow, for a history without a hook (whose finish
// does not); h.mu is held.
func (h *history) resolve(s *segment) {
	for s != nil && !s.known {
		if s.up != nil {
			s = s.up
			continue
		}
		g := s.grp
		if g == nil {
			return
		}
		h.resolve(g.parent)
		switch {
		case !g.parent.known:
		case g.counts != nil:
			h.resolveItem(g, s)
		default:
			h.propagate(g)
		}
		return
	}
}

// resolveItem makes known the base of s, the segment of an item of the
// counted group g, if the items before it have finished; g.parent is known
// and h.mu is held.
func (h *history) resolveItem(g *group, s *segment) {
	i := s.idx
	for g.prefix < i {
		c := g.counts[g.prefix].Load()
		if c == 0 {
			return
		}
		g.sum += c - 1
		g.prefix++
	}
	base := g.sum
	for j := i; j < g.prefix; j++ {
		base -= g.counts[j].Load() - 1
	}
	h.makeKnown(s, g.parent.base+g.fork+base)
}

// idLocked returns the id of the event at index i of s if it is known;
// history.mu is held.
func idLocked(s *segment, i int64) (int64, bool) {
	for !s.known {
		if s.up == nil {
			return 0, false
		}
		i += s.off
		s = s.up
	}
	return s.base + i + 1, true
}
