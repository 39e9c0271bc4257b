// Package awslambda runs a state machine's Task states on AWS Lambda: an
// aslrt.Invoker built on the AWS SDK for Go v2 that calls the real Lambda
// Invoke API, so a compiled workflow (a test, `aslc build`'s standalone
// binary, a service) reaches the same functions its definition names.
// Generated code that does not use it never imports the AWS SDK.
//
// # Resources
//
// Two resource forms are served, the two that real definitions use for
// Lambda (CHECKLIST A8.9):
//
//   - a function ARN, arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]:
//     the task's effective input is the invocation payload and the
//     function's response payload is the task result;
//   - the optimized integration arn:<partition>:states:::lambda:invoke: the
//     effective input carries the Invoke request (FunctionName, Payload,
//     and optionally InvocationType, Qualifier, ClientContext, LogType)
//     and the task result is Step Functions' response envelope
//     {ExecutedVersion, Payload, SdkHttpMetadata, SdkResponseMetadata,
//     StatusCode}, built from the HTTP response Lambda sent.
//
// Every other resource (.sync and .waitForTaskToken patterns, other
// services, activities) is refused: at check time by CheckResources (the
// `aslc check --backend lambda` rule), at run time with a States.Runtime
// error naming the state and the resource, which no catcher hides.
//
// # Failures
//
// Failures are reported as Step Functions reports them, so a Retry or
// Catch written for AWS behaves the same (CHECKLIST A8.10, A17.6):
//
//   - a function error (X-Amz-Function-Error, Handled or Unhandled) fails
//     the task with the error document's errorType as the error name and
//     the document as the cause: as the function's runtime sent it for a
//     function ARN, re-serialized compactly for lambda:invoke; a document
//     without an errorType (a function timeout, a crash) is
//     Lambda.Unknown;
//   - an error of the Lambda service is Lambda.<Code>
//     (Lambda.ResourceNotFoundException, Lambda.TooManyRequestsException,
//     Lambda.ServiceException, ...; Lambda.AWSLambdaException for an error
//     the Lambda API does not model) with the cause rendered as the AWS SDK
//     for Java renders it: "<message> (Service: AWSLambda; Status Code: <n>;
//     Error Code: <code>; Request ID: <id>; Proxy: null)";
//   - a request that got no answer (connection refused, DNS, TLS) is
//     Lambda.SdkClientException;
//   - a result over 256 KiB is States.DataLimitExceeded;
//   - a call that outlives the state's TimeoutSeconds is States.Timeout;
//     cancellation of the caller's context is returned as the context's
//     error.
//
// The SDK's own retries are off by default: Step Functions reports a
// throttled or failed call to the state machine, whose Retry decides.
//
// # Configuration
//
// New loads the default AWS configuration: the usual credential and
// region chain (environment, shared files, SSO, IMDS, ...) and the
// endpoint overrides AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_LAMBDA, so the
// invoker can point at any Lambda-compatible endpoint.
package awslambda
