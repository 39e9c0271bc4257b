package etl_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"go.uber.org/goleak"

	"github.com/aslc/aslc/examples/etl"
	aslrt "github.com/aslc/aslc/runtime"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// The three sources are fetched in parallel, merged into one list at
// $.mergedRecords, and each record is transformed and loaded by the Map.
// The execution's output is the Map's: one result per record, in order.
func Example() {
	p := etl.NewPipeline(etl.SampleSources())
	out, err := etl.New(p).Run(context.Background(), etl.SampleInput())
	if err != nil {
		fmt.Println("failed:", err)
		return
	}
	for _, r := range out.([]aslrt.Value) {
		fmt.Println(aslrt.EncodeString(r))
	}
	// Output:
	// {"id":"c-1","table":"customers","loaded":true}
	// {"id":"c-2","table":"customers","loaded":true}
	// {"id":"c-3","table":"customers","loaded":true}
	// {"id":"c-4","table":"customers","loaded":true}
}

// The warehouse after the run: emails normalized, tiers assigned, c-1
// once although two sources have it.
func ExamplePipeline_Warehouse() {
	p := etl.NewPipeline(etl.SampleSources())
	if _, err := etl.New(p).Run(context.Background(), etl.SampleInput()); err != nil {
		fmt.Println("failed:", err)
		return
	}
	for _, c := range p.Warehouse() {
		fmt.Printf("%s %-21s %6d %s\n", c.ID, c.Email, c.AmountCents, c.Tier)
	}
	// Output:
	// c-1 ada@example.com         4250 silver
	// c-2 linus@example.org        999 bronze
	// c-3 grace@example.com      12025 gold
	// c-4 margaret@example.com   31000 gold
}

// A failing branch fails the Parallel state, which has no Catch, so the
// execution fails with the branch's error and nothing is loaded.
func Example_sourceDown() {
	src := etl.SampleSources()
	src.DatabaseDown = true
	p := etl.NewPipeline(src)
	_, err := etl.New(p).Run(context.Background(), etl.SampleInput())
	var e *aslrt.Error
	if errors.As(err, &e) {
		fmt.Println(aslrt.StatusOf(err), e.Name+": "+e.Cause)
	}
	fmt.Println(len(p.Warehouse()), "rows loaded")
	// Output:
	// FAILED DatabaseUnavailable: connection refused by db.internal:5432
	// 0 rows loaded
}

// TestMerged: MergeData's result, at $.mergedRecords, has every customer
// once, in id order, with the sources that had it.
func TestMerged(t *testing.T) {
	p := etl.NewPipeline(etl.SampleSources())
	in := aslrt.MustDecode(`{"rawData": []}`).(*aslrt.Object)
	raw := make([]aslrt.Value, 0, 3)
	for _, fetch := range []func(context.Context, aslrt.Value) (aslrt.Value, error){p.FetchAPIData, p.FetchDBData, p.FetchS3Data} {
		v, err := fetch(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		raw = append(raw, aslrt.MustFromGo(v))
	}
	in.Set("rawData", raw)
	got, err := p.MergeData(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"id":"c-1","email":"ada@example.com","amountCents":4250,"sources":["api","database"]},` +
		`{"id":"c-2","email":"LINUS@example.org","amountCents":999,"sources":["database"]},` +
		`{"id":"c-3","email":"Grace@Example.com","amountCents":12025,"sources":["api"]},` +
		`{"id":"c-4","email":"margaret@example.com","amountCents":31000,"sources":["s3"]}]`
	if s := aslrt.EncodeString(aslrt.MustFromGo(got)); s != want {
		t.Errorf("merged:\n%s\nwant\n%s", s, want)
	}
}

// TestBadExport: a CSV amount with three decimals fails MergeData with the
// file and record named.
func TestBadExport(t *testing.T) {
	src := etl.SampleSources()
	src.S3.Body = "id,email,amount\nc-9,x@example.com,1.005\n"
	_, err := etl.New(etl.NewPipeline(src)).Run(context.Background(), etl.SampleInput())
	var e *aslrt.Error
	if !errors.As(err, &e) || e.Name != "MergeFailed" || e.Cause != `s3://exports/customers.csv, id c-9: amount "1.005" has more than two decimals` {
		t.Errorf("error %v, want MergeFailed naming the export and record", err)
	}
}
