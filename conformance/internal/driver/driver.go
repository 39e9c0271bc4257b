// Package driver runs conformance cases inside the program the conformance
// harness generates: one binary that links every case's generated package
// and runs the cases it is given, one after another, printing one result
// line per case.
//
// The harness writes jobs to the program's standard input, one JSON object
// per line ({"case", "input", "lambdas"}), and reads results from its
// standard output, one JSON object per line ({"case", "status", "output",
// "error", "cause"}), in job order. A case that panics is reported with
// status ERROR and the program goes on; a case that exceeds the time limit
// is reported with status ERROR and the program exits, since its
// goroutines cannot be stopped, and the harness starts a new one for the
// remaining cases. A panic on another goroutine kills the program; the
// harness then blames the first case without a result.
package driver

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"github.com/aslc/aslc/internal/lambdastub"
	aslrt "github.com/aslc/aslc/runtime"
)

// StatusError marks a case the driver could not run to an answer.
const StatusError = "ERROR"

// ExitTimeLimit is the exit status of a driver that stopped because a case
// exceeded the time limit.
const ExitTimeLimit = 3

// Env is what a case runs with besides its input.
type Env struct {
	// Invoker stands behind the machine's Task states: the Lambda stubs
	// the case's meta.json names.
	Invoker aslrt.Invoker
	// Options configure the machine: a virtual clock starting now, and the
	// names the context object reports.
	Options []aslrt.Option
}

// RunFunc runs one case's machine on input.
type RunFunc func(ctx context.Context, env *Env, input aslrt.Value) (aslrt.Value, error)

// Case is one entry of the generated program's table.
type Case struct {
	ID  string
	Run RunFunc
}

// Job is one line of the driver's input.
type Job struct {
	Case    string            `json:"case"`
	Input   json.RawMessage   `json:"input"`
	Lambdas map[string]string `json:"lambdas,omitempty"`
}

// Main is the generated program's main function.
func Main(cases []Case) {
	limit := flag.Duration("limit", 10*time.Second, "time limit per case (real time)")
	flag.Parse()
	code, err := Run(context.Background(), cases, os.Stdin, os.Stdout, *limit)
	if err != nil {
		fmt.Fprintln(os.Stderr, "driver:", err)
	}
	os.Exit(code)
}

// Run reads jobs from in, runs each with the case of that ID, and writes
// one result line per job to out. It returns the exit status for the
// program: 0 when every job ran, ExitTimeLimit when a case exceeded limit
// (its result is written; later jobs are not run), 1 on a malformed job or
// an output error.
func Run(ctx context.Context, cases []Case, in io.Reader, out io.Writer, limit time.Duration) (int, error) {
	byID := make(map[string]RunFunc, len(cases))
	for _, c := range cases {
		byID[c.ID] = c.Run
	}
	w := bufio.NewWriter(out)
	scanner := bufio.NewScanner(in)
	scanner.Buffer(make([]byte, 0, 64*1024), 64*1024*1024)
	for scanner.Scan() {
		if len(scanner.Bytes()) == 0 {
			continue
		}
		var job Job
		if err := json.Unmarshal(scanner.Bytes(), &job); err != nil {
			return 1, fmt.Errorf("malformed job: %w", err)
		}
		res, timedOut := runJob(ctx, byID[job.Case], &job, limit)
		if _, err := w.Write(append(res.AppendJSON(nil), '\n')); err != nil {
			return 1, err
		}
		if err := w.Flush(); err != nil {
			return 1, err
		}
		if timedOut {
			return ExitTimeLimit, nil
		}
	}
	if err := scanner.Err(); err != nil {
		return 1, err
	}
	return 0, nil
}

// Result is one output line of the driver, and one line of a results
// file: what an implementation did with one case.
//
//	{"case": "<id>", "status": "...", "output": <json>, "error": "...", "cause": "..."}
type Result struct {
	Case   string
	Status string
	// Output is the execution output; HasOutput tells null from absent.
	Output    aslrt.Value
	HasOutput bool
	Error     string
	Cause     string
}

// MarshalJSON renders the result line with its members in the documented
// order and the output exactly as the runtime encodes it.
func (r *Result) MarshalJSON() ([]byte, error) {
	return r.AppendJSON(nil), nil
}

// AppendJSON appends the result's JSON line (without a newline) to dst.
func (r *Result) AppendJSON(dst []byte) []byte {
	obj := aslrt.NewObject(5)
	obj.Set("case", r.Case)
	obj.Set("status", r.Status)
	if r.HasOutput {
		obj.Set("output", r.Output)
	}
	if r.Error != "" {
		obj.Set("error", r.Error)
	}
	if r.Cause != "" {
		obj.Set("cause", r.Cause)
	}
	return aslrt.AppendJSON(dst, obj)
}

func errorResult(id, name, cause string) *Result {
	return &Result{Case: id, Status: StatusError, Error: name, Cause: cause}
}

// runJob runs one job under the time limit. timedOut reports that the
// case's goroutine may still be running.
func runJob(ctx context.Context, run RunFunc, job *Job, limit time.Duration) (res *Result, timedOut bool) {
	if run == nil {
		return errorResult(job.Case, "NotBuilt", "the program has no case "+job.Case), false
	}
	input, err := aslrt.Decode(job.Input)
	if err != nil {
		return errorResult(job.Case, "BadInput", err.Error()), false
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	env := &Env{
		// The stubs sleep on the execution's clock, found through the
		// task's context.
		Invoker: &lambdastub.Lambda{Functions: job.Lambdas},
		Options: []aslrt.Option{
			aslrt.WithVirtualTime(time.Now()),
			aslrt.WithMachineName(machineName(job.Case)),
		},
	}
	done := make(chan *Result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- errorResult(job.Case, "Panic", fmt.Sprintf("%v\n%s", p, debug.Stack()))
			}
		}()
		out, err := run(ctx, env, input)
		done <- classify(job.Case, out, err)
	}()
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case r := <-done:
		return r, false
	case <-timer.C:
		cancel()
		return errorResult(job.Case, "TimeLimit", fmt.Sprintf("the case did not finish within %v of real time", limit)), true
	}
}

// classify turns what a machine's Run returned into a result line: the
// status by aslrt.StatusOf, the error name and cause of an *aslrt.Error.
// A failure that is not an *aslrt.Error breaks the generated API's
// contract and is reported as ERROR.
func classify(id string, out aslrt.Value, err error) *Result {
	status := aslrt.StatusOf(err)
	if status == aslrt.StatusSucceeded {
		return &Result{Case: id, Status: string(status), Output: out, HasOutput: true}
	}
	r := &Result{Case: id, Status: string(status)}
	var e *aslrt.Error
	switch {
	case errors.As(err, &e):
		r.Error, r.Cause = e.Name, e.Cause
	case status == aslrt.StatusFailed:
		return errorResult(id, fmt.Sprintf("%T", err), "the execution failed with an error that is not an *aslrt.Error: "+err.Error())
	}
	return r
}

// machineName is the state machine name a case runs under: its ID, cut to
// the 80 characters AWS allows.
func machineName(id string) string {
	if len(id) > 80 {
		return id[:80]
	}
	return id
}
