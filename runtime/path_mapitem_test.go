package aslrt

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMapItemPaths: $$.Map.Item.Index and $$.Map.Item.Value, which an
// Exec answers without building its context object, select what the
// context object holds (A14.9), in an ItemSelector and nowhere else.
func TestMapItemPaths(t *testing.T) {
	paths := []string{"$$.Map.Item.Index", "$$.Map.Item.Value", "$$['Map']['Item']['Value']", "$$.Map.Item", "$$.Map.Item.Value.id"}
	for _, text := range paths[:3] {
		if MustPath(text).item == noMapItem {
			t.Errorf("%s is not recognised as a Map item path", text)
		}
	}
	for _, text := range paths[3:] {
		if MustPath(text).item != noMapItem {
			t.Errorf("%s is taken for a Map item path", text)
		}
	}
	items := []Value{MustDecode(`{"id":7}`), "two"}
	m := NewMachine(Definition{Name: "m"})
	x, in, _ := m.Start(context.Background(), MustDecode(`{}`))
	x.Enter(&State{Name: "M", Type: MapState}, in)
	mp := x.Map(items, MapConfig{})
	type result struct {
		Value string
		OK    bool
	}
	check := func(ix *Exec, where string) {
		for _, text := range paths {
			p := MustPath(text)
			fast, fastOK := p.Lookup(nil, ix)
			// The same path evaluated on the context object itself.
			slow, slowOK := (&Path{text: p.text, root: RootInput, steps: p.steps, definite: p.definite}).Lookup(ix.ContextObject(), ix)
			if diff := cmp.Diff(result{EncodeString(slow), slowOK}, result{EncodeString(fast), fastOK}); diff != "" {
				t.Errorf("%s: Lookup(%s) (-want +got):\n%s", where, text, diff)
			}
			v, err := p.Eval(nil, ix)
			if slowOK && (err != nil || !Equal(v, slow)) {
				t.Errorf("%s: Eval(%s) = %v, %v; want %s", where, text, v, err, EncodeString(slow))
			}
			if !slowOK && err == nil {
				t.Errorf("%s: Eval(%s) = %v, want an error", where, text, v)
			}
		}
	}
	for i := range items {
		err := mp.Iteration(context.Background(), i, func(ix *Exec, item Value) (Value, error) {
			check(ix, "ItemSelector")
			if err := ix.Enter(&State{Name: "P", Type: PassState}, item); err != nil {
				return nil, err
			}
			check(ix, "state of the iteration") // no Map member any more
			ix.Exit(item)
			return item, nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := mp.Wait(nil); err != nil {
		t.Fatal(err)
	}
	check(x, "Map state")
	x.Finish(nil, nil)
}
