package jsonatart_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aslc/aslc/jsonata"
	aslrt "github.com/aslc/aslc/runtime"
	"github.com/aslc/aslc/runtime/jsonatart"
)

// TestTypedFields: the fields that need a value of one kind accept it and
// fail with States.QueryEvaluationError otherwise (A16.2, A6.20, A8.7,
// A8.14, A13.7, A13.15).
func TestTypedFields(t *testing.T) {
	x, in := scope(t, `{"n": 3, "neg": -1, "f": 1.5, "s": "str", "b": true, "list": [1, 2], "pct": 120}`, "")
	st := jsonatart.NewStates(x, in)
	eval := func(kind, field, expr string) string {
		e := jsonatart.MustExpr(field, expr, nil)
		var v any
		var err error
		switch kind {
		case "count":
			v, err = e.Count(st)
		case "seconds":
			v, err = e.Seconds(st)
		case "percentage":
			v, err = e.Percentage(st)
		case "text":
			v, err = e.Text(st)
		case "condition":
			v, err = e.Condition(st)
		case "items":
			v, err = jsonatart.Items(e, st)
		}
		if err != nil {
			return errText(err)
		}
		return fmt.Sprint(v)
	}
	tests := []struct{ kind, field, expr, want string }{
		{"count", "MaxConcurrency", "$states.input.n", "3"},
		{"count", "MaxConcurrency", "0", "0"},
		{"count", "ToleratedFailureCount", "$states.input.neg", "States.QueryEvaluationError: The JSONata expression '$states.input.neg' specified for the field 'ToleratedFailureCount' returned an unexpected result type. Expected 'integer', but was 'number' for value: -1"},
		{"count", "MaxConcurrency", "$states.input.f", "States.QueryEvaluationError: The JSONata expression '$states.input.f' specified for the field 'MaxConcurrency' returned an unexpected result type. Expected 'integer', but was 'number' for value: 1.5"},
		{"seconds", "TimeoutSeconds", "$states.input.n * 10", "30"},
		{"seconds", "HeartbeatSeconds", "0", "States.QueryEvaluationError: The JSONata expression '0' specified for the field 'HeartbeatSeconds' returned an unexpected result type. Expected 'integer', but was 'number' for value: 0"},
		{"percentage", "ToleratedFailurePercentage", "$states.input.f", "1.5"},
		{"percentage", "ToleratedFailurePercentage", "$states.input.pct", "States.QueryEvaluationError: ToleratedFailurePercentage must be between 0 and 100."},
		{"percentage", "ToleratedFailurePercentage", "$states.input.s", "States.QueryEvaluationError: The JSONata expression '$states.input.s' specified for the field 'ToleratedFailurePercentage' returned an unexpected result type. Expected 'number', but was 'string' for value: \"str\""},
		{"text", "Error", "$states.input.s & '!'", "str!"},
		{"text", "Cause", "$states.input.n", "States.QueryEvaluationError: The JSONata expression '$states.input.n' specified for the field 'Cause' returned an unexpected result type. Expected 'string', but was 'number' for value: 3"},
		{"condition", "Choices[0]/Condition", "$states.input.b", "true"},
		{"condition", "Choices[0]/Condition", "$states.input.n", "States.QueryEvaluationError: The JSONata expression '$states.input.n' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was 'number' for value: 3"},
		{"items", "Items", "$states.input.list", "[1 2]"},
		{"items", "Items", "$states.input.s", "States.QueryEvaluationError: The JSONata expression '$states.input.s' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'string' for value: \"str\""},
	}
	for _, tc := range tests {
		t.Run(tc.field+" "+tc.expr, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, eval(tc.kind, tc.field, tc.expr)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestChoose: the first rule that holds, in order; literal Conditions; a
// failing Condition stops the scan (A6.1, A6.20).
func TestChoose(t *testing.T) {
	x, in := scope(t, `{"kind": "b"}`, "")
	st := jsonatart.NewStates(x, in)
	rule := func(expr string) jsonatart.Rule {
		return jsonatart.When(jsonatart.MustExpr("Choices[0]/Condition", expr, nil))
	}
	tests := []struct {
		name  string
		rules []jsonatart.Rule
		want  string
	}{
		{"second", []jsonatart.Rule{rule("$states.input.kind = 'a'"), rule("$states.input.kind = 'b'")}, "1"},
		{"none", []jsonatart.Rule{rule("false"), jsonatart.Always(false)}, "-1"},
		{"literal true", []jsonatart.Rule{jsonatart.Always(true), rule("$nothing")}, "0"},
		{"failure stops", []jsonatart.Rule{rule("$nothing"), jsonatart.Always(true)}, "States.QueryEvaluationError: The JSONata expression '$nothing' specified for the field 'Choices[0]/Condition' returned nothing (undefined)."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			i, err := jsonatart.Choose(st, tc.rules)
			got := fmt.Sprint(i)
			if err != nil {
				got = errText(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestDirectHelpers: the helpers of direct functions decide what JSONata
// decides and leave arrays, objects and mixed types to the evaluator.
func TestDirectHelpers(t *testing.T) {
	v := aslrt.MustDecode(`{"a": {"b": [1]}, "s": "x", "n": null}`)
	show := func(v aslrt.Value, ok bool) string {
		if !ok {
			return "undecided"
		}
		if jsonata.IsUndefined(v) {
			return "undefined"
		}
		return aslrt.EncodeString(v)
	}
	tests := []struct{ name, got, want string }{
		{"path", show(jsonatart.Path(v, "a", "b")), "[1]"},
		{"missing", show(jsonatart.Path(v, "a", "c")), "undefined"},
		{"into a string", show(jsonatart.Path(v, "s", "x")), "undefined"},
		{"into null", show(jsonatart.Path(v, "n", "x")), "undefined"},
		{"into an array", show(jsonatart.Path(v, "a", "b", "c")), "undecided"},
		{"no steps", show(jsonatart.Path(v)), aslrt.EncodeString(v)},
		{"equal numbers", show(jsonatart.Compare(jsonatart.Eq, int64(1), 1.0)), "true"},
		{"different types", show(jsonatart.Compare(jsonatart.Eq, "1", int64(1))), "false"},
		{"undefined equal", show(jsonatart.Compare(jsonatart.Ne, jsonata.Undefined, int64(1))), "false"},
		{"undefined ordered", show(jsonatart.Compare(jsonatart.Lt, jsonata.Undefined, int64(1))), "undefined"},
		{"strings ordered", show(jsonatart.Compare(jsonatart.Lt, "a", "b")), "true"},
		{"private use area", show(jsonatart.Compare(jsonatart.Lt, "\uE000", "😀")), "undecided"},
		{"mixed ordered", show(jsonatart.Compare(jsonatart.Lt, "a", int64(1))), "undecided"},
		{"arrays", show(jsonatart.Compare(jsonatart.Eq, []aslrt.Value{}, int64(1))), "undecided"},
		{"bool of empty string", show(jsonatart.Bool("")), "false"},
		{"bool of undefined", show(jsonatart.Bool(jsonata.Undefined)), "false"},
		{"bool of array", show(jsonatart.Bool([]aslrt.Value{})), "undecided"},
		{"object without undefined", aslrt.EncodeString(jsonatart.ObjectOf(aslrt.Member{Key: "a", Value: jsonata.Undefined}, aslrt.Member{Key: "b", Value: int64(2)})), `{"b":2}`},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, tc.got, tc.want)
		}
	}
}
