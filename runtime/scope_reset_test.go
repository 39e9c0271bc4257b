package aslrt

import (
	"context"
	"reflect"
	"testing"
)

// TestScopeReset: a Map worker's scope, reset for its next iteration, is
// the scope a fresh Exec literal would be, whatever the last iteration
// left in it.
func TestScopeReset(t *testing.T) {
	e := &execution{}
	x := &Exec{e: e, seg: &segment{}, st: &State{Name: "Fan"}, stSeg: &segment{}, stIdx: 7, entered: 99, retries: 2, enteredText: "2024-05-01T12:00:00Z"}
	kid := &segment{}
	var sz sizes
	k, _ := keyOf(NewObject(0))
	sz.slot[1] = sized{k: k, n: 12}
	sz.cur = 1

	arrayKey, _ := keyOf([]Value{nil})
	dirty := &Exec{
		ctx: context.TODO(), e: &execution{}, parent: &Exec{}, vars: NewObject(0), seg: &segment{},
		st: &State{Name: "Label"}, stSeg: &segment{}, stIdx: 3, entered: 4, enteredText: "x", retries: 5,
		ctxObj: NewObject(0), ownItem: mapItem{index: 3, value: "v"}, owned: NewObject(0), cleanArgs: NewObject(0),
		token: "t", assigned: NewObject(0), open: true, calm: true, plain: plainAll, fresh: true, lastErr: &Error{Name: "E"}, lastFail: &failure{},
		sizes: sizes{slot: [2]sized{{k: arrayKey, n: 5}, {n: 6}}},
		tc:    &taskContext{Context: context.TODO()},
	}
	dirty.tl = &dirty.ownTL
	dirty.ownTL.now.Store(42)
	dirty.item = &dirty.ownItem

	ctx := context.Background()
	for _, kx := range []*Exec{new(Exec), dirty} {
		kx.reset(ctx, x, kid, x, &sz, false)
		want := &Exec{ctx: ctx, e: x.e, seg: kid, parent: x, sizes: sz,
			st: x.st, stSeg: x.stSeg, stIdx: x.stIdx, entered: x.entered,
			retries: x.retries, enteredText: x.enteredText}
		// the task context is made again at the scope's first call
		if !reflect.DeepEqual(kx, want) {
			t.Errorf("after reset:\n%+v\nwant\n%+v", kx, want)
		}
	}
	// the next item of the same Map worker keeps its task context
	tc := &taskContext{Context: context.TODO()}
	kept := &Exec{tc: tc}
	kept.reset(ctx, x, kid, x, &sz, true)
	if kept.tc != tc {
		t.Error("reset for the worker's next item dropped its task context")
	}
	// reset names every field; a new one must be added there.
	if n := reflect.TypeFor[Exec]().NumField(); n != 31 {
		t.Errorf("Exec has %d fields, reset knows 31: handle the new ones in reset and here", n)
	}
}
