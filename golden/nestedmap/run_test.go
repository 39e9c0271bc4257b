package nestedmap_test

import (
	"testing"

	"go.uber.org/goleak"

	"github.com/aslc/aslc/golden/internal/goldentest"
	"github.com/aslc/aslc/golden/nestedmap"
	aslrt "github.com/aslc/aslc/runtime"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestRun: each group runs a Parallel whose second branch maps over the
// group's items; the inner $$.Map.Item is the inner item (A12.8, A14.9),
// an empty item list gives [] (A13.5).
func TestRun(t *testing.T) {
	goldentest.Check(t, nestedmap.New(nil).Run)
}

// TestInnerFailure: an intrinsic failing deep inside fails every level
// with its own error (A9.6, A9.7).
func TestInnerFailure(t *testing.T) {
	r := goldentest.Of(nestedmap.New(nil).Run(t.Context(), aslrt.MustDecode(`{"groups": [{"name": "g1", "items": [1, "x"]}]}`)))
	if r.Status != "FAILED" || r.Error == nil || *r.Error != aslrt.ErrIntrinsicFailure {
		t.Errorf("result = %s %v, want FAILED States.IntrinsicFailure", r.Status, r.Error)
	}
}
