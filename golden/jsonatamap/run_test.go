package jsonatamap_test

import (
	"context"
	"os"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/aslc/aslc/golden/internal/goldentest"
	"github.com/aslc/aslc/golden/jsonatamap"
	aslrt "github.com/aslc/aslc/runtime"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestRun: Items is an expression over $states.input (A13.1); the
// ItemSelector reads the item and its index from $states.context.Map.Item,
// the Map's input as $states.input and an outer variable (A13.3, A15.8);
// MaxConcurrency is an expression (A16.2); the Map's Output sees the
// iterations' outputs as $states.result (A16.3); a literal Items array may
// hold expressions (A13.10).
func TestRun(t *testing.T) {
	goldentest.Check(t, jsonatamap.New(nil).Run)
}

// TestConcurrency: MaxConcurrency evaluated to 2 bounds the iterations
// running at once, as the virtual clock schedules them: iteration i starts
// after iteration i-2 (A13.11).
func TestConcurrency(t *testing.T) {
	var mu sync.Mutex
	var started []int
	history := aslrt.WithHistory(func(ev aslrt.Event) {
		if ev.Type == aslrt.MapIterationStarted && ev.State == "PriceEach" {
			mu.Lock()
			started = append(started, ev.Index)
			mu.Unlock()
		}
	})
	m := jsonatamap.New(nil, history, aslrt.WithVirtualTime(goldentest.Start))
	if _, err := m.Run(context.Background(), aslrt.MustDecode(goldentest.ReadFile(t, "input.json"))); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{0, 1, 2}, started); diff != "" {
		t.Errorf("iterations started (-want +got):\n%s", diff)
	}
}

// TestItemsNotAnArray: Items that evaluates to an object fails the Map
// with States.QueryEvaluationError and AWS's cause (A13.7), after an
// EvaluationFailed event (A16.8).
func TestItemsNotAnArray(t *testing.T) {
	var events []aslrt.EventType
	history := aslrt.WithHistory(func(ev aslrt.Event) { events = append(events, ev.Type) })
	goldentest.CheckInput(t, jsonatamap.New(nil, history).Run,
		`{"discount": 0, "parallel": 1, "order": {"currency": "EUR", "lines": {"sku": "A1"}}}`,
		`{"status": "FAILED", "error": "States.QueryEvaluationError", "cause": "An error occurred while executing the state 'PriceEach' (entered at the event id #4). The JSONata expression '$states.input.order.lines' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'object' for value: {\"sku\":\"A1\"}"}`)
	if !slices.Contains(events, aslrt.EvaluationFailed) {
		t.Errorf("no EvaluationFailed event in %v", events)
	}
}

// TestMissingField: an ItemSelector expression that yields nothing fails
// the Map; the cause names the field inside the ItemSelector (A16.6).
func TestMissingField(t *testing.T) {
	goldentest.CheckInput(t, jsonatamap.New(nil).Run,
		`{"discount": 0, "parallel": 0, "order": {"lines": [{"sku": "A1", "qty": 1, "price": 1}]}}`,
		`{"status": "FAILED", "error": "States.QueryEvaluationError", "cause": "An error occurred while executing the state 'PriceEach' (entered at the event id #4). The JSONata expression '$states.input.order.currency' specified for the field 'ItemSelector/currency' returned nothing (undefined)."}`)
}

// BenchmarkRun is one execution of the case: a Pass with Assign, a Map of
// three iterations with an ItemSelector, a Map over a literal Items array.
func BenchmarkRun(b *testing.B) {
	m := jsonatamap.New(nil, aslrt.WithExecutionName("bench"))
	input, err := os.ReadFile("input.json")
	if err != nil {
		b.Fatal(err)
	}
	in := aslrt.MustDecode(string(input))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Run(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
}
