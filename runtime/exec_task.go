package aslrt

import (
	"context"
	"errors"
	"math"
	"strings"
	"sync"
	"time"
)

// TaskFunc is the signature of the methods of a generated Tasks interface:
// it calls one resource with the task's effective input. The input shares
// its objects and arrays with the rest of the execution (the execution
// input, variables, other branches, literals of the definition), so a
// task reads it and returns a new value rather than modifying it.
type TaskFunc func(ctx context.Context, in Value) (Value, error)

// errTaskTimeout and errHeartbeatTimeout are the cancellation causes of a
// task whose TimeoutSeconds elapsed or which missed a heartbeat.
var (
	errTaskTimeout      = errors.New("task TimeoutSeconds elapsed")
	errHeartbeatTimeout = errors.New("task HeartbeatSeconds elapsed without a heartbeat")
)

// taskContext is the context a task is called with: the scope's context
// plus what makes the call's TaskCall and the execution's clock, in one
// allocation of 96 bytes (the TaskCall is built when asked for).
type taskContext struct {
	context.Context
	st               *State
	in               Value
	timeoutSeconds   int32 // for TaskCall; clampInt32
	heartbeatSeconds int32
	retries          int32
	clk              clockCtx
	hb               *heartbeat
}

// taskContext returns the context of a call without TimeoutSeconds or
// HeartbeatSeconds in this scope: the scope's own taskContext, which its
// calls share (they run one after the other), and so do the items of one
// Map worker (Exec.reset). What does not change meanwhile (the context and
// clock) is written when the first call makes it, so that a goroutine a task
// leaves running can still wait on the context without racing the next
// call; the call's TaskCall must be read while the call runs
// (TaskCallFrom).
func (x *Exec) taskContext(st *State, in Value) *taskContext {
	tc := x.tc
	if tc == nil {
		tc = &taskContext{Context: x.ctx, clk: x.clockCtx()}
		x.tc = tc
	}
	tc.st, tc.in = st, in
	tc.timeoutSeconds, tc.heartbeatSeconds = 0, 0
	tc.retries = clampInt32(int64(x.retries))
	return tc
}

// clockCtx is the clock of the scope's task calls.
func (x *Exec) clockCtx() clockCtx {
	return clockCtx{clock: x.e.clock, tl: x.tl, dl: x.e.dl}
}

// taskCall returns the TaskCall of the call c was made for.
func (c *taskContext) taskCall() TaskCall {
	return TaskCall{
		State:            c.st.Name,
		Resource:         c.st.Resource,
		Input:            c.in,
		TimeoutSeconds:   int64(c.timeoutSeconds),
		HeartbeatSeconds: int64(c.heartbeatSeconds),
		RetryCount:       int(c.retries),
		Credentials:      c.st.Credentials,
	}
}

type taskCallKey struct{}

type heartbeatKey struct{}

func (c *taskContext) Value(key any) any {
	switch key.(type) {
	case taskCallKey:
		return c
	case clockKey:
		return &c.clk
	case heartbeatKey:
		return c.hb
	}
	return c.Context.Value(key)
}

// heartbeat is the HeartbeatSeconds limit of a running task: a timer in
// real time, a deadline in virtual time.
type heartbeat struct {
	d     time.Duration
	tl    *timeline // virtual clock
	dl    *deadline
	mu    sync.Mutex // real clock
	timer *time.Timer
	fired chan struct{}
}

// Heartbeat reports that the task ctx was given to is alive: its
// HeartbeatSeconds count again from now, on the execution's clock. A task
// whose state sets HeartbeatSeconds must call it at least that often, or
// it fails with States.Timeout, which catchers and retriers also match as
// States.HeartbeatTimeout (A8.12). It returns context.Cause(ctx) when the
// task's context is done, and does nothing for other contexts.
func Heartbeat(ctx context.Context) error {
	hb, _ := ctx.Value(heartbeatKey{}).(*heartbeat)
	if err := ctx.Err(); err != nil {
		return context.Cause(ctx)
	}
	if hb == nil {
		return nil
	}
	if hb.tl != nil {
		hb.dl.at.Store(hb.tl.now.Load() + int64(hb.d))
		return nil
	}
	hb.mu.Lock()
	defer hb.mu.Unlock()
	if !hb.timer.Stop() {
		return context.Cause(ctx)
	}
	hb.timer.Reset(hb.d)
	return nil
}

// TaskCallFrom returns the call a task was given ctx for: the Task state's
// name, resource, effective input, limits and retry count. It is meant for
// the task while it runs: after the task returned, the context may answer
// for a later call of the same scope.
func TaskCallFrom(ctx context.Context) (TaskCall, bool) {
	if c, _ := ctx.Value(taskCallKey{}).(*taskContext); c != nil {
		return c.taskCall(), true
	}
	return TaskCall{}, false
}

// Invoke calls inv for the task ctx was given to, with input in: the body
// of every method of the Tasks that a generated TasksFrom returns.
func Invoke(ctx context.Context, inv Invoker, in Value) (Value, error) {
	call, ok := TaskCallFrom(ctx)
	if !ok {
		return nil, errors.New("aslrt.Invoke: the context does not come from a Task state")
	}
	call.Input = in
	return inv.Invoke(ctx, call)
}

// TaskEvents are the history event types of one kind of task resource.
type taskEvents struct {
	scheduled, started, succeeded, failed, timedOut EventType
}

var (
	taskEventTypes     = taskEvents{TaskScheduled, TaskStarted, TaskSucceeded, TaskFailed, TaskTimedOut}
	lambdaEventTypes   = taskEvents{LambdaFunctionScheduled, LambdaFunctionStarted, LambdaFunctionSucceeded, LambdaFunctionFailed, LambdaFunctionTimedOut}
	activityEventTypes = taskEvents{ActivityScheduled, ActivityStarted, ActivitySucceeded, ActivityFailed, ActivityTimedOut}
)

// arnField returns the i-th colon-separated field of an ARN.
func arnField(arn string, i int) string {
	for range i {
		j := strings.IndexByte(arn, ':')
		if j < 0 {
			return ""
		}
		arn = arn[j+1:]
	}
	if j := strings.IndexByte(arn, ':'); j >= 0 {
		return arn[:j]
	}
	return arn
}

func eventTypesOf(resource string) *taskEvents {
	switch arnField(resource, 2) {
	case "lambda":
		return &lambdaEventTypes
	case "states":
		if arnField(resource, 5) == "activity" {
			return &activityEventTypes
		}
	}
	return &taskEventTypes
}

// resourceLabel is how States.DataLimitExceeded names a task's resource:
// the service for integrations (arn:aws:states:::lambda:invoke → lambda),
// the ARN itself for Lambda functions and activities (A17.6).
func resourceLabel(resource string) string {
	if arnField(resource, 2) == "states" && arnField(resource, 3) == "" && arnField(resource, 4) == "" {
		if s := arnField(resource, 5); s != "" {
			return s
		}
	}
	return resource
}

// Call runs the task of the current Task state: fn is the Tasks method of
// the state's resource, in its effective input (after Parameters or
// Arguments), timeoutSeconds and heartbeatSeconds the state's limits (0 for
// none). It records the task events, gives fn a context that carries the
// TaskCall and the execution's clock, and returns the task's result as a
// Value.
//
// A task that returns an *Error fails with it; any other error becomes
// States.TaskFailed with the error's text as cause. A task still running
// when its timeout elapses fails with States.Timeout and an empty cause
// (A8.11); one that does not call Heartbeat within its HeartbeatSeconds
// likewise (A8.12). A result of more than
// MaxPayloadSize bytes of JSON fails with States.DataLimitExceeded (A17.6,
// A9.4). When the scope's context is done the call returns an error that
// stops the execution; tasks must return when their context is done.
func (x *Exec) Call(fn TaskFunc, in Value, timeoutSeconds, heartbeatSeconds int64) (Value, error) {
	st := x.st
	if st == nil {
		st = &State{Type: TaskState}
		x.st = st
	}
	v, n, err := x.call(st, x.resource(st), fn, in, -1, timeoutSeconds, heartbeatSeconds)
	if err != nil {
		return nil, err
	}
	if k, ok := keyOf(v); ok {
		x.sizes.note(k, n) // noteSize, inlined
	}
	return v, nil
}

// call is Call for the current state st, whose resource implies res,
// given inN, an upper bound of the size of in that the caller worked out
// (the bound of the template that built it), or -1 when the scope's
// bounds are to tell. It returns the result with a bound of its size,
// which the caller keeps.
func (x *Exec) call(st *State, res *resourceInfo, fn TaskFunc, in Value, inN int, timeoutSeconds, heartbeatSeconds int64) (Value, int, error) {
	h := x.e.h
	// The effective input of more than MaxPayloadSize bytes fails the
	// state before the task is scheduled (A19.1).
	if inN >= 0 {
		if _, ok := fits(in, inN); !ok {
			return nil, 0, x.userError(inputTooLarge(res.label))
		}
	} else if !x.knownWithin(in) && !x.withinLimit(in) {
		return nil, 0, x.userError(inputTooLarge(res.label))
	}
	if h.sink {
		x.record(&Event{Type: res.events.scheduled, State: st.Name, Input: in, Resource: st.Resource})
		x.record(&Event{Type: res.events.started, State: st.Name, Resource: st.Resource})
		if res.submitted {
			x.record(&Event{Type: TaskSubmitted, State: st.Name, Resource: st.Resource})
		}
	} else {
		n := int64(2)
		if res.submitted {
			n++
		}
		x.seg.n += n
	}

	x.noteCall(in)
	var out Value
	var err error
	if timeoutSeconds > 0 || heartbeatSeconds > 0 {
		var stop error
		if out, err, stop = x.callLimited(st, fn, in, timeoutSeconds, heartbeatSeconds); stop != nil {
			return nil, 0, stop
		}
	} else {
		out, err = fn(x.taskContext(st, in), in)
		// A scope whose context can never be done (calm) need not ask it.
		if !x.calm && x.ctx.Err() != nil {
			return nil, 0, x.halt()
		}
	}
	if err != nil {
		e := AsError(err)
		x.taskEvent(failedEvent, e)
		return nil, 0, x.userError(e)
	}
	// fromGoSized, its usual case inlined
	v := out
	n, ok := canonicalBound(out, 0, 0)
	if !ok {
		if v, n, err = convertSized(out); err != nil {
			e := &Error{Name: ErrTaskFailed, Cause: "The task result is not a JSON value: " + err.Error()}
			x.taskEvent(failedEvent, e)
			return nil, 0, x.userError(e)
		}
	}
	if n, ok = fits(v, n); !ok {
		e := ResultTooLarge(res.label)
		x.taskEvent(failedEvent, e)
		return nil, 0, x.userError(e)
	}
	if h.sink {
		x.record(&Event{Type: res.events.succeeded, State: st.Name, Output: v, Resource: st.Resource})
	} else {
		x.seg.n++
	}
	return v, n, nil
}

// callLimited is call's call of fn for a task with TimeoutSeconds or
// HeartbeatSeconds: in a context of its own, which those limits cancel.
// It returns what fn returned, or stop: the failure of the call itself
// when the scope's context is done or a limit passed.
func (x *Exec) callLimited(st *State, fn TaskFunc, in Value, timeoutSeconds, heartbeatSeconds int64) (out Value, err, stop error) {
	tc := &taskContext{
		Context:          x.ctx,
		st:               st,
		in:               in,
		timeoutSeconds:   clampInt32(timeoutSeconds),
		heartbeatSeconds: clampInt32(heartbeatSeconds),
		retries:          clampInt32(int64(x.retries)),
		clk:              x.clockCtx(),
	}
	limits := x.limit(tc, timeoutSeconds, heartbeatSeconds)
	out, err = fn(tc, in)
	cause := context.Cause(tc.Context)
	limits.release()
	switch {
	case x.ctx.Err() != nil:
		return nil, nil, x.halt()
	case cause == errTaskTimeout || cause == errHeartbeatTimeout:
		e := &Error{Name: ErrTimeout}
		x.taskEvent(timedOutEvent, e)
		f := &failure{err: e, heartbeat: cause == errHeartbeatTimeout}
		x.lastErr, x.lastFail = e, f
		return nil, nil, f
	}
	return out, err, nil
}

// clampInt32 returns n within the range of an int32. The limits and retry
// count a taskContext keeps for TaskCall are far below it (a timeout of
// 2^31 seconds is 68 years, beyond any execution's lifetime, A19.3);
// the limits themselves are applied from the full values (limit).
func clampInt32(n int64) int32 {
	return int32(min(max(n, math.MinInt32), math.MaxInt32))
}

// taskLimits are the TimeoutSeconds and HeartbeatSeconds of one call.
type taskLimits struct {
	stop    context.CancelFunc         // real-time timeout
	cancels [2]context.CancelCauseFunc // virtual timeout, heartbeat
	hb      *heartbeat
}

// limit puts the task context tc under its TimeoutSeconds and
// HeartbeatSeconds.
func (x *Exec) limit(tc *taskContext, timeoutSeconds, heartbeatSeconds int64) taskLimits {
	var l taskLimits
	if timeoutSeconds > 0 {
		d := time.Duration(timeoutSeconds) * time.Second
		if x.tl != nil {
			tc.Context, l.cancels[0] = context.WithCancelCause(tc.Context)
			tc.clk.dl = newDeadline(x.tl.now.Load()+int64(d), errTaskTimeout, l.cancels[0], tc.clk.dl)
		} else {
			tc.Context, l.stop = context.WithTimeoutCause(tc.Context, d, errTaskTimeout)
		}
	}
	if heartbeatSeconds > 0 {
		hb := &heartbeat{d: time.Duration(heartbeatSeconds) * time.Second, tl: x.tl}
		var cancel context.CancelCauseFunc
		tc.Context, cancel = context.WithCancelCause(tc.Context)
		l.cancels[1] = cancel
		if x.tl != nil {
			hb.dl = newDeadline(x.tl.now.Load()+int64(hb.d), errHeartbeatTimeout, cancel, tc.clk.dl)
			tc.clk.dl = hb.dl
		} else {
			hb.fired = make(chan struct{})
			hb.timer = time.AfterFunc(hb.d, func() {
				cancel(errHeartbeatTimeout)
				close(hb.fired)
			})
		}
		tc.hb, l.hb = hb, hb
	}
	return l
}

// release ends the limits once the call returned, waiting for a heartbeat
// timer that already fired.
func (l *taskLimits) release() {
	if hb := l.hb; hb != nil && hb.timer != nil {
		hb.mu.Lock()
		if !hb.timer.Stop() {
			<-hb.fired
		}
		hb.mu.Unlock()
	}
	for i := len(l.cancels) - 1; i >= 0; i-- {
		if l.cancels[i] != nil {
			l.cancels[i](context.Canceled)
		}
	}
	if l.stop != nil {
		l.stop()
	}
}

// taskEvent records the failure event of kind t of a task: the
// failed/timedOut field of its resource's event types.
func (x *Exec) taskEvent(t func(*taskEvents) EventType, e *Error) {
	if !x.e.h.sink {
		x.seg.n++
		return
	}
	x.record(&Event{Type: t(x.resource(x.st).events), State: x.st.Name, Resource: x.st.Resource, Error: e.Name, Cause: e.Cause})
}

func failedEvent(t *taskEvents) EventType   { return t.failed }
func timedOutEvent(t *taskEvents) EventType { return t.timedOut }

// isSubmitted reports whether a resource's tasks record TaskSubmitted: .sync
// and callback integrations (A18.4).
func isSubmitted(resource string) bool {
	return strings.HasSuffix(resource, ".sync") || strings.Contains(resource, ".sync:") || isCallback(resource)
}

// CheckSize fails with States.DataLimitExceeded when v is more than
// MaxPayloadSize bytes of JSON, naming the current state: for results a
// state produces itself, such as a Pass state's Result or Parameters
// (A19.1, A17.6). Call checks task results itself.
func (x *Exec) CheckSize(v Value) error {
	if !x.withinLimit(v) {
		return x.userError(ResultTooLarge(x.stateName()))
	}
	return nil
}

// TaskSecondsPath reads a Task state's TimeoutSecondsPath or
// HeartbeatSecondsPath (field names which): a positive integer number of
// seconds. A path that selects nothing fails with States.Runtime as
// Path.Eval words it (A8.13); any other value fails with States.Runtime
// (that cause is not on record).
func (x *Exec) TaskSecondsPath(p *Path, in Value, field string) (int64, error) {
	v, err := p.Eval(in, x)
	if err != nil {
		return 0, err
	}
	n, ok := v.(int64)
	if !ok || n <= 0 {
		return 0, NewError(ErrRuntime, "The "+field+" field refers to value "+EncodeString(v)+" which is not a positive integer: "+p.String())
	}
	return n, nil
}
