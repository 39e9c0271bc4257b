package choicestate_test

import (
	"context"
	"testing"

	"github.com/aslc/aslc/golden/choicestate"
	"github.com/aslc/aslc/golden/internal/goldentest"
	aslrt "github.com/aslc/aslc/runtime"
)

func TestRun(t *testing.T) {
	goldentest.Check(t, choicestate.New(nil).Run)
}

// TestRules: the first rule that holds wins (A6.1), else Default (A6.2).
func TestRules(t *testing.T) {
	base := `"limit": 100, "note": "x", "placed": "2024-06-01T00:00:00Z"`
	tests := []struct{ name, in, class string }{
		{"And", `{"amount": 5000, "vip": true, "country": "FR", ` + base + `}`, "vip"},
		{"Or StringEquals", `{"amount": 5000, "vip": false, "country": "DE", ` + base + `}`, "eu"},
		{"Or StringMatches", `{"amount": 5, "vip": false, "country": "FI", ` + base + `}`, "eu"},
		{"Not IsPresent", `{"amount": 5, "vip": false, "country": "US", "limit": 100}`, "nonote"},
		{"IsPresent null", `{"amount": 500, "vip": false, "country": "US", "note": null, "limit": 100, "placed": "2024-06-01T00:00:00Z"}`, "us"},
		{"TimestampLessThan", `{"amount": 5, "vip": false, "country": "US", "limit": 100, "note": "x", "placed": "2023-12-31T23:59:59.999Z"}`, "old"},
		{"not a timestamp", `{"amount": 500, "vip": false, "country": "US", "limit": 100, "note": "x", "placed": "2023-12-31 23:59:59"}`, "us"},
		{"NumericLessThanPath", `{"amount": 99.5, "vip": false, "country": "US", ` + base + `}`, "small"},
		{"Default", `{"amount": 500, "vip": false, "country": "US", ` + base + `}`, "us"},
		{"type mismatch is false", `{"amount": "50", "vip": "true", "country": "US", ` + base + `}`, "us"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := choicestate.New(nil).Run(context.Background(), aslrt.MustDecode(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := out.(*aslrt.Object).Get("class"); got != tt.class {
				t.Errorf("class = %v, want %s", got, tt.class)
			}
		})
	}
}

// TestFailures: no rule and no Default fails with States.NoChoiceMatched
// (A6.3); a Variable that selects nothing fails with States.Runtime
// (A6.4).
func TestFailures(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"no match", `{"amount": 500, "vip": false, "country": "JP", "limit": 100, "note": "x", "placed": "2024-06-01T00:00:00Z"}`, aslrt.ErrNoChoiceMatched},
		{"missing variable", `{"vip": false, "country": "JP"}`, aslrt.ErrRuntime},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := goldentest.Of(choicestate.New(nil).Run(context.Background(), aslrt.MustDecode(tt.in)))
			if r.Status != "FAILED" || r.Error == nil || *r.Error != tt.want {
				t.Errorf("result = %s %v, want FAILED %s", r.Status, r.Error, tt.want)
			}
		})
	}
}
