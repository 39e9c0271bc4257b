package passstate_test

import (
	"testing"

	"github.com/aslc/aslc/golden/internal/goldentest"
	"github.com/aslc/aslc/golden/passstate"
)

// TestRun follows one input through InputPath, Parameters (with an
// intrinsic and the context object), ResultPath, a literal Result whose
// ".$" keys are not evaluated (A3.10), OutputPath, "ResultPath": null
// (A3.12) and "InputPath": null (A3.2).
func TestRun(t *testing.T) {
	goldentest.Check(t, passstate.New(nil).Run)
}

// TestGreetState records what the first state outputs.
func TestGreetState(t *testing.T) {
	goldentest.CheckInput(t, passstate.New(nil).Run, `{"user": {"name": "Grace", "id": 1}, "tags": []}`,
		`{"status": "SUCCEEDED", "output": {"greeting": "Hello, Grace!", "answer": 42, "literal": "$.not.evaluated", "tags": [], "empty": {}}}`)
}

// TestMissingInputPath: an InputPath that selects nothing fails with
// States.Runtime (A3.3).
func TestMissingInputPath(t *testing.T) {
	goldentest.CheckInput(t, passstate.New(nil).Run, `{"tags": []}`, `{"status": "FAILED", "error": "States.Runtime",
		"cause": "An error occurred while executing the state 'Greet' (entered at the event id #2). Invalid path '$.user' : No results for path: $['user']"}`)
}
