package check

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestJSONataReferences: what a JSONata expression may read. Names at the
// top level (A2.20), $$ and $states.errorOutput outside a catcher (A2.21)
// are refused with UNSUPPORTED_JSONATA_EXPRESSION at the string's pointer;
// names inside paths, predicates, lambdas and transforms, variables and
// $states are fine.
func TestJSONataReferences(t *testing.T) {
	tests := []struct {
		name, expr string
		want       []string
	}{
		{"bare name", "phone", []string{"UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the top level is not supported. at /States/E/Output/v"}},
		{"path from a name", "order.id", []string{"UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'order' at the top level is not supported. at /States/E/Output/v"}},
		{"name in a function argument", "$sum(items.price)", []string{"UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'items' at the top level is not supported. at /States/E/Output/v"}},
		{"name after a block binding", "($x := 1; $x + y)", []string{"UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'y' at the top level is not supported. at /States/E/Output/v"}},
		{"name in an object constructor", "{'a': b}", []string{"UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'b' at the top level is not supported. at /States/E/Output/v"}},
		{"each name once", "a + a + b", []string{
			"UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'a' at the top level is not supported. at /States/E/Output/v",
			"UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'b' at the top level is not supported. at /States/E/Output/v",
		}},
		{"double dollar", "$$", []string{"UNSUPPORTED_JSONATA_EXPRESSION: Reference to '$$' is not supported. at /States/E/Output/v"}},
		{"double dollar path", "$$.input", []string{"UNSUPPORTED_JSONATA_EXPRESSION: Reference to '$$' is not supported. at /States/E/Output/v"}},
		{"error output outside a catcher", "$states.errorOutput.Cause", []string{"UNSUPPORTED_JSONATA_EXPRESSION: Field '$states.errorOutput' does not exist. at /States/E/Output/v"}},
		{"states input", "$states.input.phone", nil},
		{"variable", "$phone & $states.context.Execution.Name", nil},
		{"predicate", "$states.input.items[price > 5].sku", nil},
		{"mapping step", "$states.input.items.(price * qty)", nil},
		{"lambda", "$map($states.input.items, function($v) { $v.name })", nil},
		{"transform", "$states.input ~> | items | {'checked': true} |", nil},
		{"context in a predicate", "$states.input.list[$ > 1]", nil},
		{"grouping", "$states.input.items{cat: $sum(price)}", nil},
		{"sort", "$states.input.items^(>price).sku", nil},
		{"focus binding", "$states.input.items@$it.$it.sku", nil},
		{"string that looks like a name", "'phone'", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, _ := json.Marshal("{% " + tc.expr + " %}")
			src := `{"QueryLanguage": "JSONata", "StartAt": "E", "States": {"E": {"Type": "Pass", "Output": {"v": ` + string(v) + `}, "End": true}}}`
			if diff := cmp.Diff(tc.want, texts(src, Options{})); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.expr, diff)
			}
		})
	}
}

// TestJSONataErrorOutput: $states.errorOutput is read in a catcher's
// Output and Assign (A11.7), and refused in the other fields of the state
// (A2.21).
func TestJSONataErrorOutput(t *testing.T) {
	const def = `{"QueryLanguage": "JSONata", "StartAt": "T", "States": {
  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Arguments": {"FunctionName": "f", "Payload": %s},
        "Catch": [{"ErrorEquals": ["States.ALL"], "Output": {"e": "{%% $states.errorOutput %%}"},
                   "Assign": {"cause": "{%% $states.errorOutput.Cause %%}"}, "Next": "D"}],
        "End": true},
  "D": {"Type": "Pass", "End": true}}}`
	tests := []struct {
		name, payload string
		want          []string
	}{
		{"only in the catcher", `"x"`, nil},
		{"also in Arguments", `"{% $states.errorOutput %}"`, []string{"UNSUPPORTED_JSONATA_EXPRESSION: Field '$states.errorOutput' does not exist. at /States/T/Arguments/Payload"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := fmt.Sprintf(def, tc.payload)
			if diff := cmp.Diff(tc.want, texts(src, Options{})); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestJSONataReferencesEverywhere: the check applies to every field that
// takes expressions: Condition, Items, ItemSelector, Seconds, Error.
func TestJSONataReferencesEverywhere(t *testing.T) {
	src := `{"QueryLanguage": "JSONata", "StartAt": "C", "States": {
  "C": {"Type": "Choice", "Choices": [{"Condition": "{% done %}", "Next": "M"}], "Default": "F"},
  "M": {"Type": "Map", "Items": "{% list %}", "ItemSelector": {"i": "{% item %}"},
        "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "Next": "W"},
  "W": {"Type": "Wait", "Seconds": "{% secs %}", "Next": "F"},
  "F": {"Type": "Fail", "Error": "{% $$.e %}"}}}`
	want := []string{
		"UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'done' at the top level is not supported. at /States/C/Choices[0]/Condition",
		"UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'list' at the top level is not supported. at /States/M/Items",
		"UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'item' at the top level is not supported. at /States/M/ItemSelector/i",
		"UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'secs' at the top level is not supported. at /States/W/Seconds",
		"UNSUPPORTED_JSONATA_EXPRESSION: Reference to '$$' is not supported. at /States/F/Error",
	}
	if diff := cmp.Diff(want, texts(src, Options{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
