package compiler_test

import (
	"testing"

	"github.com/aslc/aslc/compiler"
)

func TestDefaultName(t *testing.T) {
	for in, want := range map[string]string{
		"orders/checkout.asl.json": "checkout",
		"checkout.json":            "checkout",
		"flow.asl.yaml":            "flow",
		"flow.yml":                 "flow",
		"plain":                    "plain",
		"a.b.json":                 "a.b",
	} {
		if got := compiler.DefaultName(in); got != want {
			t.Errorf("DefaultName(%q) = %q, want %q", in, got, want)
		}
	}
}
