package aslrt

import (
	"context"
	"testing"
	"time"
)

// TestEnterPlain: a state entered in a plain scope (Exec.plain), which
// Enter enters without clearing anything, finds nothing its last state
// left: whatever sets a field Enter clears also clears plain.
func TestEnterPlain(t *testing.T) {
	pass := &State{Name: "P", Type: PassState}
	task := &State{Name: "T", Type: TaskState, Resource: "arn:aws:lambda:us-east-1:111111111111:function:f"}
	callback := &State{Name: "CB", Type: TaskState, Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken"}
	clear := func(x *Exec) bool {
		return x.cleanArgs == nil && x.ctxObj == nil && x.item == nil && x.token == "" && x.assigned == nil && x.enteredText == ""
	}
	for _, c := range []struct {
		name string
		opts []Option
		ctx  context.Context
		// do runs in the first state, entered with in
		first *State
		do    func(x *Exec, in Value)
		plain uint8 // Exec.plain once the second state is entered
	}{
		{"nothing", nil, context.Background(), pass, func(*Exec, Value) {}, plainAll},
		{"context object", nil, context.Background(), pass, func(x *Exec, _ Value) { x.ContextObject() }, plainAll},
		{"owned task input", nil, context.Background(), task, func(x *Exec, in Value) {
			x.owned = in.(*Object)
			x.noteOwner(MustTemplate(`{"a.$":"$.a"}`), in, NewObject(0))
		}, plainAll},
		{"task token", nil, context.Background(), callback, func(*Exec, Value) {}, plainAll},
		{"variables with a hook", []Option{WithHistory(func(Event) {})}, context.Background(), pass, func(x *Exec, _ Value) {
			if err := x.Assign(MustDecode(`{"v":1}`)); err != nil {
				t.Fatal(err)
			}
		}, 0},
		{"virtual time", []Option{WithVirtualTime(time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC))}, context.Background(), pass, func(x *Exec, _ Value) { x.ContextObject() }, plainCounted},
		{"a context that can be done", nil, t.Context(), pass, func(x *Exec, _ Value) { x.ContextObject() }, 0},
	} {
		x, in, err := NewMachine(Definition{Name: "m"}, c.opts...).Start(c.ctx, MustDecode(`{"a":1}`))
		if err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if err := x.Enter(c.first, in); err != nil {
				t.Fatal(err)
			}
			c.do(x, in)
			if x.plain != 0 && !clear(x) {
				t.Errorf("%s: the first state left the scope plain with fields to clear", c.name)
			}
			x.Exit(in)
			if err := x.Enter(pass, in); err != nil {
				t.Fatal(err)
			}
			if !clear(x) {
				t.Errorf("%s: the second state was entered with the fields of the first", c.name)
			}
			if x.plain != c.plain {
				t.Errorf("%s: plain = %b, want %b", c.name, x.plain, c.plain)
			}
			x.Exit(in)
		}
	}
}

// TestEnterFresh: the first state of a Map iteration that Work started
// (Exec.fresh, EXPRESS only) is entered as any other: with the fields of
// the ItemSelector's evaluation cleared, the state open in the
// iteration's segment, and the same events counted as in a STANDARD
// machine, where the general Enter runs.
func TestEnterFresh(t *testing.T) {
	label := &State{Name: "Label", Type: PassState}
	sel := MustTemplate(`{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value","id.$":"$$.Execution.Id"}`)
	counts := map[bool]int64{}
	for _, express := range []bool{true, false} {
		var quick bool
		_, err := run(t, Definition{Express: express}, MustDecode(`{"items":[1,2,3,4,5]}`), func(x *Exec, in Value) (Value, error) {
			if err := x.Enter(&State{Name: "Fan", Type: MapState}, in); err != nil {
				return nil, err
			}
			items, err := x.MapItems(MustReferencePath("$.items"), in)
			if err != nil {
				return nil, err
			}
			mp := x.Map(items, MapConfig{MaxConcurrency: 2})
			quick = mp.quick
			err = workAll(x.Context(), mp, func(ix *Exec, _ Value) (Value, error) {
				if ix.fresh != express {
					t.Errorf("express %v: iteration scope fresh = %v", express, ix.fresh)
				}
				v, err := sel.Eval(in, ix)
				if err != nil {
					return nil, err
				}
				if err := ix.Enter(label, v); err != nil {
					return nil, err
				}
				if ix.cleanArgs != nil || ix.ctxObj != nil || ix.item != nil || ix.token != "" || ix.assigned != nil || ix.enteredText != "" {
					t.Errorf("express %v: the first state was entered with the ItemSelector's fields", express)
				}
				if ix.fresh || ix.st != label || !ix.open || ix.stSeg != ix.seg || ix.stIdx != ix.seg.n-1 {
					t.Errorf("express %v: entered as %+v", express, ix)
				}
				if _, ok := MapItemIndex(ix); ok {
					t.Errorf("express %v: the item is visible in the first state", express)
				}
				ix.Exit(v)
				return v, nil
			})
			out, err := mp.Wait(err)
			x.Exit(out)
			counts[express] = x.seg.events()
			return out, err
		})
		if err != nil {
			t.Fatal(err)
		}
		if quick != express {
			t.Errorf("express %v: the group is quick = %v", express, quick)
		}
	}
	if counts[true] != counts[false] {
		t.Errorf("events counted: %d in EXPRESS, %d in STANDARD", counts[true], counts[false])
	}
}
