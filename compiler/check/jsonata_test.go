package check

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestJSONataSuiteSyntax: each expression of the JSONata suite's Step
// Functions cases, as a JSONata Pass state's Output, is refused with
// INVALID_JSONATA_EXPRESSION exactly when JSONata 2.0.6 cannot parse it
// (an S0xxx code), e.g. the 2.1 operators ?: and ?? (A2.19).
func TestJSONataSuiteSyntax(t *testing.T) {
	path := filepath.Join(filepath.Dir(corpusDir(t)), "jsonata-suite", "stepfunctions.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Description string `json:"description"`
		Expr        string `json:"expr"`
		Code        string `json:"code"`
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	refused := 0
	for _, c := range cases {
		t.Run(c.Description, func(t *testing.T) {
			output, _ := json.Marshal("{% " + c.Expr + " %}")
			src := `{"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "Output": ` + string(output) + `, "End": true}}}`
			got := texts(src, Options{})
			wantInvalid := strings.HasPrefix(c.Code, "S0")
			switch {
			case wantInvalid && (len(got) != 1 || !strings.HasPrefix(got[0], "INVALID_JSONATA_EXPRESSION: ") || !strings.HasSuffix(got[0], " at /States/P/Output")):
				t.Errorf("%s: want one INVALID_JSONATA_EXPRESSION at /States/P/Output, got %q", c.Expr, got)
			case !wantInvalid && len(got) > 0:
				t.Errorf("%s: valid JSONata 2.0.6, got %q", c.Expr, got)
			}
			if wantInvalid {
				refused++
			}
		})
	}
	t.Logf("%d expressions, %d refused as syntax errors", len(cases), refused)
}
