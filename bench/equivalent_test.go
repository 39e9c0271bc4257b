package bench_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aslc/aslc/bench/choiceloop"
	"github.com/aslc/aslc/bench/mapconc1"
	aslrt "github.com/aslc/aslc/runtime"
	"github.com/google/go-cmp/cmp"
)

// TestEquivalent checks that each generated machine and its hand-written
// equivalent produce the same output, byte for byte as JSON, and leave
// their input unchanged; the benchmarks compare equal work.
func TestEquivalent(t *testing.T) {
	for _, c := range cases() {
		t.Run(c.name, func(t *testing.T) {
			in := c.input()
			before := aslrt.EncodeString(in)
			// Twice, so that a task's call counter runs past its first
			// failures and the retries are exercised.
			gen, hand := c.generated(), c.handwritten()
			for round := range 2 {
				want, err := hand(context.Background(), in)
				if err != nil {
					t.Fatalf("round %d: hand-written: %v", round, err)
				}
				got, err := gen(context.Background(), in)
				if err != nil {
					t.Fatalf("round %d: generated: %v", round, err)
				}
				if diff := cmp.Diff(aslrt.EncodeString(want), aslrt.EncodeString(got)); diff != "" {
					t.Errorf("round %d: output (-hand-written +generated):\n%s", round, diff)
				}
			}
			if after := aslrt.EncodeString(in); after != before {
				t.Errorf("input changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// TestHistoryLimit shows why the Choice loop and the Map cases stop at
// 6,000: at 10,000 their executions would need 40,000 history events, and
// AWS fails an execution at 25,000 (A19.2, A17.7).
func TestHistoryLimit(t *testing.T) {
	const cause = "The execution reached the maximum number of history events (25000)."
	runs := []struct {
		name string
		run  func() (any, error)
	}{
		{"ChoiceLoop", func() (any, error) {
			return choiceloop.New(nil).Run(context.Background(), aslrt.MustDecode(`{"limit":10000}`))
		}},
		{"Map", func() (any, error) {
			return mapconc1.New(nil).Run(context.Background(), mapInput(10000))
		}},
	}
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			_, err := r.run()
			var e *aslrt.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want an *aslrt.Error", err)
			}
			if e.Name != aslrt.ErrRuntime || e.Cause != cause {
				t.Errorf("error = %q, %q; want %q, %q", e.Name, e.Cause, aslrt.ErrRuntime, cause)
			}
		})
	}
}
