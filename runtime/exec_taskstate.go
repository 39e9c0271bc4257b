package aslrt

// TaskSpec is what a JSONPath Task state does around the call of its
// resource, for Exec.Task: its input and output processing, its literal
// TimeoutSeconds and HeartbeatSeconds (0 when absent), and its retriers.
type TaskSpec struct {
	IO               StateIO
	TimeoutSeconds   int64
	HeartbeatSeconds int64
	Retry            []Retrier
}

// Task runs a JSONPath Task state that has no Catch, Assign,
// ...SecondsPath or Credentials template, in scope x: it enters st; runs
// attempts, each taking the effective input (InputPath, then Parameters),
// calling fn with it under the state's timeouts (Call) and processing its
// result (ResultSelector, ResultPath, OutputPath), retrying a failed
// attempt as the retriers allow (Retry); and leaves st with the output of
// the attempt that succeeded. Otherwise it returns the error the state
// fails with.
//
// It does what the emitted sequence of Enter, the attempts and their
// Retry loop, and Exit does, in one call, so that a machine of many such
// states runs the same instructions for each.
func (x *Exec) Task(st *State, spec *TaskSpec, fn TaskFunc, in Value) (Value, error) {
	if err := x.Enter(st, in); err != nil {
		return nil, err
	}
	// One counter per retrier for this visit; the usual few on the stack.
	var buf [4]int
	var counts []int
	if n := len(spec.Retry); n <= len(buf) {
		counts = buf[:n]
	} else {
		counts = make([]int, n)
	}
	for {
		out, err := x.taskAttempt(spec, fn, in)
		if err == nil {
			x.Exit(out)
			return out, nil
		}
		if len(spec.Retry) == 0 {
			return nil, err
		}
		if err = x.Retry(err, spec.Retry, counts); err != nil {
			return nil, err
		}
	}
}

// taskAttempt is one attempt of the Task state Task runs.
func (x *Exec) taskAttempt(spec *TaskSpec, fn TaskFunc, in Value) (Value, error) {
	io := &spec.IO
	args, err := io.Input(in, x)
	if err != nil {
		return nil, err
	}
	result, err := x.Call(fn, args, spec.TimeoutSeconds, spec.HeartbeatSeconds)
	if err != nil {
		return nil, err
	}
	if io.ResultSelector != nil || io.ResultPath != nil || io.OutputPath != nil {
		return io.Output(in, result, x)
	}
	return result, nil
}
