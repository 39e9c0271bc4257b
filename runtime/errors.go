package aslrt

import (
	"errors"
	"fmt"
)

// Error names predefined by the Amazon States Language.
const (
	ErrAll                             = "States.ALL"
	ErrTimeout                         = "States.Timeout"
	ErrHeartbeatTimeout                = "States.HeartbeatTimeout"
	ErrTaskFailed                      = "States.TaskFailed"
	ErrPermissions                     = "States.Permissions"
	ErrResultPathMatchFailure          = "States.ResultPathMatchFailure"
	ErrParameterPathFailure            = "States.ParameterPathFailure"
	ErrBranchFailed                    = "States.BranchFailed"
	ErrNoChoiceMatched                 = "States.NoChoiceMatched"
	ErrIntrinsicFailure                = "States.IntrinsicFailure"
	ErrExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold"
	ErrItemReaderFailed                = "States.ItemReaderFailed"
	ErrResultWriterFailed              = "States.ResultWriterFailed"
	ErrDataLimitExceeded               = "States.DataLimitExceeded"
	ErrQueryEvaluationError            = "States.QueryEvaluationError"
	ErrRuntime                         = "States.Runtime"
)

// Error is a failure with an ASL error name and cause: what a Fail state
// raises, what a task reports, what the runtime raises for AWS-defined
// failures, and what a failed execution returns. Use errors.As to get it.
//
// Name and Cause are what AWS reports as "error" and "cause"; either may
// be empty (a Fail state without Error or Cause, a timeout with no cause).
// NoName marks a failure that carries no error name at all, which only
// States.ALL matches and whose error output is {"Error": null, "Cause": null}.
type Error struct {
	Name   string
	Cause  string
	NoName bool
}

func (e *Error) Error() string {
	switch {
	case e.Cause == "":
		return e.Name
	case e.Name == "":
		return e.Cause
	}
	return e.Name + ": " + e.Cause
}

// NewError returns an *Error with the given name and cause.
func NewError(name, cause string) *Error {
	return &Error{Name: name, Cause: cause}
}

// Errorf returns an *Error named name whose cause is formatted.
func Errorf(name, format string, args ...any) *Error {
	return &Error{Name: name, Cause: fmt.Sprintf(format, args...)}
}

// AsError returns err as an *Error: an *Error found by errors.As is
// returned as it is; any other non-nil error becomes States.TaskFailed with
// the error text as its cause, which is how AWS reports a task that failed
// without naming its error.
func AsError(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Name: ErrTaskFailed, Cause: err.Error()}
}
