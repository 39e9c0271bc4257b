package parse

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aslc/aslc/compiler/ast"
)

// everyField is a definition in which every state sets every field its
// type supports (in either query language), so that the AST can be seen
// to carry them all.
const everyField = `{
  "Comment": "c", "StartAt": "Pass", "Version": "1.0", "TimeoutSeconds": 60, "QueryLanguage": "JSONPath",
  "States": {
    "Pass": {"Type": "Pass", "Comment": "c", "QueryLanguage": "JSONPath", "InputPath": "$", "OutputPath": "$",
      "Parameters": {}, "Result": 1, "ResultPath": "$.r", "Assign": {}, "Output": 1, "Next": "Task", "End": false},
    "Task": {"Type": "Task", "Comment": "c", "QueryLanguage": "JSONPath", "InputPath": "$", "OutputPath": "$",
      "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {}, "Arguments": {}, "ResultSelector": {},
      "ResultPath": "$", "TimeoutSeconds": 2, "TimeoutSecondsPath": "$.t", "HeartbeatSeconds": 1,
      "HeartbeatSecondsPath": "$.h", "Credentials": {"RoleArn": "r"}, "Assign": {}, "Output": 1,
      "Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 1, "MaxAttempts": 2, "BackoffRate": 1.5,
                 "MaxDelaySeconds": 9, "JitterStrategy": "FULL", "Comment": "c"}],
      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Choice", "ResultPath": "$.e", "Assign": {}, "Output": 1, "Comment": "c"}],
      "Next": "Choice", "End": false},
    "Choice": {"Type": "Choice", "Comment": "c", "QueryLanguage": "JSONPath", "InputPath": "$", "OutputPath": "$",
      "Choices": [{"Variable": "$.v", "NumericEquals": 1, "And": [{"Variable": "$.v", "IsPresent": true}],
                   "Or": [{"Condition": true}], "Not": {"Variable": "$.w", "IsNull": true},
                   "Condition": true, "Next": "Wait", "Comment": "c", "Assign": {}, "Output": 1}],
      "Default": "Wait", "Assign": {}, "Output": 1},
    "Wait": {"Type": "Wait", "Comment": "c", "QueryLanguage": "JSONPath", "InputPath": "$", "OutputPath": "$",
      "Seconds": 1, "SecondsPath": "$.s", "Timestamp": "2016-03-14T01:59:00Z", "TimestampPath": "$.t",
      "Assign": {}, "Output": 1, "Next": "Parallel", "End": false},
    "Parallel": {"Type": "Parallel", "Comment": "c", "QueryLanguage": "JSONPath", "InputPath": "$", "OutputPath": "$",
      "Branches": [{"Comment": "b", "StartAt": "B", "States": {"B": {"Type": "Succeed"}}}],
      "Parameters": {}, "Arguments": {}, "ResultSelector": {}, "ResultPath": "$", "Assign": {}, "Output": 1,
      "Retry": [], "Catch": [], "Next": "Map", "End": false},
    "Map": {"Type": "Map", "Comment": "c", "QueryLanguage": "JSONPath", "InputPath": "$", "OutputPath": "$",
      "ItemProcessor": {"Comment": "p", "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                        "StartAt": "M", "States": {"M": {"Type": "Pass", "End": true}}},
      "ItemsPath": "$.items", "Items": [], "ItemSelector": {}, "Parameters": {}, "MaxConcurrency": 1,
      "MaxConcurrencyPath": "$.m", "ToleratedFailurePercentage": 1.5, "ToleratedFailurePercentagePath": "$.p",
      "ToleratedFailureCount": 1, "ToleratedFailureCountPath": "$.c", "ItemReader": {}, "ItemBatcher": {},
      "ResultWriter": {}, "Label": "l", "ResultSelector": {}, "ResultPath": "$", "Assign": {}, "Output": 1,
      "Retry": [], "Catch": [], "Next": "Succeed", "End": false},
    "Succeed": {"Type": "Succeed", "Comment": "c", "QueryLanguage": "JSONPath", "InputPath": "$", "OutputPath": "$", "Output": 1},
    "Fail": {"Type": "Fail", "Comment": "c", "QueryLanguage": "JSONPath", "Error": "E", "ErrorPath": "$.e", "Cause": "C", "CausePath": "$.c"}
  }
}`

// TestEveryFieldInAST: the parser accepts every field of every state type
// without a diagnostic and stores each one in the typed AST.
func TestEveryFieldInAST(t *testing.T) {
	m, diags := Source("every.json", []byte(everyField), JSON)
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%v", diags)
	}
	if m.Comment == nil || m.StartAt == nil || m.Version == nil || m.TimeoutSeconds == nil || m.QueryLanguage == nil {
		t.Errorf("top-level fields missing: %+v", m)
	}
	if len(m.States) != 8 {
		t.Fatalf("got %d states, want 8", len(m.States))
	}
	for _, s := range m.States {
		t.Run(s.Base().Name, func(t *testing.T) {
			assertAllSet(t, reflect.ValueOf(s).Elem(), s.Base().Name)
		})
	}
	mp := m.State("Map").(*ast.Map)
	if !mp.ItemProcessor.ProcessorConfig.Distributed() {
		t.Errorf("ProcessorConfig not read")
	}
	r := m.State("Choice").(*ast.Choice).Choices[0]
	if r.Variable == nil || r.Comparison == nil || len(r.And) != 1 || len(r.Or) != 1 || r.Not == nil || r.Condition == nil || r.Next == nil || r.Comment == nil || r.Assign == nil || r.Output == nil {
		t.Errorf("rule fields missing: %+v", r)
	}
	if r.Comparison.Operator != "NumericEquals" || r.Comparison.Value.Text != "1" || r.Comparison.IsPath() {
		t.Errorf("comparison = %+v", r.Comparison)
	}
	task := m.State("Task").(*ast.Task)
	assertAllSet(t, reflect.ValueOf(task.Retry[0]).Elem(), "Retry[0]")
	assertAllSet(t, reflect.ValueOf(task.Catch[0]).Elem(), "Catch[0]")
}

// assertAllSet fails for every nil pointer, nil slice or empty string
// field of the struct v (embedded structs included).
func assertAllSet(t *testing.T, v reflect.Value, where string) {
	t.Helper()
	for i := 0; i < v.NumField(); i++ {
		f, sf := v.Field(i), v.Type().Field(i)
		if !sf.IsExported() {
			continue
		}
		switch f.Kind() {
		case reflect.Struct:
			if sf.Anonymous {
				assertAllSet(t, f, where)
			}
		case reflect.Pointer, reflect.Slice, reflect.Interface:
			if f.IsNil() && sf.Name != "Retry" && sf.Name != "Catch" {
				t.Errorf("%s: field %s not set", where, sf.Name)
			}
		case reflect.String:
			if f.String() == "" {
				t.Errorf("%s: field %s empty", where, sf.Name)
			}
		}
	}
}

// TestAbsentVersusNull: null InputPath, OutputPath and ResultPath are kept
// apart from absent ones (A3.2, A3.12, A3.16).
func TestAbsentVersusNull(t *testing.T) {
	m, diags := Source("n.json", []byte(`{"StartAt": "A", "States": {
  "A": {"Type": "Pass", "InputPath": null, "ResultPath": null, "Next": "B"},
  "B": {"Type": "Pass", "OutputPath": "$.x", "End": true}}}`), JSON)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	a, b := m.State("A").(*ast.Pass), m.State("B").(*ast.Pass)
	if a.InputPath == nil || !a.InputPath.Null || a.ResultPath == nil || !a.ResultPath.Null || a.OutputPath != nil {
		t.Errorf("A: InputPath %+v ResultPath %+v OutputPath %+v", a.InputPath, a.ResultPath, a.OutputPath)
	}
	if b.InputPath != nil || b.OutputPath == nil || b.OutputPath.Null || b.OutputPath.Value != "$.x" {
		t.Errorf("B: InputPath %+v OutputPath %+v", b.InputPath, b.OutputPath)
	}
}

// TestLanguageInheritance: states inherit the top-level language, inner
// states too, not the enclosing state's (A1.8 - A1.10).
func TestLanguageInheritance(t *testing.T) {
	m, diags := Source("l.json", []byte(`{"StartAt": "M", "QueryLanguage": "JSONata", "States": {
  "M": {"Type": "Map", "QueryLanguage": "JSONPath", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}}}`), JSON)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	mp := m.State("M").(*ast.Map)
	if mp.Language != ast.JSONPath || mp.ItemProcessor.States[0].Base().Language != ast.JSONata {
		t.Errorf("languages: map %s, inner %s", mp.Language, mp.ItemProcessor.States[0].Base().Language)
	}
	if got, want := mp.ItemProcessor.States[0].Base().Pointer, "/States/M/ItemProcessor/States/I"; got != want {
		t.Errorf("inner pointer %q, want %q", got, want)
	}
}

// TestShapeErrors: what the parser itself reports, all at once.
func TestShapeErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty object", `{}`, "d.json:1:1: SCHEMA_VALIDATION_FAILED: These fields are required: [States, StartAt] at /"},
		{"unknown top-level field", `{"StartAt": "A", "Foo": 1, "States": {"A": {"Type": "Succeed"}}}`,
			"d.json:1:18: SCHEMA_VALIDATION_FAILED: Field 'Foo' is not supported at /"},
		{"unsupported field", `{"StartAt": "A", "States": {"A": {"Type": "Pass", "TimeoutSeconds": 1, "Retry": [], "End": true}}}`,
			"d.json:1:51: SCHEMA_VALIDATION_FAILED: Field 'TimeoutSeconds' is not supported at /States/A\n" +
				"d.json:1:72: SCHEMA_VALIDATION_FAILED: Field 'Retry' is not supported at /States/A"},
		{"unknown type", `{"StartAt": "A", "States": {"A": {"Type": "Wiat", "End": true}}}`,
			"d.json:1:43: SCHEMA_VALIDATION_FAILED: The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map] at /States/A/Type"},
		{"missing type", `{"StartAt": "A", "States": {"A": {"End": true}}}`,
			"d.json:1:34: SCHEMA_VALIDATION_FAILED: The field 'Type' is required but was missing at /States/A"},
		{"wrong types", `{"StartAt": 1, "States": {"A": {"Type": "Pass", "Next": 2, "End": "yes", "InputPath": 3}}}`,
			"d.json:1:13: SCHEMA_VALIDATION_FAILED: The value for the field 'StartAt' must be a string at /StartAt\n" +
				"d.json:1:57: SCHEMA_VALIDATION_FAILED: The value for the field 'Next' must be a string at /States/A/Next\n" +
				"d.json:1:67: SCHEMA_VALIDATION_FAILED: The value for the field 'End' must be a boolean at /States/A/End\n" +
				"d.json:1:87: SCHEMA_VALIDATION_FAILED: The value for the field 'InputPath' must be a string or null at /States/A/InputPath"},
		{"required fields", `{"StartAt": "T", "States": {"T": {"Type": "Task", "End": true}, "C": {"Type": "Choice"}, "P": {"Type": "Parallel", "End": true}, "M": {"Type": "Map", "End": true}}}`,
			"d.json:1:34: SCHEMA_VALIDATION_FAILED: The field 'Resource' is required but was missing at /States/T\n" +
				"d.json:1:70: SCHEMA_VALIDATION_FAILED: The field 'Choices' is required but was missing at /States/C\n" +
				"d.json:1:95: SCHEMA_VALIDATION_FAILED: The field 'Branches' is required but was missing at /States/P\n" +
				"d.json:1:135: SCHEMA_VALIDATION_FAILED: The field 'ItemProcessor' is required but was missing at /States/M"},
		{"processor query language", `{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": {"QueryLanguage": "JSONata", "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}}}`,
			"d.json:1:68: SCHEMA_VALIDATION_FAILED: Field 'QueryLanguage' is not supported at /States/M/ItemProcessor"},
		{"rule fields", `{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$", "IsNull": true, "IsString": true, "Not": {"Next": "X", "Variable": "$", "IsNull": true}}]}}}`,
			"d.json:1:65: SCHEMA_VALIDATION_FAILED: The field 'Next' is required but was missing at /States/C/Choices[0]\n" +
				"d.json:1:99: SCHEMA_VALIDATION_FAILED: A choice rule may have only one comparison operator, but it has both 'IsNull' and 'IsString' at /States/C/Choices[0]\n" +
				"d.json:1:125: SCHEMA_VALIDATION_FAILED: Field 'Next' is not supported at /States/C/Choices[0]/Not"},
		{"retrier and catcher", `{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [{"Errors": []}], "Catch": [{"ErrorEquals": [1]}], "End": true}}}`,
			"d.json:1:107: SCHEMA_VALIDATION_FAILED: The field 'ErrorEquals' is required but was missing at /States/T/Retry[0]\n" +
				"d.json:1:108: SCHEMA_VALIDATION_FAILED: Field 'Errors' is not supported at /States/T/Retry[0]\n" +
				"d.json:1:134: SCHEMA_VALIDATION_FAILED: The field 'Next' is required but was missing at /States/T/Catch[0]\n" +
				"d.json:1:151: SCHEMA_VALIDATION_FAILED: The value for the field 'ErrorEquals[0]' must be a string at /States/T/Catch[0]/ErrorEquals[0]"},
		{"state name too long", `{"StartAt": "A", "States": {"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA": {"Type": "Succeed"}}}`,
			"d.json:1:29: INVALID_STATE_NAME: Invalid State name: State 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' exceeds the 80-character limit allowed by the service at /States/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
		{"state name of 80 characters", `{"StartAt": "A", "States": {"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA": {"Type": "Succeed"}}}`, ""},
		{"empty state name", `{"StartAt": "A", "States": {"": {"Type": "Succeed"}}}`,
			"d.json:1:29: INVALID_STATE_NAME: Invalid State name: a state name cannot be empty at /States/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Source("d.json", []byte(tt.src), JSON)
			if diff := cmp.Diff(tt.want, diags.Error()); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}
