package runner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	aslrt "github.com/aslc/aslc/runtime"
)

// fakeMachine stands for a generated machine: it calls one Task state
// with its input and returns the result, and records the options.
type fakeMachine struct {
	inv  aslrt.Invoker
	opts []aslrt.Option
	run  func(ctx context.Context, inv aslrt.Invoker, in any) (any, error)
}

func (m *fakeMachine) Run(ctx context.Context, in any) (any, error) { return m.run(ctx, m.inv, in) }

func callTask(ctx context.Context, inv aslrt.Invoker, in any) (any, error) {
	return inv.Invoke(ctx, aslrt.TaskCall{State: "Charge", Resource: "arn:aws:lambda:us-east-1:111111111111:function:charge", Input: in})
}

func echo(ctx context.Context, inv aslrt.Invoker, in any) (any, error) { return in, nil }

func runWith(t *testing.T, run func(context.Context, aslrt.Invoker, any) (any, error), stdin string, args ...string) (code int, stdout, stderr string, m *fakeMachine) {
	t.Helper()
	var out, errb bytes.Buffer
	newMachine := func(inv aslrt.Invoker, opts ...aslrt.Option) Machine {
		m = &fakeMachine{inv: inv, opts: opts, run: run}
		return m
	}
	code = Run(context.Background(), newMachine, args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String(), m
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const mocks = `{
  "StateMachines": {"orders": {"TestCases": {
    "Paid": {"Charge": "ChargeOK"},
    "Declined": {"Charge": "ChargeDeclined"},
    "Empty": {}}}},
  "MockedResponses": {
    "ChargeOK": {"0": {"Return": {"status": "paid", "amount": 12.5}}},
    "ChargeDeclined": {"0": {"Throw": {"Error": "Payment.Declined", "Cause": "card expired"}}}
  }
}`

func TestRun(t *testing.T) {
	mockFile := writeFile(t, "mocks.json", mocks)
	inputFile := writeFile(t, "input.json", `{"id": 7, "items": ["a", "b"]}`)
	tests := []struct {
		name   string
		run    func(context.Context, aslrt.Invoker, any) (any, error)
		stdin  string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{name: "succeeded from stdin", run: echo, stdin: `{"b": 1, "a": [1.0, 2.5e3, "x"]}`, args: []string{"--input", "-"},
			stdout: `{"status":"SUCCEEDED","output":{"b":1,"a":[1.0,2500.0,"x"]}}`},
		{name: "input file", run: echo, args: []string{"--input", inputFile},
			stdout: `{"status":"SUCCEEDED","output":{"id":7,"items":["a","b"]}}`},
		{name: "null output", run: func(context.Context, aslrt.Invoker, any) (any, error) { return nil, nil }, stdin: `{}`,
			stdout: `{"status":"SUCCEEDED","output":null}`},
		{name: "failed", code: 1, stdin: `{}`,
			run: func(context.Context, aslrt.Invoker, any) (any, error) {
				return nil, aslrt.NewError("OrderRejected", "the payment failed")
			},
			stdout: `{"status":"FAILED","error":"OrderRejected","cause":"the payment failed"}`},
		{name: "failed without cause", code: 1, stdin: `{}`,
			run:    func(context.Context, aslrt.Invoker, any) (any, error) { return nil, aslrt.NewError("Bad", "") },
			stdout: `{"status":"FAILED","error":"Bad"}`},
		{name: "failed with a plain error", code: 1, stdin: `{}`,
			run:    func(context.Context, aslrt.Invoker, any) (any, error) { return nil, errors.New("boom") },
			stdout: `{"status":"FAILED","error":"States.TaskFailed","cause":"boom"}`},
		{name: "timed out", code: 1, stdin: `{}`,
			run:    func(context.Context, aslrt.Invoker, any) (any, error) { return nil, aslrt.ErrTimedOut },
			stdout: `{"status":"TIMED_OUT"}`},
		{name: "aborted", code: 1, stdin: `{}`,
			run: func(context.Context, aslrt.Invoker, any) (any, error) {
				return nil, fmt.Errorf("%w: %w", aslrt.ErrAborted, context.Canceled)
			},
			stdout: `{"status":"ABORTED"}`},
		{name: "mocked return", run: callTask, stdin: `{"id": 1}`,
			args:   []string{"--mock-config", mockFile, "--test-case", "Paid", "--name", "orders"},
			stdout: `{"status":"SUCCEEDED","output":{"status":"paid","amount":12.5}}`},
		{name: "mocked throw", run: callTask, stdin: `{"id": 1}`, code: 1,
			args:   []string{"--mock-config", mockFile, "--test-case", "Declined", "--name", "orders"},
			stdout: `{"status":"FAILED","error":"Payment.Declined","cause":"card expired"}`},
		{name: "state without mock", run: callTask, stdin: `{}`, code: 1,
			args:   []string{"--mock-config", mockFile, "--test-case", "Empty", "--name", "orders"},
			stdout: `{"status":"FAILED","error":"States.Runtime","cause":"mockconfig: test case \"Empty\" of state machine \"orders\" in ` + mockFile + ` has no mocked response for state \"Charge\""}`},
		{name: "no mock config", run: callTask, stdin: `{}`, code: 1,
			stdout: `{"status":"FAILED","error":"States.Runtime","cause":"Task state \"Charge\" (resource arn:aws:lambda:us-east-1:111111111111:function:charge) has no mocked response: aslc run calls no real resources; answer Task states with --mock-config FILE --test-case NAME"}`},
		{name: "unknown test case", run: callTask, stdin: `{}`, code: 1,
			args:   []string{"--mock-config", mockFile, "--test-case", "Nope", "--name", "orders"},
			stderr: "Nope"},
		{name: "bad input", run: echo, stdin: `{"a": }`, code: 1, stderr: "the input in standard input is not JSON"},
		{name: "empty input", run: echo, stdin: ``, code: 1, stderr: "the input in standard input is not JSON"},
		{name: "missing input file", run: echo, args: []string{"--input", filepath.Join(t.TempDir(), "none.json")}, code: 1, stderr: "reading the input"},
		{name: "test case without mock config", run: echo, stdin: `{}`, args: []string{"--test-case", "Paid"}, code: 2, stderr: "go together"},
		{name: "mock config without name", run: echo, stdin: `{}`, args: []string{"--mock-config", mockFile, "--test-case", "Paid"}, code: 2, stderr: "needs --name"},
		{name: "stray argument", run: echo, stdin: `{}`, args: []string{"extra"}, code: 2, stderr: "unexpected arguments"},
		{name: "unknown flag", run: echo, stdin: `{}`, args: []string{"--frob"}, code: 2, stderr: "frob"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr, _ := runWith(t, tt.run, tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			want := ""
			if tt.stdout != "" {
				want = tt.stdout + "\n"
			}
			if diff := cmp.Diff(want, stdout); diff != "" {
				t.Errorf("stdout (-want +got):\n%s", diff)
			}
			if tt.stderr == "" && stderr != "" || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tt.stderr)
			}
		})
	}
}

// TestRunOptions: --name and --virtual-time become machine options.
func TestRunOptions(t *testing.T) {
	for _, tt := range []struct {
		args []string
		n    int
	}{{nil, 0}, {[]string{"--name", "m"}, 1}, {[]string{"--virtual-time"}, 1}, {[]string{"--name", "m", "--virtual-time"}, 2}} {
		_, _, stderr, m := runWith(t, echo, `{}`, tt.args...)
		if m == nil || len(m.opts) != tt.n {
			t.Errorf("%q: machine %+v, want %d options; stderr %s", tt.args, m, tt.n, stderr)
		}
	}
}

// TestRunAborts: a cancelled context aborts the execution, which reports
// ABORTED.
func TestRunAborts(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb bytes.Buffer
	newMachine := func(inv aslrt.Invoker, opts ...aslrt.Option) Machine {
		return &fakeMachine{run: func(ctx context.Context, _ aslrt.Invoker, _ any) (any, error) {
			cancel()
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(10 * time.Second):
				return nil, errors.New("not aborted")
			}
		}}
	}
	code := Run(ctx, newMachine, nil, strings.NewReader(`{}`), &out, &errb)
	if code != 1 || out.String() != `{"status":"ABORTED"}`+"\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
}
