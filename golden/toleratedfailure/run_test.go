package toleratedfailure_test

import (
	"context"
	"testing"

	"go.uber.org/goleak"

	"github.com/aslc/aslc/golden/internal/goldentest"
	"github.com/aslc/aslc/golden/toleratedfailure"
	aslrt "github.com/aslc/aslc/runtime"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// tasks refuse negative records.
type tasks struct{}

func (tasks) ProcessRecord(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	if n, _ := aslrt.Int(in); n < 0 {
		return nil, aslrt.Errorf("Record.Invalid", "record %d is negative", n)
	}
	return aslrt.ObjectOf(aslrt.Member{Key: "record", Value: in}), nil
}

// TestRun: one failure in ten is within ToleratedFailurePercentage 10; the
// failed item's place holds its error output.
func TestRun(t *testing.T) {
	goldentest.Check(t, toleratedfailure.New(tasks{}).Run)
}

// TestThresholdExceeded: two failures in ten exceed it (A13.16).
func TestThresholdExceeded(t *testing.T) {
	goldentest.CheckInput(t, toleratedfailure.New(tasks{}).Run, `{"records": [1, -2, 3, -4, 5, 6, 7, 8, 9, 10]}`,
		`{"status": "FAILED", "error": "States.ExceedToleratedFailureThreshold", "cause": "The specified tolerated failure threshold was exceeded"}`)
}
