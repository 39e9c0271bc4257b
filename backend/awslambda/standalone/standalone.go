// Package standalone is the main program of the executables that
// `aslc build` makes: it reads an execution input, runs the compiled state
// machine with its Task states going to AWS Lambda (or to the mocked
// responses of a Step Functions Local mock configuration), prints the
// result as `aslc run` does and exits 0 when the execution succeeded.
//
// A built binary takes:
//
//	BIN [--input FILE|-] [--mock-config FILE --test-case NAME] [--log-level LEVEL] [FILE]
//
// The input is JSON read from FILE (--input or the one argument), or from
// stdin when there is none or it is "-". The result is one JSON object on
// stdout, {"status":"SUCCEEDED","output":...} or
// {"status":"FAILED","error":"...","cause":"..."} (TIMED_OUT and ABORTED
// alike; error and cause are left out when there is none). Exit status: 0 for SUCCEEDED, 1 for any other end or an error
// before the execution, 2 for a usage error.
//
// Tasks call Lambda through the awslambda backend with the default AWS
// configuration: credentials and region from the usual chain, the
// endpoint from AWS_ENDPOINT_URL_LAMBDA or AWS_ENDPOINT_URL. With
// --mock-config and --test-case they are answered from the mock file
// instead, and no AWS call is made.
//
// Logs go to stderr through log/slog at --log-level (debug, info, warn,
// error; info by default): at debug level one line per state entered and
// exited, the latter with the state's duration; failures of tasks and of
// the execution at warn level. When stderr is a terminal, a Map state over
// more than a few hundred items shows a progress line.
package standalone

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"sync"
	"time"

	"github.com/spf13/pflag"

	"github.com/aslc/aslc/backend/awslambda"
	"github.com/aslc/aslc/internal/gobuild/runner"
	"github.com/aslc/aslc/internal/mockconfig"
	aslrt "github.com/aslc/aslc/runtime"
)

// Run runs one execution of the compiled machine with its tasks served by
// inv.
type Run func(ctx context.Context, inv aslrt.Invoker, input aslrt.Value, opts ...aslrt.Option) (aslrt.Value, error)

// progressThreshold is the item count above which a Map shows progress.
const progressThreshold = 300

// Main runs the program for the machine named name with the process's
// arguments, standard streams and signals, and returns the exit status.
func Main(name string, run Run) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return MainArgs(ctx, name, run, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

// MainArgs is Main with explicit arguments (without the program name) and
// streams.
func MainArgs(ctx context.Context, name string, run Run, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	input := fs.String("input", "", "read the execution input from `FILE` (- for stdin, the default)")
	mockFile := fs.String("mock-config", "", "answer Task states from the Step Functions Local mock configuration `FILE`")
	testCase := fs.String("test-case", "", "the test case `NAME` of the mock configuration")
	level := fs.String("log-level", "info", "log at `LEVEL`: debug, info, warn or error")
	usage := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "%s: "+format+"\n", append([]any{name}, a...)...)
		fmt.Fprintf(stderr, "usage: %s [--input FILE|-] [--mock-config FILE --test-case NAME] [--log-level LEVEL] [FILE]\n%s", name, fs.FlagUsages())
		return 2
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fmt.Fprintf(stdout, "usage: %s [--input FILE|-] [--mock-config FILE --test-case NAME] [--log-level LEVEL] [FILE]\n\nRuns the state machine %q on one input.\n\n%s", name, name, fs.FlagUsages())
			return 0
		}
		return usage("%v", err)
	}
	switch {
	case fs.NArg() > 1:
		return usage("at most one input file")
	case fs.NArg() == 1 && *input != "":
		return usage("give the input either with --input or as an argument")
	case fs.NArg() == 1:
		*input = fs.Arg(0)
	}
	if (*mockFile == "") != (*testCase == "") {
		return usage("--mock-config and --test-case go together")
	}
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(*level)); err != nil {
		return usage("unknown log level %q", *level)
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: lv}))
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "%s: "+format+"\n", append([]any{name}, a...)...)
		return 1
	}

	var text []byte
	var err error
	if *input == "" || *input == "-" {
		text, err = io.ReadAll(stdin)
	} else {
		text, err = os.ReadFile(*input)
	}
	if err != nil {
		return fail("reading the input: %v", err)
	}
	in, err := aslrt.Decode(text)
	if err != nil {
		return fail("the input is not JSON: %v", err)
	}

	var inv aslrt.Invoker
	if *mockFile != "" {
		cfg, err := mockconfig.Load(*mockFile)
		if err != nil {
			return fail("%v", err)
		}
		mi, err := cfg.Invoker(name, *testCase)
		if err != nil {
			return fail("%v", err)
		}
		inv = mi
	} else {
		li, err := awslambda.New(ctx)
		if err != nil {
			return fail("%v", err)
		}
		inv = li
	}

	h := newHistory(log, stderr)
	out, err := run(ctx, inv, in, aslrt.WithMachineName(name), aslrt.WithHistory(h.event))
	h.finish()
	result := runner.Result(out, err)
	fmt.Fprintf(stdout, "%s\n", aslrt.Encode(result))
	if aslrt.StatusOf(err) != aslrt.StatusSucceeded {
		return 1
	}
	return 0
}

// history turns execution events into log lines and Map progress.
type history struct {
	log      *slog.Logger
	progress io.Writer // nil when stderr is not a terminal

	mu      sync.Mutex
	entered map[string][]time.Time
	maps    map[string]*mapProgress
}

type mapProgress struct {
	total, done int
	last        time.Time
}

func newHistory(log *slog.Logger, stderr io.Writer) *history {
	h := &history{log: log, entered: map[string][]time.Time{}, maps: map[string]*mapProgress{}}
	if f, ok := stderr.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			h.progress = f
		}
	}
	return h
}

func (h *history) event(e aslrt.Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	t := string(e.Type)
	switch {
	case strings.HasSuffix(t, "StateEntered"):
		h.entered[e.State] = append(h.entered[e.State], e.Time)
		h.log.Debug("state entered", "state", e.State, "type", strings.TrimSuffix(t, "StateEntered"))
	case strings.HasSuffix(t, "StateExited"):
		var d time.Duration
		if starts := h.entered[e.State]; len(starts) > 0 {
			d = e.Time.Sub(starts[0])
			h.entered[e.State] = starts[1:]
		}
		h.log.Debug("state exited", "state", e.State, "type", strings.TrimSuffix(t, "StateExited"), "duration", d)
	case e.Type == aslrt.TaskFailed || e.Type == aslrt.LambdaFunctionFailed || e.Type == aslrt.TaskTimedOut || e.Type == aslrt.LambdaFunctionTimedOut:
		h.log.Warn("task failed", "state", e.State, "resource", e.Resource, "error", e.Error, "cause", e.Cause)
	case e.Type == aslrt.ExecutionFailed || e.Type == aslrt.ExecutionTimedOut || e.Type == aslrt.ExecutionAborted:
		h.log.Warn("execution ended", "status", t, "error", e.Error, "cause", e.Cause)
	case e.Type == aslrt.MapStateStarted:
		if e.Index > progressThreshold && h.progress != nil {
			h.maps[e.State] = &mapProgress{total: e.Index}
			h.draw(e.State, true)
		}
	case e.Type == aslrt.MapIterationSucceeded || e.Type == aslrt.MapIterationFailed || e.Type == aslrt.MapIterationAborted:
		if p := h.maps[e.State]; p != nil {
			p.done++
			h.draw(e.State, p.done == p.total)
		}
	case e.Type == aslrt.MapStateSucceeded || e.Type == aslrt.MapStateFailed || e.Type == aslrt.MapStateAborted:
		if p := h.maps[e.State]; p != nil {
			h.draw(e.State, true)
			fmt.Fprintln(h.progress)
			delete(h.maps, e.State)
		}
	}
}

// draw rewrites the progress line of a Map, at most ten times a second
// unless now is set.
func (h *history) draw(state string, now bool) {
	p := h.maps[state]
	if !now && time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(h.progress, "\r%s: %d/%d items (%d%%)", state, p.done, p.total, 100*p.done/max(p.total, 1))
}

// finish ends any progress line left open.
func (h *history) finish() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.maps {
		fmt.Fprintln(h.progress)
		delete(h.maps, s)
	}
}
