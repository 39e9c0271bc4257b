package aslrt

import (
	"context"
	"math"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/sync/errgroup"
)

// mapDefinition is the Map state of a recorded machine: an optional first
// Pass state (Result, Assign) and a Map whose processor is one Pass state.
type mapDefinition struct {
	pass                         *Object
	name                         string
	st                           *Object
	itemsPath, maxConcPath       *Path
	tolCountPath, tolPercentPath *Path
}

func optPath(st *Object, field string) *Path {
	if v, ok := st.Get(field); ok {
		return MustReferencePath(v.(string))
	}
	return nil
}

// runMapCase runs a recorded machine of that shape with the execution API
// and returns what Run would.
func runMapCase(t *testing.T, dir string) (Value, error) {
	def := execReadJSON(t, filepath.Join(dir, "definition.json")).(*Object)
	states := jget(def, "States").(*Object)
	var md mapDefinition
	for _, m := range states.Members() {
		st := m.Value.(*Object)
		switch jget(st, "Type") {
		case "Pass":
			if md.st == nil {
				md.pass = st
			}
		case "Map":
			md.name, md.st = m.Key, st
		}
	}
	md.itemsPath = optPath(md.st, "ItemsPath")
	md.maxConcPath = optPath(md.st, "MaxConcurrencyPath")
	md.tolCountPath = optPath(md.st, "ToleratedFailureCountPath")
	md.tolPercentPath = optPath(md.st, "ToleratedFailurePercentagePath")
	in := execReadJSON(t, filepath.Join(dir, "input.json"))
	return run(t, Definition{}, in, func(x *Exec, in Value) (Value, error) {
		if md.pass != nil {
			if err := x.Enter(&State{Name: "Start", Type: PassState}, in); err != nil {
				return nil, err
			}
			if r, ok := md.pass.Get("Result"); ok {
				in = r
			}
			if a, ok := md.pass.Get("Assign"); ok {
				x.Assign(a)
			}
			x.Exit(in)
		}
		if err := x.Enter(&State{Name: md.name, Type: MapState}, in); err != nil {
			return nil, err
		}
		items, err := x.MapItems(md.itemsPath, in)
		if err != nil {
			return nil, err
		}
		var cfg MapConfig
		if md.maxConcPath != nil {
			if cfg.MaxConcurrency, err = x.MaxConcurrencyPath(md.maxConcPath, in); err != nil {
				return nil, err
			}
		}
		if md.tolCountPath != nil {
			if cfg.ToleratedFailureCount, err = x.ToleratedFailureCountPath(md.tolCountPath, in); err != nil {
				return nil, err
			}
			cfg.ToleratedFailureCountSet = true
		}
		if md.tolPercentPath != nil {
			if cfg.ToleratedFailurePercentage, err = x.ToleratedFailurePercentagePath(md.tolPercentPath, in); err != nil {
				return nil, err
			}
			cfg.ToleratedPercentageSet = true
		}
		mp := x.Map(items, cfg)
		g, ctx := errgroup.WithContext(x.Context())
		g.SetLimit(mp.Limit())
		for i := range items {
			g.Go(func() error {
				return mp.Iteration(ctx, i, func(ix *Exec, item Value) (Value, error) { return pass(ix, "HandleItem", item) })
			})
		}
		res, err := mp.Wait(g.Wait())
		if err != nil {
			return nil, err
		}
		x.Exit(res)
		return res, nil
	})
}

// TestMapPathsCorpus: MaxConcurrencyPath and ToleratedFailure*Path read
// integers and numbers, also from strings and variables, and fail with
// AWS's causes (A13.12, A13.14, A13.15).
func TestMapPathsCorpus(t *testing.T) {
	corpus := execCorpusDir(t)
	for _, id := range []string{
		"max-concurrency-path--0", "max-concurrency-path--1", "max-concurrency-path--max-concurrency-value0",
		"max-concurrency-path--nonumber", "map-state-reference-in-max-concurrency-path--reference-in-map-state",
		"map-state-reference-in-tolerated-failure-path--reference-in-map-state",
	} {
		t.Run(id, func(t *testing.T) {
			out, err := runMapCase(t, filepath.Join(corpus, "cases", id))
			want := execReadJSON(t, filepath.Join(corpus, "cases", id, "expected.json")).(*Object)
			if jget(want, "status") == "SUCCEEDED" {
				if w, _ := want.Get("output"); err != nil || !Equal(w, out) {
					t.Errorf("got %s, %v; want %s", EncodeString(out), err, EncodeString(w))
				}
				return
			}
			if diff := cmp.Diff(corpusFailure(t, id), AsError(err)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestMapPaths(t *testing.T) {
	in := MustDecode(`{"neg":-1,"big":3000000000,"f":1.5,"s":"12","pct":"1.1","hi":101,"str":"x","list":[1],"obj":{"a":[]}}`)
	p := MustReferencePath
	cases := []struct {
		name string
		fn   func(x *Exec) (any, error)
		want any
		err  string
	}{
		{"MaxConcurrency string", func(x *Exec) (any, error) { return x.MaxConcurrencyPath(p("$.s"), in) }, 12, ""},
		{"A13.12 float", func(x *Exec) (any, error) { return x.MaxConcurrencyPath(p("$.f"), in) }, 0,
			`The MaxConcurrencyPath field refers to value "1.5" which is not a valid integer: $.f`},
		{"A13.12 beyond int", func(x *Exec) (any, error) { return x.MaxConcurrencyPath(p("$.big"), in) }, 0,
			`The MaxConcurrencyPath field refers to value "3000000000" which is not a valid integer: $.big`},
		{"A13.13 negative", func(x *Exec) (any, error) { return x.MaxConcurrencyPath(p("$.neg"), in) }, 0, "MaxConcurrency cannot be negative."},
		{"missing", func(x *Exec) (any, error) { return x.MaxConcurrencyPath(p("$.none"), in) }, 0,
			"Invalid path '$.none' : No results for path: $['none']"},
		{"A13.14 count", func(x *Exec) (any, error) { return x.ToleratedFailureCountPath(p("$.s"), in) }, int64(12), ""},
		{"A13.14 count negative", func(x *Exec) (any, error) { return x.ToleratedFailureCountPath(p("$.neg"), in) }, int64(0),
			"ToleratedFailureCount cannot be negative."},
		{"A13.14 count array", func(x *Exec) (any, error) { return x.ToleratedFailureCountPath(p("$.list"), in) }, int64(0),
			`The ToleratedFailureCountPath field refers to value "[1]" which is not a valid integer: $.list`},
		{"A13.15 percentage fraction", func(x *Exec) (any, error) { return x.ToleratedFailurePercentagePath(p("$.pct"), in) }, 1.1, ""},
		{"A13.15 percentage number", func(x *Exec) (any, error) { return x.ToleratedFailurePercentagePath(p("$.f"), in) }, 1.5, ""},
		{"A13.15 percentage above 100", func(x *Exec) (any, error) { return x.ToleratedFailurePercentagePath(p("$.hi"), in) }, 0.0,
			"ToleratedFailurePercentage must be between 0 and 100."},
		{"A13.15 percentage string", func(x *Exec) (any, error) { return x.ToleratedFailurePercentagePath(p("$.str"), in) }, 0.0,
			`The ToleratedFailurePercentagePath field refers to value "x" which is not a valid float: $.str`},
		{"A13.6 items not an array", func(x *Exec) (any, error) { return x.MapItems(p("$.obj"), in) }, []Value(nil),
			`Reference path "$.obj" must point to array.`},
		{"A13.6 items from the context object", func(x *Exec) (any, error) { return x.MapItems(p("$$.Execution.Input"), in) }, []Value(nil),
			`Reference path "$.Execution.Input" must point to array.`},
		{"items", func(x *Exec) (any, error) { return x.MapItems(p("$.obj.a"), in) }, []Value{}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := NewMachine(Definition{Name: "m"})
			x, _, _ := m.Start(t.Context(), in)
			defer x.Finish(nil, nil)
			x.Enter(&State{Name: "M", Type: MapState}, in)
			got, err := c.fn(x)
			if c.err != "" {
				if diff := cmp.Diff(NewError(ErrRuntime, c.err), AsError(err)); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestMapItemsJSONataCorpus: Items that is not an array fails with
// States.QueryEvaluationError naming the Map state's entered event (A13.7).
func TestMapItemsJSONataCorpus(t *testing.T) {
	for _, kind := range []string{"boolean", "null", "number", "object", "string"} {
		id := "map-state-items-variable--map-state-items-variable-sampling--" + kind
		t.Run(id, func(t *testing.T) {
			def := execReadJSON(t, filepath.Join(execCorpusDir(t), "cases", id, "definition.json"))
			assigned := jget(def, "States", "Start", "Assign", "ItemsVar")
			_, err := run(t, Definition{}, MustDecode(`{}`), func(x *Exec, in Value) (Value, error) {
				in, _ = pass(x, "Start", in)
				if err := x.Enter(&State{Name: "MapIterateState", Type: MapState}, in); err != nil {
					return nil, err
				}
				_, err := MapItemsValue(assigned, "$ItemsVar")
				return nil, err
			})
			if diff := cmp.Diff(corpusFailure(t, id), AsError(err)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if _, err := MapInputItems(MustDecode(`{"a":1}`)); AsError(err).Cause != `Map state input must be an array but was: {"a":1}` {
		t.Errorf("MapInputItems: %v", err)
	}
}

func TestTolerance(t *testing.T) {
	cases := []struct {
		tol    tolerance
		failed int64
		total  int
		want   bool
	}{
		{tolerance{count: 1, hasCount: true}, 1, 10, true},
		{tolerance{count: 1, hasCount: true}, 2, 10, false},
		{tolerance{pct: 20, hasPercent: true}, 2, 10, true},
		{tolerance{pct: 20, hasPercent: true}, 3, 10, false},
		{tolerance{pct: 1.1, hasPercent: true}, 1, 100, true},
		{tolerance{pct: 1.1, hasPercent: true}, 2, 100, false},
		{tolerance{count: 5, hasCount: true, pct: 10, hasPercent: true}, 2, 10, false},
	}
	for _, c := range cases {
		if got := c.tol.allows(c.failed, c.total); got != c.want {
			t.Errorf("%+v allows(%d of %d) = %v, want %v", c.tol, c.failed, c.total, got, c.want)
		}
	}
}

func TestBatches(t *testing.T) {
	items := []Value{int64(1), int64(22), int64(333), "four", int64(5)}
	cases := []struct {
		name string
		b    ItemBatcher
		want string
	}{
		{"A13.19 by count", ItemBatcher{MaxItemsPerBatch: 2},
			`[{"Items":[1,22]},{"Items":[333,"four"]},{"Items":[5]}]`},
		{"A13.19 with BatchInput", ItemBatcher{MaxItemsPerBatch: 4, BatchInput: MustDecode(`{"k":"v"}`)},
			`[{"BatchInput":{"k":"v"},"Items":[1,22,333,"four"]},{"BatchInput":{"k":"v"},"Items":[5]}]`},
		// {"Items":[1,22,333]} is 20 bytes; adding ,"four" makes 27.
		{"A13.19 by bytes", ItemBatcher{MaxInputBytesPerBatch: 20},
			`[{"Items":[1,22,333]},{"Items":["four",5]}]`},
		{"A13.19 by bytes, one less", ItemBatcher{MaxInputBytesPerBatch: 19},
			`[{"Items":[1,22]},{"Items":[333]},{"Items":["four"]},{"Items":[5]}]`},
		{"item larger than a batch", ItemBatcher{MaxInputBytesPerBatch: 5},
			`[{"Items":[1]},{"Items":[22]},{"Items":[333]},{"Items":["four"]},{"Items":[5]}]`},
	}
	for _, c := range cases {
		got := c.b.Batches(items)
		if s := EncodeString(got); s != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, s, c.want)
		}
		for _, batch := range got {
			if n := JSONSize(batch, math.MaxInt); c.b.MaxInputBytesPerBatch >= 19 && n > c.b.MaxInputBytesPerBatch {
				t.Errorf("%s: batch of %d bytes", c.name, n)
			}
		}
	}
	if got := EncodeString((&ItemBatcher{MaxItemsPerBatch: 2}).Batches(nil)); got != "[]" {
		t.Errorf("no items: %s", got)
	}
}

// TestToleratedFailures: tolerated failures leave their error output in
// the result, causes with their prefix; States.Runtime is not tolerated.
func TestToleratedFailures(t *testing.T) {
	body := func(fail error) func(x *Exec, in Value) (Value, error) {
		return func(x *Exec, in Value) (Value, error) {
			x.Enter(&State{Name: "M", Type: MapState}, in)
			items := []Value{int64(0), int64(1), int64(2)}
			mp := x.Map(items, MapConfig{ToleratedFailureCount: 1, ToleratedFailureCountSet: true})
			g, ctx := errgroup.WithContext(x.Context())
			g.SetLimit(mp.Limit())
			for i := range items {
				g.Go(func() error {
					return mp.Iteration(ctx, i, func(ix *Exec, item Value) (Value, error) {
						if i == 1 {
							return failWith(ix, "Bad", PassState, item, fail)
						}
						return pass(ix, "Ok", item)
					})
				})
			}
			return mp.Wait(g.Wait())
		}
	}
	out, err := run(t, Definition{}, MustDecode(`{}`), body(NewError(ErrQueryEvaluationError, "undefined")))
	// Bad is entered at #9, after ExecutionStarted, MapStateEntered,
	// MapStateStarted, item 0
	// (4 events), MapIterationStarted 1.
	want := `[0,{"Error":"States.QueryEvaluationError","Cause":"An error occurred while executing the state 'Bad' (entered at the event id #9). undefined"},2]`
	if err != nil || EncodeString(out) != want {
		t.Errorf("got %s, %v; want %s", EncodeString(out), err, want)
	}
	_, err = run(t, Definition{}, MustDecode(`{}`), body(NewError(ErrRuntime, "boom")))
	if e := AsError(err); e == nil || e.Name != ErrRuntime {
		t.Errorf("States.Runtime in a tolerant Map: %v", err)
	}
}

func TestMapLimit(t *testing.T) {
	for _, c := range []struct {
		cfg  MapConfig
		want int
	}{
		{MapConfig{}, 40}, {MapConfig{MaxConcurrency: 1}, 1}, {MapConfig{MaxConcurrency: 100}, 40},
		{MapConfig{Distributed: true}, 10000}, {MapConfig{Distributed: true, MaxConcurrency: 500}, 500},
	} {
		m := NewMachine(Definition{Name: "m"})
		x, _, _ := m.Start(context.Background(), nil)
		x.Enter(&State{Name: "M", Type: MapState}, nil)
		if got := x.Map(nil, c.cfg).Limit(); got != c.want {
			t.Errorf("%+v: Limit = %d, want %d (A13.11, A19.6)", c.cfg, got, c.want)
		}
		x.Finish(nil, nil)
	}
}
