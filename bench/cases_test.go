package bench_test

import (
	"context"
	"strconv"
	"time"

	"github.com/aslc/aslc/bench"
	"github.com/aslc/aslc/bench/choiceloop"
	"github.com/aslc/aslc/bench/internal/defs"
	"github.com/aslc/aslc/bench/mapconc0"
	"github.com/aslc/aslc/bench/mapconc1"
	"github.com/aslc/aslc/bench/mapconc10"
	"github.com/aslc/aslc/bench/parallel"
	"github.com/aslc/aslc/bench/passchain"
	"github.com/aslc/aslc/bench/taskchain"
	aslrt "github.com/aslc/aslc/runtime"
)

// runFunc runs one execution of a case.
type runFunc func(ctx context.Context, in aslrt.Value) (aslrt.Value, error)

// benchCase pairs a generated machine with its hand-written equivalent.
type benchCase struct {
	name string
	// transitions is the number of states one execution runs.
	transitions int
	input       func() aslrt.Value
	// generated and handwritten return a fresh runner each, so that state
	// such as a task's call counter is not shared between runs.
	generated, handwritten func() runFunc
}

var start = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

func cases() []benchCase {
	cs := []benchCase{
		{
			name:        "PassChain",
			transitions: defs.PassChainStates,
			input: func() aslrt.Value {
				return aslrt.MustDecode(`{"name":"bench","last":{"index":-1},"payload":{"values":[1,2,3],"text":"unchanged"}}`)
			},
			generated: func() runFunc {
				m := passchain.New(nil)
				return func(ctx context.Context, in aslrt.Value) (aslrt.Value, error) { return m.Run(ctx, in) }
			},
			handwritten: func() runFunc {
				return func(_ context.Context, in aslrt.Value) (aslrt.Value, error) {
					return bench.PassChain(in, defs.PassChainStates)
				}
			},
		},
		{
			name: "ChoiceLoop",
			// Init, LoopLimit × (Check, Increment), the last Check, Done.
			transitions: 1 + 2*defs.LoopLimit + 2,
			input: func() aslrt.Value {
				return aslrt.MustDecode(`{"limit":` + strconv.Itoa(defs.LoopLimit) + `}`)
			},
			generated: func() runFunc {
				m := choiceloop.New(nil)
				return func(ctx context.Context, in aslrt.Value) (aslrt.Value, error) { return m.Run(ctx, in) }
			},
			handwritten: func() runFunc {
				return func(_ context.Context, in aslrt.Value) (aslrt.Value, error) { return bench.ChoiceLoop(in) }
			},
		},
	}
	type runner interface {
		Run(ctx context.Context, input any) (any, error)
	}
	maps := []struct {
		limit   int
		workers int
		machine func() runner
	}{
		{1, 1, func() runner { return mapconc1.New(nil) }},
		{10, 10, func() runner { return mapconc10.New(nil) }},
		{0, aslrt.DefaultMapConcurrency, func() runner { return mapconc0.New(nil) }},
	}
	for _, mc := range maps {
		cs = append(cs, benchCase{
			name:        "Map/MaxConcurrency=" + strconv.Itoa(mc.limit),
			transitions: 1 + defs.MapItems,
			input:       func() aslrt.Value { return mapInput(defs.MapItems) },
			generated: func() runFunc {
				m := mc.machine()
				return func(ctx context.Context, in aslrt.Value) (aslrt.Value, error) { return m.Run(ctx, in) }
			},
			handwritten: func() runFunc {
				return func(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
					return bench.Map(ctx, in, mc.workers)
				}
			},
		})
	}
	cs = append(cs,
		benchCase{
			name:        "Parallel",
			transitions: 1 + defs.ParallelBranches*defs.ParallelStates,
			input: func() aslrt.Value {
				return aslrt.MustDecode(`{"seed":"s3cr3t","payload":{"values":[1,2,3]}}`)
			},
			generated: func() runFunc {
				m := parallel.New(nil)
				return func(ctx context.Context, in aslrt.Value) (aslrt.Value, error) { return m.Run(ctx, in) }
			},
			handwritten: func() runFunc {
				return func(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
					return bench.Parallel(ctx, in, defs.ParallelBranches, defs.ParallelStates)
				}
			},
		},
		benchCase{
			name:        "TaskChain",
			transitions: defs.TaskChainStates,
			input:       func() aslrt.Value { return aslrt.MustDecode(`{"n":0}`) },
			generated: func() runFunc {
				s := &bench.Stepper{Error: defs.TransientError, Every: defs.FailEvery}
				m := taskchain.New(s, aslrt.WithClock(aslrt.NewVirtualClock(start)))
				return func(ctx context.Context, in aslrt.Value) (aslrt.Value, error) { return m.Run(ctx, in) }
			},
			handwritten: func() runFunc {
				s := &bench.Stepper{Error: defs.TransientError, Every: defs.FailEvery}
				clock := aslrt.NewVirtualClock(start)
				return func(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
					return bench.TaskChain(ctx, clock, s.Step, in, defs.TaskChainStates, defs.TransientError)
				}
			},
		},
	)
	return cs
}

// mapInput is {"tag": "b", "items": [{"id": 0}, {"id": 1}, ...]} with n
// items.
func mapInput(n int) aslrt.Value {
	items := make([]aslrt.Value, n)
	for i := range items {
		items[i] = aslrt.ObjectOf(aslrt.Member{Key: "id", Value: int64(i)})
	}
	return aslrt.ObjectOf(aslrt.Member{Key: "tag", Value: "b"}, aslrt.Member{Key: "items", Value: items})
}
