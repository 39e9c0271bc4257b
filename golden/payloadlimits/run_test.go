package payloadlimits_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aslc/aslc/golden/internal/goldentest"
	"github.com/aslc/aslc/golden/payloadlimits"
	aslrt "github.com/aslc/aslc/runtime"
)

// echo returns its input; calls counts the calls.
type echo struct{ calls atomic.Int32 }

func (e *echo) Echo(_ context.Context, in aslrt.Value) (aslrt.Value, error) {
	e.calls.Add(1)
	return in, nil
}

func TestRun(t *testing.T) {
	goldentest.Check(t, payloadlimits.New(&echo{}).Run)
}

// run runs the machine on {"text": <n bytes>}. With n bytes of text, Copy
// leaves about 2n bytes, Echo's input after Parameters is about 3n and
// its output after ResultPath about 5n.
func run(t *testing.T, n int) (*echo, goldentest.Result) {
	t.Helper()
	tk := &echo{}
	in := aslrt.NewObjectOf(aslrt.Member{Key: "text", Value: strings.Repeat("a", n)})
	out, err := payloadlimits.New(tk).Run(context.Background(), in)
	return tk, goldentest.Of(out, err)
}

// caught runs the machine on n bytes of text, which must succeed through
// Echo's catcher, and returns the output object.
func caught(t *testing.T, n int) (*echo, *aslrt.Object) {
	t.Helper()
	tk, got := run(t, n)
	if got.Status != "SUCCEEDED" {
		t.Fatalf("got %s %s: %s, want SUCCEEDED through the catcher", got.Status, text(got.Error), text(got.Cause))
	}
	out, err := aslrt.Decode(got.Output)
	if err != nil {
		t.Fatal(err)
	}
	o, ok := out.(*aslrt.Object)
	if !ok {
		t.Fatalf("output %s is not an object", got.Output)
	}
	return tk, o
}

func text(v *string) string {
	if v == nil {
		return "<none>"
	}
	return *v
}

// TestNearTheLimit: 40 KiB of text make a 200 KiB output, 56 KiB under
// the limit: nothing fails (A19.1). Strings are bounded at six bytes per
// byte before they are measured, so this also shows that a bound above
// the limit is measured exactly before a state fails.
func TestNearTheLimit(t *testing.T) {
	tk, got := run(t, 40*1024)
	if got.Status != "SUCCEEDED" {
		t.Fatalf("got %s %s: %s, want SUCCEEDED", got.Status, text(got.Error), text(got.Cause))
	}
	if n := len(got.Output); n < 200*1024 || n > aslrt.MaxPayloadSize {
		t.Errorf("output of %d bytes, want about 200 KiB", n)
	}
	if tk.calls.Load() != 1 {
		t.Errorf("%d calls, want 1", tk.calls.Load())
	}
}

// TestOutputAfterResultPath: 60 KiB of text make a 180 KiB task input and
// result, which fit, but merging the result into the 120 KiB raw input at
// $.echo makes 300 KiB: the state fails with States.DataLimitExceeded
// naming it (A19.1, A17.6), the catcher gets the raw input as it was,
// without the result (A11.3).
func TestOutputAfterResultPath(t *testing.T) {
	tk, o := caught(t, 60*1024)
	if keys := strings.Join(o.Keys(), ","); keys != "text,copy,error" {
		t.Errorf("output members %s, want text,copy,error", keys)
	}
	errOut, _ := o.Get("error")
	want := `{"Error":"States.DataLimitExceeded","Cause":"The state/task 'Echo' returned a result with a size exceeding the maximum number of bytes service limit."}`
	if got := aslrt.EncodeString(errOut); got != want {
		t.Errorf("error output %s, want %s", got, want)
	}
	if tk.calls.Load() != 1 {
		t.Errorf("%d calls, want 1", tk.calls.Load())
	}
}

// TestTaskInputAfterParameters: 100 KiB of text make a 300 KiB task input
// after Parameters; the task fails with States.DataLimitExceeded before
// it is called (A19.1).
func TestTaskInputAfterParameters(t *testing.T) {
	tk, o := caught(t, 100*1024)
	errOut, _ := o.Get("error")
	if e, _ := errOut.(*aslrt.Object).Get("Error"); e != aslrt.ErrDataLimitExceeded {
		t.Errorf("error output %s, want States.DataLimitExceeded", aslrt.EncodeString(errOut))
	}
	if tk.calls.Load() != 0 {
		t.Errorf("%d calls, want none", tk.calls.Load())
	}
}

// TestPassOutputAfterResultPath: 130 KiB of text make Copy's output 260
// KiB; Copy has no catcher, so the execution fails naming it (A19.1,
// A17.6).
func TestPassOutputAfterResultPath(t *testing.T) {
	tk, got := run(t, 130*1024)
	want := "The state/task 'Copy' returned a result with a size exceeding the maximum number of bytes service limit."
	if got.Status != "FAILED" || text(got.Error) != aslrt.ErrDataLimitExceeded || text(got.Cause) != want {
		t.Errorf("got %s %s: %s, want FAILED %s: %s", got.Status, text(got.Error), text(got.Cause), aslrt.ErrDataLimitExceeded, want)
	}
	if tk.calls.Load() != 0 {
		t.Errorf("%d calls, want none", tk.calls.Load())
	}
}
