package timeouts_test

import (
	"context"
	"testing"
	"time"

	"github.com/aslc/aslc/golden/internal/goldentest"
	"github.com/aslc/aslc/golden/timeouts"
	aslrt "github.com/aslc/aslc/runtime"
)

// tasks work for the number of seconds the input asks, on the execution's
// clock, and report the timeout they were given.
type tasks struct{}

func (tasks) Lookup(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	work, _ := in.(*aslrt.Object).Get("work")
	n, _ := aslrt.Int(work)
	if err := aslrt.Sleep(ctx, time.Duration(n)*time.Second); err != nil {
		return nil, err
	}
	call, _ := aslrt.TaskCallFrom(ctx)
	return aslrt.ObjectOf(aslrt.Member{Key: "limit", Value: call.TimeoutSeconds}), nil
}

func run(in any) goldentest.Result {
	m := timeouts.New(tasks{}, aslrt.WithVirtualTime(goldentest.Start))
	return goldentest.Of(m.Run(context.Background(), in))
}

// TestRun: the task gets the timeout its TimeoutSecondsPath reads.
func TestRun(t *testing.T) {
	goldentest.Check(t, timeouts.New(tasks{}, aslrt.WithVirtualTime(goldentest.Start)).Run)
}

func TestTimeouts(t *testing.T) {
	prefix := "An error occurred while executing the state 'Lookup' (entered at the event id #2). "
	tests := []struct {
		name, in, status, error, cause string
	}{
		{"task times out", `{"taskTimeout": 5, "pause": 0, "work": 30}`, "FAILED", aslrt.ErrTimeout, ""},
		{"execution times out", `{"taskTimeout": 5, "pause": 120, "work": 0}`, "TIMED_OUT", "", ""},
		{"missing path", `{"pause": 0, "work": 0}`, "FAILED", aslrt.ErrRuntime, prefix + "Invalid path '$.taskTimeout' : No results for path: $['taskTimeout']"},
		{"not a number", `{"taskTimeout": "soon", "pause": 0, "work": 0}`, "FAILED", aslrt.ErrRuntime, prefix + `The TimeoutSecondsPath field refers to value "soon" which is not a positive integer: $.taskTimeout`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(aslrt.MustDecode(tt.in))
			got := goldentest.Result{Status: r.Status, Error: r.Error, Cause: r.Cause}
			want := goldentest.Result{Status: tt.status}
			if tt.error != "" {
				want.Error = &tt.error
			}
			if tt.cause != "" {
				want.Cause = &tt.cause
			}
			if got.String() != want.String() {
				t.Errorf("result = %s, want %s", got, want)
			}
		})
	}
}
