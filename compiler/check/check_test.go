package check

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// one wraps a single state named S into a definition, in the given
// top-level query language ("" for the default).
func one(lang, state string) string {
	ql := ""
	if lang != "" {
		ql = `"QueryLanguage": "` + lang + `", `
	}
	return `{` + ql + `"StartAt": "S", "States": {"S": ` + state + `}}`
}

// texts renders diagnostics without positions: "CODE: message at loc".
func texts(src string, opts Options) []string {
	_, diags := Source("t.json", []byte(src), opts)
	var out []string
	for _, d := range diags {
		s := d.Code + ": " + d.Message
		if d.Location != "" {
			s += " at " + d.Location
		}
		out = append(out, s)
	}
	return out
}

// TestAccepted: definitions AWS accepts give no diagnostic.
func TestAccepted(t *testing.T) {
	tests := []struct{ name, src string }{
		{"null paths (A3.2, A3.12, A3.16)", one("", `{"Type": "Pass", "InputPath": null, "ResultPath": null, "OutputPath": null, "End": true}`)},
		{"context and variable paths (A14.10, A15.6)", one("", `{"Type": "Pass", "InputPath": "$$.Execution.Input", "OutputPath": "$answer", "Parameters": {"a.$": "$$", "b.$": "$v.x[0]", "c.$": "States.Format('{}', $.n)"}, "End": true}`)},
		{"filters and slices in templates (A4.4, A4.9)", one("", `{"Type": "Pass", "Parameters": {"a.$": "$.users[?(@.status == 0)]", "b.$": "$.vals[-3:]", "c.$": "$..x", "d.$": "$['Test\\\"Name']"}, "End": true}`)},
		{"ErrorPath intrinsic (A8.5)", one("", `{"Type": "Fail", "ErrorPath": "$$.State.Name", "CausePath": "States.Format('{}', $.Error)"}`)},
		{"Fail without fields (A8.3)", one("", `{"Type": "Fail"}`)},
		{"integrations (A8.9)", `{"StartAt": "A", "States": {
			"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "B"},
			"B": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "Next": "C"},
			"C": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:listBuckets", "Next": "D"},
			"D": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "HeartbeatSeconds": 5, "TimeoutSeconds": 10, "Next": "E"},
			"E": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:111111111111:activity:work", "Next": "F"},
			"F": {"Type": "Task", "Resource": "arn:aws-us-gov:lambda:us-gov-west-1:111111111111:function:f:prod", "End": true}}}`},
		{"credentials path", one("", `{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Credentials": {"RoleArn.$": "$.role"}, "End": true}`)},
		{"JSONata state (A16)", one("JSONata", `{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": "{% $states.input %}", "Output": 7, "Assign": {"x": 1}, "TimeoutSeconds": "{% 5 %}", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "T", "Output": "{% $states.errorOutput %}"}], "End": true}, "T": {"Type": "Succeed"}`)},
		{"JSONata Map items (A13.10)", one("JSONata", `{"Type": "Map", "Items": [1, "{% 2 %}", 3], "MaxConcurrency": "{% 1 %}", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}`)},
		{"JSONata state in a JSONPath machine (A1.9)", one("", `{"Type": "Pass", "QueryLanguage": "JSONata", "Output": {"a": "{% 1 %}"}, "End": true}`)},
		{"Choice rules (A6.15, A6.16, A6.18)", one("", `{"Type": "Choice", "Choices": [
			{"Next": "S", "Variable": "$guess", "StringEqualsPath": "$answer"},
			{"And": [{"Variable": "$", "IsString": true}], "Next": "S"},
			{"Not": {"Variable": "$.t", "TimestampEquals": "2016-03-14T01:59:00.123456+01:00"}, "Next": "S"}],
			"Default": "T"}, "T": {"Type": "Succeed"}`)},
		{"retry defaults and empty lists (A9.13, A10.1)", one("", `{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [{"ErrorEquals": ["A", "B"]}, {"ErrorEquals": ["States.ALL"], "BackoffRate": 1, "JitterStrategy": "FULL", "MaxDelaySeconds": 5}], "Catch": [], "End": true}`)},
		{"distributed map", one("", `{"Type": "Map", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "MaxItemsPath": "$.max"}, "Parameters": {"Bucket.$": "$.b"}}, "ItemBatcher": {"MaxItemsPerBatch": 10, "BatchInput": {"x.$": "$.x"}}, "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "b"}}, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "Label": "L", "ToleratedFailurePercentage": 1.1, "End": true}`)},
		{"variables (A15.2)", one("", `{"Type": "Pass", "Assign": {"count": 1, "name.$": "$.n", "_x1": [1]}, "End": true}`)},
		{"big top-level TimeoutSeconds", `{"StartAt": "S", "TimeoutSeconds": 99999999, "Version": "1.0", "States": {"S": {"Type": "Succeed"}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := texts(tt.src, Options{}); len(got) > 0 {
				t.Errorf("got diagnostics for a valid definition:\n%s", strings.Join(got, "\n"))
			}
		})
	}
}

// TestRejected: one problem each, with AWS's code and message.
func TestRejected(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		express bool
		want    []string
	}{
		{"express .sync (A2.24)", one("", `{"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync", "End": true}`), true,
			[]string{"SCHEMA_VALIDATION_FAILED: Express state machine does not support '.sync' service integration at /States/S/Resource"}},
		{"express .waitForTaskToken (A2.24)", one("", `{"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}`), true,
			[]string{"SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration  at /States/S/Resource"}},
		{"express activity (A2.24)", one("", `{"Type": "Task", "Resource": "arn:aws:states:us-east-1:111111111111:activity:a", "End": true}`), true,
			[]string{"SCHEMA_VALIDATION_FAILED: Express state machine does not support Activity ARN at /States/S/Resource"}},
		{"empty credentials (A2.23)", one("JSONata", `{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Credentials": {}, "End": true}`), false,
			[]string{"SCHEMA_VALIDATION_FAILED: The field 'RoleArn' is required but was missing at /States/S/Credentials"}},
		{"sub-path variable (A15.10)", one("", `{"Type": "Pass", "Assign": {"x.y": 1}, "End": true}`), false,
			[]string{"SCHEMA_VALIDATION_FAILED: The variable name 'x.y' is not valid: a variable name starts with a letter or '_' and holds only letters, digits and '_' at /States/S/Assign"}},
		{"reserved variable (A15.11)", one("JSONata", `{"Type": "Pass", "Assign": {"states": 1}, "End": true}`), false,
			[]string{"SCHEMA_VALIDATION_FAILED: The variable name 'states' is reserved at /States/S/Assign"}},
		{"Assign value not a path", one("", `{"Type": "Pass", "Assign": {"x.$": "nope"}, "End": true}`), false,
			[]string{"SCHEMA_VALIDATION_FAILED: The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call at /States/S/Assign"}},
		{"JSONata field in a JSONPath ItemBatcher (A2.18)", one("JSONata", `{"Type": "Map", "ItemBatcher": {"MaxItemsPerBatchPath": "$.n"}, "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}`), false,
			[]string{"SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'MaxItemsPerBatchPath' is only supported for the 'JSONPath' QueryLanguage at /States/S"}},
		{"MaxItems and MaxItemsPath (A2.15)", one("", `{"Type": "Map", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"MaxItems": 5, "MaxItemsPath": "$.n"}}, "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}`), false,
			[]string{"SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [MaxItems, MaxItemsPath] at /States/S/ItemReader/ReaderConfig"}},
		{"negative ToleratedFailureCount (A2.16)", one("", `{"Type": "Map", "ToleratedFailureCount": -1, "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}`), false,
			[]string{"SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /States/S/ToleratedFailureCount"}},
		{"negative ToleratedFailurePercentage (A2.16)", one("", `{"Type": "Map", "ToleratedFailurePercentage": -0.5, "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}`), false,
			[]string{"SCHEMA_VALIDATION_FAILED: Minimum value is 0.0 at /States/S/ToleratedFailurePercentage"}},
		{"JSONata timestamp in a JSONPath state (A2.14)", one("", `{"Type": "Wait", "Timestamp": "{% $now() %}", "End": true}`), false,
			[]string{"SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/S/Timestamp"}},
		{"lower-case t (A2.14)", one("", `{"Type": "Wait", "Timestamp": "2016-03-14t01:59:00Z", "End": true}`), false,
			[]string{"SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/S/Timestamp"}},
		{"fraction finer than nanoseconds", one("", `{"Type": "Wait", "Timestamp": "2016-03-14T01:59:00.1234567891Z", "End": true}`), false,
			[]string{"SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/S/Timestamp"}},
		{"fractional Seconds", one("", `{"Type": "Wait", "Seconds": 1.5, "End": true}`), false,
			[]string{"SCHEMA_VALIDATION_FAILED: The value for the field 'Seconds' must be an integer at /States/S/Seconds"}},
		{"MaxAttempts too big", one("", `{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 123456789012345678901234567890}], "End": true}`), false,
			[]string{"SCHEMA_VALIDATION_FAILED: Maximum value is 99999999 at /States/S/Retry[0]/MaxAttempts"}},
		{"Items string in JSONata", one("JSONata", `{"Type": "Map", "Items": "$.list", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}`), false,
			[]string{"SCHEMA_VALIDATION_FAILED: The value for the field 'Items' must be an array or a JSONata expression at /States/S/Items"}},
		{"JSONata catcher ResultPath", one("JSONata", `{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "S", "ResultPath": "$.e"}], "End": true}`), false,
			[]string{"SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'ResultPath' is only supported for the 'JSONPath' QueryLanguage at /States/S/Catch[0]"}},
		{"top-level TimeoutSeconds 0 (A1.6)", `{"StartAt": "S", "TimeoutSeconds": 0, "States": {"S": {"Type": "Succeed"}}}`, false,
			[]string{"SCHEMA_VALIDATION_FAILED: Minimum value is 1 at /TimeoutSeconds"}},
		{"top-level QueryLanguage", `{"StartAt": "S", "QueryLanguage": "jsonata", "States": {"S": {"Type": "Succeed"}}}`, false,
			[]string{"SCHEMA_VALIDATION_FAILED: The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata] at /QueryLanguage"}},
		{"duplicate across branches (A1.12)", one("", `{"Type": "Parallel", "Branches": [{"StartAt": "X", "States": {"X": {"Type": "Succeed"}}}, {"StartAt": "X", "States": {"X": {"Type": "Succeed"}}}], "End": true}`), false,
			[]string{"DUPLICATE_STATE_NAME: Duplicate State name: X at /States/S/Branches[1]/States/X"}},
		{"pure loop suppresses unreachable (A1.16)", `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}}}`, false,
			[]string{"MISSING_END_STATE: Workflow has no terminal state"}},
		{"loop plus unreachable terminal (A1.15)", `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}, "C": {"Type": "Pass", "End": true}}}`, false,
			[]string{`MISSING_TRANSITION_TARGET: State "C" is not reachable. at /States/C`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(tt.src, Options{Express: tt.express})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}
