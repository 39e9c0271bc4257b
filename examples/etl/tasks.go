package etl

//go:generate go tool aslc gen etl.asl.json

import (
	"cmp"
	"context"
	_ "embed"
	"encoding/csv"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	aslrt "github.com/aslc/aslc/runtime"
)

// The hand-written side of the example: the Task states of etl.asl.json
// in Go. Three sources hold customer records in three shapes: an API's
// JSON with amounts as decimal strings, a database's rows with amounts in
// cents, and a CSV export in S3. MergeData brings them into one shape
// and drops duplicates; each record is then transformed and loaded into
// a warehouse table in memory. etl.go is generated from the definition;
// run "go generate" after changing it.

//go:embed input.json
var sampleInput string

// SampleInput returns the input in input.json: the run's id.
func SampleInput() aslrt.Value { return aslrt.MustDecode(sampleInput) }

// APIRecord is what the state FetchFromAPI returns, a list of them.
type APIRecord struct {
	ID     string `json:"id"`
	Email  string `json:"email"`
	Amount string `json:"amount"`
}

// DBRow is what the state FetchFromDatabase returns, a list of them.
type DBRow struct {
	CustomerID  string `json:"customer_id"`
	Email       string `json:"email"`
	AmountCents int64  `json:"amount_cents"`
}

// S3Object is what the state FetchFromS3 returns: a CSV file with the columns id,
// email and amount.
type S3Object struct {
	Bucket string `json:"bucket"`
	Key    string `json:"key"`
	Body   string `json:"body"`
}

// Record is a customer record in the common shape: one element of
// $.mergedRecords, the input of TransformRecord.
type Record struct {
	ID          string   `json:"id"`
	Email       string   `json:"email"`
	AmountCents int64    `json:"amountCents"`
	Sources     []string `json:"sources"`
}

// Customer is a transformed record, the input of LoadRecord and a row of
// the warehouse.
type Customer struct {
	ID          string `json:"id"`
	Email       string `json:"email"`
	AmountCents int64  `json:"amountCents"`
	Tier        string `json:"tier"`
}

// Loaded is the output of LoadRecord.
type Loaded struct {
	ID     string `json:"id"`
	Table  string `json:"table"`
	Loaded bool   `json:"loaded"`
}

// Sources holds the data of the three sources.
type Sources struct {
	API      []APIRecord
	Database []DBRow
	S3       S3Object
	// DatabaseDown makes FetchDBData fail.
	DatabaseDown bool
}

// SampleSources are three small sources; customer c-1 is in two of them.
func SampleSources() Sources {
	return Sources{
		API: []APIRecord{
			{ID: "c-3", Email: "Grace@Example.com", Amount: "120.25"},
			{ID: "c-1", Email: "ada@example.com", Amount: "42.50"},
		},
		Database: []DBRow{
			{CustomerID: "c-2", Email: "LINUS@example.org", AmountCents: 999},
			{CustomerID: "c-1", Email: "ada@example.com", AmountCents: 4250},
		},
		S3: S3Object{Bucket: "exports", Key: "customers.csv", Body: "id,email,amount\nc-4,margaret@example.com,310.00\n"},
	}
}

// Pipeline implements Tasks over the sources and a warehouse. It is safe
// for concurrent use.
type Pipeline struct {
	src Sources

	mu        sync.Mutex
	warehouse map[string]Customer
}

var _ Tasks = (*Pipeline)(nil)

// NewPipeline returns a Pipeline that reads src into an empty warehouse.
func NewPipeline(src Sources) *Pipeline {
	return &Pipeline{src: src, warehouse: map[string]Customer{}}
}

// FetchAPIData (the state FetchFromAPI) returns the API's records.
func (p *Pipeline) FetchAPIData(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	return p.src.API, nil
}

// FetchDBData (the state FetchFromDatabase) returns the database's rows.
func (p *Pipeline) FetchDBData(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	if p.src.DatabaseDown {
		return nil, aslrt.NewError("DatabaseUnavailable", "connection refused by db.internal:5432")
	}
	return p.src.Database, nil
}

// FetchS3Data (the state FetchFromS3) returns the S3 export.
func (p *Pipeline) FetchS3Data(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	return p.src.S3, nil
}

// MergeData merges $.rawData, the three branches' results in the order of
// the Branches, into records sorted by id. A customer found in several
// sources is kept once, with every source named.
func (p *Pipeline) MergeData(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	// The branches' results stay Values until each is converted to its
	// own type.
	obj, _ := in.(*aslrt.Object)
	raw, _ := obj.Get("rawData")
	results, _ := raw.([]aslrt.Value)
	if len(results) != 3 {
		return nil, aslrt.Errorf("MergeFailed", "$.rawData holds %d results, want one per source (3)", len(results))
	}
	api, err := aslrt.As[[]APIRecord](results[0])
	if err != nil {
		return nil, err
	}
	rows, err := aslrt.As[[]DBRow](results[1])
	if err != nil {
		return nil, err
	}
	export, err := aslrt.As[S3Object](results[2])
	if err != nil {
		return nil, err
	}
	merged := map[string]*Record{}
	add := func(source, id, email string, cents int64) {
		if r, ok := merged[id]; ok {
			r.Sources = append(r.Sources, source)
			return
		}
		merged[id] = &Record{ID: id, Email: email, AmountCents: cents, Sources: []string{source}}
	}
	for _, r := range api {
		cents, err := parseCents(r.Amount)
		if err != nil {
			return nil, aslrt.Errorf("MergeFailed", "API record %s: %v", r.ID, err)
		}
		add("api", r.ID, r.Email, cents)
	}
	for _, r := range rows {
		add("database", r.CustomerID, r.Email, r.AmountCents)
	}
	lines, err := csv.NewReader(strings.NewReader(export.Body)).ReadAll()
	if err != nil || len(lines) == 0 || !slices.Equal(lines[0], []string{"id", "email", "amount"}) {
		return nil, aslrt.Errorf("MergeFailed", "s3://%s/%s is not a CSV file with the columns id,email,amount", export.Bucket, export.Key)
	}
	for _, l := range lines[1:] {
		cents, err := parseCents(l[2])
		if err != nil {
			return nil, aslrt.Errorf("MergeFailed", "s3://%s/%s, id %s: %v", export.Bucket, export.Key, l[0], err)
		}
		add("s3", l[0], l[1], cents)
	}
	out := make([]Record, 0, len(merged))
	for _, id := range slices.Sorted(maps.Keys(merged)) {
		out = append(out, *merged[id])
	}
	return out, nil
}

// TransformRecord normalizes the email address and assigns a tier by
// amount.
func (p *Pipeline) TransformRecord(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	r, err := aslrt.As[Record](in)
	if err != nil {
		return nil, err
	}
	email := strings.ToLower(strings.TrimSpace(r.Email))
	if !strings.Contains(email, "@") {
		return nil, aslrt.Errorf("InvalidRecord", "%s has no valid email address", r.ID)
	}
	tier := "bronze"
	switch {
	case r.AmountCents >= 10000:
		tier = "gold"
	case r.AmountCents >= 4000:
		tier = "silver"
	}
	return Customer{ID: r.ID, Email: email, AmountCents: r.AmountCents, Tier: tier}, nil
}

// LoadRecord upserts a customer into the warehouse's customers table.
func (p *Pipeline) LoadRecord(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	c, err := aslrt.As[Customer](in)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	p.warehouse[c.ID] = c
	p.mu.Unlock()
	return Loaded{ID: c.ID, Table: "customers", Loaded: true}, nil
}

// Warehouse returns the customers table, by id.
func (p *Pipeline) Warehouse() []Customer {
	p.mu.Lock()
	defer p.mu.Unlock()
	rows := slices.Collect(maps.Values(p.warehouse))
	slices.SortFunc(rows, func(a, b Customer) int { return cmp.Compare(a.ID, b.ID) })
	return rows
}

// parseCents reads a decimal amount such as "42.50" in cents.
func parseCents(s string) (int64, error) {
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 {
		return 0, fmt.Errorf("amount %q has more than two decimals", s)
	}
	frac += strings.Repeat("0", 2-len(frac))
	w, err1 := strconv.ParseInt(whole, 10, 64)
	f, err2 := strconv.ParseUint(frac, 10, 64)
	if err1 != nil || err2 != nil || w < 0 {
		return 0, fmt.Errorf("amount %q is not a decimal number", s)
	}
	return w*100 + int64(f), nil
}
