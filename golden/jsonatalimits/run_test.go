package jsonatalimits_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aslc/aslc/golden/internal/goldentest"
	"github.com/aslc/aslc/golden/jsonatalimits"
	aslrt "github.com/aslc/aslc/runtime"
)

// echo returns its input.
type echo struct{}

func (echo) Echo(_ context.Context, in aslrt.Value) (aslrt.Value, error) { return in, nil }

func TestRun(t *testing.T) {
	goldentest.Check(t, jsonatalimits.New(echo{}).Run)
}

// TestOutputTooLarge: 100 KiB of text fit in the task's input and result,
// but the Output repeats it three times: the state fails with
// States.DataLimitExceeded naming it (A19.1, A17.6).
func TestOutputTooLarge(t *testing.T) {
	in := aslrt.NewObjectOf(aslrt.Member{Key: "text", Value: strings.Repeat("a", 100*1024)})
	out, err := jsonatalimits.New(echo{}).Run(context.Background(), in)
	got := goldentest.Of(out, err)
	want := "The state/task 'Grow' returned a result with a size exceeding the maximum number of bytes service limit."
	if got.Status != "FAILED" || got.Error == nil || *got.Error != aslrt.ErrDataLimitExceeded || got.Cause == nil || *got.Cause != want {
		t.Errorf("got %s, want FAILED %s: %q", got, aslrt.ErrDataLimitExceeded, want)
	}
}
