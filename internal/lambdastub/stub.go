package lambdastub

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	aslrt "github.com/aslc/aslc/runtime"
)

// The stub behaviours, by the names the conformance corpus gives them in
// lambdas/index.json and in each case's meta.json.
const (
	// IDFunction returns the event it receives, unchanged.
	IDFunction = "id_function"
	// EchoFunction ignores its event and returns {"Return": "HelloWorld"}.
	EchoFunction = "echo_function"
	// RaiseException raises Exception("Some exception was raised.") from
	// line 2 of the handler file.
	RaiseException = "raise_exception"
	// RaiseCustomException raises a user-defined CustomException whose
	// message is empty, from line 9 of the handler file.
	RaiseCustomException = "raise_custom_exception"
	// ReturnBytesStr returns the raw bytes "HelloWorld!" (quotes included).
	ReturnBytesStr = "return_bytes_str"
	// LargeOutputString returns 257 KiB of the letter a as raw bytes.
	LargeOutputString = "large_output_string"
	// Wait60Seconds sleeps 60 seconds on the clock, then returns its event.
	Wait60Seconds = "wait_60_seconds"
)

// Stubs lists every behaviour Handle implements.
func Stubs() []string {
	return []string{
		IDFunction, EchoFunction, RaiseException, RaiseCustomException,
		ReturnBytesStr, LargeOutputString, Wait60Seconds,
	}
}

// LargeOutputSize is the size of LargeOutputString's result: 257 KiB, one
// KiB over the Step Functions payload limit.
const LargeOutputSize = 257 * 1024

// handlerFile is where the Lambda Python runtime says the handlers live.
const handlerFile = "/var/task/handler.py"

// Clock is a time source the stubs can sleep on instead of the
// execution's clock.
type Clock interface {
	Now() time.Time
	Sleep(ctx context.Context, d time.Duration) error
}

// executionClock is the clock of the execution whose task ctx belongs to
// (aslrt.Now and aslrt.Sleep), or the wall clock outside an execution.
// Under a virtual clock a sleep takes no real time, and a sleep past the
// task's TimeoutSeconds ends when virtual time reaches the timeout.
type executionClock struct{ ctx context.Context }

func (c executionClock) Now() time.Time { return aslrt.Now(c.ctx) }

func (c executionClock) Sleep(ctx context.Context, d time.Duration) error {
	return aslrt.Sleep(ctx, d)
}

// FunctionError is an error raised by a function's code, as the Lambda
// Python runtime reports it in the error document
// {"errorMessage", "errorType", "requestId", "stackTrace"}.
type FunctionError struct {
	Type       string   // errorType: the exception's class name
	Message    string   // errorMessage: str() of the exception
	StackTrace []string // stackTrace: one entry per frame, as Python's traceback prints it
}

func (e *FunctionError) Error() string {
	if e.Message == "" {
		return e.Type
	}
	return e.Type + ": " + e.Message
}

// frame renders one stack frame the way Python's traceback module does.
func frame(line int, function, source string) string {
	return fmt.Sprintf("  File \"%s\", line %d, in %s\n    %s\n", handlerFile, line, function, source)
}

// Handle runs the stub behaviour named stub on one invocation payload,
// as the Lambda Python runtime would run the corresponding handler: the
// payload is unmarshalled into the event (an empty payload is the event
// {}), the handler runs, and its return value is marshalled back into the
// response payload bytes. A handler that raises gives a *FunctionError and
// no payload. err is non-nil only when the invocation could not run at
// all: an unknown stub, or ctx ending while the handler sleeps. A nil
// clock means the clock of the execution whose task ctx belongs to.
func Handle(ctx context.Context, clock Clock, stub string, payload []byte) (result []byte, ferr *FunctionError, err error) {
	if clock == nil {
		clock = executionClock{ctx}
	}
	if !slices.Contains(Stubs(), stub) {
		return nil, nil, fmt.Errorf("lambdastub: no stub behaviour named %q (known: %s)", stub, strings.Join(Stubs(), ", "))
	}
	event, ferr := unmarshalEvent(payload)
	if ferr != nil {
		return nil, ferr, nil
	}
	switch stub {
	case IDFunction:
		return appendPython(nil, event), nil, nil
	case EchoFunction:
		return appendPython(nil, aslrt.ObjectOf(aslrt.Member{Key: "Return", Value: "HelloWorld"})), nil, nil
	case RaiseException:
		return nil, &FunctionError{
			Type:       "Exception",
			Message:    "Some exception was raised.",
			StackTrace: []string{frame(2, "handler", `raise Exception("Some exception was raised.")`)},
		}, nil
	case RaiseCustomException:
		// CustomException's __init__ never calls Exception.__init__, so
		// str() of it, the errorMessage, is empty.
		return nil, &FunctionError{
			Type:       "CustomException",
			Message:    "",
			StackTrace: []string{frame(9, "handler", "raise CustomException()")},
		}, nil
	case ReturnBytesStr:
		// A handler returning bytes has them sent as they are.
		return []byte(`"HelloWorld!"`), nil, nil
	case LargeOutputString:
		return bytes.Repeat([]byte{'a'}, LargeOutputSize), nil, nil
	default: // Wait60Seconds
		if err := clock.Sleep(ctx, 60*time.Second); err != nil {
			return nil, nil, err
		}
		return appendPython(nil, event), nil, nil
	}
}

// unmarshalEvent decodes an invocation payload into the handler's event,
// failing as the Python runtime does when the payload is not JSON.
func unmarshalEvent(payload []byte) (aslrt.Value, *FunctionError) {
	if len(bytes.TrimSpace(payload)) == 0 {
		return aslrt.NewObject(0), nil
	}
	v, err := aslrt.Decode(payload)
	if err != nil {
		return nil, &FunctionError{
			Type:       "Runtime.UnmarshalError",
			Message:    "Unable to unmarshal input: " + err.Error(),
			StackTrace: []string{},
		}
	}
	return v, nil
}
