package aslrt

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"
	"golang.org/x/sync/errgroup"
)

var testStart = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// run starts an execution of a machine named "m", runs body as its state
// loop and finishes it.
func run(t testing.TB, def Definition, input Value, body func(x *Exec, in Value) (Value, error), opts ...Option) (Value, error) {
	t.Helper()
	if def.Name == "" {
		def.Name = "m"
	}
	m := NewMachine(def, opts...)
	x, in, err := m.Start(context.Background(), input)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	out, err := body(x, in)
	return x.Finish(out, err)
}

// workAll runs the iterations of mp with fn on the goroutines of its
// workers (Group.Work) and returns their errors, joined.
func workAll(ctx context.Context, mp *Group, fn func(*Exec, Value) (Value, error)) error {
	var wg sync.WaitGroup
	errs := make([]error, mp.Workers())
	for w := range errs {
		wg.Go(func() { errs[w] = mp.Work(ctx, fn) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// pass enters and leaves a Pass state that outputs its input.
func pass(x *Exec, name string, in Value) (Value, error) {
	if err := x.Enter(&State{Name: name, Type: PassState}, in); err != nil {
		return nil, err
	}
	x.Exit(in)
	return in, nil
}

// failWith enters a state of type typ and fails it with err.
func failWith(x *Exec, name string, typ StateType, in Value, err error) (Value, error) {
	if e := x.Enter(&State{Name: name, Type: typ}, in); e != nil {
		return nil, e
	}
	return nil, err
}

// corpusFailure reads the error and cause AWS recorded for a case.
func corpusFailure(t *testing.T, id string) *Error {
	t.Helper()
	want := execReadJSON(t, filepath.Join(execCorpusDir(t), "cases", id, "expected.json"))
	e := &Error{}
	if v, ok := want.(*Object).Get("error"); ok {
		e.Name = v.(string)
	}
	if v, ok := want.(*Object).Get("cause"); ok {
		e.Cause = v.(string)
	}
	return e
}

var errUndefined = NewError(ErrQueryEvaluationError, "The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).")

// TestCausePrefixCorpus rebuilds recorded failing executions with the
// execution API, as generated code would run them, and compares the error
// and cause, including the event id in the prefix (A17.1, A18.1–A18.5).
func TestCausePrefixCorpus(t *testing.T) {
	cases := []struct {
		id   string
		body func(x *Exec, in Value) (Value, error)
	}{
		{"base-undefined-output-multiple-states--undefined-reference", func(x *Exec, in Value) (Value, error) {
			in, _ = pass(x, "State0", in)
			in, _ = pass(x, "State1", in)
			return failWith(x, "State2", PassState, in, errUndefined)
		}},
		{"invalid-jsonpath-in-outputpath--invalid-jsonpath--st-invalid-jsonpath-in-outputpath", func(x *Exec, in Value) (Value, error) {
			return failWith(x, "pass", PassState, in, NewError(ErrRuntime, "Invalid path '$.NoSuchOutputPath' : No results for path: $['NoSuchOutputPath']"))
		}},
		{"invalid-jsonpath-in-causepath--invalid-jsonpath--st-invalid-jsonpath-in-causepath", func(x *Exec, in Value) (Value, error) {
			in, _ = pass(x, "pass", in)
			return failWith(x, "fail", FailState, in, NewError(ErrRuntime, "The JSONPath '$.NoSuchCausePath' specified for the field 'CausePath' could not be found in the input '<json-input:1>'"))
		}},
		{"map-catch-error-output-with-retry--map-catch-error", func(x *Exec, in Value) (Value, error) {
			// ProcessItems (Map, MaxConcurrency 1) over [1,2,3]; each
			// iteration's task fails twice (one retry), the catcher goes
			// to Fallback, whose Output fails.
			if err := x.Enter(&State{Name: "ProcessItems", Type: MapState}, in); err != nil {
				return nil, err
			}
			items := jget(in, "items").([]Value)
			mp := x.Map(items, MapConfig{MaxConcurrency: 1})
			g, ctx := errgroup.WithContext(x.Context())
			g.SetLimit(mp.Limit())
			task := &State{Name: "ProcessItem", Type: TaskState, Resource: "arn:aws:states:::lambda:invoke", Retry: true}
			retry := []Retrier{{ErrorEquals: []string{ErrAll}, IntervalSeconds: 1, MaxAttempts: 1, BackoffRate: 2}}
			raise := func(context.Context, Value) (Value, error) {
				return nil, NewError("Exception", "Some exception was raised.")
			}
			for i := range items {
				g.Go(func() error {
					return mp.Iteration(ctx, i, func(ix *Exec, item Value) (Value, error) {
						if err := ix.Enter(task, item); err != nil {
							return nil, err
						}
						var attempts [1]int
						for {
							_, err := ix.Call(raise, item, 0, 0)
							if err = ix.Retry(err, retry, attempts[:]); err == nil {
								continue
							}
							errOut, ok := ix.Catch(err, ErrAll)
							if !ok {
								return nil, err
							}
							ix.Exit(errOut)
							return failWith(ix, "Fallback", PassState, errOut, NewError(ErrQueryEvaluationError, "The JSONata expression '$stateError' specified for the field 'Output/error' returned nothing (undefined)."))
						}
					})
				})
			}
			_, err := mp.Wait(g.Wait())
			return nil, err
		}},
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			want := corpusFailure(t, c.id)
			for _, hook := range []bool{false, true} {
				var opts []Option
				if hook {
					opts = append(opts, WithHistory(func(Event) {}))
				}
				_, err := run(t, Definition{}, MustDecode(`{"items":[1,2,3]}`), c.body, append(opts, WithVirtualTime(testStart))...)
				if diff := cmp.Diff(want, AsError(err)); diff != "" {
					t.Errorf("hook %v: error (-want +got):\n%s", hook, diff)
				}
			}
		})
	}
}

// TestUserErrorsKeepCause: Fail states and tasks report their causes
// unchanged, even under a States.* name (A17.2).
func TestUserErrorsKeepCause(t *testing.T) {
	_, err := run(t, Definition{}, nil, func(x *Exec, in Value) (Value, error) {
		if err := x.Enter(&State{Name: "F", Type: FailState}, in); err != nil {
			return nil, err
		}
		return nil, x.Fail(NewError(ErrRuntime, "raised by the definition"))
	})
	if diff := cmp.Diff(NewError(ErrRuntime, "raised by the definition"), AsError(err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

type recorder struct {
	mu     sync.Mutex
	events []Event
}

func (r *recorder) hook(ev Event) {
	r.mu.Lock()
	r.events = append(r.events, ev)
	r.mu.Unlock()
}

func (r *recorder) lines() []string {
	var out []string
	for _, ev := range r.events {
		s := fmt.Sprintf("%d %s %s", ev.ID, ev.Type, ev.State)
		if ev.Type == MapIterationStarted || ev.Type == MapIterationSucceeded || ev.Type == MapIterationFailed || ev.Type == MapIterationAborted {
			s += fmt.Sprintf(" [%d]", ev.Index)
		}
		out = append(out, strings.TrimSpace(s))
	}
	return out
}

// nestedMachine runs a Map over items whose iterations hold a Parallel of
// three branches of one or two Pass states, with everything running
// concurrently unless limit bounds the Map: event ids must not depend on
// scheduling. Branch failBranch of iteration failAt fails.
func nestedMachine(items, limit, failAt, failBranch int) func(x *Exec, in Value) (Value, error) {
	return func(x *Exec, in Value) (Value, error) {
		in, _ = pass(x, "Start", in)
		if err := x.Enter(&State{Name: "Outer", Type: MapState}, in); err != nil {
			return nil, err
		}
		list := make([]Value, items)
		for i := range list {
			list[i] = int64(i)
		}
		mp := x.Map(list, MapConfig{MaxConcurrency: limit})
		g, ctx := errgroup.WithContext(x.Context())
		g.SetLimit(mp.Limit())
		for i := range list {
			g.Go(func() error {
				return mp.Iteration(ctx, i, func(ix *Exec, item Value) (Value, error) {
					item, _ = pass(ix, "Before", item)
					if err := ix.Enter(&State{Name: "Inner", Type: ParallelState}, item); err != nil {
						return nil, err
					}
					p := ix.Parallel(3)
					pg, pctx := errgroup.WithContext(ix.Context())
					for b := range 3 {
						pg.Go(func() error {
							return p.Branch(pctx, b, item, func(bx *Exec, v Value) (Value, error) {
								v, err := pass(bx, fmt.Sprintf("B%d", b), v)
								if err != nil {
									return nil, err
								}
								if i == failAt && b == failBranch {
									return failWith(bx, "Broken", PassState, v, NewError(ErrRuntime, "boom"))
								}
								if b == 1 {
									return pass(bx, "B1b", v)
								}
								return v, nil
							})
						})
					}
					res, err := p.Wait(pg.Wait())
					if err != nil {
						return nil, err
					}
					ix.Exit(res)
					return res, nil
				})
			})
		}
		res, err := mp.Wait(g.Wait())
		if err != nil {
			return nil, err
		}
		x.Exit(res)
		return pass(x, "End", res)
	}
}

// TestEventIDsDeterministic: concurrent iterations and branches are
// numbered as if they had run one after the other in index order (A18.1),
// every run alike, and the hook gets every id once, in order.
func TestEventIDsDeterministic(t *testing.T) {
	defer goleak.VerifyNone(t)
	const items = 12
	var first []string
	for range 20 {
		rec := &recorder{}
		out, err := run(t, Definition{}, MustDecode(`{}`), nestedMachine(items, 0, -1, -1), WithHistory(rec.hook))
		if err != nil {
			t.Fatal(err)
		}
		if n := len(out.([]Value)); n != items {
			t.Fatalf("%d results", n)
		}
		lines := rec.lines()
		for i, ev := range rec.events {
			if ev.ID != int64(i+1) {
				t.Fatalf("event %d has id %d: %v", i, ev.ID, lines)
			}
		}
		if first == nil {
			first = lines
			continue
		}
		if diff := cmp.Diff(first, lines); diff != "" {
			t.Fatalf("history differs between runs (-first +now):\n%s", diff)
		}
	}
	// Per iteration: MapIterationStarted, Before (2), Inner entered,
	// ParallelStateStarted, B0 (2), B1 and B1b (4), B2 (2), Succeeded,
	// Inner exited, MapIterationSucceeded = 16 events.
	want := []string{"1 ExecutionStarted", "2 PassStateEntered Start", "3 PassStateExited Start",
		"4 MapStateEntered Outer", "5 MapStateStarted Outer", "6 MapIterationStarted Outer [0]",
		"7 PassStateEntered Before", "8 PassStateExited Before", "9 ParallelStateEntered Inner",
		"10 ParallelStateStarted Inner", "11 PassStateEntered B0", "12 PassStateExited B0",
		"13 PassStateEntered B1", "14 PassStateExited B1", "15 PassStateEntered B1b", "16 PassStateExited B1b",
		"17 PassStateEntered B2", "18 PassStateExited B2", "19 ParallelStateSucceeded Inner",
		"20 ParallelStateExited Inner", "21 MapIterationSucceeded Outer [0]", "22 MapIterationStarted Outer [1]"}
	if diff := cmp.Diff(want, first[:len(want)]); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	last := 5 + items*16
	tail := []string{fmt.Sprintf("%d MapIterationSucceeded Outer [%d]", last, items-1),
		fmt.Sprintf("%d MapStateSucceeded Outer", last+1), fmt.Sprintf("%d MapStateExited Outer", last+2),
		fmt.Sprintf("%d PassStateEntered End", last+3), fmt.Sprintf("%d PassStateExited End", last+4),
		fmt.Sprintf("%d ExecutionSucceeded", last+5)}
	if diff := cmp.Diff(tail, first[len(first)-len(tail):]); diff != "" {
		t.Errorf("history end (-want +got):\n%s", diff)
	}
}

// TestEventIDInConcurrentFailure: a States.Runtime failure deep inside a
// Map names the event id of the sequential numbering, with and without a
// hook. When nothing before the failure is still running (MaxConcurrency
// 1, first branch) the id is exact; otherwise the siblings before it are
// aborted as AWS does, and the id counts what they did until then.
func TestEventIDInConcurrentFailure(t *testing.T) {
	defer goleak.VerifyNone(t)
	const items, failAt = 10, 7
	prefix := regexp.MustCompile(`^An error occurred while executing the state 'Broken' \(entered at the event id #(\d+)\)\. boom$`)
	for i := range 20 {
		var opts []Option
		if i%2 == 1 {
			opts = append(opts, WithHistory(func(Event) {}))
		}
		// Broken in branch 0 of iteration 7: 5 events before the
		// iterations, 16 per earlier iteration, MapIterationStarted,
		// Before (2), Inner, ParallelStateStarted, B0 (2), Broken.
		wantID := 5 + failAt*16 + 1 + 2 + 2 + 2 + 1
		want := &Error{Name: ErrRuntime, Cause: fmt.Sprintf("An error occurred while executing the state 'Broken' (entered at the event id #%d). boom", wantID)}
		_, err := run(t, Definition{}, MustDecode(`{}`), nestedMachine(items, 1, failAt, 0), opts...)
		if diff := cmp.Diff(want, AsError(err)); diff != "" {
			t.Fatalf("run %d: (-want +got):\n%s", i, diff)
		}
		// Unbounded, failing in branch 2: between the id with nothing of
		// the earlier work done and the id with all of it done.
		_, err = run(t, Definition{}, MustDecode(`{}`), nestedMachine(items, 0, failAt, 2), opts...)
		m := prefix.FindStringSubmatch(AsError(err).Cause)
		if m == nil {
			t.Fatalf("run %d: cause %q", i, AsError(err).Cause)
		}
		id, _ := strconv.Atoi(m[1])
		if lo, hi := 5+failAt*1+1+2+2+2+2+1, 5+failAt*16+1+2+2+2+2+4+1; id < lo || id > hi {
			t.Errorf("run %d: id %d outside [%d, %d]", i, id, lo, hi)
		}
	}
}

// TestHistoryLimit: a STANDARD execution that would record its 25000th
// event fails with States.Runtime instead (A17.7, A19.2), with or without
// a history hook, in a loop of states and in the iterations of a Map,
// one or several at a time; an EXPRESS execution keeps no history and
// runs on.
func TestHistoryLimit(t *testing.T) {
	loop := func(x *Exec, in Value) (Value, error) {
		for {
			var err error
			if in, err = pass(x, "Loop", in); err != nil {
				return nil, err
			}
		}
	}
	// mapOf runs items iterations of two Pass states on workers
	// goroutines (Group.Work).
	mapOf := func(items, workers int) func(x *Exec, in Value) (Value, error) {
		return func(x *Exec, in Value) (Value, error) {
			if err := x.Enter(&State{Name: "Map", Type: MapState}, in); err != nil {
				return nil, err
			}
			mp := x.Map(make([]Value, items), MapConfig{MaxConcurrency: workers})
			out, err := mp.Wait(workAll(x.Context(), mp, func(ix *Exec, v Value) (Value, error) {
				if _, err := pass(ix, "A", v); err != nil {
					return nil, err
				}
				return pass(ix, "B", v)
			}))
			if err != nil {
				return nil, err
			}
			x.Exit(out)
			return out, nil
		}
	}
	limit := &Error{Name: ErrRuntime, Cause: "The execution reached the maximum number of history events (25000)."}
	for _, c := range []struct {
		name    string
		express bool
		hook    bool
		body    func(x *Exec, in Value) (Value, error)
		want    *Error
	}{
		{"loop with hook", false, true, loop, limit},
		{"loop", false, false, loop, limit},
		// 4 + 6 events per item: 4167 items need 25006.
		{"map of 4167", false, false, mapOf(4167, 1), limit},
		{"map of 4167 with hook", false, true, mapOf(4167, 1), limit},
		{"map of 4167 at 10", false, false, mapOf(4167, 10), limit},
		{"map of 4165", false, false, mapOf(4165, 1), nil},
		{"map of 4165 at 10", false, false, mapOf(4165, 10), nil},
		{"express map of 10000", true, false, mapOf(10000, 10), nil},
		{"express loop", true, false, func(x *Exec, in Value) (Value, error) {
			for range 30000 {
				var err error
				if in, err = pass(x, "Loop", in); err != nil {
					return nil, err
				}
			}
			return in, nil
		}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := &recorder{}
			var opts []Option
			if c.hook {
				opts = append(opts, WithHistory(rec.hook))
			}
			_, err := run(t, Definition{Express: c.express}, MustDecode(`{}`), c.body, opts...)
			var got *Error
			if err != nil {
				got = AsError(err)
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Fatalf("(-want +got):\n%s", diff)
			}
			if c.hook && c.want != nil && strings.HasPrefix(c.name, "loop") {
				last := rec.events[len(rec.events)-1]
				if last.ID != maxHistoryEvents || last.Type != ExecutionFailed {
					t.Errorf("last event %d %s, want %d ExecutionFailed", last.ID, last.Type, maxHistoryEvents)
				}
			}
		})
	}
}

func TestContextObject(t *testing.T) {
	var got []Value
	snap := func(x *Exec) { got = append(got, DeepCopy(x.ContextObject())) }
	_, err := run(t, Definition{Name: "orders"}, MustDecode(`{"k":1}`), func(x *Exec, in Value) (Value, error) {
		x.Enter(&State{Name: "P", Type: PassState}, in)
		snap(x)
		x.Exit(in)
		x.Enter(&State{Name: "T", Type: TaskState, Resource: "arn:aws:states:::lambda:invoke", Retry: true}, in)
		snap(x)
		var attempts [1]int
		x.Retry(NewError("E", ""), []Retrier{{ErrorEquals: []string{"E"}, IntervalSeconds: 1, MaxAttempts: 1, BackoffRate: 2}}, attempts[:])
		snap(x)
		x.Exit(in)
		x.Enter(&State{Name: "M", Type: MapState}, in)
		mp := x.Map([]Value{"a"}, MapConfig{})
		mp.Iteration(x.Context(), 0, func(ix *Exec, item Value) (Value, error) {
			snap(ix)
			ix.Enter(&State{Name: "W", Type: TaskState, Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken"}, item)
			snap(ix)
			return item, nil
		})
		mp.Wait(nil)
		return in, nil
	}, WithVirtualTime(testStart), WithExecutionName("run-1"))
	if err != nil {
		t.Fatal(err)
	}
	exec := `"Execution":{"Id":"arn:aws:states:us-east-1:111111111111:execution:orders:run-1","Input":{"k":1},"StartTime":"2024-05-01T12:00:00.000Z","Name":"run-1","RoleArn":"arn:aws:iam::111111111111:role/service-role/StepFunctions-orders-role","RedriveCount":0},"StateMachine":{"Id":"arn:aws:states:us-east-1:111111111111:stateMachine:orders","Name":"orders"}`
	want := []string{
		`{` + exec + `,"State":{"Name":"P","EnteredTime":"2024-05-01T12:00:00.000Z"}}`,
		`{` + exec + `,"State":{"Name":"T","EnteredTime":"2024-05-01T12:00:00.000Z","RetryCount":0}}`,
		`{` + exec + `,"State":{"Name":"T","EnteredTime":"2024-05-01T12:00:00.000Z","RetryCount":1}}`,
		`{` + exec + `,"State":{"Name":"M","EnteredTime":"2024-05-01T12:00:01.000Z"},"Map":{"Item":{"Index":0,"Value":"a"}}}`,
	}
	for i, w := range want {
		if g := EncodeString(got[i]); g != w {
			t.Errorf("context object %d (A14):\n got %s\nwant %s", i, g, w)
		}
	}
	token, _ := jget(got[4], "Task").(*Object).Get("Token")
	if s, _ := token.(string); len(s) != 36 || jget(got[4], "Map") != nil {
		t.Errorf("context object of a .waitForTaskToken task (A14.8): %s", EncodeString(got[4]))
	}
}

func TestMachineOptions(t *testing.T) {
	m := NewMachine(Definition{Name: "def"}, WithStateMachineARN("arn:aws-cn:states:cn-north-1:222222222222:stateMachine:prod"))
	x, _, err := m.Start(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	x.Enter(&State{Name: "S", Type: PassState}, nil)
	id := jget(x.ContextObject(), "Execution", "Id").(string)
	if !strings.HasPrefix(id, "arn:aws-cn:states:cn-north-1:222222222222:execution:prod:") || len(id) != len("arn:aws-cn:states:cn-north-1:222222222222:execution:prod:")+36 {
		t.Errorf("execution ARN %q", id)
	}
	x.Finish(nil, nil)
	m = NewMachine(Definition{Name: "def"}, WithAccount("333333333333"), WithRegion("eu-west-1"), WithMachineName("other"), WithRoleARN("role"), WithExecutionName("e"))
	if m.ARN() != "arn:aws:states:eu-west-1:333333333333:stateMachine:other" {
		t.Errorf("machine ARN %q", m.ARN())
	}
	x, _, _ = m.Start(context.Background(), nil)
	x.Enter(&State{Name: "S", Type: PassState}, nil)
	if r := jget(x.ContextObject(), "Execution", "RoleArn"); r != "role" {
		t.Errorf("RoleArn %v", r)
	}
	x.Finish(nil, nil)
}

func TestStartInput(t *testing.T) {
	m := NewMachine(Definition{Name: "m"})
	for _, c := range []struct {
		in   any
		want string
	}{
		{map[string]any{"b": 1, "a": []int{1}}, `{"a":[1],"b":1}`},
		{[]byte(`{"z":1}`), `"eyJ6IjoxfQ=="`},
		{struct {
			X int `json:"x"`
		}{2}, `{"x":2}`},
		{MustDecode(`[1,"x"]`), `[1,"x"]`},
	} {
		x, in, err := m.Start(context.Background(), c.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := EncodeString(in); got != c.want {
			t.Errorf("Start(%v) input %s, want %s", c.in, got, c.want)
		}
		x.Finish(in, nil)
	}
	if _, _, err := m.Start(context.Background(), make(chan int)); AsError(err).Name != "InvalidExecutionInput" {
		t.Errorf("Start(chan) = %v, want InvalidExecutionInput (A1.18)", err)
	}
}

// TestVariables: Assign is visible from the next state on; branches and
// iterations read outer variables, keep their own assignments to
// themselves, and a catcher on the Map assigns in the outer scope (A15.4,
// A15.8, A11.9).
func TestVariables(t *testing.T) {
	defer goleak.VerifyNone(t)
	out, err := run(t, Definition{}, MustDecode(`{}`), func(x *Exec, in Value) (Value, error) {
		x.Enter(&State{Name: "A", Type: PassState}, in)
		if err := x.Assign(MustDecode(`{"x":42,"items":[1,2,3]}`)); err != nil {
			return nil, err
		}
		x.Exit(in)
		x.Enter(&State{Name: "M", Type: MapState}, in)
		items, _ := x.Variable("items")
		mp := x.Map(items.([]Value), MapConfig{})
		g, ctx := errgroup.WithContext(x.Context())
		for i := range 3 {
			g.Go(func() error {
				return mp.Iteration(ctx, i, func(ix *Exec, item Value) (Value, error) {
					ix.Enter(&State{Name: "I", Type: PassState}, item)
					outer, ok := ix.Variable("x")
					if !ok || outer != int64(42) {
						return nil, fmt.Errorf("outer x = %v, %v", outer, ok)
					}
					if _, ok := ix.Variable("mine"); ok {
						return nil, errors.New("saw a sibling's or an earlier variable")
					}
					ix.SetVariable("mine", item)
					ix.Exit(item)
					ix.Enter(&State{Name: "J", Type: PassState}, item)
					if v, _ := ix.Variable("mine"); v != item {
						return nil, fmt.Errorf("mine = %v", v)
					}
					if i == 2 {
						return nil, ix.Fail(NewError("Boom", "item 2"))
					}
					return item, nil
				})
			})
		}
		_, err := mp.Wait(g.Wait())
		if _, ok := x.Variable("mine"); ok {
			return nil, errors.New("an iteration's variable survived it")
		}
		errOut, ok := x.Catch(err, ErrAll)
		if !ok {
			return nil, err
		}
		x.Assign(ObjectOf(Member{"caught", errOut}))
		x.Exit(errOut)
		x.Enter(&State{Name: "B", Type: PassState}, errOut)
		v, _ := x.Variable("caught")
		return v, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := EncodeString(out); got != `{"Error":"Boom","Cause":"item 2"}` {
		t.Errorf("caught = %s", got)
	}
}

func TestDistributedMapHidesVariables(t *testing.T) {
	_, err := run(t, Definition{}, MustDecode(`{}`), func(x *Exec, in Value) (Value, error) {
		x.Enter(&State{Name: "A", Type: PassState}, in)
		x.SetVariable("x", int64(1))
		x.Exit(in)
		x.Enter(&State{Name: "M", Type: MapState}, in)
		mp := x.Map([]Value{int64(0)}, MapConfig{Distributed: true})
		err := mp.Iteration(x.Context(), 0, func(ix *Exec, item Value) (Value, error) {
			if _, ok := ix.Variable("x"); ok {
				return nil, errors.New("a distributed iteration read an outer variable (A15.9)")
			}
			return item, nil
		})
		_, err = mp.Wait(err)
		return nil, err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestAssignEvents: StateExited carries the assigned variables (A15.14).
func TestAssignEvents(t *testing.T) {
	rec := &recorder{}
	run(t, Definition{}, nil, func(x *Exec, in Value) (Value, error) {
		x.Enter(&State{Name: "A", Type: PassState}, in)
		x.Assign(MustDecode(`{"a":1}`))
		x.Exit(in)
		return in, nil
	}, WithHistory(rec.hook))
	if ev := rec.events[2]; ev.Type != PassStateExited || EncodeString(ev.Assigned) != `{"a":1}` {
		t.Errorf("exit event %+v", ev)
	}
	if err := (&Exec{}).Assign(int64(1)); AsError(err).Name != ErrRuntime {
		t.Errorf("Assign(1) = %v", err)
	}
}

// TestParallelFirstFailure: the first failing branch cancels the others
// and its own error fails the Parallel state (A9.6, A12.4); no goroutine
// outlives Run.
func TestParallelFirstFailure(t *testing.T) {
	defer goleak.VerifyNone(t)
	rec := &recorder{}
	_, err := run(t, Definition{}, MustDecode(`{}`), func(x *Exec, in Value) (Value, error) {
		x.Enter(&State{Name: "P", Type: ParallelState}, in)
		p := x.Parallel(3)
		g, ctx := errgroup.WithContext(x.Context())
		block := func(ctx context.Context, in Value) (Value, error) {
			<-ctx.Done()
			return nil, ctx.Err()
		}
		for b := range 3 {
			g.Go(func() error {
				return p.Branch(ctx, b, in, func(bx *Exec, v Value) (Value, error) {
					if b == 1 {
						return failWith(bx, "Bad", FailState, v, bx.Fail(NewError("FailureType", "branch 1 failed")))
					}
					if err := bx.Enter(&State{Name: fmt.Sprint("Wait", b), Type: TaskState, Resource: "arn:aws:states:::sqs:sendMessage"}, v); err != nil {
						return nil, err
					}
					return bx.Call(block, v, 0, 0)
				})
			})
		}
		res, err := p.Wait(g.Wait())
		if err != nil {
			return nil, err
		}
		return res, nil
	}, WithHistory(rec.hook))
	if diff := cmp.Diff(NewError("FailureType", "branch 1 failed"), AsError(err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	lines := rec.lines()
	if got := lines[len(lines)-2:]; got[0] != fmt.Sprintf("%d ParallelStateFailed P", len(lines)-1) || !strings.HasSuffix(got[1], "ExecutionFailed") {
		t.Errorf("history ends with %v", got)
	}
}

// TestGroupResultTooLarge: a Map or Parallel whose results are more than
// 256 KiB of JSON fails with States.DataLimitExceeded naming the state, as
// AWS reported for a Map (A19.1, A17.6); a States.ALL catcher catches it
// (A9.4). Results of exactly the limit pass.
func TestGroupResultTooLarge(t *testing.T) {
	defer goleak.VerifyNone(t)
	// Two strings of n and m letters: ["…","…"] is n+m+7 bytes of JSON.
	half := (MaxPayloadSize - 7) / 2
	for _, tt := range []struct {
		name string
		typ  StateType
		n, m int
		fail bool
	}{
		{"Map over the limit", MapState, half + 1, half + 1, true},
		{"Parallel over the limit", ParallelState, half + 1, half + 1, true},
		{"Map at the limit", MapState, half, half + 1, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			items := []Value{strings.Repeat("a", tt.n), strings.Repeat("b", tt.m)}
			var caught Value
			out, err := run(t, Definition{}, MustDecode(`{}`), func(x *Exec, in Value) (Value, error) {
				x.Enter(&State{Name: "Big", Type: tt.typ}, in)
				var grp *Group
				if tt.typ == MapState {
					grp = x.Map([]Value{int64(0), int64(1)}, MapConfig{})
				} else {
					grp = x.Parallel(2)
				}
				g, ctx := errgroup.WithContext(x.Context())
				for i := range 2 {
					g.Go(func() error {
						body := func(*Exec, Value) (Value, error) { return items[i], nil }
						if tt.typ == MapState {
							return grp.Iteration(ctx, i, body)
						}
						return grp.Branch(ctx, i, in, body)
					})
				}
				res, err := grp.Wait(g.Wait())
				if err == nil {
					return res, nil
				}
				errOut, ok := x.Catch(err, ErrAll)
				if !ok {
					return nil, err
				}
				caught = errOut
				x.Exit(errOut)
				return errOut, nil
			}, WithHistory(rec.hook))
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			if !tt.fail {
				if caught != nil {
					t.Fatalf("caught %s", EncodeString(caught))
				}
				if n := JSONSize(out, MaxPayloadSize+1); n != MaxPayloadSize {
					t.Fatalf("the results are %d bytes of JSON", n)
				}
				return
			}
			want := `{"Error":"States.DataLimitExceeded","Cause":"The state/task 'Big' returned a result with a size exceeding the maximum number of bytes service limit."}`
			if got := EncodeString(caught); got != want {
				t.Errorf("caught %s, want %s", got, want)
			}
			failed := "MapStateFailed Big"
			if tt.typ == ParallelState {
				failed = "ParallelStateFailed Big"
			}
			if lines := rec.lines(); !slices.ContainsFunc(lines, func(l string) bool { return strings.HasSuffix(l, " "+failed) }) {
				t.Errorf("no %s event in %v", failed, lines)
			}
		})
	}
}

// TestMapFailure: a failing iteration fails the Map with its own error
// (A9.7), the others are aborted (A13.17).
func TestMapFailure(t *testing.T) {
	defer goleak.VerifyNone(t)
	rec := &recorder{}
	_, err := run(t, Definition{}, MustDecode(`{}`), func(x *Exec, in Value) (Value, error) {
		x.Enter(&State{Name: "M", Type: MapState}, in)
		mp := x.Map([]Value{int64(0), int64(1)}, MapConfig{})
		g, ctx := errgroup.WithContext(x.Context())
		g.SetLimit(mp.Limit())
		started := make(chan struct{})
		for i := range 2 {
			g.Go(func() error {
				return mp.Iteration(ctx, i, func(ix *Exec, item Value) (Value, error) {
					if i == 0 {
						if err := ix.Enter(&State{Name: "Slow", Type: WaitState}, item); err != nil {
							return nil, err
						}
						close(started)
						<-ctx.Done()
						return nil, ix.WaitSeconds(10)
					}
					<-started
					return failWith(ix, "Bad", FailState, item, ix.Fail(NewError("ItemError", "item 1")))
				})
			})
		}
		_, err := mp.Wait(g.Wait())
		return nil, err
	}, WithHistory(rec.hook))
	if diff := cmp.Diff(NewError("ItemError", "item 1"), AsError(err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	want := []string{"1 ExecutionStarted", "2 MapStateEntered M", "3 MapStateStarted M", "4 MapIterationStarted M [0]",
		"5 WaitStateEntered Slow", "6 WaitStateAborted Slow", "7 MapIterationAborted M [0]", "8 MapIterationStarted M [1]",
		"9 FailStateEntered Bad", "10 MapIterationFailed M [1]", "11 MapStateFailed M", "12 ExecutionFailed"}
	if diff := cmp.Diff(want, rec.lines()); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
}

func TestAbort(t *testing.T) {
	defer goleak.VerifyNone(t)
	ctx, cancel := context.WithCancel(context.Background())
	m := NewMachine(Definition{Name: "m"})
	x, in, _ := m.Start(ctx, nil)
	cancel()
	_, err := x.Finish(nil, x.Enter(&State{Name: "A", Type: PassState}, in))
	if StatusOf(err) != StatusAborted || !errors.Is(err, ErrAborted) || !errors.Is(err, context.Canceled) {
		t.Errorf("Finish = %v (%s), want ABORTED", err, StatusOf(err))
	}
}

func TestStatusOf(t *testing.T) {
	for _, c := range []struct {
		err  error
		want Status
	}{
		{nil, StatusSucceeded},
		{NewError("X", "y"), StatusFailed},
		{errors.New("other"), StatusFailed},
		{ErrTimedOut, StatusTimedOut},
		{fmt.Errorf("wrapped: %w", ErrTimedOut), StatusTimedOut},
		{&abortedError{cause: context.Canceled}, StatusAborted},
		{context.DeadlineExceeded, StatusAborted},
	} {
		if got := StatusOf(c.err); got != c.want {
			t.Errorf("StatusOf(%v) = %s, want %s", c.err, got, c.want)
		}
	}
}

// TestLogger: WithLogger logs the history.
func TestLogger(t *testing.T) {
	var b strings.Builder
	l := slogText(&b)
	run(t, Definition{}, nil, func(x *Exec, in Value) (Value, error) {
		return failWith(x, "A", PassState, in, NewError(ErrRuntime, "bad"))
	}, WithLogger(l), WithExecutionName("e1"))
	got := b.String()
	for _, want := range []string{
		"level=DEBUG msg=ExecutionStarted execution=e1 id=1",
		"level=DEBUG msg=PassStateEntered execution=e1 id=2 state=A",
		`level=WARN msg=ExecutionFailed execution=e1 id=3 error=States.Runtime cause="An error occurred while executing the state 'A' (entered at the event id #2). bad"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("log lacks %q:\n%s", want, got)
		}
	}
}

func slogText(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{
		Level: slog.LevelDebug,
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
}

func TestStartInputTooLarge(t *testing.T) {
	m := NewMachine(Definition{Name: "m"})
	_, _, err := m.Start(context.Background(), strings.Repeat("a", MaxPayloadSize))
	if AsError(err).Name != ErrDataLimitExceeded {
		t.Errorf("Start with 256 KiB of input: %v (A19.1)", err)
	}
}

// TestUnstartedIteration: iterations the generated code never started
// (it stopped launching after a failure) do not hold up the ids of those
// after them.
func TestUnstartedIteration(t *testing.T) {
	_, err := run(t, Definition{}, MustDecode(`{}`), func(x *Exec, in Value) (Value, error) {
		x.Enter(&State{Name: "M", Type: MapState}, in)
		mp := x.Map([]Value{int64(0), int64(1), int64(2)}, MapConfig{})
		err := mp.Iteration(x.Context(), 2, func(ix *Exec, item Value) (Value, error) {
			return failWith(ix, "Bad", PassState, item, NewError(ErrRuntime, "boom"))
		})
		_, err = mp.Wait(err)
		return nil, err
	})
	want := "An error occurred while executing the state 'Bad' (entered at the event id #5). boom"
	if e := AsError(err); e == nil || e.Cause != want {
		t.Errorf("got %v, want cause %q", err, want)
	}
}
