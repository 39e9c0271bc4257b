package mapretry_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/aslc/aslc/golden/internal/goldentest"
	"github.com/aslc/aslc/golden/mapretry"
	aslrt "github.com/aslc/aslc/runtime"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// tasks fails item 1 once with a plain Go error (States.TaskFailed, A9)
// and item 3 twice with TooManyRequestsException; item 5 always fails.
type tasks struct{}

func (tasks) ProcessItem(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	call, _ := aslrt.TaskCallFrom(ctx)
	id, _ := in.(*aslrt.Object).Get("id")
	switch {
	case id == int64(1) && call.RetryCount < 1:
		return nil, errors.New("transient failure")
	case id == int64(3) && call.RetryCount < 2:
		return nil, aslrt.NewError("TooManyRequestsException", "slow down")
	case id == int64(5):
		return nil, aslrt.NewError("ServiceUnavailableException", "down")
	}
	return aslrt.ObjectOf(aslrt.Member{Key: "id", Value: id}, aslrt.Member{Key: "retries", Value: int64(call.RetryCount)}), nil
}

// TestRun: each iteration retries on its own, with the first retrier that
// matches (A10.4: TooManyRequestsException is also a States.TaskFailed,
// the wildcard for task errors, but the retrier listing it comes first)
// and its backoff (A10.5); the iterations wait concurrently, so the Map
// takes as long as its slowest item: 1 s + 2 s for item 3.
func TestRun(t *testing.T) {
	clock := aslrt.NewVirtualClock(goldentest.Start)
	goldentest.Check(t, mapretry.New(tasks{}, aslrt.WithClock(clock)).Run)
	if got := clock.Now().Sub(goldentest.Start); got != 3*time.Second {
		t.Errorf("virtual time taken = %v, want 3s", got)
	}
}

// TestExhausted: MaxAttempts 5 allows five retries (A10.3), after 1, 2,
// 4, 8 and 16 s; then the item's error fails the Map (A9.7).
func TestExhausted(t *testing.T) {
	clock := aslrt.NewVirtualClock(goldentest.Start)
	goldentest.CheckInput(t, mapretry.New(tasks{}, aslrt.WithClock(clock)).Run, `{"items": [{"id": 2}, {"id": 5}]}`,
		`{"status": "FAILED", "error": "ServiceUnavailableException", "cause": "down"}`)
	if got := clock.Now().Sub(goldentest.Start); got != 31*time.Second {
		t.Errorf("virtual time taken = %v, want 31s", got)
	}
}
