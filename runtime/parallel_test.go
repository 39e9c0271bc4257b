package aslrt

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"
	"golang.org/x/sync/errgroup"
)

// branches stands for a generated machine: its methods are the state
// loops of a Parallel state's branches, as StartBranch takes them.
type branches struct {
	// entered counts the blocking branches whose task call started; the
	// failing branch waits for them, so that the history is the same on
	// every run.
	entered sync.WaitGroup
	// ctxs are the branches' contexts, as they saw them.
	ctxs [3]context.Context
}

// pass is a branch of one Pass state whose result is {"branch": i}.
func (m *branches) pass(i int, x *Exec, v Value) (Value, error) {
	m.ctxs[i] = x.Context()
	if _, err := x.PassThrough(&State{Name: "B" + strconv.Itoa(i), Type: PassState}, nil, v); err != nil {
		return nil, err
	}
	return MustDecode(`{"branch":` + strconv.Itoa(i) + `}`), nil
}

func (m *branches) pass0(x *Exec, v Value) (Value, error) { return m.pass(0, x, v) }
func (m *branches) pass1(x *Exec, v Value) (Value, error) { return m.pass(1, x, v) }
func (m *branches) pass2(x *Exec, v Value) (Value, error) { return m.pass(2, x, v) }

// block enters a Task state whose call, once started, waits until the
// branch is cancelled.
func (m *branches) block(i int, x *Exec, v Value) (Value, error) {
	m.ctxs[i] = x.Context()
	if err := x.Enter(&State{Name: fmt.Sprint("Wait", i), Type: TaskState, Resource: "arn:aws:states:::sqs:sendMessage"}, v); err != nil {
		return nil, err
	}
	return x.Call(func(ctx context.Context, _ Value) (Value, error) {
		m.entered.Done()
		<-ctx.Done()
		return nil, context.Cause(ctx)
	}, v, 0, 0)
}

func (m *branches) block0(x *Exec, v Value) (Value, error) { return m.block(0, x, v) }
func (m *branches) block1(x *Exec, v Value) (Value, error) { return m.block(1, x, v) }
func (m *branches) block2(x *Exec, v Value) (Value, error) { return m.block(2, x, v) }

// fail waits for the blocking branches, then fails.
func (m *branches) fail(i int, x *Exec, v Value) (Value, error) {
	m.ctxs[i] = x.Context()
	m.entered.Wait()
	return failWith(x, "Bad", FailState, v, x.Fail(NewError("FailureType", fmt.Sprintf("branch %d failed", i))))
}

func (m *branches) fail1(x *Exec, v Value) (Value, error) { return m.fail(1, x, v) }
func (m *branches) fail2(x *Exec, v Value) (Value, error) { return m.fail(2, x, v) }

// runParallel runs a Parallel state "P" of the three branches fns, with
// StartBranch, RunBranch and Join or, withErrgroup, with Branch in an
// errgroup, and
// returns the execution's output, its history, ordered by event id, and
// its error.
func runParallel(t *testing.T, m *branches, withErrgroup bool, fns [3]func(*branches, *Exec, Value) (Value, error)) (Value, []string, error) {
	t.Helper()
	rec := &recorder{}
	out, err := run(t, Definition{}, MustDecode(`{"in":1}`), func(x *Exec, in Value) (Value, error) {
		if err := x.Enter(&State{Name: "P", Type: ParallelState}, in); err != nil {
			return nil, err
		}
		p := x.Parallel(3)
		var res []Value
		var err error
		if withErrgroup {
			g, ctx := errgroup.WithContext(x.Context())
			for i, fn := range fns {
				g.Go(func() error {
					return p.Branch(ctx, i, in, func(bx *Exec, v Value) (Value, error) { return fn(m, bx, v) })
				})
			}
			res, err = p.Wait(g.Wait())
		} else {
			// as generated code does: the last branch on this goroutine
			for i, fn := range fns[:2] {
				StartBranch(p, i, in, m, fn)
			}
			RunBranch(p, 2, in, m, fns[2])
			res, err = p.Join()
		}
		if err != nil {
			return nil, err
		}
		out, err := (&StateIO{ResultPath: MustReferencePath("$.branches")}).Output(in, res, x)
		if err != nil {
			return nil, err
		}
		x.Exit(out)
		return out, nil
	}, WithHistory(rec.hook))
	lines := rec.lines()
	slices.SortFunc(lines, func(a, b string) int {
		i, _ := strconv.Atoi(strings.Fields(a)[0])
		j, _ := strconv.Atoi(strings.Fields(b)[0])
		return i - j
	})
	return out, lines, err
}

// TestStartBranch: branches run by StartBranch and Join give the output,
// in branch order, and the history that Branch in an errgroup gives, and
// their context is cancelled once Join returns.
func TestStartBranch(t *testing.T) {
	defer goleak.VerifyNone(t)
	fns := [3]func(*branches, *Exec, Value) (Value, error){(*branches).pass0, (*branches).pass1, (*branches).pass2}
	wantOut, want, wantErr := runParallel(t, &branches{}, true, fns)
	m := &branches{}
	out, got, err := runParallel(t, m, false, fns)
	if err != nil || wantErr != nil {
		t.Fatalf("Run: %v; with errgroup: %v", err, wantErr)
	}
	if g, w := EncodeString(out), `{"in":1,"branches":[{"branch":0},{"branch":1},{"branch":2}]}`; g != w || EncodeString(wantOut) != w {
		t.Errorf("output %s, with errgroup %s, want %s", g, EncodeString(wantOut), w)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("history (-errgroup +StartBranch):\n%s", diff)
	}
	for i, ctx := range m.ctxs {
		if ctx.Err() == nil {
			t.Errorf("branch %d: context not cancelled after Join", i)
		}
	}
}

// TestStartBranchFirstFailure: the first failing branch, started by
// StartBranch or run by RunBranch, cancels the others, with its error as
// the cause, and fails the Parallel state with that error (A9.6, A12.4);
// the history is the one Branch in an errgroup gives; no goroutine
// outlives Run.
func TestStartBranchFirstFailure(t *testing.T) {
	defer goleak.VerifyNone(t)
	for _, tt := range []struct {
		name    string
		fns     [3]func(*branches, *Exec, Value) (Value, error)
		failing int
	}{
		{"a started branch fails", [3]func(*branches, *Exec, Value) (Value, error){(*branches).block0, (*branches).fail1, (*branches).block2}, 1},
		{"the branch run on the state's goroutine fails", [3]func(*branches, *Exec, Value) (Value, error){(*branches).block0, (*branches).block1, (*branches).fail2}, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			wm := &branches{}
			wm.entered.Add(2)
			_, want, wantErr := runParallel(t, wm, true, tt.fns)
			m := &branches{}
			m.entered.Add(2)
			_, got, err := runParallel(t, m, false, tt.fns)
			for _, e := range []error{err, wantErr} {
				if diff := cmp.Diff(NewError("FailureType", fmt.Sprintf("branch %d failed", tt.failing)), AsError(e)); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("history (-errgroup +StartBranch):\n%s", diff)
			}
			if !slices.Contains(got, fmt.Sprintf("%d ParallelStateFailed P", len(got)-1)) {
				t.Errorf("no ParallelStateFailed before the end in %v", got)
			}
			for i, ctx := range m.ctxs {
				var f *failure
				if cause := context.Cause(ctx); i != tt.failing && (!errors.As(cause, &f) || f.err.Name != "FailureType") {
					t.Errorf("branch %d: cancelled with cause %v", i, cause)
				}
			}
		})
	}
}
