package jsonatart_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	aslrt "github.com/aslc/aslc/runtime"
	"github.com/aslc/aslc/runtime/jsonatart"
)

var start = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// scope returns an execution scope that has entered a Pass state named
// State0, with the variables vars assigned before it.
func scope(t testing.TB, input string, vars string, opts ...aslrt.Option) (*aslrt.Exec, aslrt.Value) {
	t.Helper()
	m := aslrt.NewMachine(aslrt.Definition{Name: "machine"}, append([]aslrt.Option{aslrt.WithVirtualTime(start), aslrt.WithExecutionName("exec-1")}, opts...)...)
	x, in, err := m.Start(context.Background(), aslrt.MustDecode(input))
	if err != nil {
		t.Fatal(err)
	}
	if vars != "" {
		if err := x.Enter(&aslrt.State{Name: "Init", Type: aslrt.PassState}, in); err != nil {
			t.Fatal(err)
		}
		if err := x.Assign(aslrt.MustDecode(vars)); err != nil {
			t.Fatal(err)
		}
		x.Exit(in)
	}
	if err := x.Enter(&aslrt.State{Name: "State0", Type: aslrt.PassState}, in); err != nil {
		t.Fatal(err)
	}
	return x, in
}

func errText(err error) string {
	var e *aslrt.Error
	if errors.As(err, &e) {
		return e.Name + ": " + e.Cause
	}
	return err.Error()
}

// TestEval: values and AWS's causes for the fields of a state (A16.3,
// A16.6, A16.7, A13.9, A15.12).
func TestEval(t *testing.T) {
	input := `{"input_value":"string literal","input_values":[1,2,3],"condition":true,"obj":{"a":{"b":[1,2]}}}`
	vars := `{"var_constant_1":1,"var_input_value":"string literal"}`
	tests := []struct {
		name, field, expr string
		result, errOut    string // JSON; "" for none
		want, wantErr     string
	}{
		{"input", "Output", "$states.input.input_value", "", "", `"string literal"`, ""},
		{"input whole", "Output", " $states.input ", "", "", input, ""},
		{"sum and variable", "Output/ja_expr", "$sum($states.input.input_values) + $var_constant_1", "", "", `7`, ""},
		{"variable", "Output", "$var_input_value", "", "", `"string literal"`, ""},
		{"result", "Output/r", "$states.result.x", `{"x":[1]}`, "", `[1]`, ""},
		{"no result outside Output", "Arguments/r", "$states.result", "", "", "", "States.QueryEvaluationError: The JSONata expression '$states.result' specified for the field 'Arguments/r' returned nothing (undefined)."},
		{"error output", "Catch[0]/Output", "$states.errorOutput.Error", "", `{"Error":"E","Cause":"c"}`, `"E"`, ""},
		{"context", "Output", "$states.context.State.Name", "", "", `"State0"`, ""},
		{"context execution", "Output", "$states.context.Execution.Name", "", "", `"exec-1"`, ""},
		{"states whole", "Output", "$keys($states)", "", "", `["input","context"]`, ""},
		{"undefined variable", "Assign/result", "$doesNotExist", "", "", "", "States.QueryEvaluationError: The JSONata expression '$doesNotExist' specified for the field 'Assign/result' returned nothing (undefined)."},
		{"non-function", "Output", "$states.input.input_value()", "", "", "", "States.QueryEvaluationError: The JSONata expression '$states.input.input_value()' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function"},
		{"no eval", "Output", "$eval('1')", "", "", "", "States.QueryEvaluationError: The JSONata expression '$eval('1')' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function"},
		{"function result", "Items", "$sum", "", "", "", "States.QueryEvaluationError: The JSONata expression '$sum' specified for the field 'Items' returned an unsupported result type."},
		{"partition", "Output", "$partition([1,2,3], 2)", "", "", `[[1,2],[3]]`, ""},
		{"range singleton", "Output", "$range(1, 9, 9)", "", "", `1`, ""},
		{"parse -0", "Output", "$parse('-0')", "", "", `0`, ""},
		{"hash", "Output", "$hash('hello', 'MD5')", "", "", `"5d41402abc4b2a76b9719d911017c592"`, ""},
		{"seeded random", "Output", "$random(42) = $random(42)", "", "", `true`, ""},
		{"virtual now", "Output", "$now()", "", "", `"2024-05-01T12:00:00.000Z"`, ""},
		{"virtual now picture", "Output", "$now('[Y0001]-[M01]-[D01]')", "", "", `"2024-05-01"`, ""},
		{"virtual millis", "Output", "$millis()", "", "", `1714564800000`, ""},
		{"uuid", "Output", "$length($uuid())", "", "", `36`, ""},
		{"regex", "Output", `$contains("hello$world", /^hello\$/)`, "", "", `true`, ""},
		{"map over array", "Output", "$states.input.obj.a.b", "", "", `[1,2]`, ""},
		{"null", "Output", "null", "", "", `null`, ""},
		{"runaway recursion", "Output", "($f := function($n){ 1 + $f($n + 1) }; $f(0))", "", "", "", "States.QueryEvaluationError: The JSONata expression '($f := function($n){ 1 + $f($n + 1) }; $f(0))' specified for the field 'Output' threw an error during evaluation. U1001: Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x, in := scope(t, input, vars)
			st := jsonatart.NewStates(x, in)
			if tc.result != "" {
				st = jsonatart.NewResultStates(x, in, aslrt.MustDecode(tc.result))
			}
			if tc.errOut != "" {
				st = jsonatart.NewErrorStates(x, in, aslrt.MustDecode(tc.errOut))
			}
			e := jsonatart.MustExpr(tc.field, tc.expr, nil)
			v, err := e.Eval(st)
			if tc.wantErr != "" {
				if err == nil {
					t.Fatalf("got %s, want error %s", aslrt.EncodeString(v), tc.wantErr)
				}
				if diff := cmp.Diff(tc.wantErr, errText(err)); diff != "" {
					t.Errorf("error (-want +got):\n%s", diff)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, aslrt.EncodeString(v)); diff != "" {
				t.Errorf("value (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRandomFromExecution: $random() and $uuid() draw from the
// execution's random source, so a seed makes them repeat.
func TestRandomFromExecution(t *testing.T) {
	run := func() string {
		x, in := scope(t, `{}`, "", aslrt.WithRandSeed(7))
		v, err := jsonatart.MustExpr("Output", "[$random(), $uuid()]", nil).Eval(jsonatart.NewStates(x, in))
		if err != nil {
			t.Fatal(err)
		}
		return aslrt.EncodeString(v)
	}
	a, b := run(), run()
	if a != b {
		t.Errorf("same seed, different values: %s and %s", a, b)
	}
	if !strings.Contains(a, "-4") {
		t.Errorf("not a version 4 UUID: %s", a)
	}
}

// TestStoppedEvaluation: an evaluation under a cancelled context returns
// the error that stops the execution, not a QueryEvaluationError.
func TestStoppedEvaluation(t *testing.T) {
	m := aslrt.NewMachine(aslrt.Definition{Name: "machine"})
	ctx, cancel := context.WithCancel(context.Background())
	x, in, err := m.Start(ctx, aslrt.MustDecode(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Enter(&aslrt.State{Name: "S", Type: aslrt.PassState}, in); err != nil {
		t.Fatal(err)
	}
	cancel()
	_, err = jsonatart.MustExpr("Output", "$map([1..1000], function($v) { $v * 2 })", nil).Eval(jsonatart.NewStates(x, in))
	if err == nil {
		t.Fatal("no error")
	}
	if _, err := x.Finish(nil, err); !errors.Is(err, aslrt.ErrAborted) {
		t.Errorf("got %v, want an aborted execution", err)
	}
}

// TestNodes: JSON around expressions keeps its shape and member order; the
// first failing expression, in document order, fails the field.
func TestNodes(t *testing.T) {
	x, in := scope(t, `{"a":1,"b":[2,3]}`, "")
	st := jsonatart.NewStates(x, in)
	n := jsonatart.Object(
		jsonatart.M("z", jsonatart.Literal("lit")),
		jsonatart.M("a", jsonatart.MustExpr("Output/a", "$states.input.a", nil)),
		jsonatart.M("list", jsonatart.Array(jsonatart.Literal(nil), jsonatart.MustExpr("Output/list[1]", "$states.input.b[1]", nil))),
	)
	v, err := n.Eval(st)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`{"z":"lit","a":1,"list":[null,3]}`, aslrt.EncodeString(v)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	bad := jsonatart.Array(
		jsonatart.MustExpr("Output/values[0]", "$nothing", nil),
		jsonatart.MustExpr("Output/values[1]", "$alsoNothing", nil),
	)
	_, err = bad.Eval(st)
	want := "States.QueryEvaluationError: The JSONata expression '$nothing' specified for the field 'Output/values[0]' returned nothing (undefined)."
	if err == nil || errText(err) != want {
		t.Errorf("got %v, want %s", err, want)
	}
}
