package aslrt

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// TestTaskShortcut: Exec.Task takes the effective input, calls the task,
// processes its result and retries as the retriers allow (A10), with more
// retriers than it counts on the stack; a task that keeps failing fails
// the state with its own error once the matching retrier is spent.
func TestTaskShortcut(t *testing.T) {
	retry := []Retrier{
		{ErrorEquals: []string{"A"}, IntervalSeconds: 1, MaxAttempts: 1, BackoffRate: 1},
		{ErrorEquals: []string{"B"}, IntervalSeconds: 1, MaxAttempts: 1, BackoffRate: 1},
		{ErrorEquals: []string{"C"}, IntervalSeconds: 1, MaxAttempts: 1, BackoffRate: 1},
		{ErrorEquals: []string{"D"}, IntervalSeconds: 1, MaxAttempts: 1, BackoffRate: 1},
		{ErrorEquals: []string{"E"}, IntervalSeconds: 3, MaxAttempts: 2, BackoffRate: 2},
	}
	spec := &TaskSpec{
		State: State{Name: "T", Type: TaskState, Resource: "arn:aws:lambda:us-east-1:111111111111:function:f", Retry: true},
		IO: StateIO{
			Parameters:     MustTemplate(`{"n.$":"$.n"}`),
			ResultSelector: MustTemplate(`{"got.$":"$.n"}`),
			ResultPath:     MustReferencePath("$.result"),
		},
		Retry: retry,
	}
	for _, c := range []struct {
		name     string
		failures int
		want     string
		wantTime time.Duration
	}{
		{"succeeds after two retries", 2, `{"n":1,"result":{"got":2}}`, 3*time.Second + 6*time.Second},
		{"fails once the retrier is spent", 3, "", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			clock := NewVirtualClock(testStart)
			calls := 0
			fn := func(_ context.Context, in Value) (Value, error) {
				calls++
				if calls <= c.failures {
					return nil, NewError("E", "attempt failed")
				}
				n, _ := in.(*Object).Get("n")
				return ObjectOf(Member{"n", n.(int64) + 1}), nil
			}
			out, err := run(t, Definition{}, MustDecode(`{"n":1}`), func(x *Exec, in Value) (Value, error) {
				return x.Task(spec, fn, in)
			}, WithClock(clock))
			if c.failures > 2 {
				if e := AsError(err); e == nil || e.Name != "E" || e.Cause != "attempt failed" {
					t.Fatalf("error %v, want E: attempt failed", err)
				}
				if calls != 3 {
					t.Errorf("%d calls, want 3", calls)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := EncodeString(out); got != c.want {
				t.Errorf("output %s, want %s", got, c.want)
			}
			if d := clock.Now().Sub(testStart); d != c.wantTime {
				t.Errorf("virtual time %v, want %v", d, c.wantTime)
			}
		})
	}
}

// TestResourceFactsShared: a scope's Task states that name the same
// resource share the facts of the first (Exec.resource); a state naming
// another resource, or the same ARN in bytes of its own, gets its own.
func TestResourceFactsShared(t *testing.T) {
	lambda := "arn:aws:lambda:us-east-1:111111111111:function:f"
	first := &State{Name: "A1", Type: TaskState, Resource: lambda}
	same := &State{Name: "A2", Type: TaskState, Resource: lambda}
	callback := &State{Name: "CB", Type: TaskState, Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken"}
	copied := &State{Name: "A3", Type: TaskState, Resource: strings.Clone(lambda)}
	x := &Exec{}
	for _, st := range []*State{first, callback, same, copied, callback, first} {
		got, want := x.resource(st), st.resource()
		if got.arn != st.Resource || got.events != want.events || got.callback != want.callback ||
			got.submitted != want.submitted || got.label != want.label {
			t.Errorf("%s: facts %+v, want %+v", st.Name, got, want)
		}
	}
	x.resource(first)
	if x.resource(same) != first.resource() {
		t.Error("a state naming the same resource does not share the facts of the one before")
	}
}

// TestExitResult: leaving a state with its last computed value through
// exitResult leaves the scope's size bounds as noting the value's bound
// and then Exit do, for a new object or array, the state's input itself,
// the value in the other slot, and a scalar.
func TestExitResult(t *testing.T) {
	input, other := NewObject(0), []Value{int64(1)}
	for _, out := range []Value{NewObject(0), []Value{"a"}, input, other, "s", nil} {
		var want, got Exec
		for _, x := range []*Exec{&want, &got} {
			x.e = &execution{h: &history{}}
			x.seg = &segment{}
			x.sizes.makeCurrent(input)
			x.sizes.current(vkey{p: unsafe.Pointer(input)}, 10)
			x.sizes.note(vkey{p: unsafe.Pointer(&other[0]), n: 1}, 20)
		}
		want.noteSize(out, 30)
		want.Exit(out)
		got.exitResult(out, 30)
		if got.sizes != want.sizes || got.seg.n != want.seg.n {
			t.Errorf("%s: sizes %+v, %d events; want %+v, %d", EncodeString(out), got.sizes, got.seg.n, want.sizes, want.seg.n)
		}
	}
}

// TestTaskSpecSize: a TaskSpec, which holds what a Task state run by
// Exec.Task reads, is two cache lines, its State 48 bytes of them.
func TestTaskSpecSize(t *testing.T) {
	if n := unsafe.Sizeof(State{}); n != 48 {
		t.Errorf("State is %d bytes, want 48", n)
	}
	if n := unsafe.Sizeof(TaskSpec{}); n != 128 {
		t.Errorf("TaskSpec is %d bytes, want 128", n)
	}
}

// TestTaskResourceFacts: Exec.Task takes the facts of its state's resource
// from the scope, where Enter left them; in a scope that runs Task states
// of different resources one after the other, each state's task events
// are those of its own resource.
func TestTaskResourceFacts(t *testing.T) {
	lambda := "arn:aws:lambda:us-east-1:111111111111:function:f"
	activity := "arn:aws:states:us-east-1:111111111111:activity:a"
	specs := []*TaskSpec{
		{State: State{Name: "L1", Type: TaskState, Resource: lambda}},
		{State: State{Name: "A", Type: TaskState, Resource: activity}},
		{State: State{Name: "L2", Type: TaskState, Resource: lambda}},
		{State: State{Name: "S", Type: TaskState, Resource: "arn:aws:states:::states:startExecution.sync:2"}},
	}
	want := map[string][]EventType{
		"L1": {LambdaFunctionScheduled, LambdaFunctionStarted, LambdaFunctionSucceeded},
		"A":  {ActivityScheduled, ActivityStarted, ActivitySucceeded},
		"L2": {LambdaFunctionScheduled, LambdaFunctionStarted, LambdaFunctionSucceeded},
		"S":  {TaskScheduled, TaskStarted, TaskSubmitted, TaskSucceeded},
	}
	rec := &recorder{}
	_, err := run(t, Definition{}, MustDecode(`{}`), func(x *Exec, in Value) (Value, error) {
		for _, spec := range specs {
			out, err := x.Task(spec, func(_ context.Context, in Value) (Value, error) { return in, nil }, in)
			if err != nil {
				return nil, err
			}
			in = out
		}
		return in, nil
	}, WithHistory(rec.hook))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]EventType{}
	for _, ev := range rec.events {
		if ev.State != "" && !strings.HasSuffix(string(ev.Type), "StateEntered") && !strings.HasSuffix(string(ev.Type), "StateExited") {
			got[ev.State] = append(got[ev.State], ev.Type)
		}
	}
	for name, w := range want {
		if g := got[name]; !slices.Equal(g, w) {
			t.Errorf("%s: events %v, want %v", name, g, w)
		}
	}
}

// TestTaskEnteredOnVirtualClock: on a virtual clock a Task state of a
// scope that has nothing else to do on entering (Exec.plain is
// plainCounted) is entered by enterCounted, which keeps the virtual time
// of its entry, as the general Enter does: the second state, entered
// after the first one's retry waited 2 s, was entered 2 s after the start.
func TestTaskEnteredOnVirtualClock(t *testing.T) {
	spec := func(name string) *TaskSpec {
		return &TaskSpec{
			State: State{Name: name, Type: TaskState, Resource: "arn:aws:lambda:us-east-1:111111111111:function:f", Retry: true},
			IO:    StateIO{Parameters: MustTemplate(`{"n.$":"$.n"}`)},
			Retry: []Retrier{{ErrorEquals: []string{"E"}, IntervalSeconds: 2, MaxAttempts: 1, BackoffRate: 1}},
		}
	}
	calls := 0
	fn := func(_ context.Context, in Value) (Value, error) {
		calls++
		if calls == 1 {
			return nil, NewError("E", "once")
		}
		return in, nil
	}
	_, err := run(t, Definition{}, MustDecode(`{"n":1}`), func(x *Exec, in Value) (Value, error) {
		out, err := x.Task(spec("First"), fn, in)
		if err != nil {
			return nil, err
		}
		if x.plain != plainCounted {
			t.Errorf("after the first state plain = %b, want %b", x.plain, plainCounted)
		}
		out, err = x.Task(spec("Second"), fn, out)
		if want := testStart.Add(2 * time.Second).UnixNano(); x.entered != want || x.st.Name != "Second" {
			t.Errorf("%s entered at %d, want %d", x.st.Name, x.entered, want)
		}
		return out, err
	}, WithVirtualTime(testStart))
	if err != nil {
		t.Fatal(err)
	}
}
