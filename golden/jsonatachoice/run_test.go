package jsonatachoice_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aslc/aslc/golden/internal/goldentest"
	"github.com/aslc/aslc/golden/jsonatachoice"
	aslrt "github.com/aslc/aslc/runtime"
)

// TestRun: the first rule whose Condition holds is taken, with its own
// Assign and Output (A6.20, A6.21).
func TestRun(t *testing.T) {
	goldentest.Check(t, jsonatachoice.New(nil).Run)
}

// TestRules: each rule in turn, the Default with the state's Assign and
// Output, and Conditions that fail (A6.20, A16.6, A16.7, A8.7).
func TestRules(t *testing.T) {
	tests := []struct{ name, input, want string }{
		{"second rule, Output an expression", `{"id": "F-9", "kind": "ground", "weight": 150}`,
			`{"status": "SUCCEEDED", "output": {"id": "F-9", "kind": "ground", "weight": 150, "heavy": true}}`},
		{"third rule, Fail with an expression Cause", `{"id": "TEST-3", "kind": "ground", "weight": 7}`,
			`{"status": "FAILED", "error": "Order.Rejected", "cause": "test order TEST-3"}`},
		{"Default, the state's Assign and Output", `{"id": "S-2", "kind": "express", "weight": 9}`,
			`{"status": "SUCCEEDED", "output": {"shipped": "S-2", "lane": "standard"}}`},
		{"Condition throws", `{"id": "X-1", "kind": "ground", "weight": "heavy"}`,
			`{"status": "FAILED", "error": "States.QueryEvaluationError", "cause": "An error occurred while executing the state 'Route' (entered at the event id #2). The JSONata expression '$states.input.weight > 100' specified for the field 'Choices[1]/Condition' threw an error during evaluation. T2009: The values \"heavy\" and 100 either side of operator \">\" must be of the same data type"}`},
		{"Condition yields nothing", `{"kind": "ground", "weight": 1}`,
			`{"status": "FAILED", "error": "States.QueryEvaluationError", "cause": "An error occurred while executing the state 'Route' (entered at the event id #2). The JSONata expression '$contains($states.input.id, /^TEST-/)' specified for the field 'Choices[2]/Condition' returned nothing (undefined)."}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			goldentest.CheckInput(t, jsonatachoice.New(nil).Run, tc.input, tc.want)
		})
	}
}

// TestOutputLimit: a rule's Output of more than 256 KiB fails the state
// with States.DataLimitExceeded naming it (A19.1): the input is at the
// limit and the second rule adds "heavy" to it.
func TestOutputLimit(t *testing.T) {
	const head, tail = `{"id": "F-9", "kind": "ground", "weight": 150, "pad": "`, `"}`
	in := aslrt.MustDecode(head + tail)
	n := aslrt.MaxPayloadSize - len(aslrt.EncodeString(in))
	input := head + strings.Repeat("a", n) + tail
	if got := len(aslrt.EncodeString(aslrt.MustDecode(input))); got != aslrt.MaxPayloadSize {
		t.Fatalf("the input is %d bytes, want %d", got, aslrt.MaxPayloadSize)
	}
	goldentest.CheckInput(t, jsonatachoice.New(nil).Run, input,
		`{"status": "FAILED", "error": "States.DataLimitExceeded", "cause": "The state/task 'Route' returned a result with a size exceeding the maximum number of bytes service limit."}`)
}

// BenchmarkRun is one execution: a Choice whose first rule holds (its
// Condition compiled to Go), then a Pass with an Output of two expressions.
func BenchmarkRun(b *testing.B) {
	m := jsonatachoice.New(nil, aslrt.WithExecutionName("bench"))
	in := aslrt.MustDecode(`{"id": "A-1", "kind": "express", "weight": 2}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Run(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
}
