package assignvars_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aslc/aslc/golden/assignvars"
	"github.com/aslc/aslc/golden/internal/goldentest"
	aslrt "github.com/aslc/aslc/runtime"
)

// tasks return a total for the label they are given.
type tasks struct{ got *[]string }

func (t tasks) GetValues(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	*t.got = append(*t.got, aslrt.EncodeString(in))
	return aslrt.MustDecode(`{"total": 42, "other": 1}`), nil
}

// TestRun: a Pass state assigns a literal and a path (A15.2); the Task
// reads the variable in Parameters, assigns from its result after
// ResultSelector (A15.3); the Map reads outer variables in its
// ItemSelector and inside its iterations (A15.8); a Choice compares with a
// variable (A6.18).
func TestRun(t *testing.T) {
	var got []string
	var assigned []string
	history := aslrt.WithHistory(func(ev aslrt.Event) {
		if ev.Assigned != nil {
			assigned = append(assigned, ev.State+" "+aslrt.EncodeString(ev.Assigned))
		}
	})
	goldentest.Check(t, assignvars.New(tasks{&got}, history).Run)
	if diff := cmp.Diff([]string{`{"label":"batch-1"}`}, got); diff != "" {
		t.Errorf("task input (-want +got):\n%s", diff)
	}
	want := []string{
		`Init {"threshold":10,"label":"batch-1"}`,
		`Fetch {"total":42,"seenLabel":"batch-1"}`,
	}
	if diff := cmp.Diff(want, assigned); diff != "" {
		t.Errorf("assigned variables (-want +got):\n%s", diff)
	}
}
