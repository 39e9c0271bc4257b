package lambdastub

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
)

// The environment the conformance corpus was recorded in.
const (
	DefaultAccount = "111111111111"
	DefaultRegion  = "us-east-1"
)

// latest is the only version a stub function has.
const latest = "$LATEST"

// Lambda is a fake Lambda service whose functions run stub behaviours. It
// is the transport-free core: Call is the Invoke API, which an HTTP
// endpoint or the Step Functions integrations (Invoke) put on the wire.
// A Lambda is safe for concurrent use once configured.
type Lambda struct {
	// Functions maps each function name to the stub behaviour it runs
	// (a case's meta.json "lambdas"). A name not listed does not exist.
	Functions map[string]string
	// Clock is what sleeping functions sleep on and what response dates
	// come from; nil means the clock of the execution whose task the call
	// serves (aslrt.Sleep, aslrt.Now), which is the wall clock outside one.
	Clock Clock
	// Region and Account locate functions named without an ARN; empty
	// means DefaultRegion and DefaultAccount.
	Region, Account string
	// NewRequestID returns a fresh request ID; nil means a random UUID.
	NewRequestID func() string
}

// Response is the result of one Invoke call that reached a function.
type Response struct {
	RequestID       string
	ExecutedVersion string
	// Payload is the response payload as the function's runtime sent it.
	Payload []byte
	// FunctionError is set when the function raised; Payload is then
	// the error document.
	FunctionError *FunctionError
}

// ServiceError is an error of the Lambda service itself, such as a
// function that does not exist. Error renders it the way the AWS SDK for
// Java does, which is how Step Functions reports it as a cause.
type ServiceError struct {
	Code       string // e.g. ResourceNotFoundException
	StatusCode int    // HTTP status, e.g. 404
	Message    string
	RequestID  string
}

func (e *ServiceError) Error() string {
	return fmt.Sprintf("%s (Service: AWSLambda; Status Code: %d; Error Code: %s; Request ID: %s; Proxy: null)",
		e.Message, e.StatusCode, e.Code, e.RequestID)
}

// functionRef is a resolved function name.
type functionRef struct {
	region, account, name, qualifier string
}

func (r functionRef) arn() string {
	return "arn:aws:lambda:" + r.region + ":" + r.account + ":function:" + r.name
}

// resolve parses the forms the Invoke API accepts for FunctionName: a
// name, name:qualifier, account:function:name[:qualifier] and the full
// ARN arn:partition:lambda:region:account:function:name[:qualifier].
func (l *Lambda) resolve(functionName string) (functionRef, error) {
	ref := functionRef{region: l.Region, account: l.Account, qualifier: latest}
	if ref.region == "" {
		ref.region = DefaultRegion
	}
	if ref.account == "" {
		ref.account = DefaultAccount
	}
	parts := strings.Split(functionName, ":")
	switch {
	case len(parts) >= 7 && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function":
		ref.region, ref.account, ref.name = parts[3], parts[4], parts[6]
		parts = parts[7:]
	case len(parts) >= 3 && parts[1] == "function":
		ref.account, ref.name = parts[0], parts[2]
		parts = parts[3:]
	default:
		ref.name = parts[0]
		parts = parts[1:]
	}
	switch len(parts) {
	case 0:
	case 1:
		ref.qualifier = parts[0]
	default:
		return ref, fmt.Errorf("lambdastub: malformed function name %q", functionName)
	}
	if ref.name == "" || ref.qualifier == "" {
		return ref, fmt.Errorf("lambdastub: malformed function name %q", functionName)
	}
	return ref, nil
}

func (l *Lambda) requestID() string {
	if l.NewRequestID != nil {
		return l.NewRequestID()
	}
	return randomUUID()
}

func (l *Lambda) clock(ctx context.Context) Clock {
	if l.Clock == nil {
		return executionClock{ctx}
	}
	return l.Clock
}

// Call is the Lambda Invoke API (RequestResponse): it runs the function
// named functionName on payload. A function that does not exist, or a
// qualifier other than $LATEST, gives a *ServiceError with code
// ResourceNotFoundException; a function that raises gives a Response
// with FunctionError set. Any other error means the call did not complete
// (a malformed name, ctx ending).
func (l *Lambda) Call(ctx context.Context, functionName string, payload []byte) (*Response, error) {
	ref, err := l.resolve(functionName)
	if err != nil {
		return nil, err
	}
	reqID := l.requestID()
	stub, ok := l.Functions[ref.name]
	if !ok || ref.qualifier != latest || ref.account != l.account() {
		return nil, &ServiceError{
			Code:       "ResourceNotFoundException",
			StatusCode: 404,
			Message:    "Function not found: " + ref.arn() + ":" + ref.qualifier,
			RequestID:  reqID,
		}
	}
	result, ferr, err := Handle(ctx, l.clock(ctx), stub, payload)
	if err != nil {
		return nil, err
	}
	resp := &Response{RequestID: reqID, ExecutedVersion: latest, Payload: result}
	if ferr != nil {
		resp.FunctionError = ferr
		resp.Payload = appendPython(nil, errorDocument(ferr, reqID))
	}
	return resp, nil
}

func (l *Lambda) account() string {
	if l.Account == "" {
		return DefaultAccount
	}
	return l.Account
}

// randomUUID returns a random (version 4) UUID.
func randomUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// randomHex returns n random hexadecimal digits.
func randomHex(n int) string {
	b := make([]byte, (n+1)/2)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%x", b)[:n]
}
