package aslrt

import (
	"context"
	"errors"
)

// Status is the status of a finished execution, as DescribeExecution
// reports it.
type Status string

// The statuses an execution can end with.
const (
	StatusSucceeded Status = "SUCCEEDED"
	StatusFailed    Status = "FAILED"
	StatusTimedOut  Status = "TIMED_OUT"
	StatusAborted   Status = "ABORTED"
)

// ErrTimedOut is returned (wrapped) by an execution whose TimeoutSeconds
// elapsed: status TIMED_OUT, with no error name or cause (A1.6).
var ErrTimedOut = errors.New("execution timed out")

// ErrAborted is returned (wrapped, together with the context's error) by an
// execution whose context was cancelled: status ABORTED.
var ErrAborted = errors.New("execution aborted")

// StatusOf returns the status of an execution that ended with err: the
// error a generated Run returned.
//
//	nil                      SUCCEEDED
//	wraps ErrTimedOut        TIMED_OUT
//	wraps ErrAborted, or a   ABORTED
//	context error
//	anything else            FAILED (usually an *Error)
func StatusOf(err error) Status {
	switch {
	case err == nil:
		return StatusSucceeded
	case errors.Is(err, ErrTimedOut):
		return StatusTimedOut
	case errors.Is(err, ErrAborted), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return StatusAborted
	}
	return StatusFailed
}

// abortedError is the error of an aborted execution: it is ErrAborted and
// the reason the context was cancelled.
type abortedError struct{ cause error }

func (e *abortedError) Error() string {
	if e.cause == nil {
		return ErrAborted.Error()
	}
	return ErrAborted.Error() + ": " + e.cause.Error()
}

func (e *abortedError) Unwrap() []error {
	if e.cause == nil {
		return []error{ErrAborted}
	}
	return []error{ErrAborted, e.cause}
}
