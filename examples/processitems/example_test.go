package processitems_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/aslc/aslc/examples/processitems"
	aslrt "github.com/aslc/aslc/runtime"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

var start = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// The writes of item-2 and item-4 fail once and twice; the Retry on
// States.TaskFailed tries again, 2 s and then 4 s later, on a virtual
// clock that takes no real time. The Map's output lists the items in
// input order.
func Example() {
	db := processitems.NewDatabase(map[string]int{"item-2": 1, "item-4": 2})
	m := processitems.New(db, aslrt.WithVirtualTime(start))
	out, err := m.Run(context.Background(), processitems.SampleInput())
	if err != nil {
		fmt.Println("failed:", err)
		return
	}
	for _, v := range out.([]aslrt.Value) {
		fmt.Println(aslrt.EncodeString(v))
	}
	fmt.Println(db.Rows(), "rows")
	// Output:
	// {"id":"item-1","stored":true,"attempt":1}
	// {"id":"item-2","stored":true,"attempt":2}
	// {"id":"item-3","stored":true,"attempt":1}
	// {"id":"item-4","stored":true,"attempt":3}
	// 4 rows
}

// MaxAttempts 3 allows three retries; a write that fails four times
// fails its iteration, and with it the Map and the execution.
func Example_retriesExhausted() {
	db := processitems.NewDatabase(map[string]int{"item-3": 4})
	_, err := processitems.New(db, aslrt.WithVirtualTime(start)).Run(context.Background(), processitems.SampleInput())
	var e *aslrt.Error
	if errors.As(err, &e) {
		fmt.Println(e.Name + ": " + e.Cause)
	}
	// Output:
	// States.TaskFailed: database: connection reset while writing item-3
}

// In a Retry, States.TaskFailed matches every error name but
// States.Timeout, so an invalid item, whose error will not go away, is
// tried four times too before the execution fails with its error.
func Example_taskFailedMatchesAll() {
	in := aslrt.MustDecode(`{"items": [{"id": "item-9", "sku": "X", "quantity": 0}]}`)
	db := processitems.NewDatabase(nil)
	_, err := processitems.New(db, aslrt.WithVirtualTime(start)).Run(context.Background(), in)
	var e *aslrt.Error
	if errors.As(err, &e) {
		fmt.Println(e.Name + ": " + e.Cause)
	}
	fmt.Println(db.Calls(), "calls")
	// Output:
	// InvalidItem: item "item-9" has quantity 0
	// 4 calls
}

// TestBackoff: the retries of one item wait 2 s, 4 s and 8 s
// (IntervalSeconds 2, BackoffRate 2.0), so an item written on its fourth
// attempt finishes 14 virtual seconds after the start; the others run
// alongside it.
func TestBackoff(t *testing.T) {
	clock := aslrt.NewVirtualClock(start)
	db := processitems.NewDatabase(map[string]int{"item-1": 1, "item-4": 3})
	out, err := processitems.New(db, aslrt.WithClock(clock)).Run(context.Background(), processitems.SampleInput())
	if err != nil {
		t.Fatal(err)
	}
	if got := clock.Now().Sub(start); got != 14*time.Second {
		t.Errorf("virtual time taken = %v, want 14s", got)
	}
	last, err := aslrt.As[processitems.Stored](out.([]aslrt.Value)[3])
	if err != nil || last.Attempt != 4 {
		t.Errorf("item-4 = %+v, %v; want it written on attempt 4", last, err)
	}
}
