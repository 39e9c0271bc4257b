package jsonatafields_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/aslc/aslc/golden/internal/goldentest"
	"github.com/aslc/aslc/golden/jsonatafields"
	aslrt "github.com/aslc/aslc/runtime"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// tasks does the work of a job and records how it was called.
type tasks struct{ calls *[]aslrt.TaskCall }

func (t tasks) Work(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	call, _ := aslrt.TaskCallFrom(ctx)
	*t.calls = append(*t.calls, call)
	id, _ := in.(*aslrt.Object).Get("id")
	return aslrt.ObjectOf(aslrt.Member{Key: "job", Value: "done-" + id.(string)}), nil
}

// TestRun: Wait's Seconds and Timestamp are expressions (A7.2, A7.11) and
// a Wait has Assign and Output; a Parallel state's branches run on its
// Arguments and its Output sees the branch results as $states.result; a
// Task's HeartbeatSeconds is an expression; an ItemBatcher's
// MaxItemsPerBatch and BatchInput are evaluated (A13.19); tolerated
// failures are expressions; a Succeed state has Output (A16.2, A16.5).
func TestRun(t *testing.T) {
	var calls []aslrt.TaskCall
	clock := aslrt.NewVirtualClock(goldentest.Start)
	goldentest.Check(t, jsonatafields.New(tasks{&calls}, aslrt.WithClock(clock)).Run)
	if got := clock.Now().Sub(goldentest.Start); got != 30*time.Minute {
		t.Errorf("virtual time taken %v, want 30m", got)
	}
	var got []string
	for _, c := range calls {
		got = append(got, fmt.Sprint(c.State, " ", aslrt.EncodeString(c.Input), " timeout ", c.TimeoutSeconds, " heartbeat ", c.HeartbeatSeconds, " credentials ", c.Credentials))
	}
	if diff := cmp.Diff([]string{`Call {"id":"j-7"} timeout 30 heartbeat 10 credentials true`}, got); diff != "" {
		t.Errorf("task calls (-want +got):\n%s", diff)
	}
}

// TestBadFields: Seconds and Timestamp values of the wrong kind fail with
// States.QueryEvaluationError (A7.11).
func TestBadFields(t *testing.T) {
	tests := []struct{ name, input, want string }{
		{"Seconds negative", `{"id": "j", "delay": -1, "notBefore": "2024-05-01T12:30:00Z", "parts": []}`,
			`{"status": "FAILED", "error": "States.QueryEvaluationError", "cause": "An error occurred while executing the state 'Hold' (entered at the event id #2). The JSONata expression '$states.input.delay * 60' specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but was 'number' for value: -60"}`},
		{"Timestamp not a timestamp", `{"id": "j", "delay": 0, "notBefore": "2024-05-01 12:30:00Z", "parts": []}`,
			`{"status": "FAILED", "error": "States.QueryEvaluationError", "cause": "An error occurred while executing the state 'Until' (entered at the event id #4). The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: 2024-05-01 12:30:00Z"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var calls []aslrt.TaskCall
			goldentest.CheckInput(t, jsonatafields.New(tasks{&calls}, aslrt.WithVirtualTime(goldentest.Start)).Run, tc.input, tc.want)
		})
	}
}
