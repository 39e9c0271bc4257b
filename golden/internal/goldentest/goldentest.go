// Package goldentest runs golden cases: it feeds a machine its case's
// input.json and compares the result with want.json.
package goldentest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	aslrt "github.com/aslc/aslc/runtime"
)

// Start is the time the virtual clocks of golden cases start at.
var Start = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// RunFunc is a generated machine's Run method.
type RunFunc func(ctx context.Context, input any) (any, error)

// Result is an execution's result in the form of want.json (and of the
// conformance corpus's expected.json).
type Result struct {
	Status string          `json:"status"`
	Output json.RawMessage `json:"output,omitempty"`
	Error  *string         `json:"error,omitempty"`
	Cause  *string         `json:"cause,omitempty"`
}

// Check runs the case in the current directory: input.json through run,
// compared with want.json.
func Check(t *testing.T, run RunFunc) {
	t.Helper()
	input, err := os.ReadFile("input.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("want.json")
	if err != nil {
		t.Fatal(err)
	}
	CheckInput(t, run, string(input), string(want))
}

// CheckInput runs input (JSON text) through run and compares the result
// with want (JSON text in the form of Result).
func CheckInput(t *testing.T, run RunFunc, input, want string) {
	t.Helper()
	in, err := aslrt.DecodeString(input)
	if err != nil {
		t.Fatalf("input: %v", err)
	}
	out, err := run(context.Background(), in)
	got := Of(out, err)
	var w Result
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("want: %v", err)
	}
	if diff := cmp.Diff(w.text(), got.text()); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
}

// Of returns the result of an execution that returned out and err.
func Of(out any, err error) Result {
	r := Result{Status: string(aslrt.StatusOf(err))}
	var e *aslrt.Error
	switch {
	case err == nil:
		r.Output = aslrt.Encode(out)
	case errors.As(err, &e):
		if e.Name != "" {
			r.Error = &e.Name
		}
		if e.Cause != "" {
			r.Cause = &e.Cause
		}
	}
	return r
}

// String renders r for messages.
func (r Result) String() string { return r.text() }

// text renders r for comparison: indented JSON, object members in their
// order (the order AWS's output has).
func (r Result) text() string {
	var b bytes.Buffer
	b.WriteString("status: " + r.Status + "\n")
	if r.Error != nil {
		b.WriteString("error: " + *r.Error + "\n")
	}
	if r.Cause != nil {
		b.WriteString("cause: " + *r.Cause + "\n")
	}
	if len(r.Output) > 0 {
		v, err := aslrt.Decode(r.Output)
		if err != nil {
			b.WriteString("output (not JSON): " + string(r.Output) + "\n")
			return b.String()
		}
		var ind bytes.Buffer
		if err := json.Indent(&ind, aslrt.Encode(v), "", "  "); err != nil {
			ind.Write(aslrt.Encode(v))
		}
		b.WriteString("output: " + ind.String() + "\n")
	}
	return b.String()
}

// ReadFile returns the text of a file of the case.
func ReadFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
