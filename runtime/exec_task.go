package aslrt

import (
	"context"
	"errors"
	"strings"
	"time"
)

// TaskFunc is the signature of the methods of a generated Tasks interface:
// it calls one resource with the task's effective input.
type TaskFunc func(ctx context.Context, in Value) (Value, error)

// errTaskTimeout is the cancellation cause of a task whose TimeoutSeconds
// (or HeartbeatSeconds) elapsed.
var errTaskTimeout = errors.New("task TimeoutSeconds elapsed")

// taskContext is the context a task is called with: the scope's context
// plus the call's TaskCall and the execution's clock, in one allocation.
type taskContext struct {
	context.Context
	call TaskCall
	clk  clockCtx
}

type taskCallKey struct{}

func (c *taskContext) Value(key any) any {
	switch key.(type) {
	case taskCallKey:
		return &c.call
	case clockKey:
		return &c.clk
	}
	return c.Context.Value(key)
}

// TaskCallFrom returns the call a task was given ctx for: the Task state's
// name, resource, effective input, limits and retry count.
func TaskCallFrom(ctx context.Context) (TaskCall, bool) {
	if c, _ := ctx.Value(taskCallKey{}).(*TaskCall); c != nil {
		return *c, true
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
// (A8.11); a HeartbeatSeconds limit counts from the start of the call, as
// in-process tasks send no heartbeats (A8.12). A result of more than
// MaxPayloadSize bytes of JSON fails with States.DataLimitExceeded (A17.6,
// A9.4). When the scope's context is done the call returns an error that
// stops the execution; tasks must return when their context is done.
func (x *Exec) Call(fn TaskFunc, in Value, timeoutSeconds, heartbeatSeconds int64) (Value, error) {
	st := x.st
	h := x.e.h
	var types *taskEvents
	if h.sink {
		types = eventTypesOf(st.Resource)
		x.record(&Event{Type: types.scheduled, State: st.Name, Input: in, Resource: st.Resource})
		x.record(&Event{Type: types.started, State: st.Name, Resource: st.Resource})
		if isSubmitted(st.Resource) {
			x.record(&Event{Type: TaskSubmitted, State: st.Name, Resource: st.Resource})
		}
	} else {
		n := int64(2)
		if isSubmitted(st.Resource) {
			n++
		}
		h.total.Add(n)
		x.seg.n += n
	}

	tc := &taskContext{
		Context: x.ctx,
		call: TaskCall{
			State:            st.Name,
			Resource:         st.Resource,
			Input:            in,
			TimeoutSeconds:   timeoutSeconds,
			HeartbeatSeconds: heartbeatSeconds,
			RetryCount:       x.retries,
		},
		clk: clockCtx{clock: x.e.clock, tl: x.tl, dl: x.e.dl},
	}
	limit := timeoutSeconds
	if heartbeatSeconds > 0 && (limit == 0 || heartbeatSeconds < limit) {
		limit = heartbeatSeconds
	}
	var cancel context.CancelCauseFunc
	if limit > 0 {
		d := time.Duration(limit) * time.Second
		if x.tl != nil {
			tc.Context, cancel = context.WithCancelCause(x.ctx)
			tc.clk.dl = &deadline{at: x.tl.now.Load() + int64(d), cause: errTaskTimeout, cancel: cancel, outer: x.e.dl}
		} else {
			var stop context.CancelFunc
			tc.Context, stop = context.WithTimeoutCause(x.ctx, d, errTaskTimeout)
			cancel = func(error) { stop() }
		}
	}

	out, err := fn(tc, in)

	timedOut := cancel != nil && context.Cause(tc.Context) == errTaskTimeout
	if cancel != nil {
		cancel(context.Canceled)
	}
	switch {
	case x.ctx.Err() != nil:
		return nil, x.halt()
	case timedOut:
		e := &Error{Name: ErrTimeout}
		x.taskEvent(timedOutEvent, e)
		return nil, x.userError(e)
	case err != nil:
		e := AsError(err)
		x.taskEvent(failedEvent, e)
		return nil, x.userError(e)
	}
	v, err := FromGo(out)
	if err != nil {
		e := &Error{Name: ErrTaskFailed, Cause: "The task result is not a JSON value: " + err.Error()}
		x.taskEvent(failedEvent, e)
		return nil, x.userError(e)
	}
	if err := CheckPayloadSize(resourceLabel(st.Resource), v); err != nil {
		e := AsError(err)
		x.taskEvent(failedEvent, e)
		return nil, x.userError(e)
	}
	if h.sink {
		x.record(&Event{Type: eventTypesOf(st.Resource).succeeded, State: st.Name, Output: v, Resource: st.Resource})
	} else {
		h.total.Add(1)
		x.seg.n++
	}
	return v, nil
}

// taskEvent records the failure event of kind t of a task: the
// failed/timedOut field of its resource's event types.
func (x *Exec) taskEvent(t func(*taskEvents) EventType, e *Error) {
	if !x.e.h.sink {
		x.e.h.total.Add(1)
		x.seg.n++
		return
	}
	x.record(&Event{Type: t(eventTypesOf(x.st.Resource)), State: x.st.Name, Resource: x.st.Resource, Error: e.Name, Cause: e.Cause})
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
	if err := CheckPayloadSize(x.st.Name, v); err != nil {
		return x.userError(AsError(err))
	}
	return nil
}
