package aslrt

import "unsafe"

// PassThrough runs a JSONPath Pass state without Result or Assign, or a
// Succeed state, in scope x: a state that moves its raw input in to its
// output through its paths and templates and does nothing else. It
// enters st; takes the effective input (InputPath, then Parameters: a
// Pass state's result, which fails the state when it is more than
// MaxPayloadSize bytes, A19.1); merges that into in by ResultPath and
// applies OutputPath (A3.1); and leaves st with the output. io is nil for
// a state with none of these fields.
//
// It does what the emitted sequence of Enter, StateIO.Input, CheckSize,
// StateIO.Output and Exit does, in one call, so that a machine of many
// such states runs the same few instructions for each.
func (x *Exec) PassThrough(st *State, io *StateIO, in Value) (Value, error) {
	if !x.enterPlain(st, in) {
		if err := x.enter(st, in); err != nil {
			return nil, err
		}
	}
	if io != nil && io.Parameters != nil && io.InputPath == nil && io.ResultSelector == nil && io.OutputPath == nil {
		// The usual Pass state: Parameters, then ResultPath. The bounds
		// of the result and the output are carried from one step to
		// the next (size.go) instead of being kept in the scope and
		// looked up again.
		r, n, err := io.Parameters.evalSized(in, x)
		if err != nil {
			return nil, err
		}
		n, ok := fits(r, n)
		if !ok {
			return nil, x.userError(ResultTooLarge(x.stateName()))
		}
		out := r
		switch p := io.ResultPath; {
		case p == nil:
		case p.null:
			out, n = in, x.sizeOf(in)
		default:
			if out, n, err = io.mergeSized(in, x.sizeOf(in), r, n, x); err != nil {
				return nil, err
			}
		}
		if o, ok := out.(*Object); ok {
			// exitSized, in line for the usual output
			x.sizes.current(vkey{p: unsafe.Pointer(o)}, n)
			x.exited(out)
		} else {
			x.exitSized(out, n)
		}
		return out, nil
	}
	out := in
	if io != nil {
		result := in
		if io.InputPath != nil || io.Parameters != nil {
			r, err := io.Input(in, x)
			if err != nil {
				return nil, err
			}
			if io.Parameters != nil {
				if err := x.CheckSize(r); err != nil {
					return nil, err
				}
			}
			result = r
		}
		out = result
		if io.ResultSelector != nil || io.ResultPath != nil || io.OutputPath != nil {
			o, err := io.Output(in, result, x)
			if err != nil {
				return nil, err
			}
			out = o
		}
	}
	x.Exit(out)
	return out, nil
}
