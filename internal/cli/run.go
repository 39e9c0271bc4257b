package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/aslc/aslc/compiler"
	"github.com/aslc/aslc/internal/gobuild"
	"github.com/aslc/aslc/internal/mockconfig"
	aslrt "github.com/aslc/aslc/runtime"
)

// runOptions are the flags of aslc run.
type runOptions struct {
	input, mockConfig, testCase, name string
	virtualTime, express, offline     bool
	verbose                           bool
}

func runCommand() *Command {
	var o runOptions
	return &Command{
		Name:  "run",
		Args:  "DEF",
		Short: "generate, build (cached) and run a definition once",
		Long: `Run compiles a definition, builds it with the Go toolchain on PATH into
a program kept in a cache, runs one execution with the input given, and
prints its result on stdout as one JSON object:

	{"status":"SUCCEEDED","output":...}
	{"status":"FAILED","error":"...","cause":"..."}

or with the status TIMED_OUT or ABORTED (an interrupt aborts the
execution); error and cause are left out when the execution gave none.
Run exits 0 when the execution succeeded, and 1 when it did not, when the
definition has problems (printed to stderr as "aslc check" prints them),
or when a file cannot be read or the build fails.

The input is a JSON file, or stdin with "--input -"; without --input the
execution gets {} as StartExecution gives it without input.

Run calls no real resources. With --mock-config FILE and --test-case NAME
the Task states are answered from a mock configuration file of AWS Step
Functions Local (MockConfigFile.json): the test case NAME of the state
machine the definition stands for (its file name without the extension,
or --name) maps state names to mocked responses, whose {"Return": ...}
and {"Throw": {"Error": ..., "Cause": ...}} entries, keyed "0", "1-2",
..., answer the state's calls in order, retries included. A Task state
without a mocked response, or without --mock-config, fails the execution
with States.Runtime and a cause naming the state.

With --virtual-time the execution runs on a virtual clock that starts at
the current time: Wait states, retry intervals and timeouts take no real
time, and happen in the order their virtual times give.

The program is cached in $ASLC_CACHE, or else in aslc under the user's
cache directory, keyed by the generated code, the aslc version and the Go
toolchain; running the same definition again only runs it. The runtime's
source is part of aslc, and the one module generated code imports
besides it, golang.org/x/sync, is in the module cache once aslc is
installed with "go install", so run works without the network; with
--offline the go command may not use it even when the module is missing.`,
		Flags: func(fs *pflag.FlagSet) {
			fs.StringVar(&o.input, "input", "", "the execution input, a JSON `FILE`; - reads stdin (default {})")
			fs.StringVar(&o.mockConfig, "mock-config", "", "answer Task states from the Step Functions Local mock configuration `FILE`")
			fs.StringVar(&o.testCase, "test-case", "", "the mock configuration's test case `NAME`")
			fs.StringVar(&o.name, "name", "", "the state machine `NAME` ($$.StateMachine.Name and the mock configuration's machine; default: the file name without extensions)")
			fs.BoolVar(&o.virtualTime, "virtual-time", false, "run on a virtual clock: waits, retry intervals and timeouts take no real time")
			fs.BoolVar(&o.express, "express", false, "compile as an EXPRESS state machine")
			fs.BoolVar(&o.offline, "offline", false, "never let the go command download modules (GOPROXY=off)")
			fs.BoolVarP(&o.verbose, "verbose", "v", false, "report on stderr whether the program was built or found in the cache")
		},
		Run: func(env *Env, args []string) int {
			if len(args) != 1 {
				return env.UsageError("run needs exactly one definition file")
			}
			if (o.mockConfig == "") != (o.testCase == "") {
				return env.UsageError("--mock-config and --test-case go together")
			}
			return runDefinition(env, args[0], &o)
		},
	}
}

func runDefinition(env *Env, def string, o *runOptions) int {
	text, err := os.ReadFile(def)
	if err != nil {
		env.Errorf("%v", err)
		return ExitFailure
	}
	input, err := readRunInput(o.input)
	if err != nil {
		env.Errorf("%v", err)
		return ExitFailure
	}
	name := o.name
	if name == "" {
		name = compiler.DefaultName(def)
	}
	if o.mockConfig != "" {
		// Found now rather than in the program, before a build.
		cfg, err := mockconfig.Load(o.mockConfig)
		if err == nil {
			_, err = cfg.TestCase(name, o.testCase)
		}
		if err != nil {
			env.Errorf("%v", err)
			return ExitFailure
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	res, err := gobuild.Build(ctx, gobuild.Spec{Definition: text, Source: def, Express: o.express, Offline: o.offline})
	stop()
	var ce *compiler.Error
	switch {
	case errors.As(err, &ce):
		for _, d := range ce.Diagnostics {
			fmt.Fprintln(env.Stderr, d)
		}
		return ExitFailure
	case err != nil:
		env.Errorf("building %s: %v", def, err)
		return ExitFailure
	}
	if o.verbose {
		how := "built"
		if res.Cached {
			how = "cached"
		}
		env.Errorf("%s: %s program %s", def, how, res.Binary)
	}

	args := []string{"--input", "-", "--name", name}
	if o.mockConfig != "" {
		args = append(args, "--mock-config", o.mockConfig, "--test-case", o.testCase)
	}
	if o.virtualTime {
		args = append(args, "--virtual-time")
	}
	return execute(env, res.Binary, args, input)
}

// readRunInput reads the execution input: {} without a file, stdin for
// "-". It must be JSON.
func readRunInput(file string) ([]byte, error) {
	var text []byte
	var err error
	switch file {
	case "":
		return []byte("{}"), nil
	case "-":
		text, err = io.ReadAll(os.Stdin)
		file = "standard input"
	default:
		text, err = os.ReadFile(file)
	}
	if err != nil {
		return nil, err
	}
	if _, err := aslrt.Decode(text); err != nil {
		return nil, fmt.Errorf("the input in %s is not JSON: %w", file, err)
	}
	return text, nil
}

// execute runs the built program with input on its stdin, its output
// and errors going to env's. While it runs, an interrupt or SIGTERM is
// passed on to it (it aborts the execution and reports ABORTED) instead
// of ending aslc.
func execute(env *Env, binary string, args []string, input []byte) int {
	cmd := exec.Command(binary, args...)
	cmd.Stdin = bytes.NewReader(input)
	cmd.Stdout, cmd.Stderr = env.Stdout, env.Stderr
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	if err := cmd.Start(); err != nil {
		env.Errorf("running the built program: %v", err)
		return ExitFailure
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case sig := <-sigs:
				// The program may have had the signal already (an
				// interrupt from a terminal goes to both); a second one
				// is harmless. Windows cannot forward it.
				_ = cmd.Process.Signal(sig)
			case <-done:
				return
			}
		}
	}()
	err := cmd.Wait()
	close(done)
	var ee *exec.ExitError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ee) && ee.ExitCode() == ExitFailure:
		return ExitFailure
	}
	env.Errorf("the program built for the definition ended abnormally: %v", err)
	return ExitFailure
}
