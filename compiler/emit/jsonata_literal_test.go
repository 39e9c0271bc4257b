package emit

import (
	"fmt"
	"math"
	"testing"

	"github.com/aslc/aslc/ir"
	"github.com/aslc/aslc/jsonata"
)

// TestNegativeZeroLiteral: a JSONata literal -0 is not a Go constant,
// which would be +0: the generated code decodes it, and no direct function
// returns it.
func TestNegativeZeroLiteral(t *testing.T) {
	negZero := math.Copysign(0, -1)
	if got, want := fmt.Sprintf("%#v", literalValue(&ir.JSONataValue{Kind: ir.JSONataLiteral, Literal: negZero, JSON: "-0.0"})), "runtime.MustDecode(`-0.0`)"; got != want {
		t.Errorf("literalValue(-0.0) = %s, want %s", got, want)
	}
	if got, want := fmt.Sprintf("%#v", literalValue(&ir.JSONataValue{Kind: ir.JSONataLiteral, Literal: 1.5, JSON: "1.5"})), "float64(1.5)"; got != want {
		t.Errorf("literalValue(1.5) = %s, want %s", got, want)
	}
	if directForm(&jsonata.Form{Kind: jsonata.FormLiteral, Value: negZero}) {
		t.Error("directForm takes a literal -0")
	}
	if !directForm(&jsonata.Form{Kind: jsonata.FormLiteral, Value: 0.0}) {
		t.Error("directForm refuses a literal 0")
	}
}
