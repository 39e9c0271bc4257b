package processitems

//go:generate go tool aslc gen processitems.asl.json

import (
	"context"
	_ "embed"
	"fmt"
	"sync"

	aslrt "github.com/aslc/aslc/runtime"
)

// The hand-written side of the example: the Task state of
// processitems.asl.json in Go, writing items to an in-memory database
// whose writes fail now and then. processitems.go is generated from the
// definition; run "go generate" after changing it.

//go:embed input.json
var sampleInput string

// SampleInput returns the items in input.json.
func SampleInput() aslrt.Value { return aslrt.MustDecode(sampleInput) }

// Item is one element of $.items, the input of ProcessItem.
type Item struct {
	ID       string `json:"id"`
	SKU      string `json:"sku"`
	Quantity int    `json:"quantity"`
}

// Stored is the output of ProcessItem: the item written, and the attempt
// that wrote it (1 for the first, 2 after one retry, ...).
type Stored struct {
	ID      string `json:"id"`
	Stored  bool   `json:"stored"`
	Attempt int    `json:"attempt"`
}

// Database implements Tasks: ProcessItem writes the item into a table in
// memory. Writes of the items named in Unreliable fail that many times
// before one succeeds, with a plain Go error, which the Task state's
// Retry on States.TaskFailed retries (after 2 s, then 4 s, then 8 s). It
// is safe for concurrent use.
type Database struct {
	mu       sync.Mutex
	failures map[string]int
	rows     map[string]Item
	calls    int
}

var _ Tasks = (*Database)(nil)

// NewDatabase returns an empty database whose writes of the items named
// in unreliable fail as many times as it says.
func NewDatabase(unreliable map[string]int) *Database {
	failures := make(map[string]int, len(unreliable))
	for id, n := range unreliable {
		failures[id] = n
	}
	return &Database{failures: failures, rows: map[string]Item{}}
}

// ProcessItem stores one item.
func (d *Database) ProcessItem(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls++
	it, err := aslrt.As[Item](in)
	if err != nil {
		return nil, err
	}
	if it.ID == "" || it.Quantity <= 0 {
		return nil, aslrt.Errorf("InvalidItem", "item %q has quantity %d", it.ID, it.Quantity)
	}
	call, _ := aslrt.TaskCallFrom(ctx)
	if d.failures[it.ID] > 0 {
		d.failures[it.ID]--
		return nil, fmt.Errorf("database: connection reset while writing %s", it.ID)
	}
	d.rows[it.ID] = it
	return Stored{ID: it.ID, Stored: true, Attempt: call.RetryCount + 1}, nil
}

// Calls is the number of ProcessItem calls so far, retries included.
func (d *Database) Calls() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.calls
}

// Rows is the number of items stored.
func (d *Database) Rows() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.rows)
}
