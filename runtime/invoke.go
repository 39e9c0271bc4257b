package aslrt

import "context"

// TaskCall is one call of a Task state's resource.
type TaskCall struct {
	// State is the name of the Task state.
	State string
	// Resource is the state's Resource ARN, as written in the definition.
	Resource string
	// Input is the effective input: the state input after InputPath and
	// Parameters (JSONPath) or Arguments (JSONata).
	Input Value
	// TimeoutSeconds and HeartbeatSeconds are the state's limits, 0 when
	// the state sets none.
	TimeoutSeconds   int64
	HeartbeatSeconds int64
	// RetryCount is 0 on the first attempt and counts the retries of the
	// current visit of the state ($$.State.RetryCount).
	RetryCount int
	// Credentials is true when the state has a Credentials field, a role
	// AWS would call the resource with (State.Credentials).
	Credentials bool
}

// Invoker calls task resources by name. It is how mocks, standalone
// binaries and real AWS services stand behind a machine's Task states.
//
// An Invoker reports a task failure by returning an *Error with the AWS
// error name (for example a Lambda function's errorType); any other error
// becomes States.TaskFailed.
type Invoker interface {
	Invoke(ctx context.Context, call TaskCall) (Value, error)
}

// InvokerFunc adapts a function to the Invoker interface.
type InvokerFunc func(ctx context.Context, call TaskCall) (Value, error)

// Invoke calls f.
func (f InvokerFunc) Invoke(ctx context.Context, call TaskCall) (Value, error) {
	return f(ctx, call)
}
