package aslrt

// TaskSpec is a JSONPath Task state for Exec.Task: the state itself, what
// it does around the call of its resource (its input and output
// processing), its literal TimeoutSeconds and HeartbeatSeconds (0 when
// absent), and its retriers. Generated code declares one per such state
// at package level, so that running the state reads one variable of its
// own: two cache lines (TestTaskSpecSize).
type TaskSpec struct {
	State            State
	IO               StateIO
	TimeoutSeconds   int64
	HeartbeatSeconds int64
	Retry            []Retrier
}

// Task runs the JSONPath Task state spec.State, which has no Catch,
// Assign, ...SecondsPath or Credentials template, in scope x: it enters
// the state; runs attempts, each taking the effective input (InputPath,
// then Parameters), calling fn with it under the state's timeouts (Call)
// and processing its result (ResultSelector, ResultPath, OutputPath),
// retrying a failed attempt as the retriers allow (Retry); and leaves the
// state with the output of the attempt that succeeded. Otherwise it
// returns the error the state fails with.
//
// It does what the emitted sequence of Enter, the attempts and their
// Retry loop, and Exit does, in one call, so that a machine of many such
// states runs the same instructions for each.
func (x *Exec) Task(spec *TaskSpec, fn TaskFunc, in Value) (Value, error) {
	st, io := &spec.State, &spec.IO
	res := x.resource(st)
	if res.callback || !x.enterCounted(st, in) {
		if err := x.enter(st, in); err != nil {
			return nil, err
		}
	}
	// One counter per retrier for this visit, set up at its first
	// failure; the usual few on the stack.
	var buf [4]int
	var counts []int
	for {
		// An attempt: the effective input, the call, the output.
		var args Value
		var err error
		argsN := -1
		if io.InputPath == nil && io.Parameters != nil {
			// The template's bound is the task input's: call checks it
			// without looking it up in the scope.
			args, argsN, err = io.Parameters.evalSized(in, x)
		} else {
			args, err = io.Input(in, x)
		}
		var out Value
		var n int
		if err == nil {
			out, n, err = x.call(st, res, fn, args, argsN, spec.TimeoutSeconds, spec.HeartbeatSeconds)
		}
		if err == nil {
			if io.ResultSelector == nil && io.ResultPath == nil && io.OutputPath == nil {
				x.exitResult(out, n)
				return out, nil
			}
			x.noteSize(out, n)
			if out, err = io.Output(in, out, x); err == nil {
				x.Exit(out)
				return out, nil
			}
		}
		if len(spec.Retry) == 0 {
			return nil, err
		}
		if counts == nil {
			if n := len(spec.Retry); n <= len(buf) {
				counts = buf[:n]
			} else {
				counts = make([]int, n)
			}
		}
		if err = x.Retry(err, spec.Retry, counts); err != nil {
			return nil, err
		}
	}
}
