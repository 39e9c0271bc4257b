package ordervalidation_test

import (
	"context"
	"testing"

	"go.uber.org/goleak"

	"github.com/aslc/aslc/golden/internal/goldentest"
	"github.com/aslc/aslc/golden/ordervalidation"
	aslrt "github.com/aslc/aslc/runtime"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func field(v aslrt.Value, key string) aslrt.Value {
	o, _ := v.(*aslrt.Object)
	x, _ := o.Get(key)
	return x
}

// tasks are the order checks. A declined card fails the payment check;
// the inventory check then waits for its context, which the failure
// cancels (A12.4).
type tasks struct{}

func (tasks) ValidatePayment(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	if field(in, "card") == "declined" {
		return nil, aslrt.NewError("Payment.Declined", "card declined")
	}
	return aslrt.MustDecode(`{"payment":"ok"}`), nil
}

func (tasks) CheckInventory(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	if field(in, "card") == "declined" {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return aslrt.MustDecode(`{"inStock":true}`), nil
}

func (tasks) VerifyAddress(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	return aslrt.MustDecode(`{"address":"verified"}`), nil
}

// ProcessValidation approves an order whose three checks all passed; the
// results arrive in branch order (A12.2).
func (tasks) ProcessValidation(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	results, _ := field(in, "validationResults").([]aslrt.Value)
	approved := len(results) == 3 &&
		field(results[0], "payment") == "ok" &&
		field(results[1], "inStock") == true &&
		field(results[2], "address") == "verified"
	return aslrt.ObjectOf(
		aslrt.Member{Key: "orderId", Value: field(in, "orderId")},
		aslrt.Member{Key: "approved", Value: approved},
		aslrt.Member{Key: "checks", Value: int64(len(results))},
	), nil
}

func TestRun(t *testing.T) {
	goldentest.Check(t, ordervalidation.New(tasks{}).Run)
}

// TestCatch: the failing branch fails the Parallel state with its own
// error (A9.6), which the States.ALL catcher puts at $.error (A11.4).
func TestCatch(t *testing.T) {
	goldentest.CheckInput(t, ordervalidation.New(tasks{}).Run, `{"orderId": "A-2", "card": "declined"}`,
		`{"status": "SUCCEEDED", "output": {"orderId": "A-2", "status": "rejected", "reason": "card declined"}}`)
}
