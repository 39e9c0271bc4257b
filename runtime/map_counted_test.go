package aslrt

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"
)

// countedMachine runs a Map over items on workers goroutines (Group.Work)
// with failures tolerated, whose iterations record different numbers of
// events: item%5 == 1 catches a failure of its own and outputs the error
// output; item%7 == 3 fails; item%4 == 2 runs an inner Map of three items
// on two workers, whose item 1 fails; with wait, every item then waits
// item%3 seconds, and the output has the time the Map ended. Error outputs name the entered events of the failed states, which
// depend on the events of every item before.
func countedMachine(items, workers int, wait bool) func(x *Exec, in Value) (Value, error) {
	undefined := func() error { return NewError(ErrQueryEvaluationError, "undefined") }
	work := func(mp *Group, fn func(*Exec, Value) (Value, error)) error {
		return workAll(mp.x.Context(), mp, fn)
	}
	tolerant := MapConfig{ToleratedFailureCount: 1000, ToleratedFailureCountSet: true}
	return func(x *Exec, in Value) (Value, error) {
		if err := x.Enter(&State{Name: "Outer", Type: MapState}, in); err != nil {
			return nil, err
		}
		list := make([]Value, items)
		for i := range list {
			list[i] = int64(i)
		}
		cfg := tolerant
		cfg.MaxConcurrency = workers
		mp := x.Map(list, cfg)
		err := work(mp, func(ix *Exec, item Value) (Value, error) {
			i := int(item.(int64))
			v, err := pass(ix, "A", item)
			if err != nil {
				return nil, err
			}
			if i%5 == 1 {
				if err := ix.Enter(&State{Name: "Caught", Type: TaskState}, v); err != nil {
					return nil, err
				}
				out, ok := ix.Catch(undefined(), ErrAll)
				if !ok {
					return nil, fmt.Errorf("not caught")
				}
				ix.Exit(out)
				v = out
			}
			if i%7 == 3 {
				return failWith(ix, "Failed", PassState, v, undefined())
			}
			if i%4 == 2 {
				if err := ix.Enter(&State{Name: "Inner", Type: MapState}, v); err != nil {
					return nil, err
				}
				imp := ix.Map([]Value{"a", "b", "c"}, tolerant)
				err := work(imp, func(jx *Exec, item Value) (Value, error) {
					if item == "b" {
						return failWith(jx, "InnerFailed", PassState, item, undefined())
					}
					return pass(jx, "InnerOk", item)
				})
				out, err := imp.Wait(err)
				if err != nil {
					return nil, err
				}
				ix.Exit(out)
				v = out
			}
			if !wait {
				return v, nil
			}
			if err := ix.Enter(&State{Name: "Pause", Type: WaitState}, v); err != nil {
				return nil, err
			}
			if err := ix.WaitSeconds(int64(i % 3)); err != nil {
				return nil, err
			}
			ix.Exit(v)
			return v, nil
		})
		out, err := mp.Wait(err)
		if err != nil {
			return nil, err
		}
		x.Exit(out)
		if !wait {
			return out, nil
		}
		return ObjectOf(Member{"results", out}, Member{"end", x.Now().Format(time.RFC3339)}), nil
	}
}

// TestCountedMapEventIDs: a Map without a hook keeps counts instead of a
// history segment per item (group.counts), and its iterations use their
// worker's segment again; the causes of failures caught inside
// iterations, tolerated by the Map, and tolerated by a Map inside an
// iteration name the same entered events as with a hook, and with a
// virtual clock the Map ends at the same time.
func TestCountedMapEventIDs(t *testing.T) {
	defer goleak.VerifyNone(t)
	const items, workers = 40, 4
	cause := regexp.MustCompile(`'(\w+)' \(entered at the event id #(\d+)\)`)
	for _, clock := range []string{"real", "virtual"} {
		t.Run(clock, func(t *testing.T) {
			virtual := clock == "virtual"
			// opts returns the options of a run: a clock of its own.
			opts := func(more ...Option) []Option {
				if virtual {
					more = append(more, WithVirtualTime(testStart))
				}
				return more
			}
			rec := &recorder{}
			want, err := run(t, Definition{}, MustDecode(`{}`), countedMachine(items, workers, virtual), opts(WithHistory(rec.hook))...)
			if err != nil {
				t.Fatal(err)
			}
			// The causes name entered events of the failed states.
			entered := map[int64]string{}
			for _, ev := range rec.events {
				entered[ev.ID] = string(ev.Type) + " " + ev.State
			}
			found := 0
			for _, m := range cause.FindAllStringSubmatch(EncodeString(want), -1) {
				id, _ := strconv.ParseInt(m[2], 10, 64)
				if got := entered[id]; got != "TaskStateEntered "+m[1] && got != "PassStateEntered "+m[1] {
					t.Errorf("the cause of %s names event %d: %s", m[1], id, got)
				}
				found++
			}
			// Of 8 caught, 6 failed and 10 inner Maps with one failure
			// each, 5 outputs are replaced by later states'.
			if found != 8+6+10-5 {
				t.Fatalf("%d causes with ids in %s", found, EncodeString(want))
			}
			for range 10 {
				got, err := run(t, Definition{}, MustDecode(`{}`), countedMachine(items, workers, virtual), opts()...)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(EncodeString(want), EncodeString(got)); diff != "" {
					t.Fatalf("without a hook (-with +without):\n%s", diff)
				}
			}
		})
	}
}

// TestHistoryLimitInMapIterations: the history limit (A19.2) stops a Map
// at the same state of the same iteration with and without a hook, when
// the iterations record different numbers of events and one worker runs
// them in order, and fails the execution with several workers.
func TestHistoryLimitInMapIterations(t *testing.T) {
	const items = 6000
	states := func(i int) int { return 1 + i%3 }
	// Sequentially: ExecutionStarted, MapStateEntered, MapStateStarted,
	// then per item MapIterationStarted, two events per state and
	// MapIterationSucceeded; entering a state fails at 24999 events.
	wantItem, wantState := -1, -1
	n := int64(3)
	for i := 0; wantItem < 0; i++ {
		n++
		for s := range states(i) {
			if n >= maxHistoryEvents-1 {
				wantItem, wantState = i, s
				break
			}
			n += 2
		}
		n++
	}
	limit := &Error{Name: ErrRuntime, Cause: "The execution reached the maximum number of history events (25000)."}
	for _, workers := range []int{1, 3} {
		for _, hook := range []bool{false, true} {
			t.Run(fmt.Sprintf("workers=%d,hook=%v", workers, hook), func(t *testing.T) {
				var mu sync.Mutex
				stopped := map[[2]int]bool{}
				body := func(x *Exec, in Value) (Value, error) {
					if err := x.Enter(&State{Name: "Map", Type: MapState}, in); err != nil {
						return nil, err
					}
					mp := x.Map(make([]Value, items), MapConfig{MaxConcurrency: workers})
					out, err := mp.Wait(workAll(x.Context(), mp, func(ix *Exec, v Value) (Value, error) {
						i := ix.item.index
						for s := range states(i) {
							if _, err := pass(ix, "S"+strconv.Itoa(s), v); err != nil {
								mu.Lock()
								stopped[[2]int{i, s}] = true
								mu.Unlock()
								return nil, err
							}
						}
						return v, nil
					}))
					if err != nil {
						return nil, err
					}
					x.Exit(out)
					return out, nil
				}
				var opts []Option
				if hook {
					opts = append(opts, WithHistory(func(Event) {}))
				}
				_, err := run(t, Definition{}, MustDecode(`{}`), body, opts...)
				if diff := cmp.Diff(limit, AsError(err)); diff != "" {
					t.Fatalf("(-want +got):\n%s", diff)
				}
				if workers == 1 {
					want := map[[2]int]bool{{wantItem, wantState}: true}
					if diff := cmp.Diff(want, stopped); diff != "" {
						t.Errorf("stopped at (-want +got):\n%s", diff)
					}
				}
			})
		}
	}
}

// TestCountedMapInParallel: the causes of failures tolerated by counted
// Maps inside Parallel branches name the same events as with a hook.
func TestCountedMapInParallel(t *testing.T) {
	defer goleak.VerifyNone(t)
	body := func(x *Exec, in Value) (Value, error) {
		if err := x.Enter(&State{Name: "Fork", Type: ParallelState}, in); err != nil {
			return nil, err
		}
		p := x.Parallel(3)
		var wg sync.WaitGroup
		errs := make([]error, 3)
		for b := range errs {
			wg.Go(func() {
				errs[b] = p.Branch(x.Context(), b, in, func(bx *Exec, v Value) (Value, error) {
					for range b {
						if _, err := pass(bx, "Pad", v); err != nil {
							return nil, err
						}
					}
					return countedMachine(5+b, 2, false)(bx, v)
				})
			})
		}
		wg.Wait()
		out, err := p.Wait(errors.Join(errs...))
		if err != nil {
			return nil, err
		}
		x.Exit(out)
		return out, nil
	}
	want, err := run(t, Definition{}, MustDecode(`{}`), body, WithHistory(func(Event) {}))
	if err != nil {
		t.Fatal(err)
	}
	for range 10 {
		got, err := run(t, Definition{}, MustDecode(`{}`), body)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(EncodeString(want), EncodeString(got)); diff != "" {
			t.Fatalf("without a hook (-with +without):\n%s", diff)
		}
	}
}
