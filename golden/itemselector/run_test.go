package itemselector_test

import (
	"context"
	"testing"

	"go.uber.org/goleak"

	"github.com/aslc/aslc/golden/internal/goldentest"
	"github.com/aslc/aslc/golden/itemselector"
	aslrt "github.com/aslc/aslc/runtime"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// tasks reports the input each iteration received.
type tasks struct{}

func (tasks) ProcessOrder(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	return aslrt.ObjectOf(aslrt.Member{Key: "received", Value: in}), nil
}

// TestRun: the ItemSelector builds each iteration's input from the Map's
// input ($) and the item ($$.Map.Item.Value, $$.Map.Item.Index) (A13.3,
// A14.9).
func TestRun(t *testing.T) {
	goldentest.Check(t, itemselector.New(tasks{}).Run)
}

// TestMissingField: an ItemSelector path that selects nothing fails the
// Map with States.Runtime (A3.7).
func TestMissingField(t *testing.T) {
	out, err := itemselector.New(tasks{}).Run(context.Background(), aslrt.MustDecode(`{"orders": [{"id": "o1"}], "batchId": "b"}`))
	r := goldentest.Of(out, err)
	if r.Status != "FAILED" || r.Error == nil || *r.Error != aslrt.ErrRuntime {
		t.Errorf("result = %+v, want States.Runtime", r)
	}
}
