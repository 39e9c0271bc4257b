package jsonataassign_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aslc/aslc/golden/internal/goldentest"
	"github.com/aslc/aslc/golden/jsonataassign"
	aslrt "github.com/aslc/aslc/runtime"
)

// TestRun: a JSONata Assign reads the state's input; all Assign and Output
// expressions of a state read the variables as they were when it was
// entered, so x and y swap and Output sees the old values (A15.5);
// JSONPath states read what JSONata states assigned and the other way
// round (A15.7); a Map's ItemSelector and iterations read outer variables,
// and what an iteration assigns stays inside it (A15.8).
func TestRun(t *testing.T) {
	var assigned []string
	history := aslrt.WithHistory(func(ev aslrt.Event) {
		if ev.Assigned != nil {
			assigned = append(assigned, ev.State+" "+aslrt.EncodeString(ev.Assigned))
		}
	})
	goldentest.Check(t, jsonataassign.New(nil, history).Run)
	want := []string{
		`Start {"x":"left","y":"right","count":0}`,
		`Swap {"x":"right","y":"left","count":1}`,
		`Legacy {"fromPath":"right-left"}`,
		`Inner {"inner":"left/right"}`,
		`Inner {"inner":"right/right"}`,
		`Each {"joined":"left/right/right-left,right/right/right-left"}`,
	}
	if diff := cmp.Diff(want, assigned); diff != "" {
		t.Errorf("assigned variables (-want +got):\n%s", diff)
	}
}

// TestMissingInput: an Assign expression that yields nothing fails the
// state with States.QueryEvaluationError, naming the variable's field
// (A16.6).
func TestMissingInput(t *testing.T) {
	goldentest.CheckInput(t, jsonataassign.New(nil).Run, `{"b": "right"}`,
		`{"status": "FAILED", "error": "States.QueryEvaluationError", "cause": "An error occurred while executing the state 'Start' (entered at the event id #2). The JSONata expression '$states.input.a' specified for the field 'Assign/x' returned nothing (undefined)."}`)
}
