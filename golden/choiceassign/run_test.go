package choiceassign_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aslc/aslc/golden/choiceassign"
	"github.com/aslc/aslc/golden/internal/goldentest"
	aslrt "github.com/aslc/aslc/runtime"
)

// TestRun: the first pass through Route takes rule 1 and its Assign
// (count 0 → 2); Step switches the mode, so the next three passes take
// Default and the state's Assign (→ 3, 4, 5); the last takes rule 0, whose
// Assign reads the old $count and the effective input after InputPath
// (A6.21, A15.2, A15.4).
func TestRun(t *testing.T) {
	var assigned []string
	history := aslrt.WithHistory(func(ev aslrt.Event) {
		if ev.State == "Route" && ev.Assigned != nil {
			assigned = append(assigned, aslrt.EncodeString(ev.Assigned))
		}
	})
	goldentest.Check(t, choiceassign.New(nil, history).Run)
	want := []string{
		`{"count":2}`,
		`{"count":3}`,
		`{"count":4}`,
		`{"count":5}`,
		`{"reason":"limit reached","final":5,"limit":5}`,
	}
	if diff := cmp.Diff(want, assigned); diff != "" {
		t.Errorf("variables Route assigned (-want +got):\n%s", diff)
	}
}

// TestLimitAtEntry: a limit already reached takes rule 0 at once.
func TestLimitAtEntry(t *testing.T) {
	goldentest.CheckInput(t, choiceassign.New(nil).Run, `{"cfg": {"limit": 0, "mode": "double"}}`,
		`{"status": "SUCCEEDED", "output": {"count": 0, "final": 0, "reason": "limit reached", "limit": 0, "input": {"limit": 0, "mode": "double"}}}`)
}
