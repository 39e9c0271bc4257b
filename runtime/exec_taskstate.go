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
	st := &spec.State
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
		out, n, err := x.taskAttempt(st, spec, fn, in)
		if err == nil {
			if n < 0 {
				x.Exit(out)
			} else {
				x.exitResult(out, n)
			}
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

// taskAttempt is one attempt of the Task state st that Task runs. When
// its output is the task's result, it returns the result's bound too,
// for exitResult; otherwise -1, the output's bound kept in the scope.
func (x *Exec) taskAttempt(st *State, spec *TaskSpec, fn TaskFunc, in Value) (Value, int, error) {
	io := &spec.IO
	var args Value
	argsN := -1
	if io.InputPath == nil && io.Parameters != nil {
		// The template's bound is the task input's: call checks it
		// without looking it up in the scope.
		v, n, err := io.Parameters.evalSized(in, x)
		if err != nil {
			return nil, 0, err
		}
		args, argsN = v, n
	} else {
		v, err := io.Input(in, x)
		if err != nil {
			return nil, 0, err
		}
		args = v
	}
	res := x.res // what Enter left: the facts of st's resource
	if st.Type != TaskState {
		res = x.resource(st)
	}
	result, n, err := x.call(st, res, fn, args, argsN, spec.TimeoutSeconds, spec.HeartbeatSeconds)
	if err != nil {
		return nil, 0, err
	}
	if io.ResultSelector != nil || io.ResultPath != nil || io.OutputPath != nil {
		x.noteSize(result, n)
		out, err := io.Output(in, result, x)
		return out, -1, err
	}
	return result, n, nil
}
