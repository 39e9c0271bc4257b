package failstate_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aslc/aslc/golden/failstate"
	"github.com/aslc/aslc/golden/internal/goldentest"
	aslrt "github.com/aslc/aslc/runtime"
)

// TestRun: ErrorPath reads the error name from the input and CausePath
// builds the cause with an intrinsic (A8.5).
func TestRun(t *testing.T) {
	goldentest.Check(t, failstate.New(nil).Run)
}

func TestStates(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Succeed", `{"ok": true, "result": {"value": [1, 2]}}`, `{"status": "SUCCEEDED", "output": [1, 2]}`},
		{"Fail with Error only", `{"ok": false, "literal": 1}`, `{"status": "FAILED", "error": "Order.Rejected"}`},
		{"ErrorPath missing", `{"ok": false, "id": 1, "reason": "x"}`, `{"status": "FAILED", "error": "States.Runtime",
			"cause": "An error occurred while executing the state 'Broken' (entered at the event id #4). The JSONPath '$.code' specified for the field 'ErrorPath' could not be found in the input '{\"ok\":false,\"id\":1,\"reason\":\"x\"}'"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			goldentest.CheckInput(t, failstate.New(nil).Run, tt.in, tt.want)
		})
	}
}

// TestBare: a Fail state with neither Error nor Cause fails without an
// error name (A8.3).
func TestBare(t *testing.T) {
	_, err := failstate.New(nil).Run(context.Background(), aslrt.MustDecode(`{"ok": false, "bare": true}`))
	var e *aslrt.Error
	if !errors.As(err, &e) || e.Name != "" || e.Cause != "" {
		t.Errorf("error = %#v, want one without name and cause", err)
	}
}
