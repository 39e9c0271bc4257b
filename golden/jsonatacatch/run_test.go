package jsonatacatch_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/aslc/aslc/golden/internal/goldentest"
	"github.com/aslc/aslc/golden/jsonatacatch"
	aslrt "github.com/aslc/aslc/runtime"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// tasks charges an amount: negative amounts are declined, 13 is busy on the
// first attempt, 99 fails with an error no catcher names, 1000 takes a
// minute.
type tasks struct{ calls *[]string }

func (t tasks) Charge(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	*t.calls = append(*t.calls, aslrt.EncodeString(in))
	amount, _ := aslrt.Int(in.(*aslrt.Object).Members()[1].Value)
	switch {
	case amount < 0:
		return nil, aslrt.NewError("Payment.Declined", "card declined")
	case amount == 13 && len(*t.calls) == 1:
		return nil, aslrt.NewError("Payment.Busy", "try again")
	case amount == 99:
		return nil, errors.New("bank unreachable")
	case amount == 1000:
		if err := aslrt.Sleep(ctx, time.Minute); err != nil {
			return nil, err
		}
	}
	return aslrt.MustDecode(`{"receipt": "r-1"}`), nil
}

// TestRun: the catcher's Output sees the failing state's input as
// $states.input and the error output as $states.errorOutput; its Assign is
// stored, the state's own Assign and Output are not evaluated (A11.7,
// A11.8).
func TestRun(t *testing.T) {
	var calls []string
	goldentest.Check(t, jsonatacatch.New(tasks{&calls}).Run)
	if diff := cmp.Diff([]string{`{"orderId":"o-1","amount":-5}`}, calls); diff != "" {
		t.Errorf("task inputs (-want +got):\n%s", diff)
	}
}

// TestPaths: success with the state's Output and Assign, a retried error,
// a catcher without Output (its next input is the error output), a
// TimeoutSeconds expression, and a failing expression, which States.ALL
// catches (A9.5).
func TestPaths(t *testing.T) {
	tests := []struct{ name, input, want string }{
		{"success", `{"orderId": "o-2", "amount": 5, "timeout": 30}`,
			`{"status": "SUCCEEDED", "output": {"declined": false, "charged": {"orderId": "o-2", "receipt": "r-1"}}}`},
		{"retried", `{"orderId": "o-3", "amount": 13, "timeout": 30}`,
			`{"status": "SUCCEEDED", "output": {"declined": false, "charged": {"orderId": "o-3", "receipt": "r-1"}}}`},
		{"caught without Output", `{"orderId": "o-4", "amount": 99, "timeout": 30}`,
			`{"status": "SUCCEEDED", "output": {"Error": "States.TaskFailed", "Cause": "bank unreachable"}}`},
		{"timed out", `{"orderId": "o-5", "amount": 1000, "timeout": 5}`,
			`{"status": "SUCCEEDED", "output": {"Error": "States.Timeout", "Cause": ""}}`},
		{"TimeoutSeconds not an integer", `{"orderId": "o-6", "amount": 1, "timeout": "soon"}`,
			`{"status": "SUCCEEDED", "output": {"Error": "States.QueryEvaluationError", "Cause": "An error occurred while executing the state 'Charge' (entered at the event id #2). The JSONata expression '$states.input.timeout' specified for the field 'TimeoutSeconds' returned an unexpected result type. Expected 'integer', but was 'string' for value: \"soon\""}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var calls []string
			m := jsonatacatch.New(tasks{&calls}, aslrt.WithVirtualTime(goldentest.Start))
			goldentest.CheckInput(t, m.Run, tc.input, tc.want)
		})
	}
}
