package awslambda_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aslc/aslc/backend/awslambda"
	"github.com/aslc/aslc/backend/awslambda/awslambdatest"
	"github.com/aslc/aslc/conformance"
	"github.com/aslc/aslc/internal/lambdastub"
	aslrt "github.com/aslc/aslc/runtime"
)

// emptyScope is the scope of a Parameters template in these cases: none
// of them reads the context object for anything the stubs return, so the
// context object holds only the first attempt's $$.State.RetryCount.
type emptyScope struct{}

func (emptyScope) ContextObject() aslrt.Value {
	return aslrt.MustDecode(`{"State":{"RetryCount":0}}`)
}
func (emptyScope) Variable(string) (aslrt.Value, bool) { return nil, false }
func (emptyScope) Random() uint64                      { return 0 }

// What a corpus case recorded of its Lambda task.
const (
	// result: the task result is the execution output, or its member
	// key; a Pass state's "final" copy of it is left out.
	result = iota
	// caught: a catcher passed the error on as {"Error","Cause"}: the
	// output itself, or its member key.
	caught
	// failed: the task's error failed the execution.
	failed
)

// TestCorpus calls each tier-2 case's Lambda task through the backend and
// the fake endpoint serving the case's stubs, and compares what comes back
// with what AWS recorded, by the corpus's compare rules (placeholders,
// JSON causes). The task input is the case input through the state's
// Parameters (or literal Arguments), as the definition says.
func TestCorpus(t *testing.T) {
	dir, err := conformance.DefaultCorpusDir()
	if err != nil {
		t.Skip(err)
	}
	corpus, err := conformance.Load(dir)
	if err != nil {
		t.Skipf("no corpus: %v", err)
	}
	byID := map[string]*conformance.Case{}
	for _, c := range corpus.Cases {
		byID[c.ID] = c
	}
	tests := []struct {
		id, state string
		want      int
		key       string
	}{
		{"lambda-invoke--invoke", "Start", result, ""},
		{"lambda-invoke--invoke-bytes-payload", "Start", result, ""},
		{"lambda-invoke--invoke-json-values--0-0-558387", "Start", result, ""},
		{"lambda-invoke--invoke-json-values--0-0-b69e29", "Start", result, ""},
		{"lambda-invoke--invoke-json-values--0-1", "Start", result, ""},
		{"lambda-invoke--invoke-json-values--helloworld", "Start", result, ""},
		{"lambda-invoke--invoke-json-values--json-value5", "Start", result, ""},
		{"lambda-invoke--invoke-json-values--json-value6", "Start", result, ""},
		{"lambda-invoke--invoke-json-values--true", "Start", result, ""},
		{"lambda-invoke--lambda-service-invoke", "Start", result, ""},
		{"lambda-invoke--lambda-service-invoke-sync-execution", "Start", result, ""},
		{"catch-empty", "StartTask", result, ""},
		{"base-lambda-empty--base-cases", "State0", result, ""},
		{"base-lambda-empty-global-ql-jsonata--base-cases", "State0", result, ""},
		{"task-service-lambda-invoke-catch-unknown--raise-exception", "Start", failed, ""},
		{"task-service-lambda-invoke-catch-unknown--no-such-function", "Start", failed, ""},
		{"task-service-lambda-invoke-catch-relevant--no-such-function-catch", "Start", caught, "task_failed_error"},
		{"task-service-lambda-invoke-catch-relevant--raise-exception-catch", "Start", caught, "task_failed_error"},
		{"task-service-lambda-invoke-catch-all--service-task-lambada-catch-state-all-data-l-7b4437", "InvokeLambda", caught, ""},
		{"task-service-lambda-invoke-catch-all--task-lambda-catch-state-all-data-limit-exce-cc050e", "InvokeLambda", caught, ""},
		{"task-service-lambda-invoke-catch-data-limit-exceeded--service-task-lambada-data-l-87937b", "InvokeLambda", caught, ""},
		{"task-service-lambda-invoke-catch-data-limit-exceeded--task-lambda-data-limit-exce-efaf33", "InvokeLambda", caught, ""},
		{"task-service-lambda-invoke-catch-all-output-path--raise-exception-catch-output-pa-54b45a", "InvokeLambda", caught, "InputValue"},
		{"task-service-lambda-invoke-catch-all-output-path--raise-exception-catch-output-pa-91b2d7", "InvokeLambda", caught, "InputValue"},
		{"task-service-lambda-invoke-catch-all-output-path--raise-exception-catch-output-pa-961c60", "InvokeLambda", caught, "InputValue"},
		{"task-service-lambda-invoke-catch-all--catch-3c14cc", "InvokeLambda", caught, ""},
		{"task-service-lambda-invoke-catch-all--catch-cd1775", "InvokeLambda", caught, ""},
		{"lambda-empty-retry", "LambdaTask", failed, ""},
		{"retry-interval-features", "LambdaTask", failed, ""},
		{"retry-interval-features-max-attempts-zero", "LambdaTask", failed, ""},
		{"lambda-invoke-with-retry-base", "InvokeLambdaWithRetry", caught, ""},
		{"lambda-invoke-with-retry-extended-input", "InvokeLambdaWithRetry", caught, ""},
		{"lambda-service-invoke-with-retry-extended-input", "InvokeLambdaWithRetry", caught, ""},
		{"lambda-wait-with-timeout-seconds--fixed-timeout-lambda", "Start", failed, ""},
		{"service-lambda-wait-with-timeout-seconds--fixed-timeout-service-lambda", "Start", failed, ""},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			c := byID[tt.id]
			if c == nil {
				t.Fatalf("no case %s in %s", tt.id, dir)
			}
			call := taskCall(t, c, tt.state)
			if call.TimeoutSeconds > 1 {
				// The stub sleeps 60 seconds; any shorter limit shows the
				// timeout, and 1 keeps the test quick.
				call.TimeoutSeconds = 1
			}
			srv := awslambdatest.New(&lambdastub.Lambda{Functions: c.Meta.Lambdas})
			defer srv.Close()
			srv.Setenv(t)
			inv, err := awslambda.New(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			got, err := inv.Invoke(context.Background(), call)
			exp := c.Expected
			switch tt.want {
			case result:
				if err != nil {
					t.Fatalf("Invoke: %v", err)
				}
				want := member(t, exp.Output, tt.key)
				if obj, ok := want.(*aslrt.Object); ok && tt.key == "" && obj.Has("final") {
					want = obj.Clone()
					want.(*aslrt.Object).Delete("final")
				}
				if ok, diffs := conformance.MatchValue(want, got); !ok {
					t.Errorf("result differs from AWS's:\n%s\ngot  %s\nwant %s", strings.Join(diffs, "\n"), aslrt.Encode(got), aslrt.Encode(want))
				}
				// The compare rules ignore member order; the encoded
				// result is AWS's byte for byte only when it is the same.
				if diffs := memberOrder("$", want, got); len(diffs) > 0 {
					t.Errorf("member order differs from AWS's:\n%s", strings.Join(diffs, "\n"))
				}
			case caught:
				e := asError(t, err)
				rec, _ := member(t, exp.Output, tt.key).(*aslrt.Object)
				wantErr, _ := rec.Get("Error")
				wantCause, _ := rec.Get("Cause")
				checkError(t, e, wantErr.(string), wantCause.(string))
			case failed:
				e := asError(t, err)
				if exp.Error == nil {
					t.Fatalf("case records no error")
				}
				wantCause := ""
				if exp.Cause != nil {
					wantCause = *exp.Cause
				}
				checkError(t, e, *exp.Error, wantCause)
			}
		})
	}
}

func checkError(t *testing.T, e *aslrt.Error, wantName, wantCause string) {
	t.Helper()
	if !conformance.MatchText(wantName, e.Name) {
		t.Errorf("error %q, AWS gave %q", e.Name, wantName)
	}
	if !conformance.MatchCause(wantCause, e.Cause) {
		t.Errorf("cause\n%s\nAWS gave\n%s", e.Cause, wantCause)
	}
}

func asError(t *testing.T, err error) *aslrt.Error {
	t.Helper()
	var e *aslrt.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T), want an *aslrt.Error", err, err)
	}
	return e
}

func member(t *testing.T, v aslrt.Value, key string) aslrt.Value {
	t.Helper()
	if key == "" {
		return v
	}
	obj, ok := v.(*aslrt.Object)
	if !ok {
		t.Fatalf("recorded output %s has no member %s", aslrt.Encode(v), key)
	}
	m, ok := obj.Get(key)
	if !ok {
		t.Fatalf("recorded output %s has no member %s", aslrt.Encode(v), key)
	}
	return m
}

// taskCall builds the call of a case's Task state: its Resource,
// TimeoutSeconds and effective input.
func taskCall(t *testing.T, c *conformance.Case, state string) aslrt.TaskCall {
	t.Helper()
	def := aslrt.MustDecode(string(c.Definition)).(*aslrt.Object)
	states, _ := def.Get("States")
	sv, _ := states.(*aslrt.Object).Get(state)
	s, ok := sv.(*aslrt.Object)
	if !ok {
		t.Fatalf("no state %s", state)
	}
	resource, _ := s.Get("Resource")
	call := aslrt.TaskCall{State: state, Resource: resource.(string), Input: aslrt.MustDecode(string(c.Input))}
	if ts, ok := s.Get("TimeoutSeconds"); ok {
		call.TimeoutSeconds, _ = aslrt.Int(ts)
	}
	if p, ok := s.Get("Parameters"); ok {
		tmpl, err := aslrt.ParseTemplate(p)
		if err != nil {
			t.Fatal(err)
		}
		if call.Input, err = tmpl.Eval(call.Input, emptyScope{}); err != nil {
			t.Fatal(err)
		}
	}
	if a, ok := s.Get("Arguments"); ok {
		if strings.Contains(aslrt.EncodeString(a), "{%") {
			t.Fatalf("state %s has JSONata Arguments", state)
		}
		call.Input = a
	}
	return call
}

// memberOrder reports the objects in got whose members come in another
// order than in the recorded want, at any depth.
func memberOrder(path string, want, got aslrt.Value) []string {
	switch w := want.(type) {
	case *aslrt.Object:
		g, ok := got.(*aslrt.Object)
		if !ok {
			return nil
		}
		var diffs []string
		if wk, gk := w.Keys(), g.Keys(); !slices.Equal(wk, gk) {
			diffs = append(diffs, fmt.Sprintf("%s: members %q, AWS has %q", path, gk, wk))
		}
		for k, v := range w.All() {
			if gv, ok := g.Get(k); ok {
				diffs = append(diffs, memberOrder(path+"."+k, v, gv)...)
			}
		}
		return diffs
	case []aslrt.Value:
		g, ok := got.([]aslrt.Value)
		if !ok || len(g) != len(w) {
			return nil
		}
		var diffs []string
		for i := range w {
			diffs = append(diffs, memberOrder(fmt.Sprintf("%s[%d]", path, i), w[i], g[i])...)
		}
		return diffs
	}
	return nil
}
