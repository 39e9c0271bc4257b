package lower_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aslc/aslc/compiler/check"
	"github.com/aslc/aslc/compiler/lower"
	"github.com/aslc/aslc/ir"
)

// TestJSONataFields: every expression of a JSONata state is lowered with
// AWS's name for where it stands (A16.6), and only strings that are a
// whole "{% %}" are expressions (A16.1).
func TestJSONataFields(t *testing.T) {
	src := `{"QueryLanguage": "JSONata", "StartAt": "C", "States": {
  "C": {"Type": "Choice",
        "Choices": [{"Condition": true, "Next": "T"},
                    {"Condition": "{% $states.input.go %}", "Output": {"v": "{% 1 %}"}, "Assign": {"a": "{% 2 %}"}, "Next": "T"}],
        "Default": "T", "Output": "{% $states.input %}"},
  "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
        "Arguments": {"list": [0, "{% $x %}", {"deep": "{% $y %}"}], "plain": " {% not an expression %} ", "path.$": "$.literal"},
        "TimeoutSeconds": "{% 30 %}",
        "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% $states.errorOutput %}", "Next": "M"}],
        "Next": "M"},
  "M": {"Type": "Map", "Items": [1, "{% 2 %}"], "ItemSelector": {"i": "{% $states.context.Map.Item.Index %}"},
        "MaxConcurrency": 2, "ToleratedFailurePercentage": "{% 10 %}",
        "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
        "Next": "W"},
  "W": {"Type": "Wait", "Timestamp": "{% $states.input.at %}", "Next": "F"},
  "F": {"Type": "Fail", "Error": "{% 'E' %}", "Cause": "literal"}}}`
	m, diags := check.Source("t.json", []byte(src), check.Options{})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	p, diags := lower.Program(m, lower.Options{Package: "p", Source: "t.json"})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	var got []string
	add := func(x *ir.JSONata) {
		if x != nil {
			got = append(got, x.Field+" = "+strings.TrimSpace(x.Text))
		}
	}
	var walk func(v *ir.JSONataValue)
	walk = func(v *ir.JSONataValue) {
		if v == nil {
			return
		}
		add(v.Expr)
		for _, m := range v.Members {
			walk(m.Value)
		}
		for _, e := range v.Elems {
			walk(e)
		}
	}
	payload := func(pl *ir.Payload) {
		if pl != nil {
			walk(pl.JSONata)
		}
	}
	for _, s := range p.States {
		switch s := s.(type) {
		case *ir.Choice:
			for _, c := range s.Choices {
				add(c.Rule.Condition)
				payload(c.Assign)
				payload(c.Output)
			}
			payload(s.Output)
		case *ir.Task:
			payload(s.Arguments)
			add(s.TimeoutSeconds.Expr)
			for _, c := range s.Catch {
				payload(c.Output)
			}
		case *ir.Map:
			payload(s.Items)
			payload(s.ItemSelector)
			if s.MaxConcurrency.Value != 2 {
				t.Errorf("MaxConcurrency = %+v", s.MaxConcurrency)
			}
			add(s.ToleratedFailurePercentage.Expr)
		case *ir.Wait:
			add(s.Timestamp.Expr)
		case *ir.Fail:
			add(s.Error.Expr)
			if s.Cause.Value != "literal" {
				t.Errorf("Cause = %+v", s.Cause)
			}
		}
	}
	want := []string{
		"Choices[1]/Condition = $states.input.go",
		"Choices[1]/Assign/a = 2",
		"Choices[1]/Output/v = 1",
		"Output = $states.input",
		"Arguments/list[1] = $x",
		"Arguments/list[2]/deep = $y",
		"TimeoutSeconds = 30",
		"Catch[0]/Output = $states.errorOutput",
		"Items[1] = 2",
		"ItemSelector/i = $states.context.Map.Item.Index",
		"ToleratedFailurePercentage = 10",
		"Timestamp = $states.input.at",
		"Error = 'E'",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("expressions (-want +got):\n%s", diff)
	}
}
