package mockconfig

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	aslrt "github.com/aslc/aslc/runtime"
)

const sample = `{
  "StateMachines": {
    "Checkout": {
      "TestCases": {
        "Happy": {"Charge": "ChargeOK", "Notify": "NotifyOK"},
        "Flaky": {"Charge": "ChargeFlaky"}
      }
    }
  },
  "MockedResponses": {
    "ChargeOK": {"0": {"Return": {"StatusCode": 200, "Payload": {"id": 7, "amount": 1.50}}}},
    "NotifyOK": {"0-1": {"Return": "sent"}},
    "ChargeFlaky": {
      "0": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "try again"}},
      "1-2": {"Throw": {"Error": "Lambda.TooManyRequestsException"}},
      "3": {"Return": {"ok": true}}
    }
  }
}`

func mustParse(t *testing.T, text string) *Config {
	t.Helper()
	cfg, err := Parse("mock.json", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

type outcome struct {
	Value string // compact JSON of the result, or ""
	Error string // Name: Cause of an *aslrt.Error, or ""
}

func call(t *testing.T, inv aslrt.Invoker, state string) outcome {
	t.Helper()
	v, err := inv.Invoke(context.Background(), aslrt.TaskCall{State: state, Resource: "arn:aws:states:::lambda:invoke"})
	if err != nil {
		var e *aslrt.Error
		if !errors.As(err, &e) {
			t.Fatalf("error %v is not an *aslrt.Error", err)
		}
		return outcome{Error: e.Name + ": " + e.Cause}
	}
	return outcome{Value: aslrt.EncodeString(v)}
}

func TestInvokerConsumesInOrder(t *testing.T) {
	cfg := mustParse(t, sample)
	inv, err := cfg.Invoker("Checkout", "Flaky")
	if err != nil {
		t.Fatal(err)
	}
	var got []outcome
	for range 5 {
		got = append(got, call(t, inv, "Charge"))
	}
	want := []outcome{
		{Error: "Lambda.ServiceException: try again"},
		{Error: "Lambda.TooManyRequestsException: "},
		{Error: "Lambda.TooManyRequestsException: "},
		{Value: `{"ok":true}`},
		{Error: `States.Runtime: mockconfig: state "Charge" was called 5 times, but mocked response "ChargeFlaky" (test case "Flaky" of state machine "Checkout" in mock.json) answers only 4`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

func TestInvokerPerStateAndPerExecution(t *testing.T) {
	cfg := mustParse(t, sample)
	inv, err := cfg.Invoker("Checkout", "Happy")
	if err != nil {
		t.Fatal(err)
	}
	got := []outcome{call(t, inv, "Charge"), call(t, inv, "Notify"), call(t, inv, "Notify"), call(t, inv, "Notify")}
	want := []outcome{
		// Member order and number text are kept.
		{Value: `{"StatusCode":200,"Payload":{"id":7,"amount":1.50}}`},
		{Value: `"sent"`},
		{Value: `"sent"`},
		{Error: `States.Runtime: mockconfig: state "Notify" was called 3 times, but mocked response "NotifyOK" (test case "Happy" of state machine "Checkout" in mock.json) answers only 2`},
	}
	// 1.50 decodes to the float 1.5; compare by JSON value, order kept.
	if got[0].Value != `{"StatusCode":200,"Payload":{"id":7,"amount":1.5}}` {
		t.Errorf("first Charge: %s", got[0].Value)
	}
	got[0].Value = want[0].Value
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	// A new execution starts counting afresh.
	inv2, _ := cfg.Invoker("Checkout", "Happy")
	if o := call(t, inv2, "Notify"); o.Value != `"sent"` {
		t.Errorf("fresh invoker: %+v", o)
	}
	// Missing state: named, with the test case.
	o := call(t, inv, "Ship")
	if o.Error != `States.Runtime: mockconfig: test case "Happy" of state machine "Checkout" in mock.json has no mocked response for state "Ship"` {
		t.Errorf("unmocked state: %+v", o)
	}
}

func TestInvokerResultsAreCopies(t *testing.T) {
	cfg := mustParse(t, sample)
	inv, _ := cfg.Invoker("Checkout", "Happy")
	v, err := inv.Invoke(context.Background(), aslrt.TaskCall{State: "Charge"})
	if err != nil {
		t.Fatal(err)
	}
	v.(*aslrt.Object).Set("StatusCode", "changed")
	inv2, _ := cfg.Invoker("Checkout", "Happy")
	v2, _ := inv2.Invoke(context.Background(), aslrt.TaskCall{State: "Charge"})
	if sc, _ := v2.(*aslrt.Object).Get("StatusCode"); sc != int64(200) {
		t.Errorf("mocked value changed by a caller: %v", sc)
	}
}

func TestInvokerCancelled(t *testing.T) {
	inv, _ := mustParse(t, sample).Invoker("Checkout", "Happy")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := inv.Invoke(ctx, aslrt.TaskCall{State: "Charge"}); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

func TestInvokerConcurrent(t *testing.T) {
	cfg := mustParse(t, `{"StateMachines":{"M":{"TestCases":{"T":{"S":"R"}}}},
		"MockedResponses":{"R":{"0-49":{"Return":1},"50-99":{"Throw":{"Error":"E"}}}}}`)
	inv, _ := cfg.Invoker("M", "T")
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[string]int{}
	for range 101 {
		wg.Go(func() {
			_, err := inv.Invoke(context.Background(), aslrt.TaskCall{State: "S"})
			key := "ok"
			if err != nil {
				key = err.(*aslrt.Error).Name
			}
			mu.Lock()
			counts[key]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if diff := cmp.Diff(map[string]int{"ok": 50, "E": 50, aslrt.ErrRuntime: 1}, counts); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
}

func TestSelectionErrors(t *testing.T) {
	cfg := mustParse(t, sample)
	if _, err := cfg.Invoker("Nope", "Happy"); err == nil || !strings.Contains(err.Error(), `no state machine "Nope" (it configures "Checkout")`) {
		t.Errorf("unknown machine: %v", err)
	}
	if _, err := cfg.Invoker("Checkout", "Sad"); err == nil || !strings.Contains(err.Error(), `no test case "Sad" (it has "Flaky", "Happy")`) {
		t.Errorf("unknown test case: %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	const machines = `"StateMachines":{"M":{"TestCases":{"T":{"S":"R"}}}}`
	tests := []struct {
		name, text, want string
	}{
		{"malformed", "{\n  \"StateMachines\": {,\n}", "mock.json:2:21: malformed JSON"},
		{"trailing", `{"StateMachines":{},"MockedResponses":{}} x`, "mock.json:1:43: malformed JSON"},
		{"not an object", `[]`, "mock.json:1:1: the mock configuration must be an object, not an array"},
		{"unknown top field", `{"StateMachines":{},"MockedResponse":{}}`, `mock.json:1:21: unknown field "MockedResponse" in the mock configuration`},
		{"no machines", `{"MockedResponses":{}}`, "mock.json:1:1: the mock configuration has no StateMachines"},
		{"machines not object", `{"StateMachines":[]}`, "mock.json:1:18: StateMachines must be an object, not an array"},
		{"no test cases", `{"StateMachines":{"M":{}}}`, `mock.json:1:23: state machine "M" has no TestCases`},
		{"unknown machine field", `{"StateMachines":{"M":{"Cases":{}}}}`, `mock.json:1:24: unknown field "Cases" in state machine "M"`},
		{"test case not object", `{"StateMachines":{"M":{"TestCases":{"T":"R"}}}}`, `mock.json:1:41: test case "T" of state machine "M" must be an object, not a string`},
		{"response name not string", `{"StateMachines":{"M":{"TestCases":{"T":{"S":1}}}}}`, `mock.json:1:46: the response of state "S" in test case "T" of state machine "M" must be a string`},
		{"undefined response", `{"StateMachines":{"M":{"TestCases":{"T":{"S":"R"}}}}}`, `mock.json:1:46: state "S" in test case "T" of state machine "M" uses mocked response "R", which MockedResponses does not define`},
		{"duplicate test case", `{"StateMachines":{"M":{"TestCases":{"T":{},"T":{}}}}}`, `mock.json:1:44: state machine "M" TestCases has "T" twice`},
		{"bad key", `{` + machines + `,"MockedResponses":{"R":{"x":{"Return":1}}}}`, `mock.json:1:78: mocked response "R": "x" is not a call number`},
		{"reversed range", `{` + machines + `,"MockedResponses":{"R":{"2-1":{"Return":1}}}}`, `"2-1" is not a call number`},
		{"negative", `{` + machines + `,"MockedResponses":{"R":{"-1":{"Return":1}}}}`, `"-1" is not a call number`},
		{"gap", `{` + machines + `,"MockedResponses":{"R":{"0":{"Return":1},"2":{"Return":2}}}}`, `mock.json:1:95: mocked response "R" has no response for call 1`},
		{"not from zero", `{` + machines + `,"MockedResponses":{"R":{"1":{"Return":1}}}}`, `mocked response "R" has no response for call 0`},
		{"overlap", `{` + machines + `,"MockedResponses":{"R":{"0-2":{"Return":1},"1":{"Return":2}}}}`, `mocked response "R" answers call 1 twice`},
		{"empty response", `{` + machines + `,"MockedResponses":{"R":{}}}`, `mock.json:1:77: mocked response "R" has no responses`},
		{"both", `{` + machines + `,"MockedResponses":{"R":{"0":{"Return":1,"Throw":{"Error":"E"}}}}}`, `must hold exactly one of Return and Throw`},
		{"neither", `{` + machines + `,"MockedResponses":{"R":{"0":{}}}}`, `must hold exactly one of Return and Throw`},
		{"typo", `{` + machines + `,"MockedResponses":{"R":{"0":{"Retrun":1}}}}`, `unknown field "Retrun"`},
		{"throw without error", `{` + machines + `,"MockedResponses":{"R":{"0":{"Throw":{"Cause":"c"}}}}}`, `Throw has no Error`},
		{"throw error not string", `{` + machines + `,"MockedResponses":{"R":{"0":{"Throw":{"Error":1}}}}}`, `Throw Error must be a string, not a number`},
		{"throw not object", `{` + machines + `,"MockedResponses":{"R":{"0":{"Throw":"E"}}}}`, `Throw must be an object, not a string`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("mock.json", []byte(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse: error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "MockConfigFile.json")
	if err := os.WriteFile(path, []byte(sample), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.File != path || len(cfg.MockedResponses) != 3 {
		t.Errorf("loaded %+v", cfg)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("Load of a missing file: no error")
	}
}

func BenchmarkInvoke(b *testing.B) {
	cfg, err := Parse("mock.json", []byte(`{"StateMachines":{"M":{"TestCases":{"T":{"S":"R"}}}},
		"MockedResponses":{"R":{"0-999999999":{"Return":{"StatusCode":200,"Payload":{"ok":true}}}}}}`))
	if err != nil {
		b.Fatal(err)
	}
	inv, _ := cfg.Invoker("M", "T")
	ctx := context.Background()
	call := aslrt.TaskCall{State: "S"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := inv.Invoke(ctx, call); err != nil {
			b.Fatal(err)
		}
	}
}
