package standalone

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	aslrt "github.com/aslc/aslc/runtime"
)

// fakeRun stands for a compiled machine: it reports a few history events
// and ends as told.
func fakeRun(out aslrt.Value, err error) Run {
	return func(ctx context.Context, inv aslrt.Invoker, in aslrt.Value, opts ...aslrt.Option) (aslrt.Value, error) {
		if inv == nil {
			return nil, errors.New("no invoker")
		}
		return out, err
	}
}

func TestMainArgs(t *testing.T) {
	mock := filepath.Join(t.TempDir(), "mock.json")
	if err := os.WriteFile(mock, []byte(`{"StateMachines":{"m":{"TestCases":{"T":{}}}},"MockedResponses":{}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(t.TempDir(), "in.json")
	if err := os.WriteFile(in, []byte(`{}`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_REGION", "us-east-1")
	tests := []struct {
		name   string
		run    Run
		args   []string
		stdin  string
		code   int
		stdout string
		stderr string
	}{
		{"succeeded", fakeRun(aslrt.MustDecode(`{"ok":true}`), nil), []string{"--mock-config", mock, "--test-case", "T"}, `{}`, 0,
			`{"status":"SUCCEEDED","output":{"ok":true}}` + "\n", ""},
		{"failed", fakeRun(nil, aslrt.NewError("Oops", "it broke")), []string{"--mock-config", mock, "--test-case", "T"}, `{}`, 1,
			`{"status":"FAILED","error":"Oops","cause":"it broke"}` + "\n", ""},
		{"aborted", fakeRun(nil, context.Canceled), []string{"--mock-config", mock, "--test-case", "T"}, `{}`, 1,
			`{"status":"ABORTED"}` + "\n", ""},
		{"bad input", fakeRun(nil, nil), nil, `{`, 1, "", "the input is not JSON"},
		{"unknown test case", fakeRun(nil, nil), []string{"--mock-config", mock, "--test-case", "U"}, `{}`, 1, "", "U"},
		{"lone test case", fakeRun(nil, nil), []string{"--test-case", "T"}, `{}`, 2, "", "go together"},
		{"lone test case with an input file", fakeRun(nil, nil), []string{"--test-case", "T", in}, ``, 2, "", "go together"},
		{"lone mock config with an input file", fakeRun(nil, nil), []string{"--mock-config", mock, in}, ``, 2, "", "go together"},
		{"input file", fakeRun(aslrt.MustDecode(`1`), nil), []string{"--mock-config", mock, "--test-case", "T", in}, ``, 0,
			`{"status":"SUCCEEDED","output":1}` + "\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := MainArgs(context.Background(), "m", tt.run, tt.args, strings.NewReader(tt.stdin), &out, &errb)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %s", code, tt.code, errb.String())
			}
			if diff := cmp.Diff(tt.stdout, out.String()); diff != "" {
				t.Errorf("stdout (-want +got):\n%s", diff)
			}
			if !strings.Contains(errb.String(), tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, errb.String())
			}
		})
	}
}

// TestProgress: a Map over more than progressThreshold items draws a
// progress line that ends at 100%.
func TestProgress(t *testing.T) {
	var log, progress bytes.Buffer
	h := newHistory(nil, &log)
	h.progress = &progress // as if stderr were a terminal
	start := time.Now()
	h.event(aslrt.Event{Type: aslrt.MapStateStarted, State: "Each", Index: 400, Time: start})
	for range 400 {
		h.event(aslrt.Event{Type: aslrt.MapIterationSucceeded, State: "Each", Time: start})
	}
	h.event(aslrt.Event{Type: aslrt.MapStateSucceeded, State: "Each", Time: start})
	got := progress.String()
	if !strings.HasPrefix(got, "\rEach: 0/400 items (0%)") || !strings.HasSuffix(got, "\rEach: 400/400 items (100%)\n") {
		t.Errorf("progress %q", got)
	}

	small := newHistory(nil, &log)
	small.progress = &progress
	progress.Reset()
	small.event(aslrt.Event{Type: aslrt.MapStateStarted, State: "Few", Index: 10})
	small.event(aslrt.Event{Type: aslrt.MapIterationSucceeded, State: "Few"})
	if progress.Len() != 0 {
		t.Errorf("progress for 10 items: %q", progress.String())
	}
}
