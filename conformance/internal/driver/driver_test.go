package driver

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	aslrt "github.com/aslc/aslc/runtime"
)

func TestRun(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	cases := []Case{
		{ID: "echo", Run: func(ctx context.Context, env *Env, in aslrt.Value) (aslrt.Value, error) { return in, nil }},
		{ID: "fail", Run: func(ctx context.Context, env *Env, in aslrt.Value) (aslrt.Value, error) {
			return nil, aslrt.NewError("States.TaskFailed", "why")
		}},
		{ID: "other", Run: func(ctx context.Context, env *Env, in aslrt.Value) (aslrt.Value, error) {
			return nil, errors.New("plain")
		}},
		{ID: "panic", Run: func(ctx context.Context, env *Env, in aslrt.Value) (aslrt.Value, error) { panic("boom") }},
		{ID: "lambda", Run: func(ctx context.Context, env *Env, in aslrt.Value) (aslrt.Value, error) {
			return env.Invoker.Invoke(ctx, aslrt.TaskCall{State: "T", Resource: "arn:aws:lambda:us-east-1:111111111111:function:echo", Input: in})
		}},
		{ID: "timeout", Run: func(ctx context.Context, env *Env, in aslrt.Value) (aslrt.Value, error) {
			return nil, fmt.Errorf("wrapped: %w", aslrt.ErrTimedOut)
		}},
		{ID: "hang", Run: func(ctx context.Context, env *Env, in aslrt.Value) (aslrt.Value, error) { <-block; return nil, nil }},
	}
	in := strings.Join([]string{
		`{"case":"echo","input":{"b":1,"a":2}}`,
		`{"case":"fail","input":{}}`,
		`{"case":"other","input":{}}`,
		`{"case":"panic","input":{}}`,
		`{"case":"missing","input":{}}`,
		`{"case":"lambda","input":{"x":1},"lambdas":{"echo":"echo_function"}}`,
		`{"case":"timeout","input":{}}`,
		``,
		`{"case":"hang","input":{}}`,
		`{"case":"echo","input":"never run"}`,
	}, "\n")
	var out bytes.Buffer
	code, err := Run(context.Background(), cases, strings.NewReader(in), &out, 200*time.Millisecond)
	if err != nil || code != ExitTimeLimit {
		t.Fatalf("Run = %d, %v; want %d", code, err, ExitTimeLimit)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	// The panic line carries a stack trace; keep its first line.
	for i, l := range lines {
		if strings.Contains(l, `"Panic"`) {
			lines[i] = l[:strings.Index(l, `\n`)]
		}
	}
	want := []string{
		`{"case":"echo","status":"SUCCEEDED","output":{"b":1,"a":2}}`,
		`{"case":"fail","status":"FAILED","error":"States.TaskFailed","cause":"why"}`,
		`{"case":"other","status":"ERROR","error":"*errors.errorString","cause":"the execution failed with an error that is not an *aslrt.Error: plain"}`,
		`{"case":"panic","status":"ERROR","error":"Panic","cause":"boom`,
		`{"case":"missing","status":"ERROR","error":"NotBuilt","cause":"the program has no case missing"}`,
		`{"case":"lambda","status":"SUCCEEDED","output":{"Return":"HelloWorld"}}`,
		`{"case":"timeout","status":"TIMED_OUT"}`,
		`{"case":"hang","status":"ERROR","error":"TimeLimit","cause":"the case did not finish within 200ms of real time"}`,
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

func TestRunMalformedJob(t *testing.T) {
	var out bytes.Buffer
	code, err := Run(context.Background(), nil, strings.NewReader("{"), &out, time.Second)
	if code != 1 || err == nil {
		t.Errorf("Run = %d, %v; want 1 and an error", code, err)
	}
}
