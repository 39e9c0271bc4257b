package waitstate_test

import (
	"context"
	"testing"
	"time"

	"github.com/aslc/aslc/golden/internal/goldentest"
	"github.com/aslc/aslc/golden/waitstate"
	aslrt "github.com/aslc/aslc/runtime"
)

// TestRun waits 30 s, then 90 s (SecondsPath), then until 13:00 and 14:00:
// two hours of virtual time, and no real time (A7).
func TestRun(t *testing.T) {
	clock := aslrt.NewVirtualClock(goldentest.Start)
	var entered []string
	history := aslrt.WithHistory(func(ev aslrt.Event) {
		if ev.Type == aslrt.WaitStateEntered {
			entered = append(entered, ev.State+" "+ev.Time.Sub(goldentest.Start).String())
		}
	})
	start := time.Now()
	goldentest.Check(t, waitstate.New(nil, aslrt.WithClock(clock), history).Run)
	if got := clock.Now().Sub(goldentest.Start); got != 2*time.Hour {
		t.Errorf("virtual time taken = %v, want 2h", got)
	}
	if real := time.Since(start); real > 10*time.Second {
		t.Errorf("the waits took %v of real time", real)
	}
	want := []string{"Delay 0s", "FromInput 30s", "Until 2m0s", "UntilInput 1h0m0s"}
	for i := range want {
		if i >= len(entered) || entered[i] != want[i] {
			t.Fatalf("states entered at %v, want %v", entered, want)
		}
	}
}

// TestPastTimestamp: a timestamp in the past ends the wait at once (A7.9).
func TestPastTimestamp(t *testing.T) {
	clock := aslrt.NewVirtualClock(goldentest.Start.Add(3 * time.Hour))
	goldentest.CheckInput(t, waitstate.New(nil, aslrt.WithClock(clock)).Run,
		`{"delay": 0, "deadline": "2024-05-01T14:00:00Z", "label": 1}`, `{"status": "SUCCEEDED", "output": 1}`)
	if got := clock.Now().Sub(goldentest.Start); got != 3*time.Hour+30*time.Second {
		t.Errorf("virtual time = %v, want 3h0m30s", got)
	}
}

// TestBadPaths: SecondsPath and TimestampPath values that cannot be waited
// on fail with States.Runtime and AWS's causes (A7.3, A7.4, A7.5, A7.8).
func TestBadPaths(t *testing.T) {
	prefix := "An error occurred while executing the state 'FromInput' (entered at the event id #4). "
	tests := []struct{ in, cause string }{
		{`{"delay": -1}`, prefix + "The SecondsPath parameter references a negative value: $.delay == -1"},
		{`{"delay": 1.5}`, prefix + "The SecondsPath parameter cannot be parsed as a long value: $.delay == 1.5"},
		{`{}`, prefix + "The SecondsPath parameter does not reference an input value: $.delay"},
		{`{"delay": 0, "deadline": "2024-05-01 14:00:00"}`, "An error occurred while executing the state 'UntilInput' (entered at the event id #8). " +
			"The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.deadline == 2024-05-01 14:00:00"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r := goldentest.Of(waitstate.New(nil, aslrt.WithVirtualTime(goldentest.Start)).Run(context.Background(), aslrt.MustDecode(tt.in)))
			if r.Status != "FAILED" || r.Error == nil || *r.Error != aslrt.ErrRuntime || r.Cause == nil || *r.Cause != tt.cause {
				t.Errorf("result = %s %v %v, want States.Runtime %q", r.Status, deref(r.Error), deref(r.Cause), tt.cause)
			}
		})
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}
