package taskstate_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/aslc/aslc/golden/internal/goldentest"
	"github.com/aslc/aslc/golden/taskstate"
	aslrt "github.com/aslc/aslc/runtime"
)

func field(v aslrt.Value, key string) aslrt.Value {
	o, _ := v.(*aslrt.Object)
	x, _ := o.Get(key)
	return x
}

// tasks: the quote service is unavailable for the first failures calls;
// reserving ZZZ finds no stock, reserving LOCK fails without an error
// name of its own, and the symbol SLOW makes the quote outlast its
// TimeoutSeconds.
type tasks struct {
	failures int
	mu       sync.Mutex
	calls    []string
}

func (t *tasks) GetQuote(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	t.mu.Lock()
	t.calls = append(t.calls, aslrt.EncodeString(in))
	n := len(t.calls)
	t.mu.Unlock()
	if field(in, "symbol") == "SLOW" {
		if err := aslrt.Sleep(ctx, time.Minute); err != nil {
			return nil, err
		}
	}
	if n <= t.failures {
		return nil, aslrt.NewError("Service.Unavailable", "try again")
	}
	return aslrt.MustDecode(`{"price": 10.5, "currency": "EUR", "source": "exchange"}`), nil
}

func (t *tasks) DynamodbPutItem(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	switch field(field(in, "Item"), "symbol") {
	case "ZZZ":
		return nil, aslrt.NewError("Stock.Empty", "no stock for ZZZ")
	case "LOCK":
		return nil, errors.New("table locked")
	}
	return aslrt.ObjectOf(aslrt.Member{Key: "ok", Value: true}, aslrt.Member{Key: "table", Value: field(in, "TableName")}), nil
}

// TestRun: two failures are retried after 1 s and 3 s (BackoffRate 3,
// A10.5); the third call succeeds; ResultSelector keeps price and currency
// (A3.11) and ResultPath puts them at $.quote.
func TestRun(t *testing.T) {
	tk := &tasks{failures: 2}
	clock := aslrt.NewVirtualClock(goldentest.Start)
	goldentest.Check(t, taskstate.New(tk, aslrt.WithClock(clock)).Run)
	want := []string{
		`{"symbol":"ACME","attempt":0}`,
		`{"symbol":"ACME","attempt":1}`,
		`{"symbol":"ACME","attempt":2}`,
	}
	if diff := cmp.Diff(want, tk.calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	if got := clock.Now().Sub(goldentest.Start); got != 4*time.Second {
		t.Errorf("virtual time taken = %v, want 4s", got)
	}
}

// TestRetriesExhausted: MaxAttempts 2 allows three calls (A10.3); the
// third failure fails the execution with the task's error (A8.10).
func TestRetriesExhausted(t *testing.T) {
	tk := &tasks{failures: 3}
	goldentest.CheckInput(t, taskstate.New(tk, aslrt.WithVirtualTime(goldentest.Start)).Run, `{"symbol": "ACME"}`,
		`{"status": "FAILED", "error": "Service.Unavailable", "cause": "try again"}`)
	if len(tk.calls) != 3 {
		t.Errorf("%d calls, want 3", len(tk.calls))
	}
}

// TestTimeout: the call outlasts TimeoutSeconds and fails with
// States.Timeout and no cause (A8.11); its retrier has MaxAttempts 0, so it
// is not retried (A10.2).
func TestTimeout(t *testing.T) {
	tk := &tasks{}
	goldentest.CheckInput(t, taskstate.New(tk, aslrt.WithVirtualTime(goldentest.Start)).Run, `{"symbol": "SLOW"}`,
		`{"status": "FAILED", "error": "States.Timeout"}`)
	if len(tk.calls) != 1 {
		t.Errorf("%d calls, want 1", len(tk.calls))
	}
}

// TestCatch: the first catcher that lists the error handles it (A11.2);
// its ResultPath keeps the input (A11.4), while the States.ALL catcher,
// without ResultPath, replaces it with the error output (A11.3); a Go
// error becomes States.TaskFailed with its text as cause.
func TestCatch(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"symbol": "ZZZ"}`, `{"status": "SUCCEEDED", "output": {"symbol": "ZZZ", "quote": {"price": 10.5, "currency": "EUR"},
			"reserveError": {"Error": "Stock.Empty", "Cause": "no stock for ZZZ"}}}`},
		{`{"symbol": "LOCK"}`, `{"status": "SUCCEEDED", "output": {"Error": "States.TaskFailed", "Cause": "table locked"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			goldentest.CheckInput(t, taskstate.New(&tasks{}).Run, tt.in, tt.want)
		})
	}
}
