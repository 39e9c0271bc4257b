package aslrt

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"
	"golang.org/x/sync/errgroup"
)

// sleeper is a task that sleeps d through the execution's clock.
func sleeper(d time.Duration) TaskFunc {
	return func(ctx context.Context, in Value) (Value, error) {
		if err := Sleep(ctx, d); err != nil {
			return nil, err
		}
		return in, nil
	}
}

// callTask runs one Task state that calls fn with the given timeout and
// catches everything.
func callTask(fn TaskFunc, timeout int64) func(x *Exec, in Value) (Value, error) {
	return func(x *Exec, in Value) (Value, error) {
		if err := x.Enter(&State{Name: "T", Type: TaskState, Resource: "arn:aws:lambda:us-east-1:111111111111:function:f"}, in); err != nil {
			return nil, err
		}
		out, err := x.Call(fn, in, timeout, 0)
		if err != nil {
			if errOut, ok := x.Catch(err, ErrAll); ok {
				return errOut, nil
			}
			return nil, err
		}
		return out, nil
	}
}

// TestTaskTimeoutVirtual: a task sleeping 60 s through the clock with
// TimeoutSeconds 5 fails with States.Timeout and an empty cause after
// exactly 5 s of virtual time (A8.11); a shorter sleep succeeds.
func TestTaskTimeoutVirtual(t *testing.T) {
	defer goleak.VerifyNone(t)
	clock := NewVirtualClock(testStart)
	rec := &recorder{}
	out, err := run(t, Definition{}, MustDecode(`{"a":1}`), callTask(sleeper(time.Minute), 5), WithClock(clock), WithHistory(rec.hook))
	if err != nil {
		t.Fatal(err)
	}
	if got := EncodeString(out); got != `{"Error":"States.Timeout","Cause":""}` {
		t.Errorf("error output %s", got)
	}
	if d := clock.Now().Sub(testStart); d != 5*time.Second {
		t.Errorf("virtual time %v, want 5s", d)
	}
	if ev := rec.events[4]; ev.Type != LambdaFunctionTimedOut || ev.Error != ErrTimeout {
		t.Errorf("event %+v, want LambdaFunctionTimedOut (A8.11)", ev)
	}
	out, err = run(t, Definition{}, MustDecode(`{"a":1}`), callTask(sleeper(4*time.Second), 5), WithClock(clock))
	if err != nil || EncodeString(out) != `{"a":1}` {
		t.Errorf("4 s task with a 5 s timeout: %v, %v", out, err)
	}
}

// TestTaskTimeoutUncaught: the execution fails with States.Timeout and no
// cause, as lambda-wait-with-timeout-seconds recorded.
func TestTaskTimeoutUncaught(t *testing.T) {
	for _, id := range []string{"lambda-wait-with-timeout-seconds--fixed-timeout-lambda", "service-lambda-wait-with-timeout-seconds--fixed-timeout-service-lambda"} {
		want := corpusFailure(t, id)
		_, err := run(t, Definition{}, MustDecode(`{}`), func(x *Exec, in Value) (Value, error) {
			if err := x.Enter(&State{Name: "Start", Type: TaskState}, in); err != nil {
				return nil, err
			}
			return x.Call(sleeper(time.Minute), in, 5, 0)
		}, WithVirtualTime(testStart))
		if diff := cmp.Diff(want, AsError(err)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", id, diff)
		}
	}
}

// TestTaskTimeoutReal: the same under the real clock, with a task that
// waits for its context.
func TestTaskTimeoutReal(t *testing.T) {
	defer goleak.VerifyNone(t)
	block := func(ctx context.Context, in Value) (Value, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	out, err := run(t, Definition{}, MustDecode(`{}`), callTask(block, 1))
	if err != nil || EncodeString(out) != `{"Error":"States.Timeout","Cause":""}` {
		t.Errorf("got %v, %v", EncodeString(out), err)
	}
}

// TestExecutionTimeoutVirtual: a Wait past the machine's TimeoutSeconds
// ends the execution TIMED_OUT when virtual time reaches it (A1.6, A1.7).
func TestExecutionTimeoutVirtual(t *testing.T) {
	defer goleak.VerifyNone(t)
	clock := NewVirtualClock(testStart)
	rec := &recorder{}
	_, err := run(t, Definition{TimeoutSeconds: 3600}, MustDecode(`{}`), func(x *Exec, in Value) (Value, error) {
		if err := x.Enter(&State{Name: "W", Type: WaitState}, in); err != nil {
			return nil, err
		}
		if err := x.WaitSeconds(7200); err != nil {
			return nil, err
		}
		x.Exit(in)
		return in, nil
	}, WithClock(clock), WithHistory(rec.hook))
	if StatusOf(err) != StatusTimedOut || !errors.Is(err, ErrTimedOut) {
		t.Fatalf("err = %v (%s), want TIMED_OUT", err, StatusOf(err))
	}
	if d := clock.Now().Sub(testStart); d != time.Hour {
		t.Errorf("virtual time %v, want 1h", d)
	}
	want := []string{"1 ExecutionStarted", "2 WaitStateEntered W", "3 ExecutionTimedOut"}
	if diff := cmp.Diff(want, rec.lines()); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
}

// TestExecutionTimeoutInTask: the execution's timeout also stops a task
// that sleeps through the clock, and it is not a task timeout that a
// catcher could see.
func TestExecutionTimeoutInTask(t *testing.T) {
	_, err := run(t, Definition{TimeoutSeconds: 10}, MustDecode(`{}`), callTask(sleeper(time.Minute), 30), WithVirtualTime(testStart))
	if StatusOf(err) != StatusTimedOut {
		t.Errorf("err = %v, want TIMED_OUT", err)
	}
}

func TestExecutionTimeoutReal(t *testing.T) {
	defer goleak.VerifyNone(t)
	_, err := run(t, Definition{TimeoutSeconds: 1}, MustDecode(`{}`), func(x *Exec, in Value) (Value, error) {
		if err := x.Enter(&State{Name: "W", Type: WaitState}, in); err != nil {
			return nil, err
		}
		return nil, x.WaitSeconds(60)
	})
	if StatusOf(err) != StatusTimedOut {
		t.Errorf("err = %v, want TIMED_OUT", err)
	}
}

// TestVirtualTimeOverlaps: waits in Parallel branches overlap; Map
// iterations limited by MaxConcurrency run in lanes.
func TestVirtualTimeOverlaps(t *testing.T) {
	defer goleak.VerifyNone(t)
	wait := func(name string, secs int64) func(*Exec, Value) (Value, error) {
		return func(x *Exec, in Value) (Value, error) {
			if err := x.Enter(&State{Name: name, Type: WaitState}, in); err != nil {
				return nil, err
			}
			if err := x.WaitSeconds(secs); err != nil {
				return nil, err
			}
			x.Exit(in)
			return in, nil
		}
	}
	cases := []struct {
		name  string
		limit int
		want  time.Duration
	}{
		{"parallel", -1, 3 * time.Hour},
		{"map unbounded", 0, 3 * time.Hour},
		{"map one at a time", 1, 6 * time.Hour},
		{"map two lanes", 2, 4 * time.Hour}, // lanes: 1h+3h, 2h
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clock := NewVirtualClock(testStart)
			_, err := run(t, Definition{}, MustDecode(`{}`), func(x *Exec, in Value) (Value, error) {
				secs := []int64{3600, 7200, 10800}
				if c.limit < 0 {
					x.Enter(&State{Name: "P", Type: ParallelState}, in)
					p := x.Parallel(3)
					g, ctx := errgroup.WithContext(x.Context())
					for b, s := range secs {
						g.Go(func() error { return p.Branch(ctx, b, in, wait("W", s)) })
					}
					_, err := p.Wait(g.Wait())
					return nil, err
				}
				x.Enter(&State{Name: "M", Type: MapState}, in)
				items := []Value{int64(3600), int64(7200), int64(10800)}
				mp := x.Map(items, MapConfig{MaxConcurrency: c.limit})
				g, ctx := errgroup.WithContext(x.Context())
				g.SetLimit(mp.Limit())
				for i := range items {
					g.Go(func() error {
						return mp.Iteration(ctx, i, func(ix *Exec, item Value) (Value, error) {
							return wait("W", item.(int64))(ix, item)
						})
					})
				}
				_, err := mp.Wait(g.Wait())
				return nil, err
			}, WithClock(clock))
			if err != nil {
				t.Fatal(err)
			}
			if d := clock.Now().Sub(testStart); d != c.want {
				t.Errorf("virtual time %v, want %v", d, c.want)
			}
		})
	}
}

func TestSleepOutsideExecution(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep on a cancelled context = %v", err)
	}
	if err := Sleep(context.Background(), time.Millisecond); err != nil {
		t.Errorf("Sleep = %v", err)
	}
	if d := time.Since(Now(context.Background())); d < 0 || d > time.Minute {
		t.Errorf("Now outside an execution is off by %v", d)
	}
	c := NewVirtualClock(testStart)
	c.Sleep(context.Background(), time.Minute)
	if c.Now() != testStart.Add(time.Minute) {
		t.Errorf("VirtualClock.Sleep: %v", c.Now())
	}
}

// TestNowInTask: a task reads the execution's virtual time through its
// context.
func TestNowInTask(t *testing.T) {
	var seen time.Time
	run(t, Definition{}, nil, func(x *Exec, in Value) (Value, error) {
		x.Enter(&State{Name: "W", Type: WaitState}, in)
		x.WaitSeconds(90)
		x.Enter(&State{Name: "T", Type: TaskState}, in)
		return x.Call(func(ctx context.Context, in Value) (Value, error) {
			seen = Now(ctx)
			return in, nil
		}, in, 0, 0)
	}, WithVirtualTime(testStart))
	if !seen.Equal(testStart.Add(90 * time.Second)) {
		t.Errorf("Now in task = %v", seen)
	}
}

// TestHeartbeat: a task with HeartbeatSeconds must call Heartbeat at least
// that often; a missed heartbeat is States.Timeout, which catchers also
// match as States.HeartbeatTimeout (A8.12).
func TestHeartbeat(t *testing.T) {
	defer goleak.VerifyNone(t)
	beating := func(ctx context.Context, in Value) (Value, error) {
		for range 3 {
			if err := Sleep(ctx, 3*time.Second); err != nil {
				return nil, err
			}
			if err := Heartbeat(ctx); err != nil {
				return nil, err
			}
		}
		return in, nil
	}
	cases := []struct {
		name    string
		fn      TaskFunc
		catch   string
		want    string
		elapsed time.Duration
	}{
		{"beating", beating, ErrAll, `{}`, 9 * time.Second},
		{"silent", sleeper(10 * time.Second), ErrHeartbeatTimeout, `{"Error":"States.Timeout","Cause":""}`, 5 * time.Second},
		{"silent, caught as timeout", sleeper(10 * time.Second), ErrTimeout, `{"Error":"States.Timeout","Cause":""}`, 5 * time.Second},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clock := NewVirtualClock(testStart)
			out, err := run(t, Definition{}, MustDecode(`{}`), func(x *Exec, in Value) (Value, error) {
				x.Enter(&State{Name: "T", Type: TaskState, Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken"}, in)
				out, err := x.Call(c.fn, in, 60, 5)
				if err != nil {
					if errOut, ok := x.Catch(err, c.catch); ok {
						return errOut, nil
					}
				}
				return out, err
			}, WithClock(clock))
			if err != nil {
				t.Fatal(err)
			}
			if got := EncodeString(out); got != c.want {
				t.Errorf("output %s, want %s", got, c.want)
			}
			if d := clock.Now().Sub(testStart); d != c.elapsed {
				t.Errorf("virtual time %v, want %v", d, c.elapsed)
			}
		})
	}
	t.Run("retried as HeartbeatTimeout", func(t *testing.T) {
		calls := 0
		_, err := run(t, Definition{}, MustDecode(`{}`), func(x *Exec, in Value) (Value, error) {
			x.Enter(&State{Name: "T", Type: TaskState}, in)
			var attempts [1]int
			for {
				calls++
				_, err := x.Call(sleeper(time.Minute), in, 0, 5)
				if err = x.Retry(err, []Retrier{{ErrorEquals: []string{ErrHeartbeatTimeout}, IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 1}}, attempts[:]); err != nil {
					return nil, err
				}
			}
		}, WithVirtualTime(testStart))
		if calls != 3 || AsError(err).Name != ErrTimeout {
			t.Errorf("%d calls, err %v", calls, err)
		}
	})
	t.Run("real clock", func(t *testing.T) {
		block := func(ctx context.Context, in Value) (Value, error) {
			if err := Heartbeat(ctx); err != nil {
				return nil, err
			}
			<-ctx.Done()
			return nil, ctx.Err()
		}
		out, err := run(t, Definition{}, MustDecode(`{}`), func(x *Exec, in Value) (Value, error) {
			x.Enter(&State{Name: "T", Type: TaskState}, in)
			_, err := x.Call(block, in, 0, 1)
			errOut, _ := x.Catch(err, ErrHeartbeatTimeout)
			return errOut, nil
		})
		if err != nil || EncodeString(out) != `{"Error":"States.Timeout","Cause":""}` {
			t.Errorf("got %s, %v", EncodeString(out), err)
		}
	})
	if err := Heartbeat(context.Background()); err != nil {
		t.Errorf("Heartbeat outside a task: %v", err)
	}
}
