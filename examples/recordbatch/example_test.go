package recordbatch_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/aslc/aslc/examples/recordbatch"
	aslrt "github.com/aslc/aslc/runtime"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

var start = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// rec-07 is invalid: its iteration fails, and its place in the Map's
// output holds the error. One failure in ten records is within the
// tolerated 10%, so the Map and the execution succeed. The ledger
// throttles rec-03 twice; the Retry posts it on the third attempt, 1 s
// and 2 s later on the virtual clock.
func Example() {
	ledger := recordbatch.NewLedger(map[string]int{"rec-03": 2})
	m := recordbatch.New(ledger, aslrt.WithVirtualTime(start))
	out, err := m.Run(context.Background(), recordbatch.SampleInput())
	if err != nil {
		fmt.Println("failed:", err)
		return
	}
	for _, r := range out.([]aslrt.Value) {
		fmt.Println(aslrt.EncodeString(r))
	}
	fmt.Println(ledger.Entries(), "posted")
	// Output:
	// {"id":"rec-01","cents":1725,"attempt":1}
	// {"id":"rec-02","cents":12000,"attempt":1}
	// {"id":"rec-03","cents":550,"attempt":3}
	// {"id":"rec-04","cents":4210,"attempt":1}
	// {"id":"rec-05","cents":800,"attempt":1}
	// {"id":"rec-06","cents":9999,"attempt":1}
	// {"Error":"InvalidRecord","Cause":"rec-07: account \"ACC-107\", amount -5"}
	// {"id":"rec-08","cents":6140,"attempt":1}
	// {"id":"rec-09","cents":1275,"attempt":1}
	// {"id":"rec-10","cents":3000,"attempt":1}
	// 9 posted
}

// Two failed records in ten, 20%, exceed the tolerated 10%: the Map fails
// with States.ExceedToleratedFailureThreshold (CHECKLIST A13.16).
func Example_thresholdExceeded() {
	in := recordbatch.SampleInput()
	records, _ := in.(*aslrt.Object).Get("records")
	records.([]aslrt.Value)[1].(*aslrt.Object).Set("account", "")
	_, err := recordbatch.New(recordbatch.NewLedger(nil)).Run(context.Background(), in)
	var e *aslrt.Error
	if errors.As(err, &e) {
		fmt.Println(e.Name)
		fmt.Println(e.Cause)
	}
	// Output:
	// States.ExceedToleratedFailureThreshold
	// The specified tolerated failure threshold was exceeded
}

// TestThrottledTooOften: MaxAttempts 5 gives up on a record throttled six
// times, after waiting 1+2+4+8+16 = 31 virtual seconds; as the only
// failure it is tolerated, and its error takes its place in the output.
func TestThrottledTooOften(t *testing.T) {
	in := recordbatch.SampleInput()
	records, _ := in.(*aslrt.Object).Get("records")
	records.([]aslrt.Value)[6].(*aslrt.Object).Set("amount", int64(5))
	clock := aslrt.NewVirtualClock(start)
	ledger := recordbatch.NewLedger(map[string]int{"rec-04": 6})
	out, err := recordbatch.New(ledger, aslrt.WithClock(clock)).Run(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := aslrt.EncodeString(out.([]aslrt.Value)[3]), `{"Error":"TooManyRequestsException","Cause":"rate exceeded posting rec-04"}`; got != want {
		t.Errorf("rec-04's result %s, want %s", got, want)
	}
	if got := clock.Now().Sub(start); got != 31*time.Second {
		t.Errorf("virtual time taken = %v, want 31s", got)
	}
	if n := ledger.Entries(); n != 9 {
		t.Errorf("%d records posted, want 9", n)
	}
}

// TestManyRecords: 200 records, 20 of them invalid (10%), at most 20 at a
// time: tolerated; 21 invalid are not.
func TestManyRecords(t *testing.T) {
	for _, tt := range []struct {
		invalid int
		status  aslrt.Status
	}{{20, aslrt.StatusSucceeded}, {21, aslrt.StatusFailed}} {
		records := make([]aslrt.Value, 200)
		for i := range records {
			amount := 10.5
			if i < tt.invalid {
				amount = 0
			}
			records[i] = aslrt.MustFromGo(recordbatch.Record{ID: fmt.Sprintf("rec-%03d", i), Account: "ACC-1", Amount: amount})
		}
		in := aslrt.ObjectOf(aslrt.Member{Key: "records", Value: records})
		_, err := recordbatch.New(recordbatch.NewLedger(nil)).Run(context.Background(), in)
		if got := aslrt.StatusOf(err); got != tt.status {
			t.Errorf("%d invalid of 200: %s (%v), want %s", tt.invalid, got, err, tt.status)
		}
	}
}
