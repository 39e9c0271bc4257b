package aslrt

import (
	"context"
	"testing"
)

var benchPass = State{Name: "P", Type: PassState}

// BenchmarkPassState measures entering and leaving a Pass state that
// outputs its input, without a history hook: the per-state cost generated
// code adds to the work of the state itself.
func BenchmarkPassState(b *testing.B) {
	m := NewMachine(Definition{Name: "m"})
	in := MustDecode(`{"a":1}`)
	b.ReportAllocs()
	x, _, _ := m.Start(context.Background(), in)
	n := 0
	for b.Loop() {
		if n == 10000 { // stay below the history limit
			b.StopTimer()
			x.Finish(in, nil)
			x, _, _ = m.Start(context.Background(), in)
			n = 0
			b.StartTimer()
		}
		if err := x.Enter(&benchPass, in); err != nil {
			b.Fatal(err)
		}
		x.Exit(in)
		n++
	}
	x.Finish(in, nil)
}

// BenchmarkExecution measures a whole execution of ten Pass states:
// Start, the states, Finish.
func BenchmarkExecution(b *testing.B) {
	m := NewMachine(Definition{Name: "m"}, WithExecutionName("bench"))
	in := MustDecode(`{"a":1}`)
	b.ReportAllocs()
	for b.Loop() {
		x, v, err := m.Start(context.Background(), in)
		if err != nil {
			b.Fatal(err)
		}
		for range 10 {
			x.Enter(&benchPass, v)
			x.Exit(v)
		}
		if _, err := x.Finish(v, nil); err != nil {
			b.Fatal(err)
		}
	}
}

var benchTask = State{Name: "T", Type: TaskState, Resource: "arn:aws:lambda:us-east-1:111111111111:function:f"}

func echoTask(_ context.Context, in Value) (Value, error) { return in, nil }

// BenchmarkTaskCall measures a Task state calling a Go function that
// returns its input: events, the task context, the result check.
func BenchmarkTaskCall(b *testing.B) {
	benchmarkTaskCall(b, 0)
}

// BenchmarkTaskCallTimeout is BenchmarkTaskCall with TimeoutSeconds set.
func BenchmarkTaskCallTimeout(b *testing.B) {
	benchmarkTaskCall(b, 30)
}

func benchmarkTaskCall(b *testing.B, timeout int64) {
	m := NewMachine(Definition{Name: "m"})
	in := MustDecode(`{"a":1,"b":[1,2,3],"c":{"d":"e"}}`)
	b.ReportAllocs()
	x, _, _ := m.Start(context.Background(), in)
	n := 0
	for b.Loop() {
		if n == 4000 {
			b.StopTimer()
			x.Finish(in, nil)
			x, _, _ = m.Start(context.Background(), in)
			n = 0
			b.StartTimer()
		}
		x.Enter(&benchTask, in)
		out, err := x.Call(echoTask, in, timeout, 0)
		if err != nil {
			b.Fatal(err)
		}
		x.Exit(out)
		n++
	}
	x.Finish(in, nil)
}

// BenchmarkRetryDecision measures the pure retry decision.
func BenchmarkRetryDecision(b *testing.B) {
	rs := []Retrier{
		{ErrorEquals: []string{"A", "B"}, IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2},
		{ErrorEquals: []string{ErrAll}, IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2},
	}
	e := NewError("C", "x")
	counts := make([]int, 2)
	rnd := func() uint64 { return 1 }
	b.ReportAllocs()
	for b.Loop() {
		counts[0], counts[1] = 0, 0
		if _, ok := NextRetry(rs, counts, e, rnd); !ok {
			b.Fatal("no retry")
		}
	}
}
