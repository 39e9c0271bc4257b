package aslrt

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestRetrierDelay(t *testing.T) {
	cases := []struct {
		name    string
		r       Retrier
		attempt int
		want    time.Duration
	}{
		{"A10.1 defaults first", Retrier{IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2}, 1, time.Second},
		{"A10.5 second", Retrier{IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2}, 2, 2 * time.Second},
		{"A10.5 third", Retrier{IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2}, 3, 4 * time.Second},
		{"A10.5 fractional rate", Retrier{IntervalSeconds: 2, BackoffRate: 1.5}, 3, 4500 * time.Millisecond},
		{"A10.5 rate 1", Retrier{IntervalSeconds: 3, BackoffRate: 1}, 10, 3 * time.Second},
		{"A10.5 capped", Retrier{IntervalSeconds: 3, BackoffRate: 2, MaxDelaySeconds: 5}, 3, 5 * time.Second},
		{"A10.5 below cap", Retrier{IntervalSeconds: 3, BackoffRate: 2, MaxDelaySeconds: 5}, 1, 3 * time.Second},
		{"huge is bounded", Retrier{IntervalSeconds: 99999999, BackoffRate: 100}, 50, time.Duration(1<<63-1) / time.Second * time.Second},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := c.r.Delay(c.attempt, 0)
			if c.name == "huge is bounded" {
				if got <= 0 || got > time.Duration(1<<63-1) {
					t.Errorf("Delay = %v", got)
				}
				return
			}
			if got != c.want {
				t.Errorf("Delay(%d) = %v, want %v", c.attempt, got, c.want)
			}
		})
	}
}

// TestRetrierJitter: with JitterStrategy FULL the wait is uniform between 0
// and the capped interval (A10.6).
func TestRetrierJitter(t *testing.T) {
	r := Retrier{IntervalSeconds: 4, BackoffRate: 2, MaxDelaySeconds: 6, Jitter: JitterFull}
	e := &execution{}
	e.rng.Store(7)
	var sum time.Duration
	const n = 2000
	for range n {
		d := r.Delay(2, e.random())
		if d < 0 || d > 6*time.Second {
			t.Fatalf("Delay = %v outside [0, 6s]", d)
		}
		sum += d
	}
	if mean := sum / n; mean < 2700*time.Millisecond || mean > 3300*time.Millisecond {
		t.Errorf("mean jitter delay %v, want about 3s", mean)
	}
	if r.Delay(2, 0) != 0 || r.Delay(2, 6e9) != 6*time.Second {
		t.Errorf("jitter bounds: %v %v", r.Delay(2, 0), r.Delay(2, 6e9))
	}
}

func TestMatches(t *testing.T) {
	cases := []struct {
		name        string
		err         *Error
		errorEquals []string
		want        bool
	}{
		{"exact", NewError("Custom", ""), []string{"Custom"}, true},
		{"A9.1 case-sensitive", NewError("Custom", ""), []string{"custom"}, false},
		{"A9.9 typo is a custom name", NewError("States.ALL", ""), []string{"State.ALL"}, false},
		{"A9.9 typo matches itself", NewError("State.ALL", ""), []string{"State.ALL"}, true},
		{"one of several", NewError("B", ""), []string{"A", "B"}, true},
		{"States.ALL", NewError("Anything", ""), []string{ErrAll}, true},
		{"A9.3 States.ALL not Runtime", NewError(ErrRuntime, ""), []string{ErrAll}, false},
		{"A9.3 explicit Runtime", NewError(ErrRuntime, ""), []string{ErrRuntime}, false},
		{"A9.4 States.ALL DataLimitExceeded", NewError(ErrDataLimitExceeded, ""), []string{ErrAll}, true},
		{"A9.5 QueryEvaluationError", NewError(ErrQueryEvaluationError, ""), []string{ErrAll}, true},
		{"TaskFailed wildcard", NewError("Lambda.ResourceNotFoundException", ""), []string{ErrTaskFailed}, true},
		{"TaskFailed not Timeout", NewError(ErrTimeout, ""), []string{ErrTaskFailed}, false},
		{"Timeout", NewError(ErrTimeout, ""), []string{ErrTimeout}, true},
		{"A9.8 nameless by ALL", &Error{NoName: true}, []string{ErrAll}, true},
		{"A9.8 nameless not by TaskFailed", &Error{NoName: true}, []string{ErrTaskFailed}, false},
		{"A9.8 nameless not by empty", &Error{NoName: true}, []string{""}, false},
		{"nil", nil, []string{ErrAll}, false},
	}
	for _, c := range cases {
		if got := Matches(c.err, c.errorEquals); got != c.want {
			t.Errorf("%s: Matches = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestNextRetry(t *testing.T) {
	rs := []Retrier{
		{ErrorEquals: []string{"A"}, IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2},
		{ErrorEquals: []string{"A", "B"}, IntervalSeconds: 10, MaxAttempts: 5, BackoffRate: 1},
		{ErrorEquals: []string{"Z"}, IntervalSeconds: 1, MaxAttempts: 0, BackoffRate: 2},
		{ErrorEquals: []string{ErrAll}, IntervalSeconds: 3, MaxAttempts: 1, BackoffRate: 2},
	}
	counts := make([]int, len(rs))
	rnd := func() uint64 { return 0 }
	steps := []struct {
		err  string
		want time.Duration
		ok   bool
	}{
		{"A", time.Second, true},      // retrier 0, attempt 1
		{"B", 10 * time.Second, true}, // retrier 1
		{"A", 2 * time.Second, true},  // retrier 0 again: counters survive other errors (A10.7)
		{"A", 0, false},               // retrier 0 exhausted: retrier 1 is not consulted (A10.4)
		{"Z", 0, false},               // MaxAttempts 0 (A10.2)
		{"Other", 3 * time.Second, true},
		{"Other", 0, false},
		{ErrRuntime, 0, false}, // never retried (A9.3)
	}
	for i, s := range steps {
		d, ok := NextRetry(rs, counts, NewError(s.err, ""), rnd)
		if d != s.want || ok != s.ok {
			t.Errorf("step %d (%s): NextRetry = %v, %v; want %v, %v", i, s.err, d, ok, s.want, s.ok)
		}
	}
	if diff := cmp.Diff([]int{2, 1, 0, 1}, counts); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	if !Retriable(rs, NewError("B", "")) || Retriable(rs[:3], NewError("C", "")) {
		t.Error("Retriable")
	}
}

// TestRetryInExecution: MaxAttempts N runs the state N+1 times (A10.3),
// waiting on the virtual clock, with $$.State.RetryCount counting (A10.10);
// then the catcher gets the last error (A9.10).
func TestRetryInExecution(t *testing.T) {
	clock := NewVirtualClock(testStart)
	var counts []int
	out, err := run(t, Definition{}, MustDecode(`{}`), func(x *Exec, in Value) (Value, error) {
		st := &State{Name: "T", Type: TaskState, Resource: "arn:aws:lambda:us-east-1:111111111111:function:f", Retry: true}
		if err := x.Enter(st, in); err != nil {
			return nil, err
		}
		retry := []Retrier{{ErrorEquals: []string{ErrAll}, IntervalSeconds: 2, MaxAttempts: 2, BackoffRate: 3}}
		var attempts [1]int
		for {
			rc := jget(x.ContextObject(), "State", "RetryCount")
			_, err := x.Call(func(ctx context.Context, in Value) (Value, error) {
				call, _ := TaskCallFrom(ctx)
				counts = append(counts, call.RetryCount)
				if n, _ := rc.(int64); int(n) != call.RetryCount {
					t.Errorf("RetryCount %v in the context object, %d in the call", rc, call.RetryCount)
				}
				return nil, errors.New("plain Go error")
			}, in, 0, 0)
			if err = x.Retry(err, retry, attempts[:]); err == nil {
				continue
			}
			errOut, ok := x.Catch(err, ErrTaskFailed)
			if !ok {
				return nil, err
			}
			x.Exit(errOut)
			return errOut, nil
		}
	}, WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{0, 1, 2}, counts); diff != "" {
		t.Errorf("retry counts (-want +got):\n%s", diff)
	}
	if got := EncodeString(out); got != `{"Error":"States.TaskFailed","Cause":"plain Go error"}` {
		t.Errorf("error output %s", got)
	}
	if d := clock.Now().Sub(testStart); d != 8*time.Second {
		t.Errorf("virtual time %v, want 2s+6s", d)
	}
}

func TestRetryJitterDeterministicWithSeed(t *testing.T) {
	elapsed := func() time.Duration {
		clock := NewVirtualClock(testStart)
		run(t, Definition{}, nil, func(x *Exec, in Value) (Value, error) {
			x.Enter(&State{Name: "T", Type: TaskState}, in)
			retry := []Retrier{{ErrorEquals: []string{ErrAll}, IntervalSeconds: 100, MaxAttempts: 3, BackoffRate: 2, Jitter: JitterFull}}
			var attempts [1]int
			for x.Retry(NewError("E", ""), retry, attempts[:]) == nil {
			}
			return nil, nil
		}, WithClock(clock), WithRandSeed(42))
		return clock.Now().Sub(testStart)
	}
	a, b := elapsed(), elapsed()
	if a != b || a <= 0 || a >= 700*time.Second {
		t.Errorf("jittered waits %v and %v, want equal and in (0, 700s)", a, b)
	}
}

func TestCatch(t *testing.T) {
	cases := []struct {
		name        string
		err         error
		errorEquals []string
		want        string
	}{
		{"A11.3 error output", NewError("E", "why"), []string{"E"}, `{"Error":"E","Cause":"why"}`},
		{"A11.5 timeout cause is empty", NewError(ErrTimeout, ""), []string{ErrAll}, `{"Error":"States.Timeout","Cause":""}`},
		{"A9.8 nameless", &Error{NoName: true}, []string{ErrAll}, `{"Error":null,"Cause":null}`},
		{"Go error", errors.New("broke"), []string{ErrTaskFailed}, `{"Error":"States.TaskFailed","Cause":"broke"}`},
		{"A9.3 Runtime", NewError(ErrRuntime, "x"), []string{ErrRuntime, ErrAll}, ``},
		{"no match", NewError("E", ""), []string{"F"}, ``},
		{"A9.5 QueryEvaluationError with prefix", NewError(ErrQueryEvaluationError, "bad"), []string{ErrQueryEvaluationError},
			`{"Error":"States.QueryEvaluationError","Cause":"An error occurred while executing the state 'S' (entered at the event id #2). bad"}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got string
			run(t, Definition{}, nil, func(x *Exec, in Value) (Value, error) {
				x.Enter(&State{Name: "S", Type: TaskState}, in)
				if v, ok := x.Catch(c.err, c.errorEquals...); ok {
					got = EncodeString(v)
				}
				return nil, nil
			})
			if got != c.want {
				t.Errorf("Catch = %s, want %s", got, c.want)
			}
		})
	}
}

// TestCatchStopsNothingThatHalts: an aborted execution is neither caught
// nor retried.
func TestCatchStopsNothingThatHalts(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	m := NewMachine(Definition{Name: "m"})
	x, in, _ := m.Start(ctx, nil)
	x.Enter(&State{Name: "S", Type: TaskState}, in)
	cancel()
	err := x.Enter(&State{Name: "S", Type: TaskState}, in)
	if _, ok := x.Catch(err, ErrAll); ok {
		t.Error("caught an abort")
	}
	var attempts [1]int
	if x.Retry(err, []Retrier{{ErrorEquals: []string{ErrAll}, MaxAttempts: 3, IntervalSeconds: 1, BackoffRate: 1}}, attempts[:]) == nil {
		t.Error("retried an abort")
	}
	if _, err := x.Finish(nil, err); StatusOf(err) != StatusAborted {
		t.Errorf("status %s", StatusOf(err))
	}
}

// TestEvaluationFailedOnce: a QueryEvaluationError records one
// EvaluationFailed event however often the generated code consults
// retriers and catchers with it (A16.8).
func TestEvaluationFailedOnce(t *testing.T) {
	rec := &recorder{}
	run(t, Definition{}, nil, func(x *Exec, in Value) (Value, error) {
		x.Enter(&State{Name: "S", Type: PassState}, in)
		err := error(NewError(ErrQueryEvaluationError, "bad"))
		var attempts [1]int
		err = x.Retry(err, []Retrier{{ErrorEquals: []string{"X"}, MaxAttempts: 1, IntervalSeconds: 1, BackoffRate: 1}}, attempts[:])
		x.Catch(err, "Y")
		x.Catch(err, "Z")
		return nil, err
	}, WithHistory(rec.hook))
	want := []string{"1 ExecutionStarted", "2 PassStateEntered S", "3 EvaluationFailed S", "4 ExecutionFailed"}
	if diff := cmp.Diff(want, rec.lines()); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
}
