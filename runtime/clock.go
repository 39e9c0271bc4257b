package aslrt

import (
	"context"
	"sync/atomic"
	"time"
)

// Clock is where executions read the time and wait: Wait states, retry
// backoff and the TimeoutSeconds of tasks and executions all go through it.
//
// Two implementations come with the package: RealClock, the wall clock,
// and *VirtualClock, in which waiting takes no real time. Other
// implementations are used for Now and Sleep; their timeouts are enforced
// with context deadlines in real time.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// Sleep waits for d or until ctx is done, whichever comes first, and
	// returns context.Cause(ctx) in the second case.
	Sleep(ctx context.Context, d time.Duration) error
}

// RealClock is the wall clock. It is the default.
type RealClock struct{}

// Now returns time.Now().
func (RealClock) Now() time.Time { return time.Now() }

// Sleep waits for d in real time, or until ctx is done.
func (RealClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return context.Cause(ctx)
	}
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// VirtualClock is a clock whose time moves only when someone waits on it,
// and then jumps to the end of the wait at once: a Wait state of an hour,
// a retry backoff or a task that sleeps 60 seconds through Sleep(ctx, d)
// takes no real time, and timeouts fire exactly when virtual time reaches
// them, so tests with long waits are instant and deterministic.
//
// Each execution keeps its own virtual time, starting at the clock's time
// when it starts. Parallel branches and Map iterations each continue from
// the time their state started, so their waits overlap rather than add up;
// the Parallel or Map state ends at the latest of their end times. Map
// iterations limited by MaxConcurrency n run in n lanes: iteration i starts
// when iteration i-n ended. When an execution ends, the clock's own time
// moves forward to the execution's end, so later executions start later.
//
// Only waits made through the runtime (Wait states, retries, and tasks that
// call Sleep with the context they were given) advance virtual time; work
// that takes real time takes no virtual time.
type VirtualClock struct {
	now atomic.Int64 // Unix nanoseconds
}

// NewVirtualClock returns a virtual clock that reads start until something
// waits on it.
func NewVirtualClock(start time.Time) *VirtualClock {
	c := &VirtualClock{}
	c.now.Store(start.UnixNano())
	return c
}

// Now returns the clock's current virtual time.
func (c *VirtualClock) Now() time.Time { return time.Unix(0, c.now.Load()).UTC() }

// Sleep advances the clock's time by d at once, unless ctx is done.
func (c *VirtualClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return context.Cause(ctx)
	}
	if d > 0 {
		c.now.Add(int64(d))
	}
	return nil
}

// advanceTo moves the clock's time forward to t (Unix nanoseconds).
func (c *VirtualClock) advanceTo(t int64) {
	storeMax(&c.now, t)
}

// storeMax sets a to v if v is larger.
func storeMax(a *atomic.Int64, v int64) {
	for {
		old := a.Load()
		if v <= old || a.CompareAndSwap(old, v) {
			return
		}
	}
}

// timeline is the virtual time of one execution scope: the execution, a
// Parallel branch or a Map iteration.
type timeline struct {
	now atomic.Int64 // Unix nanoseconds
}

func newDeadline(at int64, cause error, cancel context.CancelCauseFunc, outer *deadline) *deadline {
	d := &deadline{cause: cause, cancel: cancel, outer: outer}
	d.at.Store(at)
	return d
}

// deadline is a virtual-time limit: a task's TimeoutSeconds or the
// execution's. Reaching it cancels the context it guards with cause.
type deadline struct {
	at     atomic.Int64 // Unix nanoseconds; a heartbeat moves it
	cause  error
	cancel context.CancelCauseFunc
	outer  *deadline
}

// clockCtx is what Sleep and Now find in the context handed to a task.
type clockCtx struct {
	clock Clock
	tl    *timeline // nil unless the clock is virtual
	dl    *deadline // innermost virtual deadline, or nil
}

type clockKey struct{}

// Sleep waits for d on the clock of the execution whose task was given ctx,
// or in real time when ctx comes from no execution. Task implementations
// use it for waits that should take virtual time under a VirtualClock: a
// task that sleeps past its TimeoutSeconds fails with States.Timeout at the
// moment virtual time reaches the timeout. It returns context.Cause(ctx)
// when ctx is done first.
func Sleep(ctx context.Context, d time.Duration) error {
	if c, _ := ctx.Value(clockKey{}).(*clockCtx); c != nil {
		return c.sleep(ctx, d)
	}
	return RealClock{}.Sleep(ctx, d)
}

// Now returns the time on the clock of the execution whose task was given
// ctx, or time.Now() when ctx comes from no execution.
func Now(ctx context.Context) time.Time {
	if c, _ := ctx.Value(clockKey{}).(*clockCtx); c != nil {
		return c.now()
	}
	return time.Now()
}

func (c *clockCtx) now() time.Time {
	if c.tl != nil {
		return time.Unix(0, c.tl.now.Load()).UTC()
	}
	return c.clock.Now()
}

func (c *clockCtx) sleep(ctx context.Context, d time.Duration) error {
	if c.tl == nil {
		return c.clock.Sleep(ctx, d)
	}
	return virtualSleep(ctx, c.tl, c.dl, d)
}

// virtualSleep advances tl by d, or to the earliest deadline within d,
// which it then fires.
func virtualSleep(ctx context.Context, tl *timeline, dl *deadline, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return context.Cause(ctx)
	}
	if d < 0 {
		d = 0
	}
	start := tl.now.Load()
	target := start + int64(d)
	if target < start { // overflow
		target = 1<<63 - 1
	}
	var first *deadline
	var firstAt int64
	for x := dl; x != nil; x = x.outer {
		if at := x.at.Load(); target >= at && (first == nil || at < firstAt) {
			first, firstAt = x, at
		}
	}
	if first != nil {
		storeMax(&tl.now, firstAt)
		first.cancel(first.cause)
		return context.Cause(ctx)
	}
	storeMax(&tl.now, target)
	return nil
}
