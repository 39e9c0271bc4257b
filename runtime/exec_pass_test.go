package aslrt

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
)

// passStep is a Pass state for TestPassThroughSizes.
type passStep struct {
	name string
	io   *StateIO
}

// runPasses runs steps with PassThrough from input, checking after each
// state that the bound the scope keeps for its output is at least the
// output's size. It returns the outputs, and the error that stopped the
// chain.
func runPasses(t *testing.T, steps []passStep, input Value, opts ...Option) ([]string, error) {
	t.Helper()
	m := NewMachine(Definition{Name: "m"}, opts...)
	x, in, err := m.Start(context.Background(), input)
	if err != nil {
		t.Fatal(err)
	}
	var outs []string
	v := in
	for _, st := range steps {
		out, err := x.PassThrough(&State{Name: st.name, Type: PassState}, st.io, v)
		if err != nil {
			return outs, err
		}
		if n, ok := x.knownSize(out); ok {
			if exact := JSONSize(out, math.MaxInt/4); n < exact {
				t.Errorf("%s: bound %d below the output's size %d", st.name, n, exact)
			}
		}
		outs = append(outs, EncodeString(out))
		v = out
	}
	return outs, nil
}

// wantPasses is what runPasses gives, worked out with copies and
// exact sizes: a state fails when its result or its output is more than
// MaxPayloadSize bytes of JSON (A19.1).
func wantPasses(t *testing.T, steps []passStep, input Value) ([]string, string) {
	t.Helper()
	var outs []string
	v := input
	for _, st := range steps {
		result := v
		if st.io != nil && st.io.InputPath != nil {
			r, err := ApplyInputPath(v, st.io.InputPath, nil)
			if err != nil {
				t.Fatal(err)
			}
			result = r
		}
		if st.io != nil && st.io.Parameters != nil {
			r, err := st.io.Parameters.Eval(result, nil)
			if err != nil {
				t.Fatal(err)
			}
			if JSONSize(r, math.MaxInt/4) > MaxPayloadSize {
				return outs, st.name
			}
			result = r
		}
		out := result
		if st.io != nil {
			o, err := ApplyResultPath(v, result, st.io.ResultPath)
			if err != nil {
				t.Fatal(err)
			}
			if st.io.ResultPath != nil && !st.io.ResultPath.null && JSONSize(o, math.MaxInt/4) > MaxPayloadSize {
				return outs, st.name
			}
			if o, err = ApplyOutputPath(o, st.io.OutputPath, nil); err != nil {
				t.Fatal(err)
			}
			out = o
		}
		outs = append(outs, EncodeString(out))
		v = out
	}
	return outs, ""
}

// TestPassThroughSizes (A19.1): Pass states with Parameters and each kind
// of ResultPath, on documents whose results and outputs are just below,
// at and just above MaxPayloadSize bytes, with and without a history hook
// (which turns off ResultPath in place), fail exactly when AWS fails them,
// and the bounds the scope keeps are never below the sizes.
func TestPassThroughSizes(t *testing.T) {
	rp := MustReferencePath
	// {"s":"<n bytes, some of them escaped>"} is 8+n+escapes bytes
	doc := func(n int) Value {
		q := n / 10
		s := strings.Repeat(`"`, q) + strings.Repeat("a", n-2*q)
		return NewObjectOf(Member{"s", s})
	}
	docSize := func(n int) int { return JSONSize(doc(n), math.MaxInt/4) }
	// n such that doc(n) is size bytes
	docOf := func(size int) Value {
		n := size - 8
		for docSize(n) > size {
			n--
		}
		for docSize(n) < size {
			n++
		}
		if docSize(n) != size {
			t.Fatalf("no document of %d bytes", size)
		}
		return doc(n)
	}
	chains := map[string][]passStep{
		// the result is {"c":<the input>}: 6 bytes more than the input
		"result": {{"Copy", &StateIO{Parameters: MustTemplate(`{"c.$":"$"}`)}}},
		// the result is {"c":<s>}, the output the input with it as $.r
		"merge": {
			{"Copy", &StateIO{Parameters: MustTemplate(`{"c.$":"$.s"}`), ResultPath: rp("$.r")}},
		},
		// ResultPath null: the result is checked, the output is the input
		"null": {{"Copy", &StateIO{Parameters: MustTemplate(`{"c.$":"$.s"}`), ResultPath: NullPath()}}},
		// small results merged into a document owned after the first
		// state, in place while the bound allows
		"grow": {
			{"A", &StateIO{Parameters: MustTemplate(`{"n":1}`), ResultPath: rp("$.a")}},
			{"B", &StateIO{Parameters: MustTemplate(`{"n":2,"prev.$":"$.a.n"}`), ResultPath: rp("$.b")}},
			{"C", &StateIO{Parameters: MustTemplate(`{"t":"0123456789"}`), ResultPath: rp("$.c")}},
			{"D", &StateIO{Parameters: MustTemplate(`{"t":"0123456789abcdefghij"}`), ResultPath: rp("$.d")}},
			{"E", &StateIO{Parameters: MustTemplate(`{"t":"x"}`), ResultPath: rp("$.a")}},
			{"F", &StateIO{Parameters: MustTemplate(`{"n":3}`), ResultPath: rp("$.f.g")}},
		},
		// a result that is the whole input, merged into it
		"whole": {
			{"A", &StateIO{Parameters: MustTemplate(`{"n":1}`), ResultPath: rp("$.a")}},
			{"All", &StateIO{Parameters: MustTemplate(`{"all.$":"$.s"}`), ResultPath: rp("$.a")}},
		},
		// shapes PassThrough runs another way
		"other": {
			{"A", &StateIO{Parameters: MustTemplate(`{"n":1}`), ResultPath: rp("$.a")}},
			{"In", &StateIO{InputPath: MustPath("$.s"), Parameters: MustTemplate(`{"c.$":"$"}`), ResultPath: rp("$.i")}},
			{"Out", &StateIO{Parameters: MustTemplate(`{"n":2}`), ResultPath: rp("$.o"), OutputPath: MustPath("$")}},
			{"Plain", &StateIO{ResultPath: rp("$.p")}},
			{"None", nil},
		},
	}
	for name, steps := range chains {
		for _, size := range []int{1000, MaxPayloadSize/2 - 40, MaxPayloadSize/2 + 40, MaxPayloadSize - 200, MaxPayloadSize - 60, MaxPayloadSize - 20, MaxPayloadSize - 6, MaxPayloadSize - 5, MaxPayloadSize - 1, MaxPayloadSize} {
			for _, hook := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/%d/hook=%v", name, size, hook), func(t *testing.T) {
					var opts []Option
					if hook {
						opts = append(opts, WithHistory(func(Event) {}))
					}
					in := docOf(size)
					want, failing := wantPasses(t, steps, in)
					got, err := runPasses(t, steps, in, opts...)
					if failing == "" {
						if err != nil {
							t.Fatalf("failed: %v; want %d outputs", err, len(want))
						}
					} else {
						e := AsError(err)
						if e == nil || e.Name != ErrDataLimitExceeded || !strings.Contains(e.Cause, "'"+failing+"'") {
							t.Fatalf("got error %v, want States.DataLimitExceeded in %s", err, failing)
						}
					}
					if len(got) != len(want) {
						t.Fatalf("%d outputs, want %d", len(got), len(want))
					}
					for i := range want {
						if got[i] != want[i] {
							t.Errorf("output %d differs:\n%.200s\nwant\n%.200s", i, got[i], want[i])
						}
					}
				})
			}
		}
	}
}

// TestKeyOf: values have one identity when they have one size: the same
// object, or the same elements of the same backing array.
func TestKeyOf(t *testing.T) {
	o := NewObject(0)
	arr := []Value{int64(1), "two", NewObject(0)}
	same := [][2]Value{{o, o}, {arr, arr}, {arr, arr[:3]}, {arr[1:], arr[1:3]}}
	for _, p := range same {
		a, ok1 := keyOf(p[0])
		b, ok2 := keyOf(p[1])
		if !ok1 || !ok2 || a != b {
			t.Errorf("%s and %s: keys %v, %v (%v, %v), want one", EncodeString(p[0]), EncodeString(p[1]), a, b, ok1, ok2)
		}
	}
	distinct := []Value{o, NewObject(0), arr, arr[:2], arr[1:], arr[:1], []Value{int64(1), "two", o}, arr[2], []Value{o}}
	for i, a := range distinct {
		ka, _ := keyOf(a)
		for j, b := range distinct {
			if kb, _ := keyOf(b); i != j && ka == kb {
				t.Errorf("%d: %s and %d: %s have one key", i, EncodeString(a), j, EncodeString(b))
			}
		}
	}
	for _, v := range []Value{nil, true, int64(1), 1.5, "s", []Value{}} {
		if k, ok := keyOf(v); ok || k != (vkey{}) {
			t.Errorf("keyOf(%s) = %v, %v; want no key", EncodeString(v), k, ok)
		}
	}
}

// TestCallInputSizes (A19.1): a task whose input after Parameters is more
// than MaxPayloadSize bytes fails before it is called, whether the bound
// the template left is below the limit, or above it with the input
// within it or not; through Call after Template.Eval, and through
// Exec.Task, which hands the template's bound to the check itself.
func TestCallInputSizes(t *testing.T) {
	tm := MustTemplate(`{"s.$":"$.s"}`)
	for _, c := range []struct {
		n       int  // bytes of the string, a third of them escaped
		escaped bool // whether a third of them are quotes
	}{
		{100, false}, {100, true},
		{MaxPayloadSize / 7, false}, // a bound below the limit
		{MaxPayloadSize - 9, false}, {MaxPayloadSize - 8, false}, {MaxPayloadSize - 7, false},
		{MaxPayloadSize - 20, true}, {MaxPayloadSize / 2, true},
	} {
		s := strings.Repeat("a", c.n)
		if c.escaped {
			q := c.n / 3
			s = strings.Repeat(`"`, q) + strings.Repeat("a", c.n-q)
		}
		in := NewObjectOf(Member{"s", s})
		args, err := tm.Eval(in, nil)
		if err != nil {
			t.Fatal(err)
		}
		tooLarge := JSONSize(args, math.MaxInt/4) > MaxPayloadSize
		for _, through := range []string{"Call", "Task"} {
			called := false
			task := func(_ context.Context, v Value) (Value, error) {
				called = true
				return NewObject(0), nil
			}
			_, err = run(t, Definition{}, MustDecode(`{}`), func(x *Exec, _ Value) (Value, error) {
				spec := &TaskSpec{
					State: State{Name: "Task", Type: TaskState, Resource: "arn:aws:states:::lambda:invoke"},
					IO:    StateIO{Parameters: tm},
				}
				if through == "Task" {
					return x.Task(spec, task, in)
				}
				if err := x.Enter(&spec.State, in); err != nil {
					return nil, err
				}
				a, err := tm.Eval(in, x)
				if err != nil {
					return nil, err
				}
				return x.Call(task, a, 0, 0)
			})
			if called == tooLarge || (err != nil) != tooLarge {
				t.Errorf("%s, %d bytes (escaped %v, %d as JSON): called %v, error %v", through, c.n, c.escaped, JSONSize(args, math.MaxInt/4), called, err)
			}
			if tooLarge {
				if e := AsError(err); e == nil || e.Name != ErrDataLimitExceeded {
					t.Errorf("%s, %d bytes: error %v, want States.DataLimitExceeded", through, c.n, err)
				}
			}
		}
	}
}
