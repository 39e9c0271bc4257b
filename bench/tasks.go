package bench

import (
	"context"
	"strconv"
	"sync/atomic"

	aslrt "github.com/aslc/aslc/runtime"
)

// Stepper is the in-process task of the Task chain: it returns
// {"n": n+1} for an input {"n": n, ...}, and fails with the error named
// Error on every Every-th call, which the chain's Retry retries.
type Stepper struct {
	Error string
	Every int64
	calls atomic.Int64
}

// Step is the task function.
func (s *Stepper) Step(_ context.Context, in aslrt.Value) (aslrt.Value, error) {
	c := s.calls.Add(1)
	if s.Every > 0 && c%s.Every == 0 {
		return nil, &aslrt.Error{Name: s.Error, Cause: "call " + strconv.FormatInt(c, 10) + " failed"}
	}
	v, err := member(in, "n")
	if err != nil {
		return nil, err
	}
	n, ok := v.(int64)
	if !ok {
		return nil, errShape
	}
	out := aslrt.NewObject(1)
	out.Set("n", n+1)
	return out, nil
}

// BenchStep makes a Stepper the Tasks of the taskchain machine.
func (s *Stepper) BenchStep(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	return s.Step(ctx, in)
}

// Calls returns the number of calls so far.
func (s *Stepper) Calls() int64 { return s.calls.Load() }
