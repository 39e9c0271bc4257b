package choiceloop_test

import (
	"testing"
	"time"

	"github.com/aslc/aslc/golden/choiceloop"
	"github.com/aslc/aslc/golden/internal/goldentest"
	aslrt "github.com/aslc/aslc/runtime"
)

// TestRun loops five times through Check, Tick and Increment: fifty
// seconds of virtual time and 2 + 5×6 + 2 state events.
func TestRun(t *testing.T) {
	clock := aslrt.NewVirtualClock(goldentest.Start)
	var events int
	m := choiceloop.New(nil, aslrt.WithClock(clock), aslrt.WithHistory(func(aslrt.Event) { events++ }))
	goldentest.Check(t, m.Run)
	if got := clock.Now().Sub(goldentest.Start); got != 50*time.Second {
		t.Errorf("virtual time taken = %v, want 50s", got)
	}
	// ExecutionStarted, Init (2), 5 × (Check, Tick, Increment) (30),
	// the last Check (2), Done (2), ExecutionSucceeded.
	if events != 1+2+30+2+2+1 {
		t.Errorf("%d history events, want 38", events)
	}
}

// TestZeroIterations: a limit of 0 goes straight to Done.
func TestZeroIterations(t *testing.T) {
	goldentest.CheckInput(t, choiceloop.New(nil).Run, `{"limit": 0}`, `{"status": "SUCCEEDED", "output": {"count": 0, "limit": 0}}`)
}
