package aslrt

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// ownedStep is one state of the ownership tests: a JSONPath state's
// input/output processing, optionally with a task call, an Assign or a
// Parallel state around it.
type ownedStep struct {
	name string
	io   StateIO
	// task, when set, is called with the effective input; its result is
	// the state's result. Otherwise the effective input is.
	task func(in Value) Value
	// assign is evaluated on the raw input and stored after the output is
	// computed, as generated code does.
	assign *Template
	// parallel runs the state as a Parallel state of two branches that
	// output their input.
	parallel bool
	// assignInput stores the raw input in a variable through Assign, as a
	// JSONata state does, without a payload template.
	assignInput bool
	// catch is the ResultPath of a catcher for a failing OutputPath.
	catch *Path
}

func (st *ownedStep) run(t *testing.T, x *Exec, in Value) Value {
	t.Helper()
	typ := PassState
	switch {
	case st.task != nil:
		typ = TaskState
	case st.parallel:
		typ = ParallelState
	}
	if err := x.Enter(&State{Name: st.name, Type: typ}, in); err != nil {
		t.Fatal(err)
	}
	var result Value
	switch {
	case st.parallel:
		g := x.Parallel(2)
		for i := range 2 {
			if err := g.Branch(context.Background(), i, in, func(kx *Exec, v Value) (Value, error) { return v, nil }); err != nil {
				t.Fatal(err)
			}
		}
		rs, err := g.Wait(nil)
		if err != nil {
			t.Fatal(err)
		}
		result = rs
	default:
		eff, err := st.io.Input(in, x)
		if err != nil {
			t.Fatal(err)
		}
		result = eff
		if st.task != nil {
			result, err = x.Call(func(_ context.Context, v Value) (Value, error) { return st.task(v), nil }, eff, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
		}
		if st.assign != nil {
			vars, err := st.assign.Eval(in, x)
			if err != nil {
				t.Fatal(err)
			}
			defer func() {
				if err := x.Assign(vars); err != nil {
					t.Fatal(err)
				}
			}()
		}
	}
	if st.assignInput {
		if err := x.Assign(ObjectOf(Member{"raw", in})); err != nil {
			t.Fatal(err)
		}
	}
	out, err := (&StateIO{ResultPath: st.io.ResultPath, OutputPath: st.io.OutputPath}).Output(in, result, x)
	if err != nil && st.catch != nil {
		out, err = ApplyResultPath(in, ErrorOutput(AsError(err)), st.catch)
	}
	if err != nil {
		t.Fatal(err)
	}
	x.Exit(out)
	return out
}

// TestResultPathInPlace: a chain of states whose ResultPath may update a
// document the execution created in place gives the outputs that copying
// gives, and nothing that another holder kept changes afterwards: the
// execution input, a task's input, a variable, a template's reference to
// the whole input, branch inputs, the history's values.
func TestResultPathInPlace(t *testing.T) {
	rp := MustReferencePath
	var kept []Value // values a task kept, each with its JSON text then
	var keptText []string
	keep := func(v Value) Value {
		kept, keptText = append(kept, v), append(keptText, EncodeString(v))
		return MustDecode(`"done"`)
	}
	steps := []ownedStep{
		{name: "A", io: StateIO{Parameters: MustTemplate(`{"n":1}`), ResultPath: rp("$.a")}},
		{name: "B", io: StateIO{Parameters: MustTemplate(`{"n":2,"prev.$":"$.a.n"}`), ResultPath: rp("$.b")}},
		// The whole input in a template: the result holds the document.
		{name: "Whole", io: StateIO{Parameters: MustTemplate(`{"all.$":"$"}`), ResultPath: rp("$.snapshot")}},
		{name: "C", io: StateIO{Parameters: MustTemplate(`{"n":3}`), ResultPath: rp("$.c")}},
		// A Pass state without Parameters: its result is its input.
		{name: "Self", io: StateIO{ResultPath: rp("$.self")}},
		{name: "D", io: StateIO{Parameters: MustTemplate(`{"n":4}`), ResultPath: rp("$.d")}},
		// A task given the whole input keeps it.
		{name: "Keep", io: StateIO{ResultPath: rp("$.kept")}, task: keep},
		{name: "E", io: StateIO{Parameters: MustTemplate(`{"n":5}`), ResultPath: rp("$.e")}},
		// A task given a new object may not keep the document.
		{name: "Args", io: StateIO{Parameters: MustTemplate(`{"n.$":"$.e.n"}`), ResultPath: rp("$.args")}, task: keep},
		{name: "F", io: StateIO{Parameters: MustTemplate(`{"n":6}`), ResultPath: rp("$.f")}},
		// A variable holding the whole input.
		{name: "Var", io: StateIO{Parameters: MustTemplate(`{"n":7}`), ResultPath: rp("$.g")}, assign: MustTemplate(`{"v.$":"$"}`)},
		{name: "H", io: StateIO{Parameters: MustTemplate(`{"n":8}`), ResultPath: rp("$.h")}},
		// Branches read the input.
		{name: "Par", io: StateIO{ResultPath: rp("$.branches")}, parallel: true},
		{name: "I", io: StateIO{Parameters: MustTemplate(`{"n":9}`), ResultPath: rp("$.i")}},
		// A variable holding the whole input, stored without a template.
		{name: "M", io: StateIO{Parameters: MustTemplate(`{"n":13}`), ResultPath: rp("$.m")}},
		{name: "RawVar", io: StateIO{Parameters: MustTemplate(`{"n":14}`), ResultPath: rp("$.rawvar")}, assignInput: true},
		{name: "N", io: StateIO{Parameters: MustTemplate(`{"n":15}`), ResultPath: rp("$.n")}},
		// An OutputPath that fails after the ResultPath: the catcher writes
		// into the raw input as it was.
		{name: "Fails", io: StateIO{Parameters: MustTemplate(`{"n":16}`), ResultPath: rp("$.o"), OutputPath: MustPath("$.missing")}, catch: rp("$.error")},
		{name: "P", io: StateIO{Parameters: MustTemplate(`{"n":17}`), ResultPath: rp("$.p")}},
		// An OutputPath after the ResultPath.
		{name: "Out", io: StateIO{Parameters: MustTemplate(`{"n":10}`), ResultPath: rp("$.j"), OutputPath: MustPath("$")}},
		{name: "K", io: StateIO{Parameters: MustTemplate(`{"n":11}`), ResultPath: rp("$.a.deep")}},
		{name: "L", io: StateIO{Parameters: MustTemplate(`{"n":12}`), ResultPath: rp("$.a")}},
	}
	// want: the same chain with every ResultPath copying.
	want := func() []string {
		var outs []string
		v := MustDecode(`{"input":true}`)
		vars := map[string]Value{}
		for _, st := range steps {
			var result Value = v
			if st.io.Parameters != nil {
				r, err := st.io.Parameters.Eval(v, nil)
				if err != nil {
					t.Fatal(err)
				}
				result = r
			}
			switch {
			case st.parallel:
				result = []Value{v, v}
			case st.task != nil:
				result = MustDecode(`"done"`)
			}
			if st.assign != nil {
				a, _ := st.assign.Eval(v, nil)
				vars["v"], _ = a.(*Object).Get("v")
			}
			out, err := SetPath(v, st.io.ResultPath, result)
			if err != nil {
				t.Fatal(err)
			}
			if st.catch != nil {
				_, perr := MustPath("$.missing").Eval(out, nil)
				out, err = SetPath(v, st.catch, ErrorOutput(AsError(perr)))
				if err != nil {
					t.Fatal(err)
				}
			}
			v = out
			outs = append(outs, EncodeString(v))
		}
		return outs
	}()
	for _, hook := range []bool{false, true} {
		kept, keptText = nil, nil
		var opts []Option
		var events []Event
		var eventText []string
		if hook {
			opts = append(opts, WithHistory(func(ev Event) {
				if ev.Output != nil {
					events, eventText = append(events, ev), append(eventText, EncodeString(ev.Output))
				}
			}))
		}
		input := MustDecode(`{"input":true}`)
		m := NewMachine(Definition{Name: "m"}, opts...)
		x, in, err := m.Start(context.Background(), input)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		var outs []Value
		v := in
		for i := range steps {
			v = steps[i].run(t, x, v)
			outs = append(outs, v)
			got = append(got, EncodeString(v))
		}
		x.Finish(v, nil)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("hook %v: outputs (-want +got):\n%s", hook, diff)
		}
		if s := EncodeString(input); s != `{"input":true}` {
			t.Errorf("hook %v: the execution input changed: %s", hook, s)
		}
		for i, k := range kept {
			if s := EncodeString(k); s != keptText[i] {
				t.Errorf("hook %v: task input %d changed from %s to %s", hook, i, keptText[i], s)
			}
		}
		if vv, ok := x.Variable("v"); !ok || EncodeString(vv) != want[9] {
			t.Errorf("hook %v: the variable changed: %s, want %s", hook, EncodeString(vv), want[9])
		}
		if vv, ok := x.Variable("raw"); !ok || EncodeString(vv) != want[14] {
			t.Errorf("hook %v: the variable raw changed: %s, want %s", hook, EncodeString(vv), want[14])
		}
		// The snapshot and Self outputs, as later states saw them, are
		// still what they were.
		for i := range outs {
			if i >= len(outs)-1 {
				break
			}
			if _, held := map[string]bool{"Whole": true, "Self": true, "Keep": true, "Var": true, "Par": true, "RawVar": true}[steps[i+1].name]; held {
				if s := EncodeString(outs[i]); s != want[i] {
					t.Errorf("hook %v: output of %s, which %s holds, changed:\n%s\nwant %s", hook, steps[i].name, steps[i+1].name, s, want[i])
				}
			}
		}
		// B updated the document A created in place, unless a hook keeps
		// the values.
		if same := outs[0].(*Object) == outs[1].(*Object); same == hook {
			t.Errorf("hook %v: B updated A's output in place: %v", hook, same)
		}
		// So did the task state given an object built for it.
		if same := outs[7].(*Object) == outs[8].(*Object); same == hook {
			t.Errorf("hook %v: Args updated E's output in place: %v", hook, same)
		}
		for i, ev := range events {
			if s := EncodeString(ev.Output); s != eventText[i] {
				t.Errorf("event %d output changed from %s to %s", i, eventText[i], s)
			}
		}
	}
}

// TestReadsWhole: which paths and templates can hand out the whole input.
func TestReadsWhole(t *testing.T) {
	for _, c := range []struct {
		text  string
		whole bool
	}{
		{`{"a.$":"$"}`, true},
		{`{"a.$":"$.b"}`, false},
		{`{"a.$":"$.b[0].c"}`, false},
		{`{"a.$":"$..b"}`, true},
		{`{"a.$":"$.*"}`, true},
		{`{"a.$":"$[?(@.x)]"}`, true},
		{`{"a.$":"$$.Execution.Input"}`, false},
		{`{"a.$":"$v"}`, false},
		{`{"a.$":"States.Array($.b, $)"}`, true},
		{`{"a.$":"States.Array($.b, States.JsonToString($))"}`, true},
		{`{"a.$":"States.Format('{}', $.b)"}`, false},
		{`{"a":{"b":[1,{"c.$":"$"}]}}`, true},
		{`{"a":[1,2],"b.$":"$.x"}`, false},
		{`{"a":1}`, false},
	} {
		if got := MustTemplate(c.text).whole; got != c.whole {
			t.Errorf("%s: whole = %v, want %v", c.text, got, c.whole)
		}
	}
}
