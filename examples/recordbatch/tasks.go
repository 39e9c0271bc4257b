package recordbatch

//go:generate go tool aslc gen recordbatch.asl.json

import (
	"context"
	_ "embed"
	"math"
	"sync"

	aslrt "github.com/aslc/aslc/runtime"
)

// The hand-written side of the example: the Task state of
// recordbatch.asl.json in Go, posting records to an in-memory ledger that
// throttles. recordbatch.go is generated from the definition; run
// "go generate" after changing it.

//go:embed input.json
var sampleInput string

// SampleInput returns the batch in input.json: ten records, one of which
// (rec-07) has a negative amount.
func SampleInput() aslrt.Value { return aslrt.MustDecode(sampleInput) }

// Record is one element of $.records, the input of ProcessRecord.
type Record struct {
	ID      string  `json:"id"`
	Account string  `json:"account"`
	Amount  float64 `json:"amount"`
}

// Posted is the output of ProcessRecord: the amount posted, in cents, and
// the attempt that posted it (1 for the first, 2 after one retry, ...).
type Posted struct {
	ID      string `json:"id"`
	Cents   int64  `json:"cents"`
	Attempt int    `json:"attempt"`
}

// Ledger implements Tasks: ProcessRecord posts a record as a ledger entry.
// A record with a missing account or an amount that is not positive fails
// with InvalidRecord, which no Retry matches; the Map tolerates such
// failures up to 10% of the records. Calls for the records named in
// Throttled fail that many times with TooManyRequestsException, which
// the Retry retries after 1 s, 2 s, 4 s, ... It is safe for concurrent
// use.
type Ledger struct {
	mu        sync.Mutex
	throttled map[string]int
	entries   []Record
}

var _ Tasks = (*Ledger)(nil)

// NewLedger returns an empty ledger that throttles the calls for the
// records named in throttled as many times as it says.
func NewLedger(throttled map[string]int) *Ledger {
	t := make(map[string]int, len(throttled))
	for id, n := range throttled {
		t[id] = n
	}
	return &Ledger{throttled: t}
}

// ProcessRecord posts one record.
func (l *Ledger) ProcessRecord(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	r, err := aslrt.As[Record](in)
	if err != nil {
		return nil, err
	}
	call, _ := aslrt.TaskCallFrom(ctx)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.throttled[r.ID] > 0 {
		l.throttled[r.ID]--
		return nil, aslrt.Errorf("TooManyRequestsException", "rate exceeded posting %s", r.ID)
	}
	cents := int64(math.Round(r.Amount * 100))
	if r.Account == "" || cents <= 0 {
		return nil, aslrt.Errorf("InvalidRecord", "%s: account %q, amount %v", r.ID, r.Account, r.Amount)
	}
	l.entries = append(l.entries, r)
	return Posted{ID: r.ID, Cents: cents, Attempt: call.RetryCount + 1}, nil
}

// Entries is the number of records posted.
func (l *Ledger) Entries() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.entries)
}
