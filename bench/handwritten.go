package bench

import (
	"context"
	"errors"
	"math"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	aslrt "github.com/aslc/aslc/runtime"
	"golang.org/x/sync/errgroup"
)

// The hand-written equivalents of the benchmark machines. Each does what
// the machine's states do to the JSON values, state by state, the way a Go
// programmer would write it over the same value model: direct member
// access instead of paths, objects built member by member instead of
// templates, an owned document updated in place instead of copied, no
// history, no context object. They copy only what must not change: the
// caller's input and values that Map items or Parallel branches share.
// They check what AWS checks on the way (a missing member fails the state),
// so that a wrong input is an error, not a panic.

var errShape = errors.New("bench: the input does not have the expected shape")

// member returns o's member key, failing when o is not an object or lacks
// it.
func member(v aslrt.Value, key string) (aslrt.Value, error) {
	o, ok := v.(*aslrt.Object)
	if !ok {
		return nil, errShape
	}
	m, ok := o.Get(key)
	if !ok {
		return nil, errShape
	}
	return m, nil
}

// PassChain does what the passchain machine does: n times, build
// {"index": i, "previous": $.last.index, "name": $.name} and store it at
// $.last.
func PassChain(in aslrt.Value, n int) (aslrt.Value, error) {
	src, ok := in.(*aslrt.Object)
	if !ok {
		return nil, errShape
	}
	doc := src.Clone() // the caller's input stays as it is
	for i := range n {
		last, err := member(doc, "last")
		if err != nil {
			return nil, err
		}
		prev, err := member(last, "index")
		if err != nil {
			return nil, err
		}
		name, err := member(doc, "name")
		if err != nil {
			return nil, err
		}
		r := aslrt.NewObject(3)
		r.Set("index", int64(i))
		r.Set("previous", prev)
		r.Set("name", name)
		doc.Set("last", r)
	}
	return doc, nil
}

// ChoiceLoop does what the choiceloop machine does: start from
// {"count": 0, "limit": $.limit}, and while count < limit build
// {"count": count+1, "limit": limit}.
func ChoiceLoop(in aslrt.Value) (aslrt.Value, error) {
	limit, err := member(in, "limit")
	if err != nil {
		return nil, err
	}
	v := aslrt.NewObject(2)
	v.Set("count", int64(0))
	v.Set("limit", limit)
	for {
		count, _ := v.Get("count")
		c, ok1 := aslrt.Float(count)
		l, ok2 := aslrt.Float(limit)
		if !ok1 || !ok2 || !(c < l) {
			return v, nil
		}
		n, ok := count.(int64)
		if !ok || n < math.MinInt32 || n > math.MaxInt32 {
			return nil, errShape
		}
		next := aslrt.NewObject(2)
		next.Set("count", n+1)
		next.Set("limit", limit)
		v = next
	}
}

// Map does what the mapconc machines do with workers goroutines: for each
// item i of $.items, select {"index": i, "value": item, "tag": $.tag},
// and label it {"id": value.id, "label": tag + "-" + i}; the labels are
// the output.
func Map(ctx context.Context, in aslrt.Value, workers int) (aslrt.Value, error) {
	src, ok := in.(*aslrt.Object)
	if !ok {
		return nil, errShape
	}
	v, err := member(src, "items")
	if err != nil {
		return nil, err
	}
	items, ok := v.([]aslrt.Value)
	if !ok {
		return nil, errShape
	}
	tag, err := member(src, "tag")
	if err != nil {
		return nil, err
	}
	results := make([]aslrt.Value, len(items))
	process := func(i int) error {
		sel := aslrt.NewObject(3)
		sel.Set("index", int64(i))
		sel.Set("value", items[i])
		sel.Set("tag", tag)
		out, err := label(sel)
		results[i] = out
		return err
	}
	if err := forEach(ctx, len(items), workers, process); err != nil {
		return nil, err
	}
	return results, nil
}

// label is the Map's Pass state.
func label(in *aslrt.Object) (aslrt.Value, error) {
	value, _ := in.Get("value")
	id, err := member(value, "id")
	if err != nil {
		return nil, err
	}
	tag, _ := in.Get("tag")
	t, ok := tag.(string)
	i, ok2 := id.(int64)
	if !ok || !ok2 {
		return nil, errShape
	}
	b := make([]byte, 0, len(t)+1+20)
	b = append(b, t...)
	b = append(b, '-')
	b = strconv.AppendInt(b, i, 10)
	out := aslrt.NewObject(1)
	out.Set("label", string(b))
	return out, nil
}

// forEach calls fn for 0 ≤ i < n on at most workers goroutines (one:
// in order, on the caller's), stopping at the first error or when ctx is
// done.
func forEach(ctx context.Context, n, workers int, fn func(int) error) error {
	if workers <= 1 {
		for i := range n {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := fn(i); err != nil {
				return err
			}
		}
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
	)
	for range min(workers, n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				if err := fn(i); err != nil {
					errOnce.Do(func() { firstErr = err; cancel() })
					return
				}
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

// Parallel does what the parallel machine does: branches goroutines,
// each building {"branch": b, "step": s, "seed": $.seed} states times from
// its input, and the branch results stored at $.branches.
func Parallel(ctx context.Context, in aslrt.Value, branches, states int) (aslrt.Value, error) {
	src, ok := in.(*aslrt.Object)
	if !ok {
		return nil, errShape
	}
	results := make([]aslrt.Value, branches)
	g, ctx := errgroup.WithContext(ctx)
	for b := range branches {
		g.Go(func() error {
			v := in
			for s := range states {
				if err := ctx.Err(); err != nil {
					return err
				}
				seed, err := member(v, "seed")
				if err != nil {
					return err
				}
				o := aslrt.NewObject(3)
				o.Set("branch", int64(b))
				o.Set("step", int64(s))
				o.Set("seed", seed)
				v = o
			}
			results[b] = v
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	doc := src.CloneGrow(1)
	doc.Set("branches", results)
	return doc, nil
}

// TaskFunc is an in-process task: what a Task state calls.
type TaskFunc func(ctx context.Context, in aslrt.Value) (aslrt.Value, error)

// TaskChain does what the taskchain machine does: n calls of step, each
// with {"n": $.n, "step": i}, its result the next input; a call failing
// with errorName is retried up to twice, after 1 and 2 seconds on clock.
func TaskChain(ctx context.Context, clock aslrt.Clock, step TaskFunc, in aslrt.Value, n int, errorName string) (aslrt.Value, error) {
	v := in
	for i := range n {
		num, err := member(v, "n")
		if err != nil {
			return nil, err
		}
		args := aslrt.NewObject(2)
		args.Set("n", num)
		args.Set("step", int64(i))
		delay := time.Second
		for attempt := 0; ; attempt++ {
			out, err := step(ctx, args)
			if err == nil {
				v = out
				break
			}
			var e *aslrt.Error
			if !errors.As(err, &e) || e.Name != errorName || attempt == 2 {
				return nil, err
			}
			if err := clock.Sleep(ctx, delay); err != nil {
				return nil, err
			}
			delay *= 2
		}
	}
	return v, nil
}
