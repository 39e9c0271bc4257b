package orderbatch_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"go.uber.org/goleak"

	"github.com/aslc/aslc/examples/orderbatch"
	aslrt "github.com/aslc/aslc/runtime"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// Every order is invoiced with the batch's currency, tax rate and
// shipping rules, which the ItemSelector passes to each iteration.
func Example() {
	out, err := orderbatch.New(orderbatch.Billing{}).Run(context.Background(), orderbatch.SampleInput())
	if err != nil {
		fmt.Println("failed:", err)
		return
	}
	for _, inv := range out.([]aslrt.Value) {
		fmt.Println(aslrt.EncodeString(inv))
	}
	// Output:
	// {"invoiceNo":"B-20260301-001","orderId":"A-1","customer":"ada","subtotal":42.5,"shipping":4.9,"tax":9.48,"total":56.88,"currency":"EUR"}
	// {"invoiceNo":"B-20260301-002","orderId":"A-2","customer":"grace","subtotal":120.25,"shipping":0,"tax":24.05,"total":144.3,"currency":"EUR"}
	// {"invoiceNo":"B-20260301-003","orderId":"A-3","customer":"linus","subtotal":9.99,"shipping":4.9,"tax":2.98,"total":17.87,"currency":"EUR"}
}

// recorder is Tasks that keeps the input of each iteration.
type recorder struct {
	mu     sync.Mutex
	inputs map[int]aslrt.Value
}

func (r *recorder) ProcessOrder(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	s, err := aslrt.As[orderbatch.Selected](in)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	r.inputs[s.Index] = in
	r.mu.Unlock()
	return nil, nil
}

// What ProcessOrder gets: the ItemSelector's object, with the item
// ($$.Map.Item.Value), its index ($$.Map.Item.Index) and, from the Map
// state's input, the configuration and the batch id.
func Example_itemSelector() {
	in := aslrt.MustDecode(`{"batchId": "B-7", "processingConfig": {"currency": "USD", "taxRate": 0.1},
	  "orders": [{"orderId": "X-1", "subtotal": 10}, {"orderId": "X-2", "subtotal": 20}]}`)
	r := &recorder{inputs: map[int]aslrt.Value{}}
	out, err := orderbatch.New(r).Run(context.Background(), in)
	if err != nil {
		fmt.Println("failed:", err)
		return
	}
	fmt.Println(aslrt.EncodeString(r.inputs[0]))
	fmt.Println(aslrt.EncodeString(r.inputs[1]))
	fmt.Println(aslrt.EncodeString(out))
	// Output:
	// {"order":{"orderId":"X-1","subtotal":10},"index":0,"config":{"currency":"USD","taxRate":0.1},"batchId":"B-7"}
	// {"order":{"orderId":"X-2","subtotal":20},"index":1,"config":{"currency":"USD","taxRate":0.1},"batchId":"B-7"}
	// [null,null]
}

// A configuration without a currency fails the first iteration that sees
// it, and so the Map and the execution.
func Example_invalidConfig() {
	in := orderbatch.SampleInput().(*aslrt.Object)
	in.Set("processingConfig", aslrt.MustDecode(`{"taxRate": 0.2}`))
	_, err := orderbatch.New(orderbatch.Billing{}).Run(context.Background(), in)
	var e *aslrt.Error
	if errors.As(err, &e) {
		fmt.Println(e.Name + ": " + e.Cause)
	}
	// Output:
	// InvalidConfig: the processing configuration names no currency
}

// TestEmptyBatch: a batch without orders gives an empty list of invoices.
func TestEmptyBatch(t *testing.T) {
	in := aslrt.MustDecode(`{"batchId": "B-0", "processingConfig": {"currency": "EUR"}, "orders": []}`)
	out, err := orderbatch.New(orderbatch.Billing{}).Run(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if got := aslrt.EncodeString(out); got != "[]" {
		t.Errorf("output %s, want []", got)
	}
}
