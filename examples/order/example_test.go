package order_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"go.uber.org/goleak"

	"github.com/aslc/aslc/examples/order"
	"github.com/aslc/aslc/internal/mockconfig"
	aslrt "github.com/aslc/aslc/runtime"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// printJSON prints a value as indented JSON, its members in order.
func printJSON(v aslrt.Value) {
	var b bytes.Buffer
	if err := json.Indent(&b, aslrt.Encode(v), "", "  "); err != nil {
		panic(err)
	}
	fmt.Println(b.String())
}

// The three checks run in parallel; their results, in branch order, go
// to $.validationResults, from which ProcessValidation confirms the order.
func Example() {
	m := order.New(order.NewShop(order.DefaultStock(), "US", "CA"))
	out, err := m.Run(context.Background(), order.SampleInput())
	if err != nil {
		fmt.Println("failed:", err)
		return
	}
	printJSON(out)
	// Output:
	// {
	//   "orderId": "ORD-1001",
	//   "status": "CONFIRMED",
	//   "authorizationId": "AUTH-ORD-1001-4242",
	//   "units": 3,
	//   "total": 28.25,
	//   "shipTo": "1 Main St, Springfield 12345, US"
	// }
}

// A failed branch fails the Parallel state; its Catch (States.ALL) puts
// the error at $.error and goes to HandleValidationFailure, so the
// execution still succeeds.
func Example_outOfStock() {
	in, err := aslrt.As[order.Order](order.SampleInput())
	if err != nil {
		panic(err)
	}
	in.Items = append(in.Items, order.Item{SKU: "LAMP-7", Quantity: 1, Price: 40})
	in.Payment.Amount += 40
	m := order.New(order.NewShop(order.DefaultStock(), "US"))
	out, err := m.Run(context.Background(), in)
	if err != nil {
		fmt.Println("failed:", err)
		return
	}
	printJSON(out)
	// Output:
	// {
	//   "orderId": "ORD-1001",
	//   "status": "REJECTED",
	//   "reason": "OutOfStock: LAMP-7: 1 ordered, 0 in stock"
	// }
}

// ProcessValidation has no Catch: its failure ends the execution, whose
// error is an *aslrt.Error; a task's plain Go error becomes
// States.TaskFailed with the error's text as the cause.
func Example_uncaughtFailure() {
	m := order.New(failingConfirm{order.NewShop(order.DefaultStock(), "US")})
	_, err := m.Run(context.Background(), order.SampleInput())
	var e *aslrt.Error
	if errors.As(err, &e) {
		fmt.Println(aslrt.StatusOf(err), e.Name, e.Cause)
	}
	// Output:
	// FAILED States.TaskFailed ledger unavailable
}

// failingConfirm is the Shop with a ProcessValidation that fails.
type failingConfirm struct{ *order.Shop }

func (failingConfirm) ProcessValidation(context.Context, aslrt.Value) (aslrt.Value, error) {
	return nil, errors.New("ledger unavailable")
}

// TasksFrom answers the Task states from any aslrt.Invoker; here the
// mock configuration that "aslc run --mock-config mock-config.json
// --test-case PaymentDeclined" uses.
func Example_mockConfig() {
	cfg, err := mockconfig.Load("mock-config.json")
	if err != nil {
		panic(err)
	}
	mocks, err := cfg.Invoker("order", "PaymentDeclined")
	if err != nil {
		panic(err)
	}
	out, err := order.New(order.TasksFrom(mocks)).Run(context.Background(), order.SampleInput())
	if err != nil {
		fmt.Println("failed:", err)
		return
	}
	printJSON(out)
	// Output:
	// {
	//   "orderId": "ORD-1001",
	//   "status": "REJECTED",
	//   "reason": "PaymentDeclined: card 4242 was declined by the issuer"
	// }
}

// TestMockConfigMatchesShop: the mock configuration's HappyPath answers
// exactly what the Shop answers for the sample order, so "aslc run" with
// it shows what the Go tasks do.
func TestMockConfigMatchesShop(t *testing.T) {
	cfg, err := mockconfig.Load("mock-config.json")
	if err != nil {
		t.Fatal(err)
	}
	mocks, err := cfg.Invoker("order", "HappyPath")
	if err != nil {
		t.Fatal(err)
	}
	mocked, err := order.New(order.TasksFrom(mocks)).Run(context.Background(), order.SampleInput())
	if err != nil {
		t.Fatal(err)
	}
	real, err := order.New(order.NewShop(order.DefaultStock(), "US")).Run(context.Background(), order.SampleInput())
	if err != nil {
		t.Fatal(err)
	}
	if !aslrt.Equal(mocked, real) {
		t.Errorf("mocked output %s, the Shop's %s", aslrt.Encode(mocked), aslrt.Encode(real))
	}
}

// TestPaymentMismatch: a payment that does not cover the order is
// declined, and the rejection names the error.
func TestPaymentMismatch(t *testing.T) {
	in, err := aslrt.As[order.Order](order.SampleInput())
	if err != nil {
		t.Fatal(err)
	}
	in.Payment.Amount = 20
	out, err := order.New(order.NewShop(order.DefaultStock(), "US")).Run(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	r, err := aslrt.As[order.Rejection](out)
	if err != nil {
		t.Fatal(err)
	}
	if want := "PaymentDeclined: the payment of 20.00 does not match the order total 28.25"; r.Reason != want {
		t.Errorf("reason %q, want %q", r.Reason, want)
	}
}

// TestUnsupportedCountry: an address outside the shop's countries fails
// VerifyAddress, and the rejection says so.
func TestUnsupportedCountry(t *testing.T) {
	in, err := aslrt.As[order.Order](order.SampleInput())
	if err != nil {
		t.Fatal(err)
	}
	in.ShippingAddress.Country = "FR"
	out, err := order.New(order.NewShop(order.DefaultStock(), "US")).Run(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	want := aslrt.MustDecode(`{"orderId":"ORD-1001","status":"REJECTED","reason":"InvalidAddress: the shop does not ship to \"FR\""}`)
	if !aslrt.Equal(out, want) {
		t.Errorf("output %s, want %s", aslrt.Encode(out), aslrt.Encode(want))
	}
}
