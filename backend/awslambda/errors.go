package awslambda

import (
	"context"
	"errors"
	"fmt"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"

	aslrt "github.com/aslc/aslc/runtime"
)

// Error names of failures the Lambda service reports rather than the
// function (see the Step Functions guide, "Handle Lambda service
// exceptions").
const (
	// ErrUnknown is a function error whose document names no errorType,
	// such as a function that timed out or ran out of memory.
	ErrUnknown = "Lambda.Unknown"
	// ErrAWSLambda is an error of the Lambda service that its API does not
	// model.
	ErrAWSLambda = "Lambda.AWSLambdaException"
	// ErrSdkClient is a call that got no answer from Lambda: connection
	// refused, DNS, TLS, a malformed response.
	ErrSdkClient = "Lambda.SdkClientException"
	// ErrTooManyRequests is Lambda throttling the call (HTTP 429).
	ErrTooManyRequests = "Lambda.TooManyRequestsException"
	// ErrService is an internal error of the Lambda service (HTTP 500).
	ErrService = "Lambda.ServiceException"
	// ErrResourceNotFound is a function that does not exist.
	ErrResourceNotFound = "Lambda.ResourceNotFoundException"
)

// functionFailure is the failure of a function that returned an error
// document: its errorType names the error, cause is the document as Step
// Functions passes it on. A document without an errorType is
// Lambda.Unknown, with the cause text AWS gives for it.
func functionFailure(doc []byte, cause string) error {
	if v, err := aslrt.Decode(doc); err == nil {
		if obj, ok := v.(*aslrt.Object); ok {
			if t, ok := obj.Get("errorType"); ok {
				if name, ok := t.(string); ok && name != "" {
					return aslrt.NewError(name, cause)
				}
			}
		}
	}
	return aslrt.NewError(ErrUnknown, "The cause could not be determined because Lambda did not return an error type. Returned payload: "+string(doc))
}

// serviceFailure is the failure of an Invoke call that did not reach the
// function, named and worded as Step Functions reports it: Lambda.<Code>
// and the AWS SDK for Java's rendering of the service error, or
// Lambda.SdkClientException for a call that got no answer. Context errors
// are returned as they are, so that timeouts and cancellation are seen as
// such.
func serviceFailure(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var api smithy.APIError
	if !errors.As(err, &api) {
		return aslrt.NewError(ErrSdkClient, "Unable to execute HTTP request: "+rootCause(err))
	}
	code := api.ErrorCode()
	name := "Lambda." + code
	var generic *smithy.GenericAPIError
	if errors.As(err, &generic) || code == "" {
		// Not one of the Lambda API's modeled exceptions.
		name = ErrAWSLambda
	}
	status, requestID := 0, ""
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		status, requestID = re.HTTPStatusCode(), re.ServiceRequestID()
	}
	return aslrt.NewError(name, fmt.Sprintf("%s (Service: AWSLambda; Status Code: %d; Error Code: %s; Request ID: %s; Proxy: null)",
		api.ErrorMessage(), status, code, requestID))
}

// rootCause is the innermost error of err's chain, whose text says what
// went wrong without the SDK's layers of context.
func rootCause(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}

// checkPayload fails with States.DataLimitExceeded when a function's
// payload is over MaxPayloadSize bytes (A17.6): name is the function ARN
// for a function resource, "lambda" for lambda:invoke.
func checkPayload(name string, payload []byte) error {
	if len(payload) <= MaxPayloadSize {
		return nil
	}
	return aslrt.ResultTooLarge(name)
}
