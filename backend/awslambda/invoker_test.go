package awslambda_test

import (
	"context"
	"errors"
	"net"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/aslc/aslc/backend/awslambda"
	"github.com/aslc/aslc/backend/awslambda/awslambdatest"
	"github.com/aslc/aslc/internal/lambdastub"
	aslrt "github.com/aslc/aslc/runtime"
)

const (
	invokeARN = "arn:aws:states:::lambda:invoke"
	fnPrefix  = "arn:aws:lambda:us-east-1:111111111111:function:"
)

// fixedClock is the stubs' clock: a fixed date, sleeps that end at once.
type fixedClock struct{}

func (fixedClock) Now() time.Time { return time.Date(2024, 10, 1, 12, 0, 0, 0, time.UTC) }
func (fixedClock) Sleep(ctx context.Context, d time.Duration) error {
	return ctx.Err()
}

// sequence returns request IDs 1, 2, 3, ... in UUID form.
func sequence() func() string {
	n := 0
	return func() string {
		n++
		return "00000000-0000-4000-8000-" + strings.Repeat("0", 11) + string(rune('a'+n))
	}
}

// start serves funcs on a fake endpoint and returns an invoker pointed
// at it through the environment, as a user's binary would be.
func start(t testing.TB, funcs map[string]string, opts ...awslambda.Option) (*awslambda.Invoker, *awslambdatest.Server) {
	t.Helper()
	srv := awslambdatest.New(&lambdastub.Lambda{Functions: funcs})
	t.Cleanup(srv.Close)
	srv.Setenv(t)
	inv, err := awslambda.New(context.Background(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return inv, srv
}

func taskErr(t *testing.T, err error) *aslrt.Error {
	t.Helper()
	var e *aslrt.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T), want an *aslrt.Error", err, err)
	}
	return e
}

// TestSameAsStubs: over HTTP, through the SDK, the backend returns
// byte for byte what the in-process stubs (derived from the corpus) return
// for the same calls, apart from the random trace ID (A8.9, A8.10).
func TestSameAsStubs(t *testing.T) {
	funcs := map[string]string{
		"id": lambdastub.IDFunction, "echo": lambdastub.EchoFunction, "raise": lambdastub.RaiseException,
		"custom": lambdastub.RaiseCustomException, "bytes": lambdastub.ReturnBytesStr, "large": lambdastub.LargeOutputString,
	}
	calls := []aslrt.TaskCall{
		{Resource: fnPrefix + "id", Input: aslrt.MustDecode(`{"a":[1,2.5,"x"],"b":{"c":null}}`)},
		{Resource: fnPrefix + "echo", Input: aslrt.NewObject(0)},
		{Resource: fnPrefix + "raise", Input: aslrt.NewObject(0)},
		{Resource: fnPrefix + "custom", Input: aslrt.NewObject(0)},
		{Resource: fnPrefix + "bytes", Input: aslrt.NewObject(0)},
		{Resource: fnPrefix + "large", Input: aslrt.NewObject(0)},
		{Resource: fnPrefix + "missing", Input: aslrt.NewObject(0)},
		{Resource: invokeARN, Input: aslrt.MustDecode(`{"FunctionName":"id","Payload":{"input_value":"string literal","input_values":[1,2,3]}}`)},
		{Resource: invokeARN, Input: aslrt.MustDecode(`{"FunctionName":"` + fnPrefix + `id","Payload":"[]"}`)},
		{Resource: invokeARN, Input: aslrt.MustDecode(`{"FunctionName":"id","Payload":"0.0"}`)},
		{Resource: invokeARN, Input: aslrt.MustDecode(`{"FunctionName":"id","Payload":null}`)},
		{Resource: invokeARN, Input: aslrt.MustDecode(`{"FunctionName":"bytes"}`)},
		{Resource: invokeARN, Input: aslrt.MustDecode(`{"FunctionName":"raise","Payload":{}}`)},
		{Resource: invokeARN, Input: aslrt.MustDecode(`{"FunctionName":"custom"}`)},
		{Resource: invokeARN, Input: aslrt.MustDecode(`{"FunctionName":"large"}`)},
		{Resource: invokeARN, Input: aslrt.MustDecode(`{"FunctionName":"no_such_function"}`)},
	}
	srv := awslambdatest.New(&lambdastub.Lambda{Functions: funcs, Clock: fixedClock{}, NewRequestID: sequence()})
	defer srv.Close()
	srv.Setenv(t)
	inv, err := awslambda.New(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	stubs := &lambdastub.Lambda{Functions: funcs, Clock: fixedClock{}, NewRequestID: sequence()}
	render := func(v aslrt.Value, err error) string {
		if err != nil {
			e := taskErr(t, err)
			return "error " + e.Name + "\ncause " + e.Cause
		}
		s := aslrt.EncodeString(v)
		if i := strings.Index(s, "Root=1-"); i >= 0 {
			// The trace ID is random: blank each occurrence.
			trace := s[i : i+strings.IndexByte(s[i:], '"')]
			s = strings.ReplaceAll(s, trace, "TRACE")
		}
		return s
	}
	for _, call := range calls {
		call.State = "Task"
		name := call.Resource + " " + aslrt.EncodeString(call.Input)
		t.Run(name, func(t *testing.T) {
			want := render(stubs.Invoke(context.Background(), call))
			got := render(inv.Invoke(context.Background(), call))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("over HTTP (-stubs +backend):\n%s", diff)
			}
		})
	}
}

// TestFunctionErrors: a function's error document names the error, for
// handled and unhandled errors alike; one without an errorType is
// Lambda.Unknown (A8.10).
func TestFunctionErrors(t *testing.T) {
	inv, srv := start(t, nil)
	srv.Handle("handled", func(context.Context, []byte) awslambdatest.Reply {
		return awslambdatest.Reply{FunctionError: "Handled", Payload: []byte(`{"errorType":"ValidationError","errorMessage":"bad card","trace":[]}`)}
	})
	srv.Handle("unhandled", func(context.Context, []byte) awslambdatest.Reply {
		return awslambdatest.Reply{FunctionError: "Unhandled", Payload: []byte(`{"errorMessage": "boom", "errorType": "RuntimeError", "stackTrace": []}`)}
	})
	srv.Handle("timedout", func(context.Context, []byte) awslambdatest.Reply {
		return awslambdatest.Reply{FunctionError: "Unhandled", Payload: []byte(`{"errorMessage":"2024-10-01T12:00:03.000Z 4f1c Task timed out after 3.00 seconds"}`)}
	})
	srv.Handle("garbled", func(context.Context, []byte) awslambdatest.Reply {
		return awslambdatest.Reply{FunctionError: "Unhandled", Payload: []byte(`not json`)}
	})
	tests := []struct {
		fn        string
		wantName  string
		direct    string // cause for the function ARN
		integrate string // cause for lambda:invoke
	}{
		{"handled", "ValidationError",
			`{"errorType":"ValidationError","errorMessage":"bad card","trace":[]}`,
			`{"errorType":"ValidationError","errorMessage":"bad card","trace":[]}`},
		{"unhandled", "RuntimeError",
			`{"errorMessage": "boom", "errorType": "RuntimeError", "stackTrace": []}`,
			`{"errorMessage":"boom","errorType":"RuntimeError","stackTrace":[]}`},
		{"timedout", awslambda.ErrUnknown,
			`The cause could not be determined because Lambda did not return an error type. Returned payload: {"errorMessage":"2024-10-01T12:00:03.000Z 4f1c Task timed out after 3.00 seconds"}`,
			`The cause could not be determined because Lambda did not return an error type. Returned payload: {"errorMessage":"2024-10-01T12:00:03.000Z 4f1c Task timed out after 3.00 seconds"}`},
		{"garbled", awslambda.ErrUnknown,
			`The cause could not be determined because Lambda did not return an error type. Returned payload: not json`,
			`The cause could not be determined because Lambda did not return an error type. Returned payload: not json`},
	}
	for _, tt := range tests {
		t.Run(tt.fn, func(t *testing.T) {
			_, err := inv.Invoke(context.Background(), aslrt.TaskCall{State: "T", Resource: fnPrefix + tt.fn, Input: aslrt.NewObject(0)})
			e := taskErr(t, err)
			if diff := cmp.Diff([2]string{tt.wantName, tt.direct}, [2]string{e.Name, e.Cause}); diff != "" {
				t.Errorf("function ARN (-want +got):\n%s", diff)
			}
			_, err = inv.Invoke(context.Background(), aslrt.TaskCall{State: "T", Resource: invokeARN, Input: aslrt.ObjectOf(aslrt.Member{Key: "FunctionName", Value: tt.fn})})
			e = taskErr(t, err)
			if diff := cmp.Diff([2]string{tt.wantName, tt.integrate}, [2]string{e.Name, e.Cause}); diff != "" {
				t.Errorf("lambda:invoke (-want +got):\n%s", diff)
			}
		})
	}
}

// TestServiceErrors: errors of the Lambda service are Lambda.<Code> with
// the AWS SDK for Java's rendering as the cause; a call that got no
// answer is Lambda.SdkClientException.
func TestServiceErrors(t *testing.T) {
	inv, srv := start(t, map[string]string{"id": lambdastub.IDFunction})
	srv.Handle("broken", func(context.Context, []byte) awslambdatest.Reply {
		return awslambdatest.Reply{ErrorType: "ServiceException", StatusCode: 500, Message: "An error occurred while invoking the function."}
	})
	srv.Handle("odd", func(context.Context, []byte) awslambdatest.Reply {
		return awslambdatest.Reply{ErrorType: "SomethingNewException", StatusCode: 502, Message: "Not modelled."}
	})
	call := func(fn string) *aslrt.Error {
		_, err := inv.Invoke(context.Background(), aslrt.TaskCall{State: "T", Resource: fnPrefix + fn, Input: aslrt.NewObject(0)})
		return taskErr(t, err)
	}
	re := func(msg string, status int, code string) string {
		return `^` + regexp.QuoteMeta(msg+" (Service: AWSLambda; Status Code: ") +
			strconv.Itoa(status) + `; Error Code: ` + code + `; Request ID: [0-9a-f-]{36}; Proxy: null\)$`
	}
	srv.Throttle(1)
	tests := []struct {
		name, fn, wantName, wantCause string
	}{
		{"throttled", "id", awslambda.ErrTooManyRequests, re("Rate Exceeded.", 429, "TooManyRequestsException")},
		{"service", "broken", awslambda.ErrService, re("An error occurred while invoking the function.", 500, "ServiceException")},
		{"unmodelled", "odd", awslambda.ErrAWSLambda, re("Not modelled.", 502, "SomethingNewException")},
		{"not found", "nope", awslambda.ErrResourceNotFound, re("Function not found: "+fnPrefix+"nope:$LATEST", 404, "ResourceNotFoundException")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := call(tt.fn)
			if e.Name != tt.wantName || !matches(tt.wantCause, e.Cause) {
				t.Errorf("got %s / %s\nwant %s / %s", e.Name, e.Cause, tt.wantName, tt.wantCause)
			}
		})
	}

	t.Run("no answer", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close() // nothing listens there now
		t.Setenv("AWS_ENDPOINT_URL_LAMBDA", "http://"+addr)
		inv, err := awslambda.New(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		_, err = inv.Invoke(context.Background(), aslrt.TaskCall{State: "T", Resource: fnPrefix + "id", Input: aslrt.NewObject(0)})
		e := taskErr(t, err)
		if e.Name != awslambda.ErrSdkClient || !strings.HasPrefix(e.Cause, "Unable to execute HTTP request: ") || !strings.Contains(e.Cause, "refused") {
			t.Errorf("got %s / %s", e.Name, e.Cause)
		}
	})
}

// TestThrottlingIsTheMachinesToRetry: a throttled call fails at once
// with Lambda.TooManyRequestsException, after one request, so that the
// state's Retry (written for AWS) decides; the SDK's own retries are off
// unless asked for.
func TestThrottlingIsTheMachinesToRetry(t *testing.T) {
	inv, srv := start(t, map[string]string{"id": lambdastub.IDFunction})
	srv.Throttle(2)
	// A Retry on Lambda.TooManyRequestsException with MaxAttempts 3.
	var errs []string
	var got aslrt.Value
	for attempt := 0; attempt <= 3; attempt++ {
		v, err := inv.Invoke(context.Background(), aslrt.TaskCall{State: "T", Resource: fnPrefix + "id", Input: aslrt.MustDecode(`{"n":1}`), RetryCount: attempt})
		if err == nil {
			got = v
			break
		}
		errs = append(errs, taskErr(t, err).Name)
	}
	if diff := cmp.Diff([]string{awslambda.ErrTooManyRequests, awslambda.ErrTooManyRequests}, errs); diff != "" {
		t.Errorf("failed attempts (-want +got):\n%s", diff)
	}
	if aslrt.EncodeString(got) != `{"n":1}` {
		t.Errorf("result %s", aslrt.Encode(got))
	}
	if n := len(srv.Calls()); n != 3 {
		t.Errorf("%d requests, want 3: one per attempt", n)
	}

	t.Run("with SDK retries", func(t *testing.T) {
		inv, srv := start(t, map[string]string{"id": lambdastub.IDFunction}, awslambda.WithSDKRetries())
		srv.Throttle(1)
		if _, err := inv.Invoke(context.Background(), aslrt.TaskCall{State: "T", Resource: fnPrefix + "id", Input: aslrt.NewObject(0)}); err != nil {
			t.Fatalf("the SDK did not retry: %v", err)
		}
		if n := len(srv.Calls()); n != 2 {
			t.Errorf("%d requests, want 2", n)
		}
	})
}

// TestTimeout: a function that outlives the state's TimeoutSeconds fails
// the task with States.Timeout and no cause, as AWS records it (A8.5);
// the caller's own cancellation comes back as the context's error.
func TestTimeout(t *testing.T) {
	inv, _ := start(t, map[string]string{"slow": lambdastub.Wait60Seconds})
	for _, resource := range []string{fnPrefix + "slow", invokeARN} {
		t.Run(resource, func(t *testing.T) {
			in := aslrt.MustDecode(`{"FunctionName":"slow","Payload":null}`)
			start := time.Now()
			_, err := inv.Invoke(context.Background(), aslrt.TaskCall{State: "T", Resource: resource, Input: in, TimeoutSeconds: 1})
			e := taskErr(t, err)
			if e.Name != aslrt.ErrTimeout || e.Cause != "" {
				t.Errorf("got %s / %q, want States.Timeout with no cause", e.Name, e.Cause)
			}
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("the call took %v", d)
			}

			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(50*time.Millisecond, cancel)
			_, err = inv.Invoke(ctx, aslrt.TaskCall{State: "T", Resource: resource, Input: in, TimeoutSeconds: 30})
			if !errors.Is(err, context.Canceled) {
				t.Errorf("cancelled call: %v, want context.Canceled", err)
			}
		})
	}
}

// TestUnsupportedResources: resources the backend does not serve fail at
// run time with States.Runtime naming the state and the resource.
// TestCredentials: a task whose state sets Credentials fails with
// States.Runtime before Lambda is called, since the backend would call it
// with its own credentials rather than the role.
func TestCredentials(t *testing.T) {
	inv := awslambda.NewWithClient(nil) // a call would dereference the nil client
	_, err := inv.Invoke(context.Background(), aslrt.TaskCall{State: "Cross", Resource: "arn:aws:lambda:us-east-1:111111111111:function:f", Input: aslrt.NewObject(0), Credentials: true})
	e := taskErr(t, err)
	if e.Name != aslrt.ErrRuntime || !strings.Contains(e.Cause, "'Cross' sets Credentials") {
		t.Errorf("%s / %s", e.Name, e.Cause)
	}
}

func TestUnsupportedResources(t *testing.T) {
	inv := awslambda.NewWithClient(nil)
	for _, r := range []string{
		"arn:aws:states:::lambda:invoke.waitForTaskToken",
		"arn:aws:states:::sqs:sendMessage",
		"arn:aws:states:::states:startExecution.sync:2",
		"arn:aws:states:us-east-1:111111111111:activity:approve",
		"arn:aws:states:::aws-sdk:s3:getObject",
		"arn:aws:sns:us-east-1:111111111111:topic",
	} {
		_, err := inv.Invoke(context.Background(), aslrt.TaskCall{State: "Notify", Resource: r, Input: aslrt.NewObject(0)})
		e := taskErr(t, err)
		if e.Name != aslrt.ErrRuntime || !strings.Contains(e.Cause, "'Notify'") || !strings.Contains(e.Cause, r) {
			t.Errorf("%s: %s / %s", r, e.Name, e.Cause)
		}
	}
}

// TestInvokeRequest: how a lambda:invoke task's input becomes the Invoke
// request, and the input it refuses.
func TestInvokeRequest(t *testing.T) {
	inv, srv := start(t, map[string]string{"id": lambdastub.IDFunction})
	good := []struct {
		input, payload, qualifier, invocationType string
		wantPayload                               string
		wantStatus                                int64
	}{
		{`{"FunctionName":"id","Payload":{"a":1}}`, `{"a":1}`, "", "RequestResponse", `{"a":1}`, 200},
		{`{"FunctionName":"id","Payload":"{\"a\": 1}"}`, `{"a": 1}`, "", "RequestResponse", `{"a":1}`, 200},
		{`{"FunctionName":"id","Payload":"plain text"}`, `"plain text"`, "", "RequestResponse", `"plain text"`, 200},
		{`{"FunctionName":"id"}`, `{}`, "", "RequestResponse", `{}`, 200},
		{`{"FunctionName":"id","Qualifier":"$LATEST","Payload":[1]}`, `[1]`, "$LATEST", "RequestResponse", `[1]`, 200},
		{`{"FunctionName":"id","InvocationType":"Event","Payload":{}}`, `{}`, "", "Event", `""`, 202},
	}
	for i, tt := range good {
		t.Run(tt.input, func(t *testing.T) {
			v, err := inv.Invoke(context.Background(), aslrt.TaskCall{State: "T", Resource: invokeARN, Input: aslrt.MustDecode(tt.input)})
			if err != nil {
				t.Fatal(err)
			}
			c := srv.Calls()[i]
			if diff := cmp.Diff([3]string{tt.payload, tt.qualifier, tt.invocationType}, [3]string{string(c.Payload), c.Qualifier, c.InvocationType}); diff != "" {
				t.Errorf("request (-want +got):\n%s", diff)
			}
			env := v.(*aslrt.Object)
			p, _ := env.Get("Payload")
			status, _ := env.Get("StatusCode")
			if aslrt.EncodeString(p) != tt.wantPayload || status != tt.wantStatus {
				t.Errorf("Payload %s StatusCode %v, want %s %d", aslrt.Encode(p), status, tt.wantPayload, tt.wantStatus)
			}
		})
	}
	bad := []struct{ input, want string }{
		{`[1]`, "must be an object"},
		{`{"Payload":{}}`, "has no FunctionName"},
		{`{"FunctionName":7}`, "needs a string FunctionName, not number"},
		{`{"FunctionName":"id","Extra":1}`, "The field 'Extra'"},
		{`{"FunctionName":"id","Qualifier":null}`, "needs a string Qualifier"},
	}
	for _, tt := range bad {
		t.Run(tt.input, func(t *testing.T) {
			_, err := inv.Invoke(context.Background(), aslrt.TaskCall{State: "T", Resource: invokeARN, Input: aslrt.MustDecode(tt.input)})
			e := taskErr(t, err)
			if e.Name != aslrt.ErrRuntime || !strings.Contains(e.Cause, tt.want) || !strings.Contains(e.Cause, "'T'") {
				t.Errorf("got %s / %s, want States.Runtime with %q", e.Name, e.Cause, tt.want)
			}
		})
	}
}

// TestLargeResponses: many large responses in a row, each read whole
// (a race between the transport's request writer and the SDK once cut
// such reads short).
func TestLargeResponses(t *testing.T) {
	inv, _ := start(t, map[string]string{"large": lambdastub.LargeOutputString})
	for i := range 150 {
		c := aslrt.TaskCall{State: "T", Resource: invokeARN, Input: aslrt.MustDecode(`{"FunctionName":"large","Payload":null}`)}
		if i%2 == 0 {
			c.Resource = fnPrefix + "large"
		}
		_, err := inv.Invoke(context.Background(), c)
		if e := taskErr(t, err); e.Name != aslrt.ErrDataLimitExceeded {
			t.Fatalf("call %d: %s / %s", i, e.Name, e.Cause)
		}
	}
}

// TestConcurrentUse: one invoker serves many goroutines, as a Map state's
// iterations share it.
func TestConcurrentUse(t *testing.T) {
	inv, _ := start(t, map[string]string{"id": lambdastub.IDFunction})
	errs := make(chan error, 16)
	for i := range 16 {
		go func() {
			in := aslrt.ObjectOf(aslrt.Member{Key: "i", Value: int64(i)})
			v, err := inv.Invoke(context.Background(), aslrt.TaskCall{State: "T", Resource: fnPrefix + "id", Input: in})
			if err == nil && !aslrt.Equal(v, in) {
				err = errors.New("wrong result " + aslrt.EncodeString(v))
			}
			errs <- err
		}()
	}
	for range 16 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func matches(pattern, s string) bool {
	return regexp.MustCompile(pattern).MatchString(s)
}

// TestEndpointOverrides: AWS_ENDPOINT_URL points every service, and so
// the invoker, at an endpoint; AWS_ENDPOINT_URL_LAMBDA, when set, wins
// over it for Lambda.
func TestEndpointOverrides(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + l.Addr().String()
	l.Close() // nothing listens there now
	tests := []struct {
		name, generic, lambda string
	}{
		{"AWS_ENDPOINT_URL", "", ""},
		{"AWS_ENDPOINT_URL_LAMBDA over AWS_ENDPOINT_URL", dead, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := awslambdatest.New(&lambdastub.Lambda{Functions: map[string]string{"id": lambdastub.IDFunction}})
			defer srv.Close()
			srv.Setenv(t)
			if tt.generic == "" {
				t.Setenv("AWS_ENDPOINT_URL", srv.URL)
				t.Setenv("AWS_ENDPOINT_URL_LAMBDA", "")
			} else {
				t.Setenv("AWS_ENDPOINT_URL", tt.generic)
			}
			inv, err := awslambda.New(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			in := aslrt.MustDecode(`{"x":1}`)
			v, err := inv.Invoke(context.Background(), aslrt.TaskCall{State: "T", Resource: fnPrefix + "id", Input: in})
			if err != nil || !aslrt.Equal(v, in) {
				t.Fatalf("Invoke: %v, %v", aslrt.Encode(v), err)
			}
			if n := len(srv.Calls()); n != 1 {
				t.Errorf("%d calls reached the server, want 1", n)
			}
		})
	}
}
