package lambdastub

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	aslrt "github.com/aslc/aslc/runtime"
)

// fakeClock is a virtual clock: Sleep advances it at once.
type fakeClock struct {
	now   time.Time
	slept []time.Duration
}

func (c *fakeClock) Now() time.Time { return c.now }

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.slept = append(c.slept, d)
	c.now = c.now.Add(d)
	return nil
}

func newLambda(funcs map[string]string) (*Lambda, *fakeClock) {
	clock := &fakeClock{now: time.Date(2024, 10, 1, 12, 0, 0, 0, time.UTC)}
	n := 0
	return &Lambda{
		Functions: funcs,
		Clock:     clock,
		NewRequestID: func() string {
			n++
			return "00000000-0000-4000-8000-00000000000" + string(rune('0'+n))
		},
	}, clock
}

const arnPrefix = "arn:aws:lambda:us-east-1:111111111111:function:"

func TestPythonFloat(t *testing.T) {
	// Expected texts are Python 3's repr of the same doubles.
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0.0"}, {1, "1.0"}, {1.5, "1.5"}, {0.1, "0.1"}, {-2.5, "-2.5"},
		{1e16, "1e+16"}, {1e15, "1000000000000000.0"}, {123456789012345678, "1.2345678901234568e+17"},
		{1e-4, "0.0001"}, {1e-5, "1e-05"}, {1.5e-7, "1.5e-07"}, {1e22, "1e+22"},
		{12345.678, "12345.678"}, {0.001234, "0.001234"}, {5e-324, "5e-324"},
		{1.7976931348623157e308, "1.7976931348623157e+308"}, {100, "100.0"},
		{9999999999999998, "9999999999999998.0"},
	}
	for _, tt := range tests {
		if got := string(appendPythonFloat(nil, tt.in)); got != tt.want {
			t.Errorf("appendPythonFloat(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPythonJSON(t *testing.T) {
	tests := []struct{ in, want string }{
		// lambda-invoke cases: Content-Length 60 for this event.
		{`{"input_value":"string literal","input_values":[1,2,3]}`, `{"input_value": "string literal", "input_values": [1, 2, 3]}`},
		{`{"body":"string body"}`, `{"body": "string body"}`},
		{`0.0`, `0.0`},
		{`1E2`, `100.0`},
		{`[]`, `[]`},
		{`{}`, `{}`},
		{`[true,false,null]`, `[true, false, null]`},
		{`"a\"b\\c\n\u0001é\u2028"`, `"a\"b\\c\n\u0001é\u2028"`},
	}
	for _, tt := range tests {
		got := string(appendPython(nil, aslrt.MustDecode(tt.in)))
		if got != tt.want {
			t.Errorf("appendPython(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestHandle(t *testing.T) {
	raise := `{"errorMessage": "Some exception was raised.", "errorType": "Exception", "requestId": "r", "stackTrace": ["  File \"/var/task/handler.py\", line 2, in handler\n    raise Exception(\"Some exception was raised.\")\n"]}`
	tests := []struct {
		stub, payload string
		want          string
		wantErr       string // the error document, requestId "r"
	}{
		{IDFunction, `{"a":1,"b":[1.5]}`, `{"a": 1, "b": [1.5]}`, ""},
		{IDFunction, ``, `{}`, ""},
		{IDFunction, `0`, `0`, ""},
		{IDFunction, `"HelloWorld"`, `"HelloWorld"`, ""},
		{EchoFunction, `{"x":1}`, `{"Return": "HelloWorld"}`, ""},
		{ReturnBytesStr, `"'{'Hello':'World'}'"`, `"HelloWorld!"`, ""},
		{Wait60Seconds, `{"Payload":null}`, `{"Payload": null}`, ""},
		{RaiseException, `{}`, "", raise},
		{RaiseCustomException, `{}`, "", `{"errorMessage": "", "errorType": "CustomException", "requestId": "r", "stackTrace": ["  File \"/var/task/handler.py\", line 9, in handler\n    raise CustomException()\n"]}`},
		{IDFunction, `{not json`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.stub+" "+tt.payload, func(t *testing.T) {
			got, ferr, err := Handle(context.Background(), &fakeClock{}, tt.stub, []byte(tt.payload))
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				if ferr == nil {
					t.Fatalf("no function error; result %s", got)
				}
				if tt.wantErr != "" {
					doc := string(appendPython(nil, errorDocument(ferr, "r")))
					if diff := cmp.Diff(tt.wantErr, doc); diff != "" {
						t.Errorf("error document (-want +got):\n%s", diff)
					}
				} else if ferr.Type != "Runtime.UnmarshalError" {
					t.Errorf("error type %q, want Runtime.UnmarshalError", ferr.Type)
				}
				return
			}
			if ferr != nil {
				t.Fatalf("unexpected function error %v", ferr)
			}
			if string(got) != tt.want {
				t.Errorf("result %s, want %s", got, tt.want)
			}
		})
	}
}

func TestHandleLargeOutput(t *testing.T) {
	got, ferr, err := Handle(context.Background(), nil, LargeOutputString, nil)
	if err != nil || ferr != nil {
		t.Fatal(err, ferr)
	}
	if len(got) != 257*1024 || strings.Trim(string(got), "a") != "" {
		t.Errorf("large output: %d bytes", len(got))
	}
}

func TestHandleUnknownStub(t *testing.T) {
	_, _, err := Handle(context.Background(), nil, "no_such_stub", nil)
	if err == nil || !strings.Contains(err.Error(), "no_such_stub") {
		t.Errorf("error %v, want one naming the stub", err)
	}
}

func TestWaitSleepsOnTheClock(t *testing.T) {
	clock := &fakeClock{}
	if _, _, err := Handle(context.Background(), clock, Wait60Seconds, []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]time.Duration{60 * time.Second}, clock.slept); diff != "" {
		t.Errorf("sleeps (-want +got):\n%s", diff)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Handle(ctx, clock, Wait60Seconds, []byte(`{}`)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled sleep: error %v, want context.Canceled", err)
	}
}

func TestWaitRealClockHonoursContext(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, _, err := Handle(ctx, nil, Wait60Seconds, []byte(`{}`))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v, want context.DeadlineExceeded", err)
	}
}

func taskError(t *testing.T, err error) *aslrt.Error {
	t.Helper()
	var e *aslrt.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *aslrt.Error", err, err)
	}
	return e
}

func TestInvokeDirect(t *testing.T) {
	l, _ := newLambda(map[string]string{
		"id": IDFunction, "echo": EchoFunction, "raise": RaiseException, "large": LargeOutputString,
	})
	ctx := context.Background()

	// lambda-input-parameters-filter: the result is the function's payload.
	in := aslrt.MustDecode(`{"loop":{"count":0}}`)
	got, err := l.Invoke(ctx, aslrt.TaskCall{State: "S", Resource: arnPrefix + "id", Input: in})
	if err != nil {
		t.Fatal(err)
	}
	if !aslrt.Equal(got, in) {
		t.Errorf("id_function: %s", aslrt.Encode(got))
	}
	// lambda-invoke-pipe.
	got, err = l.Invoke(ctx, aslrt.TaskCall{State: "S", Resource: arnPrefix + "echo", Input: aslrt.NewObject(0)})
	if err != nil || aslrt.EncodeString(got) != `{"Return":"HelloWorld"}` {
		t.Errorf("echo_function: %s, %v", aslrt.Encode(got), err)
	}

	// lambda-invoke-with-retry-base: the cause is the runtime's document as
	// Python prints it.
	_, err = l.Invoke(ctx, aslrt.TaskCall{State: "S", Resource: arnPrefix + "raise", Input: aslrt.NewObject(0)})
	e := taskError(t, err)
	want := `{"errorMessage": "Some exception was raised.", "errorType": "Exception", "requestId": "00000000-0000-4000-8000-000000000003", "stackTrace": ["  File \"/var/task/handler.py\", line 2, in handler\n    raise Exception(\"Some exception was raised.\")\n"]}`
	if e.Name != "Exception" || e.Cause != want {
		t.Errorf("raise_exception: %s / %s", e.Name, e.Cause)
	}

	// task-service-lambda-invoke-catch-data-limit-exceeded--task-lambda-data-limit-exce-efaf33.
	_, err = l.Invoke(ctx, aslrt.TaskCall{State: "S", Resource: arnPrefix + "large", Input: aslrt.NewObject(0)})
	e = taskError(t, err)
	if e.Name != aslrt.ErrDataLimitExceeded || e.Cause != "The state/task '"+arnPrefix+"large' returned a result with a size exceeding the maximum number of bytes service limit." {
		t.Errorf("large_output_string: %s / %s", e.Name, e.Cause)
	}

	_, err = l.Invoke(ctx, aslrt.TaskCall{State: "S", Resource: arnPrefix + "nope", Input: nil})
	e = taskError(t, err)
	if e.Name != "Lambda.ResourceNotFoundException" || !strings.HasPrefix(e.Cause, "Function not found: "+arnPrefix+"nope:$LATEST (Service: AWSLambda; Status Code: 404;") {
		t.Errorf("unknown function: %s / %s", e.Name, e.Cause)
	}
}

func TestInvokeIntegration(t *testing.T) {
	l, _ := newLambda(map[string]string{
		"lambda_func": IDFunction, "bytes": ReturnBytesStr, "raise": RaiseException, "large": LargeOutputString,
	})
	ctx := context.Background()
	call := func(input string) (aslrt.Value, error) {
		return l.Invoke(ctx, aslrt.TaskCall{State: "Start", Resource: "arn:aws:states:::lambda:invoke", Input: aslrt.MustDecode(input)})
	}

	// base-task-lambda: the envelope, member order and headers as recorded.
	got, err := call(`{"FunctionName":"lambda_func","Payload":{"input_value":"string literal","input_values":[1,2,3]}}`)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"ExecutedVersion":"$LATEST","Payload":{"input_value":"string literal","input_values":[1,2,3]},` +
		`"SdkHttpMetadata":{"AllHttpHeaders":{"X-Amz-Executed-Version":["$LATEST"],"x-amzn-Remapped-Content-Length":["0"],` +
		`"Connection":["keep-alive"],"x-amzn-RequestId":["00000000-0000-4000-8000-000000000001"],"Content-Length":["60"],` +
		`"Date":["Tue, 01 Oct 2024 12:00:00 GMT"],"X-Amzn-Trace-Id":["TRACE"],"Content-Type":["application/json"]},` +
		`"HttpHeaders":{"Connection":"keep-alive","Content-Length":"60","Content-Type":"application/json",` +
		`"Date":"Tue, 01 Oct 2024 12:00:00 GMT","X-Amz-Executed-Version":"$LATEST","x-amzn-Remapped-Content-Length":"0",` +
		`"x-amzn-RequestId":"00000000-0000-4000-8000-000000000001","X-Amzn-Trace-Id":"TRACE"},"HttpStatusCode":200},` +
		`"SdkResponseMetadata":{"RequestId":"00000000-0000-4000-8000-000000000001"},"StatusCode":200}`
	gotText := aslrt.EncodeString(got)
	// The trace ID is random; check its shape and blank it.
	obj := got.(*aslrt.Object)
	meta, _ := obj.Get("SdkHttpMetadata")
	hdrs, _ := meta.(*aslrt.Object).Get("HttpHeaders")
	trace, _ := hdrs.(*aslrt.Object).Get("X-Amzn-Trace-Id")
	if !strings.HasPrefix(trace.(string), "Root=1-") {
		t.Errorf("trace id %q", trace)
	}
	gotText = strings.ReplaceAll(gotText, trace.(string), "TRACE")
	if diff := cmp.Diff(want, gotText); diff != "" {
		t.Errorf("envelope (-want +got):\n%s", diff)
	}

	// lambda-invoke--invoke-json-values, lambda-invoke--invoke: payload
	// forms and the Content-Length they give.
	payloads := []struct{ input, payload, length string }{
		{`{"FunctionName":"lambda_func","Payload":null}`, `{}`, "2"},
		{`{"FunctionName":"lambda_func"}`, `{}`, "2"},
		{`{"FunctionName":"lambda_func","Payload":"0"}`, `0`, "1"},
		{`{"FunctionName":"lambda_func","Payload":"0.0"}`, `0.0`, "3"},
		{`{"FunctionName":"lambda_func","Payload":"\"HelloWorld\""}`, `"HelloWorld"`, "12"},
		{`{"FunctionName":"lambda_func","Payload":"true"}`, `true`, "4"},
		{`{"FunctionName":"lambda_func","Payload":"[]"}`, `[]`, "2"},
		{`{"FunctionName":"` + arnPrefix + `lambda_func","Payload":{"body":"string body"}}`, `{"body":"string body"}`, "23"},
		{`{"FunctionName":"bytes","Payload":"\"'{'Hello':'World'}'\""}`, `"HelloWorld!"`, "13"},
	}
	for _, p := range payloads {
		got, err := call(p.input)
		if err != nil {
			t.Errorf("%s: %v", p.input, err)
			continue
		}
		obj := got.(*aslrt.Object)
		payload, _ := obj.Get("Payload")
		meta, _ := obj.Get("SdkHttpMetadata")
		hdrs, _ := meta.(*aslrt.Object).Get("HttpHeaders")
		length, _ := hdrs.(*aslrt.Object).Get("Content-Length")
		if !aslrt.Equal(payload, aslrt.MustDecode(p.payload)) || length != p.length {
			t.Errorf("%s: Payload %s, Content-Length %v; want %s, %s", p.input, aslrt.Encode(payload), length, p.payload, p.length)
		}
	}

	// task-service-lambda-invoke-catch-relevant--raise-exception-catch:
	// compact error document.
	_, err = call(`{"FunctionName":"raise","Payload":null}`)
	e := taskError(t, err)
	if e.Name != "Exception" || !strings.HasPrefix(e.Cause, `{"errorMessage":"Some exception was raised.","errorType":"Exception","requestId":"`) ||
		!strings.HasSuffix(e.Cause, `","stackTrace":["  File \"/var/task/handler.py\", line 2, in handler\n    raise Exception(\"Some exception was raised.\")\n"]}`) {
		t.Errorf("raise_exception: %s / %s", e.Name, e.Cause)
	}

	// task-service-lambda-invoke-catch-data-limit-exceeded--service-task-lambada-data-l-87937b.
	_, err = call(`{"FunctionName":"large","Payload":null}`)
	e = taskError(t, err)
	if e.Name != aslrt.ErrDataLimitExceeded || e.Cause != "The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes service limit." {
		t.Errorf("large_output_string: %s / %s", e.Name, e.Cause)
	}

	// task-service-lambda-invoke-catch-unknown--no-such-function.
	_, err = call(`{"FunctionName":"no_such_lambda_func","Payload":null}`)
	e = taskError(t, err)
	wantPrefix := "Function not found: arn:aws:lambda:us-east-1:111111111111:function:no_such_lambda_func:$LATEST (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: "
	if e.Name != "Lambda.ResourceNotFoundException" || !strings.HasPrefix(e.Cause, wantPrefix) || !strings.HasSuffix(e.Cause, "; Proxy: null)") {
		t.Errorf("unknown function: %s / %s", e.Name, e.Cause)
	}
}

func TestInvokeRefusals(t *testing.T) {
	l, _ := newLambda(map[string]string{"f": IDFunction})
	ctx := context.Background()
	tests := []struct {
		name     string
		call     aslrt.TaskCall
		wantName string
		contains string
	}{
		{"other service", aslrt.TaskCall{State: "Q", Resource: "arn:aws:states:::sqs:sendMessage", Input: aslrt.NewObject(0)}, aslrt.ErrRuntime, "sqs:sendMessage"},
		{"input not an object", aslrt.TaskCall{State: "Q", Resource: "arn:aws:states:::lambda:invoke", Input: "x"}, aslrt.ErrRuntime, "must be an object"},
		{"no FunctionName", aslrt.TaskCall{State: "Q", Resource: "arn:aws:states:::lambda:invoke", Input: aslrt.NewObject(0)}, aslrt.ErrRuntime, "FunctionName"},
		{"async", aslrt.TaskCall{State: "Q", Resource: "arn:aws:states:::lambda:invoke", Input: aslrt.MustDecode(`{"FunctionName":"f","InvocationType":"Event"}`)}, aslrt.ErrRuntime, "InvocationType"},
		{"malformed name", aslrt.TaskCall{State: "Q", Resource: "arn:aws:states:::lambda:invoke", Input: aslrt.MustDecode(`{"FunctionName":"a:b:c:d:e"}`)}, aslrt.ErrRuntime, "malformed"},
		{"qualifier", aslrt.TaskCall{State: "Q", Resource: arnPrefix + "f:prod", Input: aslrt.NewObject(0)}, "Lambda.ResourceNotFoundException", "function:f:prod"},
		{"other account", aslrt.TaskCall{State: "Q", Resource: "arn:aws:lambda:us-east-1:222222222222:function:f", Input: aslrt.NewObject(0)}, "Lambda.ResourceNotFoundException", "222222222222:function:f:$LATEST"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := l.Invoke(ctx, tt.call)
			e := taskError(t, err)
			if e.Name != tt.wantName || !strings.Contains(e.Cause, tt.contains) {
				t.Errorf("error %s: %s, want %s containing %q", e.Name, e.Cause, tt.wantName, tt.contains)
			}
		})
	}
}

func TestInvokeTimeoutThroughContext(t *testing.T) {
	l, _ := newLambda(map[string]string{"wait": Wait60Seconds})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := l.Invoke(ctx, aslrt.TaskCall{State: "S", Resource: arnPrefix + "wait", Input: aslrt.NewObject(0)})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

func TestResolve(t *testing.T) {
	l := &Lambda{}
	tests := []struct {
		in   string
		want functionRef
	}{
		{"f", functionRef{"us-east-1", "111111111111", "f", "$LATEST"}},
		{"f:1", functionRef{"us-east-1", "111111111111", "f", "1"}},
		{"222222222222:function:f", functionRef{"us-east-1", "222222222222", "f", "$LATEST"}},
		{"arn:aws:lambda:eu-west-1:111111111111:function:f", functionRef{"eu-west-1", "111111111111", "f", "$LATEST"}},
		{"arn:aws:lambda:eu-west-1:111111111111:function:f:$LATEST", functionRef{"eu-west-1", "111111111111", "f", "$LATEST"}},
	}
	for _, tt := range tests {
		got, err := l.resolve(tt.in)
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestRandomUUID(t *testing.T) {
	u := randomUUID()
	if len(u) != 36 || u[14] != '4' || strings.Count(u, "-") != 4 {
		t.Errorf("uuid %q", u)
	}
}

// TestTaskTimeoutUnderVirtualClock runs a Task state the way generated
// code does: wait_60_seconds behind a 5-second TimeoutSeconds, under a
// virtual clock, times out with States.Timeout at once
// (lambda-wait-with-timeout-seconds--fixed-timeout-lambda), and sleeps the
// full minute when the limit allows it.
func TestTaskTimeoutUnderVirtualClock(t *testing.T) {
	l := &Lambda{Functions: map[string]string{"wait": Wait60Seconds}}
	resource := arnPrefix + "wait"
	run := func(timeoutSeconds int64) (aslrt.Value, time.Duration, error) {
		start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		m := aslrt.NewMachine(aslrt.Definition{Name: "m"}, aslrt.WithVirtualTime(start))
		x, in, err := m.Start(context.Background(), aslrt.MustDecode(`{"Payload":null}`))
		if err != nil {
			t.Fatal(err)
		}
		if err := x.Enter(&aslrt.State{Name: "Start", Type: aslrt.TaskState, Resource: resource}, in); err != nil {
			t.Fatal(err)
		}
		out, err := x.Call(func(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
			return aslrt.Invoke(ctx, l, in)
		}, in, timeoutSeconds, 0)
		elapsed := x.Now().Sub(start)
		if err == nil {
			x.Exit(out)
		}
		out, err = x.Finish(out, err)
		return out, elapsed, err
	}

	began := time.Now()
	_, elapsed, err := run(5)
	if e := taskError(t, err); e.Name != aslrt.ErrTimeout || e.Cause != "" {
		t.Errorf("error %s: %q, want States.Timeout without cause", e.Name, e.Cause)
	}
	if elapsed != 5*time.Second {
		t.Errorf("virtual time at the timeout: %v, want 5s", elapsed)
	}
	out, elapsed, err := run(0)
	if err != nil || aslrt.EncodeString(out) != `{"Payload":null}` {
		t.Errorf("without a timeout: %s, %v", aslrt.Encode(out), err)
	}
	if elapsed != time.Minute {
		t.Errorf("virtual time after the sleep: %v, want 1m", elapsed)
	}
	if real := time.Since(began); real > 5*time.Second {
		t.Errorf("took %v of real time", real)
	}
}

func BenchmarkInvokeDirect(b *testing.B) {
	l := &Lambda{Functions: map[string]string{"id": IDFunction}, NewRequestID: func() string { return "r" }}
	call := aslrt.TaskCall{State: "S", Resource: arnPrefix + "id", Input: aslrt.MustDecode(`{"input_value":"string literal","input_values":[1,2,3]}`)}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Invoke(ctx, call); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInvokeIntegration(b *testing.B) {
	l := &Lambda{Functions: map[string]string{"id": IDFunction}, NewRequestID: func() string { return "r" }}
	call := aslrt.TaskCall{State: "S", Resource: "arn:aws:states:::lambda:invoke",
		Input: aslrt.MustDecode(`{"FunctionName":"id","Payload":{"input_value":"string literal","input_values":[1,2,3]}}`)}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Invoke(ctx, call); err != nil {
			b.Fatal(err)
		}
	}
}
