package bench_test

import (
	"context"
	"testing"

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
