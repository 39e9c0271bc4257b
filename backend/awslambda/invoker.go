package awslambda

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	aslrt "github.com/aslc/aslc/runtime"
)

// MaxPayloadSize is the Step Functions limit on a task result: 256 KiB of
// UTF-8 JSON (CHECKLIST A19.1).
const MaxPayloadSize = aslrt.MaxPayloadSize

// Client is the part of the Lambda API the Invoker calls; *lambda.Client
// implements it.
type Client interface {
	Invoke(ctx context.Context, in *lambda.InvokeInput, optFns ...func(*lambda.Options)) (*lambda.InvokeOutput, error)
}

// Invoker calls Lambda functions for a machine's Task states. It is safe
// for concurrent use.
type Invoker struct {
	client Client
}

var _ aslrt.Invoker = (*Invoker)(nil)

// Option configures New and NewFromConfig.
type Option func(*settings)

type settings struct {
	load    []func(*config.LoadOptions) error
	client  []func(*lambda.Options)
	retries bool
}

// WithLoadOptions passes options to config.LoadDefaultConfig (New only):
// a profile, a region, a custom credentials provider, ...
func WithLoadOptions(fns ...func(*config.LoadOptions) error) Option {
	return func(s *settings) { s.load = append(s.load, fns...) }
}

// WithClientOptions changes the Lambda client's options: an endpoint, an
// HTTP client, a retryer, ... They apply after the invoker's own defaults.
func WithClientOptions(fns ...func(*lambda.Options)) Option {
	return func(s *settings) { s.client = append(s.client, fns...) }
}

// WithSDKRetries keeps the AWS SDK's own retry policy (three attempts with
// backoff for throttling and transient errors). By default it is off, so
// that every failed call reaches the state's Retry as it does on AWS.
func WithSDKRetries() Option {
	return func(s *settings) { s.retries = true }
}

// New returns an Invoker whose client uses the default AWS configuration:
// credentials and region from the usual chain, endpoints from
// AWS_ENDPOINT_URL_LAMBDA or AWS_ENDPOINT_URL.
func New(ctx context.Context, opts ...Option) (*Invoker, error) {
	var s settings
	for _, o := range opts {
		o(&s)
	}
	cfg, err := config.LoadDefaultConfig(ctx, s.load...)
	if err != nil {
		return nil, fmt.Errorf("awslambda: loading the AWS configuration: %w", err)
	}
	return newFromConfig(cfg, &s), nil
}

// NewFromConfig returns an Invoker whose client is built from cfg.
func NewFromConfig(cfg aws.Config, opts ...Option) *Invoker {
	var s settings
	for _, o := range opts {
		o(&s)
	}
	return newFromConfig(cfg, &s)
}

func newFromConfig(cfg aws.Config, s *settings) *Invoker {
	fns := make([]func(*lambda.Options), 0, len(s.client)+1)
	if !s.retries {
		fns = append(fns, func(o *lambda.Options) {
			o.Retryer = aws.NopRetryer{}
			o.RetryMaxAttempts = 0
		})
	}
	fns = append(fns, s.client...)
	fns = append(fns, func(o *lambda.Options) {
		if o.HTTPClient != nil {
			o.HTTPClient = bufferedBody{o.HTTPClient}
		}
	})
	return &Invoker{client: lambda.NewFromConfig(cfg, fns...)}
}

// NewWithClient returns an Invoker that calls c.
func NewWithClient(c Client) *Invoker {
	return &Invoker{client: c}
}

// Invoke implements aslrt.Invoker: it calls the Lambda function named by
// the Task's resource (a function ARN) or by its input (lambda:invoke) and
// returns the task result, or the failure Step Functions would report.
func (inv *Invoker) Invoke(ctx context.Context, call aslrt.TaskCall) (aslrt.Value, error) {
	kind, why := Classify(call.Resource)
	if kind == Unsupported {
		return nil, aslrt.NewError(aslrt.ErrRuntime, unsupportedMessage(call.State, call.Resource, why))
	}
	if call.Credentials {
		return nil, aslrt.NewError(aslrt.ErrRuntime, credentialsMessage(call.State))
	}
	callCtx := ctx
	if call.TimeoutSeconds > 0 {
		var cancel context.CancelFunc
		callCtx, cancel = context.WithTimeout(ctx, time.Duration(call.TimeoutSeconds)*time.Second)
		defer cancel()
	}
	var (
		v   aslrt.Value
		err error
	)
	if kind == Function {
		v, err = inv.invokeFunction(callCtx, call)
	} else {
		v, err = inv.invokeIntegration(callCtx, call)
	}
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			// The caller gave up: cancellation or its own deadline.
			return nil, ctxErr
		}
		if callCtx.Err() != nil {
			// The state's TimeoutSeconds ran out (A8.5); AWS gives no cause.
			return nil, aslrt.NewError(aslrt.ErrTimeout, "")
		}
		return nil, err
	}
	return v, nil
}

// invokeFunction is a Task whose Resource is the function's ARN: the
// effective input is the payload, the response payload the result.
func (inv *Invoker) invokeFunction(ctx context.Context, call aslrt.TaskCall) (aslrt.Value, error) {
	in := &lambda.InvokeInput{
		FunctionName:   aws.String(call.Resource),
		InvocationType: types.InvocationTypeRequestResponse,
		Payload:        aslrt.Encode(call.Input),
	}
	out, err := inv.client.Invoke(ctx, in, withRegionOf(call.Resource))
	if err != nil {
		return nil, serviceFailure(err)
	}
	if out.FunctionError != nil {
		// The cause is the error document as the function's runtime
		// sent it (Python's json.dumps, say, with its spaces).
		return nil, functionFailure(out.Payload, string(out.Payload))
	}
	if err := checkPayload(call.Resource, out.Payload); err != nil {
		return nil, err
	}
	return decodePayload(out.Payload, call.Resource)
}

// invokeIntegration is a Task with Resource arn:aws:states:::lambda:invoke:
// the effective input is the Invoke request, the result the response
// envelope.
func (inv *Invoker) invokeIntegration(ctx context.Context, call aslrt.TaskCall) (aslrt.Value, error) {
	in, err := invokeInput(call)
	if err != nil {
		return nil, err
	}
	out, err := inv.client.Invoke(ctx, in, withRegionOf(*in.FunctionName))
	if err != nil {
		return nil, serviceFailure(err)
	}
	if out.FunctionError != nil {
		// The optimized integration re-serializes the error document
		// compactly.
		cause := string(out.Payload)
		if doc, err := aslrt.Decode(out.Payload); err == nil {
			cause = aslrt.EncodeString(doc)
		}
		return nil, functionFailure(out.Payload, cause)
	}
	if err := checkPayload("lambda", out.Payload); err != nil {
		return nil, err
	}
	body, err := decodePayload(out.Payload, *in.FunctionName)
	if err != nil {
		return nil, err
	}
	env := envelope(out, body)
	if err := aslrt.CheckPayloadSize("lambda", env); err != nil {
		return nil, err
	}
	return env, nil
}

// invokeInput builds the Invoke request from a lambda:invoke task's
// effective input.
func invokeInput(call aslrt.TaskCall) (*lambda.InvokeInput, error) {
	obj, ok := call.Input.(*aslrt.Object)
	if !ok {
		return nil, aslrt.Errorf(aslrt.ErrRuntime, "The input of the lambda:invoke state '%s' must be an object with FunctionName and Payload, not %s", call.State, aslrt.TypeName(call.Input))
	}
	in := &lambda.InvokeInput{InvocationType: types.InvocationTypeRequestResponse}
	str := func(key string, v aslrt.Value) (string, error) {
		s, ok := v.(string)
		if !ok {
			return "", aslrt.Errorf(aslrt.ErrRuntime, "The lambda:invoke state '%s' needs a string %s, not %s", call.State, key, aslrt.TypeName(v))
		}
		return s, nil
	}
	for k, v := range obj.All() {
		var err error
		var s string
		switch k {
		case "FunctionName":
			if s, err = str(k, v); err == nil {
				in.FunctionName = aws.String(s)
			}
		case "Payload":
			in.Payload = requestPayload(v)
		case "InvocationType":
			if s, err = str(k, v); err == nil {
				in.InvocationType = types.InvocationType(s)
			}
		case "Qualifier":
			if s, err = str(k, v); err == nil {
				in.Qualifier = aws.String(s)
			}
		case "ClientContext":
			if s, err = str(k, v); err == nil {
				in.ClientContext = aws.String(s)
			}
		case "LogType":
			if s, err = str(k, v); err == nil {
				in.LogType = types.LogType(s)
			}
		default:
			err = aslrt.Errorf(aslrt.ErrRuntime, "The field '%s' of the lambda:invoke state '%s' is not a parameter of Invoke (it takes %s)", k, call.State, strings.Join(invokeParameters, ", "))
		}
		if err != nil {
			return nil, err
		}
	}
	if in.FunctionName == nil {
		return nil, aslrt.Errorf(aslrt.ErrRuntime, "The lambda:invoke state '%s' has no FunctionName in its input", call.State)
	}
	if in.Payload == nil {
		// No payload: the function sees the event {}.
		in.Payload = []byte("{}")
	}
	return in, nil
}

// requestPayload encodes a lambda:invoke Payload: a string holding JSON
// text is sent as that text, any other string as a JSON string, null as
// {} and every other value as its JSON.
func requestPayload(v aslrt.Value) []byte {
	switch v := v.(type) {
	case nil:
		return []byte("{}")
	case string:
		if _, err := aslrt.DecodeString(v); err == nil {
			return []byte(v)
		}
	}
	return aslrt.Encode(v)
}

// decodePayload reads a response payload: JSON as its value; any other
// UTF-8 text as a string, which is what Step Functions makes of a
// function returning raw bytes that are not JSON.
func decodePayload(payload []byte, function string) (aslrt.Value, error) {
	if len(bytes.TrimSpace(payload)) == 0 {
		return "", nil
	}
	v, err := aslrt.Decode(payload)
	if err == nil {
		return v, nil
	}
	if utf8.Valid(payload) {
		return string(payload), nil
	}
	return nil, aslrt.Errorf(aslrt.ErrRuntime, "The Lambda function %s returned a payload that is neither JSON nor UTF-8 text", function)
}

// withRegionOf sends a call for a function named by ARN to the ARN's
// region; other names go to the client's region.
func withRegionOf(function string) func(*lambda.Options) {
	parts := strings.SplitN(function, ":", 5)
	if len(parts) == 5 && parts[0] == "arn" && parts[2] == "lambda" && parts[3] != "" {
		region := parts[3]
		return func(o *lambda.Options) { o.Region = region }
	}
	return func(*lambda.Options) {}
}

// bufferedBody is an HTTP client that sends each request from a copy of
// its body that stays readable after the call returns. The response of a
// Lambda invocation can arrive while the transport's writer is still
// probing the request body for bytes past its length; the SDK then
// closes its body, the probe fails, and the transport tears down the
// connection under the response being read ("use of closed network
// connection"). With a body that cannot fail, that race is gone.
type bufferedBody struct {
	next lambda.HTTPClient
}

func (c bufferedBody) Do(req *http.Request) (*http.Response, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return c.next.Do(req)
	}
	b, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err
	}
	r := req.Clone(req.Context())
	r.Body = io.NopCloser(bytes.NewReader(b))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	r.ContentLength = int64(len(b))
	return c.next.Do(r)
}
