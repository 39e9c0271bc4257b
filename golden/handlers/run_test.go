package handlers_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/aslc/aslc/golden/handlers"
	"github.com/aslc/aslc/golden/internal/goldentest"
	aslrt "github.com/aslc/aslc/runtime"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// tasks: flaky fails on its first call; check refuses the item "bad".
type tasks struct{ flakyCalls atomic.Int64 }

func (t *tasks) Flaky(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	if t.flakyCalls.Add(1) == 1 {
		return nil, aslrt.NewError("Flaky.Error", "first call")
	}
	return aslrt.MustDecode(`{"flaky": "ok"}`), nil
}

func (t *tasks) Check(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	if in == "bad" {
		return nil, aslrt.NewError("Check.Failed", "bad item")
	}
	return aslrt.MustDecode(`"checked"`), nil
}

// TestRun: a retry of the Parallel state runs both branches again (A10.8,
// A12.5): the state starts twice and the Pass branch runs in the second
// attempt too (in the first, the failing branch may stop it before it is
// entered). The Map is retried twice, 1 s apart (BackoffRate 1.5 capped by
// MaxDelaySeconds 1, A10.5), then caught (A9.10).
func TestRun(t *testing.T) {
	tk := &tasks{}
	clock := aslrt.NewVirtualClock(goldentest.Start)
	var steady, parallelStarted, mapStarted int
	history := aslrt.WithHistory(func(ev aslrt.Event) {
		switch {
		case ev.Type == aslrt.PassStateEntered && ev.State == "Steady":
			steady++
		case ev.Type == aslrt.ParallelStateStarted:
			parallelStarted++
		case ev.Type == aslrt.MapStateStarted:
			mapStarted++
		}
	})
	goldentest.Check(t, handlers.New(tk, aslrt.WithClock(clock), history).Run)
	if parallelStarted != 2 {
		t.Errorf("ParallelStateStarted %d times, want 2", parallelStarted)
	}
	if steady < 1 || steady > 2 {
		t.Errorf("Steady entered %d times, want 1 or 2", steady)
	}
	if mapStarted != 3 {
		t.Errorf("MapStateStarted %d times, want 3", mapStarted)
	}
	if got := clock.Now().Sub(goldentest.Start); got != 7*time.Second {
		t.Errorf("virtual time taken = %v, want 7s", got)
	}
}

// TestNoFailure: without a bad item the Map's result lands at $.each.
func TestNoFailure(t *testing.T) {
	goldentest.CheckInput(t, handlers.New(&tasks{}, aslrt.WithVirtualTime(goldentest.Start)).Run, `{"items": ["a", "b"]}`,
		`{"status": "SUCCEEDED", "output": {"items": ["a", "b"], "both": [{"flaky": "ok"}, "steady"], "each": ["checked", "checked"]}}`)
}
