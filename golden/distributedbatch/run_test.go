package distributedbatch_test

import (
	"testing"

	"go.uber.org/goleak"

	"github.com/aslc/aslc/golden/distributedbatch"
	"github.com/aslc/aslc/golden/internal/goldentest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestRun: the ItemBatcher makes each iteration's input
// {"BatchInput": ..., "Items": [...]} with at most two items (A13.19); the
// DISTRIBUTED map runs in-process with the semantics of an inline one.
func TestRun(t *testing.T) {
	goldentest.Check(t, distributedbatch.New(nil).Run)
}
