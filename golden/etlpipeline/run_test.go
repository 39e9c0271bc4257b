package etlpipeline_test

import (
	"context"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/aslc/aslc/golden/etlpipeline"
	"github.com/aslc/aslc/golden/internal/goldentest"
	aslrt "github.com/aslc/aslc/runtime"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func field(v aslrt.Value, key string) aslrt.Value {
	o, _ := v.(*aslrt.Object)
	x, _ := o.Get(key)
	return x
}

func record(id int64, name string) aslrt.Value {
	return aslrt.ObjectOf(aslrt.Member{Key: "id", Value: id}, aslrt.Member{Key: "name", Value: name})
}

// tasks fetch records from three sources, merge them and load them.
type tasks struct{}

func (tasks) FetchAPIData(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	return []aslrt.Value{record(1, "ada")}, nil
}

func (tasks) FetchDBData(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	return []aslrt.Value{record(2, "grace"), record(3, "edsger")}, nil
}

func (tasks) FetchS3Data(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	return []aslrt.Value{record(4, "barbara")}, nil
}

// MergeData flattens the three sources, in branch order (A12.2).
func (tasks) MergeData(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	var all []aslrt.Value
	for _, src := range field(in, "rawData").([]aslrt.Value) {
		all = append(all, src.([]aslrt.Value)...)
	}
	return all, nil
}

func (tasks) TransformRecord(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	return record(field(in, "id").(int64), strings.ToUpper(field(in, "name").(string))), nil
}

func (tasks) LoadRecord(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	return aslrt.ObjectOf(aslrt.Member{Key: "loaded", Value: field(in, "id")}, aslrt.Member{Key: "name", Value: field(in, "name")}), nil
}

// TestRun: the Parallel's array lands at $.rawData (A3.13, A12.6), the
// Map's results replace the whole input (no ResultPath) and the Succeed
// state outputs them (A8.2).
func TestRun(t *testing.T) {
	goldentest.Check(t, etlpipeline.New(tasks{}).Run)
}
