// Package runner is the program of the binaries "aslc run" builds: it runs
// one execution of a generated state machine and prints the result as one
// JSON object.
//
// The program built for a definition is
//
//	func main() {
//		runner.Main(func(inv aslrt.Invoker, opts ...aslrt.Option) runner.Machine {
//			return machine.New(machine.TasksFrom(inv), opts...)
//		})
//	}
//
// and takes these flags:
//
//	--input FILE       the execution input, a JSON value; "-" (the default) reads stdin
//	--mock-config FILE answer Task states from this AWS Step Functions Local mock file
//	--test-case NAME   the test case of the mock file to use
//	--name NAME        the state machine name, which selects the mock file's entry
//	--virtual-time     run on a virtual clock: waits and retry intervals take no time
//
// It prints {"status":"SUCCEEDED","output":...} or
// {"status":"FAILED","error":"...","cause":"..."} (also TIMED_OUT and
// ABORTED, the error and cause left out when empty) and exits 0 when the
// execution succeeded, 1 when it did not or could not start, and 2 for
// wrong flags. An interrupt (or SIGTERM) aborts the execution, which then
// reports ABORTED.
package runner

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/aslc/aslc/internal/mockconfig"
	aslrt "github.com/aslc/aslc/runtime"
)

// Machine is a generated machine (the *Machine that New returns).
type Machine interface {
	Run(ctx context.Context, input any) (any, error)
}

// NewFunc makes the machine to run, with its Task states answered by inv.
type NewFunc func(inv aslrt.Invoker, opts ...aslrt.Option) Machine

// Exit statuses of the program.
const (
	ExitSucceeded = 0
	ExitFailed    = 1
	ExitUsage     = 2
)

// Main is the program's main function: it runs Run with the process's
// arguments and standard streams, aborting the execution on an interrupt,
// and exits with Run's status.
func Main(newMachine NewFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Run(ctx, newMachine, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Run parses args, runs one execution and writes its result to stdout.
// Problems that keep the execution from starting (flags, files) go to
// stderr. It returns the exit status.
func Run(ctx context.Context, newMachine NewFunc, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	input := fs.String("input", "-", "the execution input `FILE` (a JSON value); - reads stdin")
	mockFile := fs.String("mock-config", "", "answer Task states from the mock configuration `FILE`")
	testCase := fs.String("test-case", "", "the `NAME` of the mock configuration's test case")
	name := fs.String("name", "", "the state machine `NAME`")
	virtual := fs.Bool("virtual-time", false, "run on a virtual clock")
	if err := fs.Parse(args); err != nil {
		return ExitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "unexpected arguments: %q\n", fs.Args())
		return ExitUsage
	}
	if (*mockFile == "") != (*testCase == "") {
		fmt.Fprintln(stderr, "--mock-config and --test-case go together")
		return ExitUsage
	}

	in, err := readInput(*input, stdin)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return ExitFailed
	}
	var inv aslrt.Invoker = unmocked{}
	if *mockFile != "" {
		cfg, err := mockconfig.Load(*mockFile)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return ExitFailed
		}
		machine := *name
		if machine == "" {
			return usage(stderr, "--mock-config needs --name, the state machine the mock file configures")
		}
		mocks, err := cfg.Invoker(machine, *testCase)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return ExitFailed
		}
		inv = mocks
	}
	var opts []aslrt.Option
	if *name != "" {
		opts = append(opts, aslrt.WithMachineName(*name))
	}
	if *virtual {
		opts = append(opts, aslrt.WithVirtualTime(time.Now().UTC()))
	}

	out, err := newMachine(inv, opts...).Run(ctx, in)
	line := aslrt.AppendJSON(nil, Result(out, err))
	if _, werr := stdout.Write(append(line, '\n')); werr != nil {
		fmt.Fprintln(stderr, werr)
		return ExitFailed
	}
	if err != nil {
		return ExitFailed
	}
	return ExitSucceeded
}

func usage(stderr io.Writer, msg string) int {
	fmt.Fprintln(stderr, msg)
	return ExitUsage
}

// Result is the JSON object that reports an execution that returned out
// and err: its status as aslrt.StatusOf tells it, the output when it
// succeeded, and the error name and cause (each left out when empty)
// when it did not.
func Result(out aslrt.Value, err error) *aslrt.Object {
	status := aslrt.StatusOf(err)
	r := aslrt.NewObject(3)
	r.Set("status", string(status))
	if status == aslrt.StatusSucceeded {
		r.Set("output", out)
		return r
	}
	var e *aslrt.Error
	if !errors.As(err, &e) {
		if status != aslrt.StatusFailed {
			return r
		}
		e = aslrt.AsError(err)
	}
	if e.Name != "" {
		r.Set("error", e.Name)
	}
	if e.Cause != "" {
		r.Set("cause", e.Cause)
	}
	return r
}

// readInput reads and decodes the execution input from the file name, or
// from stdin for "-".
func readInput(name string, stdin io.Reader) (aslrt.Value, error) {
	var text []byte
	var err error
	if name == "-" {
		text, err = io.ReadAll(stdin)
		name = "standard input"
	} else {
		text, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the input: %w", err)
	}
	v, err := aslrt.Decode(text)
	if err != nil {
		return nil, fmt.Errorf("the input in %s is not JSON: %w", name, err)
	}
	return v, nil
}

// unmocked answers Task states when no mock configuration is given: every
// call fails the execution, naming the state.
type unmocked struct{}

func (unmocked) Invoke(ctx context.Context, call aslrt.TaskCall) (aslrt.Value, error) {
	return nil, aslrt.Errorf(aslrt.ErrRuntime,
		"Task state %q (resource %s) has no mocked response: aslc run calls no real resources; answer Task states with --mock-config FILE --test-case NAME",
		call.State, call.Resource)
}
