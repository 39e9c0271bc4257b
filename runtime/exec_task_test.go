package aslrt

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestCallErrors(t *testing.T) {
	cases := []struct {
		name     string
		resource string
		fn       TaskFunc
		want     *Error
	}{
		{"A8.10 named error", "arn:aws:lambda:us-east-1:111111111111:function:f",
			func(context.Context, Value) (Value, error) { return nil, NewError("Lambda.Unknown", "why") },
			NewError("Lambda.Unknown", "why")},
		{"wrapped named error", "arn:aws:states:::lambda:invoke",
			func(context.Context, Value) (Value, error) { return nil, fmt.Errorf("calling: %w", NewError("E", "c")) },
			NewError("E", "c")},
		{"Go error", "arn:aws:states:::lambda:invoke",
			func(context.Context, Value) (Value, error) { return nil, errors.New("connection refused") },
			NewError(ErrTaskFailed, "connection refused")},
		{"A17.6 Lambda ARN result too large", "arn:aws:lambda:us-east-1:111111111111:function:big",
			func(context.Context, Value) (Value, error) { return strings.Repeat("a", 257*1024), nil },
			NewError(ErrDataLimitExceeded, "The state/task 'arn:aws:lambda:us-east-1:111111111111:function:big' returned a result with a size exceeding the maximum number of bytes service limit.")},
		{"A17.6 service result too large", "arn:aws:states:::lambda:invoke",
			func(context.Context, Value) (Value, error) {
				return ObjectOf(Member{"Payload", strings.Repeat("a", 257*1024)}), nil
			},
			NewError(ErrDataLimitExceeded, "The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes service limit.")},
		{"A17.6 aws-sdk result too large", "arn:aws:states:::aws-sdk:s3:getObject",
			func(context.Context, Value) (Value, error) { return strings.Repeat("a", 257*1024), nil },
			NewError(ErrDataLimitExceeded, "The state/task 'aws-sdk' returned a result with a size exceeding the maximum number of bytes service limit.")},
		{"result that is not JSON", "arn:aws:states:::lambda:invoke",
			func(context.Context, Value) (Value, error) { return make(chan int), nil },
			&Error{Name: ErrTaskFailed}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := run(t, Definition{}, nil, func(x *Exec, in Value) (Value, error) {
				x.Enter(&State{Name: "T", Type: TaskState, Resource: c.resource}, in)
				return x.Call(c.fn, in, 0, 0)
			})
			got := AsError(err)
			if c.want.Cause == "" && got != nil && strings.HasPrefix(got.Cause, "The task result is not a JSON value") {
				got = &Error{Name: got.Name}
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestDataLimitCorpus: an oversized task result is caught by States.ALL
// (A9.4) with the cause AWS recorded, and a Pass result fails the
// execution naming the state (A19.1).
func TestDataLimitCorpus(t *testing.T) {
	corpus := execCorpusDir(t)
	for _, id := range []string{
		"task-service-lambda-invoke-catch-all--service-task-lambada-catch-state-all-data-l-7b4437",
		"task-service-lambda-invoke-catch-all--task-lambda-catch-state-all-data-limit-exce-cc050e",
		"task-service-lambda-invoke-catch-data-limit-exceeded--service-task-lambada-data-l-87937b",
		"task-service-lambda-invoke-catch-data-limit-exceeded--task-lambda-data-limit-exce-efaf33",
	} {
		t.Run(id, func(t *testing.T) {
			dir := filepath.Join(corpus, "cases", id)
			resource := jget(execReadJSON(t, filepath.Join(dir, "definition.json")), "States", "InvokeLambda", "Resource").(string)
			want := jget(execReadJSON(t, filepath.Join(dir, "expected.json")), "output")
			out, err := run(t, Definition{}, nil, func(x *Exec, in Value) (Value, error) {
				x.Enter(&State{Name: "InvokeLambda", Type: TaskState, Resource: resource}, in)
				_, err := x.Call(func(context.Context, Value) (Value, error) {
					return strings.Repeat("a", 257*1024), nil
				}, in, 0, 0)
				if errOut, ok := x.Catch(err, ErrDataLimitExceeded); ok {
					return errOut, nil
				}
				return nil, err
			})
			if err != nil {
				t.Fatal(err)
			}
			// The recorded function ARN has placeholders for its region
			// and name.
			got := strings.NewReplacer("arn:aws:lambda:us-east-1:", "arn:<partition>:lambda:<region>:", "function:lambda_func_5f000001", "function:<lambda_function_name>").Replace(EncodeString(out))
			if got != EncodeString(want) {
				t.Errorf("error output\n got %s\nwant %s", got, EncodeString(want))
			}
		})
	}
	t.Run("decl-version-1-0--start-large-input", func(t *testing.T) {
		id := "decl-version-1-0--start-large-input"
		result := jget(execReadJSON(t, filepath.Join(corpus, "cases", id, "definition.json")), "States", "State_1", "Result")
		_, err := run(t, Definition{}, nil, func(x *Exec, in Value) (Value, error) {
			x.Enter(&State{Name: "State_1", Type: PassState}, in)
			return nil, x.CheckSize(result)
		})
		if diff := cmp.Diff(corpusFailure(t, id), AsError(err)); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}

func TestTaskCallContext(t *testing.T) {
	var got TaskCall
	inv := InvokerFunc(func(ctx context.Context, call TaskCall) (Value, error) {
		got = call
		return MustDecode(`{"ok":true}`), nil
	})
	out, err := run(t, Definition{}, MustDecode(`{"a":1}`), func(x *Exec, in Value) (Value, error) {
		x.Enter(&State{Name: "T", Type: TaskState, Resource: "arn:aws:states:::sqs:sendMessage", Retry: true}, in)
		var attempts [1]int
		x.Retry(NewError("E", ""), []Retrier{{ErrorEquals: []string{"E"}, MaxAttempts: 1, IntervalSeconds: 1, BackoffRate: 1}}, attempts[:])
		return x.Call(func(ctx context.Context, in Value) (Value, error) { return Invoke(ctx, inv, in) }, MustDecode(`{"b":2}`), 30, 10)
	}, WithVirtualTime(testStart))
	if err != nil || EncodeString(out) != `{"ok":true}` {
		t.Fatalf("got %v, %v", out, err)
	}
	want := TaskCall{State: "T", Resource: "arn:aws:states:::sqs:sendMessage", Input: MustDecode(`{"b":2}`), TimeoutSeconds: 30, HeartbeatSeconds: 10, RetryCount: 1}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b *Object) bool { return Equal(a, b) })); diff != "" {
		t.Errorf("TaskCall (-want +got):\n%s", diff)
	}
	if _, err := Invoke(context.Background(), inv, nil); err == nil {
		t.Error("Invoke outside a task did not fail")
	}
	if _, ok := TaskCallFrom(context.Background()); ok {
		t.Error("TaskCallFrom outside a task")
	}
}

// TestTaskEvents: the task events depend on the resource (A18.4).
func TestTaskEvents(t *testing.T) {
	cases := []struct {
		resource string
		want     []EventType
	}{
		{"arn:aws:lambda:us-east-1:111111111111:function:f", []EventType{LambdaFunctionScheduled, LambdaFunctionStarted, LambdaFunctionSucceeded}},
		{"arn:aws:states:::lambda:invoke", []EventType{TaskScheduled, TaskStarted, TaskSucceeded}},
		{"arn:aws:states:::states:startExecution.sync:2", []EventType{TaskScheduled, TaskStarted, TaskSubmitted, TaskSucceeded}},
		{"arn:aws:states:::sqs:sendMessage.waitForTaskToken", []EventType{TaskScheduled, TaskStarted, TaskSubmitted, TaskSucceeded}},
		{"arn:aws:states:us-east-1:111111111111:activity:a", []EventType{ActivityScheduled, ActivityStarted, ActivitySucceeded}},
	}
	for _, c := range cases {
		for _, hook := range []bool{true, false} {
			rec := &recorder{}
			var opts []Option
			if hook {
				opts = append(opts, WithHistory(rec.hook))
			}
			var n int64
			run(t, Definition{}, nil, func(x *Exec, in Value) (Value, error) {
				x.Enter(&State{Name: "T", Type: TaskState, Resource: c.resource}, in)
				out, err := x.Call(func(_ context.Context, in Value) (Value, error) { return in, nil }, in, 0, 0)
				n = x.seg.n
				return out, err
			}, opts...)
			if n != int64(2+len(c.want)) {
				t.Errorf("%s: %d events counted, want %d", c.resource, n, 2+len(c.want))
			}
			if !hook {
				continue
			}
			var got []EventType
			for _, ev := range rec.events[2 : 2+len(c.want)] {
				got = append(got, ev.Type)
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", c.resource, diff)
			}
		}
	}
}

func TestCallConvertsGoResults(t *testing.T) {
	out, err := run(t, Definition{}, nil, func(x *Exec, in Value) (Value, error) {
		x.Enter(&State{Name: "T", Type: TaskState}, in)
		return x.Call(func(context.Context, Value) (Value, error) {
			return struct {
				A int      `json:"a"`
				B []string `json:"b"`
			}{1, []string{"x"}}, nil
		}, in, 0, 0)
	})
	if err != nil || EncodeString(out) != `{"a":1,"b":["x"]}` {
		t.Errorf("got %s, %v", EncodeString(out), err)
	}
}

func TestTaskSecondsPath(t *testing.T) {
	in := MustDecode(`{"t":300,"z":0,"s":"5"}`)
	m := NewMachine(Definition{Name: "m"})
	x, _, _ := m.Start(context.Background(), in)
	defer x.Finish(nil, nil)
	x.Enter(&State{Name: "T", Type: TaskState}, in)
	if n, err := x.TaskSecondsPath(MustReferencePath("$.t"), in, "TimeoutSecondsPath"); n != 300 || err != nil {
		t.Errorf("got %d, %v", n, err)
	}
	for path, cause := range map[string]string{
		"$.z":    "The TimeoutSecondsPath field refers to value 0 which is not a positive integer: $.z",
		"$.s":    `The TimeoutSecondsPath field refers to value "5" which is not a positive integer: $.s`,
		"$.none": "Invalid path '$.none' : No results for path: $['none']",
	} {
		_, err := x.TaskSecondsPath(MustReferencePath(path), in, "TimeoutSecondsPath")
		if diff := cmp.Diff(NewError(ErrRuntime, cause), AsError(err)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", path, diff)
		}
	}
}

// TestSharedTaskContext: calls without limits share their scope's task
// context; each call still sees its own TaskCall and the execution's
// clock, in a chain of states and in the iterations of Map workers,
// whose scopes are reused from item to item.
func TestSharedTaskContext(t *testing.T) {
	type seen struct {
		call TaskCall
		now  time.Time
	}
	var mu sync.Mutex
	var got []seen
	task := func(ctx context.Context, in Value) (Value, error) {
		call, ok := TaskCallFrom(ctx)
		if !ok {
			return nil, errors.New("no TaskCall")
		}
		if err := Sleep(ctx, time.Second); err != nil {
			return nil, err
		}
		mu.Lock()
		got = append(got, seen{call, Now(ctx)})
		mu.Unlock()
		return in, nil
	}
	callIn := func(x *Exec, name string, in Value) (Value, error) {
		if err := x.Enter(&State{Name: name, Type: TaskState, Resource: "arn:aws:states:::lambda:invoke"}, in); err != nil {
			return nil, err
		}
		out, err := x.Call(task, in, 0, 0)
		if err != nil {
			return nil, err
		}
		x.Exit(out)
		return out, nil
	}
	items := []Value{int64(0), int64(1), int64(2), int64(3), int64(4)}
	_, err := run(t, Definition{}, MustDecode(`{}`), func(x *Exec, in Value) (Value, error) {
		for _, name := range []string{"First", "Second"} {
			var err error
			if in, err = callIn(x, name, in); err != nil {
				return nil, err
			}
		}
		if err := x.Enter(&State{Name: "Fan", Type: MapState}, in); err != nil {
			return nil, err
		}
		mp := x.Map(items, MapConfig{MaxConcurrency: 2})
		return mp.Wait(workAll(x.Context(), mp, func(ix *Exec, v Value) (Value, error) {
			return callIn(ix, "Item", v)
		}))
	}, WithVirtualTime(testStart))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2+len(items) {
		t.Fatalf("%d calls, want %d", len(got), 2+len(items))
	}
	for i, name := range []string{"First", "Second"} {
		if got[i].call.State != name || !got[i].now.Equal(testStart.Add(time.Duration(i+1)*time.Second)) {
			t.Errorf("call %d: %s at %v, want %s at %v", i, got[i].call.State, got[i].now, name, testStart.Add(time.Duration(i+1)*time.Second))
		}
	}
	inputs := map[int64]bool{}
	for _, s := range got[2:] {
		if s.call.State != "Item" || s.call.Resource != "arn:aws:states:::lambda:invoke" {
			t.Errorf("item call of %s %s", s.call.State, s.call.Resource)
		}
		i, _ := s.call.Input.(int64)
		inputs[i] = true
		// items run two at a time, after the two chained calls
		if d := s.now.Sub(testStart); d < 3*time.Second || d > 5*time.Second {
			t.Errorf("item %d's call ended at +%v, want +3s to +5s", i, d)
		}
	}
	if len(inputs) != len(items) {
		t.Errorf("the item calls saw inputs %v, want each of 0-4 once", inputs)
	}
}
