package jsonatart_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	aslrt "github.com/aslc/aslc/runtime"
	"github.com/aslc/aslc/runtime/jsonatart"
)

// TestStepFunctionsSuite runs the JSONata suite's Step Functions cases as
// a state's Output: $states.input is the case's input, its other bindings
// are workflow variables. A result must come out as the value, an
// undefined result as "returned nothing (undefined)" (A16.6) and an error
// code as "threw an error during evaluation. <code>: ..." (A16.7).
func TestStepFunctionsSuite(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "jsonata-suite", "stepfunctions.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Description     string                     `json:"description"`
		Expr            string                     `json:"expr"`
		Bindings        map[string]json.RawMessage `json:"bindings"`
		Result          json.RawMessage            `json:"result"`
		UndefinedResult bool                       `json:"undefinedResult"`
		Code            string                     `json:"code"`
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	var ran int
	for _, c := range cases {
		if strings.HasPrefix(c.Code, "S0") {
			continue // refused when the definition is checked
		}
		t.Run(c.Description, func(t *testing.T) {
			input := `{}`
			vars := aslrt.NewObject(len(c.Bindings))
			for k, v := range c.Bindings {
				if k == "states" {
					var st struct {
						Input json.RawMessage `json:"input"`
					}
					if err := json.Unmarshal(v, &st); err != nil {
						t.Fatal(err)
					}
					input = string(st.Input)
					continue
				}
				vars.Set(k, aslrt.MustDecode(string(v)))
			}
			varsText := ""
			if vars.Len() > 0 {
				varsText = aslrt.EncodeString(vars)
			}
			x, in := scope(t, input, varsText)
			got, err := jsonatart.MustExpr("Output", c.Expr, nil).Eval(jsonatart.NewStates(x, in))
			switch {
			case c.UndefinedResult:
				want := "States.QueryEvaluationError: The JSONata expression '" + c.Expr + "' specified for the field 'Output' returned nothing (undefined)."
				if err == nil || errText(err) != want {
					t.Errorf("got %v, %v; want %s", got, err, want)
				}
			case c.Code != "":
				want := "States.QueryEvaluationError: The JSONata expression '" + c.Expr + "' specified for the field 'Output' threw an error during evaluation. " + c.Code + ": "
				if err == nil || !strings.HasPrefix(errText(err), want) {
					t.Errorf("got %v, %v; want %s...", got, err, want)
				}
			default:
				if err != nil {
					t.Fatal(errText(err))
				}
				want := aslrt.MustDecode(string(c.Result))
				if !aslrt.Equal(want, got) {
					t.Errorf("got %s, want %s", aslrt.EncodeString(got), aslrt.EncodeString(want))
				}
			}
		})
		ran++
	}
	t.Logf("%d cases", ran)
}
