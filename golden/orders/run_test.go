package orders_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/aslc/aslc/golden/internal/goldentest"
	"github.com/aslc/aslc/golden/orders"
	aslrt "github.com/aslc/aslc/runtime"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// tasks implements the machine's two resources in Go.
type tasks struct {
	charge  func(ctx context.Context, in aslrt.Value) (aslrt.Value, error)
	publish func(ctx context.Context, in aslrt.Value) (aslrt.Value, error)
}

func (t tasks) Charge(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	return t.charge(ctx, in)
}

func (t tasks) SNSPublish(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	return t.publish(ctx, in)
}

func paid(context.Context, aslrt.Value) (aslrt.Value, error) {
	return aslrt.MustDecode(`{"status":"paid"}`), nil
}

func published(context.Context, aslrt.Value) (aslrt.Value, error) {
	return aslrt.MustDecode(`{"MessageId":"m-1"}`), nil
}

// TestRun: the hour-long Wait takes no real time on a virtual clock; the
// Map keeps its items in order and builds each input with $$.Map.Item.
func TestRun(t *testing.T) {
	clock := aslrt.NewVirtualClock(goldentest.Start)
	m := orders.New(tasks{charge: paid, publish: published}, aslrt.WithClock(clock))
	goldentest.Check(t, m.Run)
	if got := clock.Now().Sub(goldentest.Start); got != time.Hour {
		t.Errorf("virtual time taken = %v, want 1h", got)
	}
}

// TestRetryAndCatch: the charge fails on every attempt; the retrier allows
// two retries (A10.3), 2 s then 4 s apart (A10.5), with
// $$.State.RetryCount counting them (A10.10); then the catcher sends the
// order to the Fail state (A9.10). The history has AWS's event ids (A18).
func TestRetryAndCatch(t *testing.T) {
	clock := aslrt.NewVirtualClock(goldentest.Start)
	var calls, events []string
	inv := aslrt.InvokerFunc(func(ctx context.Context, call aslrt.TaskCall) (aslrt.Value, error) {
		calls = append(calls, fmt.Sprintf("%s %d %s", call.State, call.RetryCount, aslrt.EncodeString(call.Input)))
		return nil, aslrt.NewError("Payment.Timeout", "the bank did not answer")
	})
	history := aslrt.WithHistory(func(ev aslrt.Event) {
		events = append(events, strings.TrimSpace(fmt.Sprint(ev.ID, " ", ev.Type, " ", ev.State)))
	})
	m := orders.New(orders.TasksFrom(inv), aslrt.WithClock(clock), history)
	goldentest.CheckInput(t, m.Run, `{"id":"o-2","items":[]}`,
		`{"status":"FAILED","error":"OrderRejected","cause":"the payment failed"}`)
	wantCalls := []string{
		`Charge 0 {"orderId":"o-2","attempt":0}`,
		`Charge 1 {"orderId":"o-2","attempt":1}`,
		`Charge 2 {"orderId":"o-2","attempt":2}`,
	}
	if diff := cmp.Diff(wantCalls, calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	wantEvents := []string{
		"1 ExecutionStarted",
		"2 PassStateEntered Prepare", "3 PassStateExited Prepare",
		"4 TaskStateEntered Charge",
		"5 LambdaFunctionScheduled Charge", "6 LambdaFunctionStarted Charge", "7 LambdaFunctionFailed Charge",
		"8 LambdaFunctionScheduled Charge", "9 LambdaFunctionStarted Charge", "10 LambdaFunctionFailed Charge",
		"11 LambdaFunctionScheduled Charge", "12 LambdaFunctionStarted Charge", "13 LambdaFunctionFailed Charge",
		"14 TaskStateExited Charge",
		"15 FailStateEntered Rejected",
		"16 ExecutionFailed",
	}
	if diff := cmp.Diff(wantEvents, events); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	if got := clock.Now().Sub(goldentest.Start); got != 6*time.Second {
		t.Errorf("virtual time taken = %v, want 6s", got)
	}
}

// TestTaskTimeout: the Notify task outlasts its TimeoutSeconds; the branch
// fails with States.Timeout and an empty cause (A8.11), the Parallel state
// with the branch's own error (A9.6), and its catcher keeps the error
// output (A11.4).
func TestTaskTimeout(t *testing.T) {
	slow := func(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
		if err := aslrt.Sleep(ctx, time.Minute); err != nil {
			return nil, err
		}
		return in, nil
	}
	m := orders.New(tasks{charge: paid, publish: slow}, aslrt.WithVirtualTime(goldentest.Start))
	goldentest.CheckInput(t, m.Run, `{"id":"o-3","items":["nut"]}`, `{"status":"SUCCEEDED","output":
		{"id":"o-3","items":["nut"],"order":{"orderId":"o-3","items":["nut"]},"charge":{"status":"paid"},
		 "shipError":{"Error":"States.Timeout","Cause":""},"labels":[{"label":"nut-0"}]}}`)
}

// TestToleratedFailure: one broken item is tolerated (ToleratedFailureCount
// 1) and leaves its error output in its place; two are not (A13.16).
func TestToleratedFailure(t *testing.T) {
	m := orders.New(tasks{charge: paid, publish: published}, aslrt.WithVirtualTime(goldentest.Start))
	out, err := m.Run(context.Background(), aslrt.MustDecode(`{"id":"o-4","items":["cup","broken"]}`))
	if err != nil {
		t.Fatal(err)
	}
	labels, _ := out.(*aslrt.Object).Get("labels")
	if got, want := aslrt.EncodeString(labels), `[{"label":"cup-0"},{"Error":"Item.Broken","Cause":"cannot label a broken item"}]`; got != want {
		t.Errorf("labels = %s, want %s", got, want)
	}
	goldentest.CheckInput(t, m.Run, `{"id":"o-5","items":["broken","cup","broken"]}`,
		`{"status":"FAILED","error":"States.ExceedToleratedFailureThreshold","cause":"The specified tolerated failure threshold was exceeded"}`)
}

// TestRuntimeError: a Parameters path that selects nothing fails with
// States.Runtime and the cause names the state and its entered event
// (A3.7, A17.1).
func TestRuntimeError(t *testing.T) {
	m := orders.New(tasks{charge: paid, publish: published})
	goldentest.CheckInput(t, m.Run, `{"items":[]}`, `{"status":"FAILED","error":"States.Runtime",
		"cause":"An error occurred while executing the state 'Prepare' (entered at the event id #2). The JSONPath '$.id' specified for the field 'orderId.$' could not be found in the input '{\"items\":[]}'"}`)
}

// TestAbort: cancelling the context aborts the execution.
func TestAbort(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	charge := func(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
		cancel()
		<-ctx.Done()
		return nil, ctx.Err()
	}
	m := orders.New(tasks{charge: charge, publish: published})
	_, err := m.Run(ctx, aslrt.MustDecode(`{"id":"o-6","items":[]}`))
	if got := aslrt.StatusOf(err); got != aslrt.StatusAborted {
		t.Errorf("status = %s, want ABORTED", got)
	}
}
