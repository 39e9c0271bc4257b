package lambdastub

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	aslrt "github.com/aslc/aslc/runtime"
)

// httpDate is the format of the Date header (RFC 7231 IMF-fixdate).
const httpDate = "Mon, 02 Jan 2006 15:04:05 GMT"

var _ aslrt.Invoker = (*Lambda)(nil)

// Invoke implements aslrt.Invoker with the two ways a Task state calls a
// Lambda function (CHECKLIST A8.9):
//
//   - Resource is the function's ARN: the function runs on the state's
//     effective input and the result is the function's payload.
//   - Resource is arn:aws:states:::lambda:invoke: the input names the
//     function in FunctionName (a name or an ARN) and carries the Payload;
//     the result is the Invoke response envelope {ExecutedVersion,
//     Payload, SdkHttpMetadata, SdkResponseMetadata, StatusCode}.
//
// Failures are reported as Step Functions reports them (CHECKLIST A8.10,
// A17.6): a function that raises fails with its exception type as the
// error name and the Lambda error document as the cause; a function that
// does not exist fails with Lambda.ResourceNotFoundException; a result
// over 256 KiB fails with States.DataLimitExceeded. Any other resource is
// refused with a States.Runtime error naming it, which no catcher hides.
func (l *Lambda) Invoke(ctx context.Context, call aslrt.TaskCall) (aslrt.Value, error) {
	switch {
	case isLambdaInvoke(call.Resource):
		return l.invokeIntegration(ctx, call)
	case isFunctionARN(call.Resource):
		return l.invokeDirect(ctx, call)
	default:
		return nil, aslrt.Errorf(aslrt.ErrRuntime, "lambdastub: state %q calls resource %q, which is not a Lambda function", call.State, call.Resource)
	}
}

// isLambdaInvoke reports whether resource is the optimized integration
// arn:<partition>:states:::lambda:invoke (request-response).
func isLambdaInvoke(resource string) bool {
	rest, ok := strings.CutPrefix(resource, "arn:")
	if !ok {
		return false
	}
	_, rest, ok = strings.Cut(rest, ":")
	return ok && rest == "states:::lambda:invoke"
}

// isFunctionARN reports whether resource is
// arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>].
func isFunctionARN(resource string) bool {
	parts := strings.Split(resource, ":")
	return (len(parts) == 7 || len(parts) == 8) && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function" && parts[6] != ""
}

// invokeDirect is a Task whose Resource is the function's ARN.
func (l *Lambda) invokeDirect(ctx context.Context, call aslrt.TaskCall) (aslrt.Value, error) {
	resp, err := l.Call(ctx, call.Resource, aslrt.Encode(call.Input))
	if err != nil {
		return nil, serviceFailure(ctx, err)
	}
	if resp.FunctionError != nil {
		// The legacy integration hands the runtime's error document on as
		// it is: Python's json.dumps, with spaces after ',' and ':'.
		return nil, aslrt.NewError(resp.FunctionError.Type, string(resp.Payload))
	}
	if err := checkPayload(call.Resource, resp.Payload); err != nil {
		return nil, err
	}
	v, err := aslrt.Decode(resp.Payload)
	if err != nil {
		return nil, aslrt.Errorf(aslrt.ErrRuntime, "the Lambda function %s returned a payload that is not JSON: %v", call.Resource, err)
	}
	return v, nil
}

// invokeIntegration is a Task with Resource arn:aws:states:::lambda:invoke.
func (l *Lambda) invokeIntegration(ctx context.Context, call aslrt.TaskCall) (aslrt.Value, error) {
	in, ok := call.Input.(*aslrt.Object)
	if !ok {
		return nil, aslrt.Errorf(aslrt.ErrRuntime, "the input of the lambda:invoke task %q must be an object, not %s", call.State, aslrt.TypeName(call.Input))
	}
	nameValue, _ := in.Get("FunctionName")
	name, ok := nameValue.(string)
	if !ok {
		return nil, aslrt.Errorf(aslrt.ErrRuntime, "the lambda:invoke task %q needs a string FunctionName, got %s", call.State, aslrt.TypeName(nameValue))
	}
	if t, ok := in.Get("InvocationType"); ok && t != "RequestResponse" {
		return nil, aslrt.Errorf(aslrt.ErrRuntime, "lambdastub: state %q asks for InvocationType %s; the stubs support only RequestResponse", call.State, aslrt.EncodeString(t))
	}
	var payload []byte
	switch p, _ := in.Get("Payload"); p := p.(type) {
	case nil:
		// No payload: the function sees the event {}.
	case string:
		// A string Payload is sent as the raw request body.
		payload = []byte(p)
	default:
		payload = aslrt.Encode(p)
	}
	resp, err := l.Call(ctx, name, payload)
	if err != nil {
		return nil, serviceFailure(ctx, err)
	}
	if resp.FunctionError != nil {
		// The optimized integration re-serializes the error document
		// compactly.
		doc := errorDocument(resp.FunctionError, resp.RequestID)
		return nil, aslrt.NewError(resp.FunctionError.Type, aslrt.EncodeString(doc))
	}
	if err := checkPayload("lambda", resp.Payload); err != nil {
		return nil, err
	}
	body, err := aslrt.Decode(resp.Payload)
	if err != nil {
		return nil, aslrt.Errorf(aslrt.ErrRuntime, "the Lambda function %s returned a payload that is not JSON: %v", name, err)
	}
	out := l.envelope(ctx, resp, body)
	if err := aslrt.CheckPayloadSize("lambda", out); err != nil {
		return nil, err
	}
	return out, nil
}

// envelope builds the Invoke response as Step Functions returns it, with
// the members in the order AWS records them.
func (l *Lambda) envelope(ctx context.Context, resp *Response, body aslrt.Value) *aslrt.Object {
	length := strconv.Itoa(len(resp.Payload))
	now := l.clock(ctx).Now().UTC()
	date := now.Format(httpDate)
	trace := fmt.Sprintf("Root=1-%08x-%s;Parent=%s;Sampled=0", now.Unix(), randomHex(24), randomHex(16))
	list := func(s string) aslrt.Value { return []aslrt.Value{s} }
	m := func(k string, v aslrt.Value) aslrt.Member { return aslrt.Member{Key: k, Value: v} }
	all := aslrt.ObjectOf(
		m("X-Amz-Executed-Version", list(resp.ExecutedVersion)),
		m("x-amzn-Remapped-Content-Length", list("0")),
		m("Connection", list("keep-alive")),
		m("x-amzn-RequestId", list(resp.RequestID)),
		m("Content-Length", list(length)),
		m("Date", list(date)),
		m("X-Amzn-Trace-Id", list(trace)),
		m("Content-Type", list("application/json")),
	)
	headers := aslrt.ObjectOf(
		m("Connection", "keep-alive"),
		m("Content-Length", length),
		m("Content-Type", "application/json"),
		m("Date", date),
		m("X-Amz-Executed-Version", resp.ExecutedVersion),
		m("x-amzn-Remapped-Content-Length", "0"),
		m("x-amzn-RequestId", resp.RequestID),
		m("X-Amzn-Trace-Id", trace),
	)
	return aslrt.ObjectOf(
		m("ExecutedVersion", resp.ExecutedVersion),
		m("Payload", body),
		m("SdkHttpMetadata", aslrt.ObjectOf(
			m("AllHttpHeaders", all),
			m("HttpHeaders", headers),
			m("HttpStatusCode", int64(200)),
		)),
		m("SdkResponseMetadata", aslrt.ObjectOf(m("RequestId", resp.RequestID))),
		m("StatusCode", int64(200)),
	)
}

// errorDocument is the Lambda runtime's report of a raised exception.
func errorDocument(ferr *FunctionError, requestID string) *aslrt.Object {
	trace := make([]aslrt.Value, len(ferr.StackTrace))
	for i, f := range ferr.StackTrace {
		trace[i] = f
	}
	return aslrt.ObjectOf(
		aslrt.Member{Key: "errorMessage", Value: ferr.Message},
		aslrt.Member{Key: "errorType", Value: ferr.Type},
		aslrt.Member{Key: "requestId", Value: requestID},
		aslrt.Member{Key: "stackTrace", Value: trace},
	)
}

// serviceFailure turns an error of Call into the task failure Step
// Functions reports: Lambda.<Code> for a service error; the error of a
// call whose context ended (a task timeout, cancellation) stays as it is,
// so the runtime sees it for what it is; anything else (a malformed
// function name, an unknown stub) is States.Runtime, which no catcher
// hides (CHECKLIST A9.3).
func serviceFailure(ctx context.Context, err error) error {
	var se *ServiceError
	switch {
	case errors.As(err, &se):
		return aslrt.NewError("Lambda."+se.Code, se.Error())
	case ctx.Err() != nil:
		return err
	default:
		return aslrt.NewError(aslrt.ErrRuntime, err.Error())
	}
}

// checkPayload fails with States.DataLimitExceeded when a function's
// payload is over aslrt.MaxPayloadSize bytes (A17.6): name is the function
// ARN for a function resource, "lambda" for lambda:invoke.
func checkPayload(name string, payload []byte) error {
	if len(payload) <= aslrt.MaxPayloadSize {
		return nil
	}
	return aslrt.ResultTooLarge(name)
}
