package aslrt

import "testing"

// TestObjectN: ObjectN builds the object NewObjectOf builds from the same
// members, in their order, and the result is an ordinary object that Set
// can grow.
func TestObjectN(t *testing.T) {
	k := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	v := []Value{int64(1), "two", 3.5, true, nil, []Value{int64(6)}, NewObject(0), "eight"}
	built := []*Object{
		Object1(k[0], v[0]),
		Object2(k[0], v[0], k[1], v[1]),
		Object3(k[0], v[0], k[1], v[1], k[2], v[2]),
		Object4(k[0], v[0], k[1], v[1], k[2], v[2], k[3], v[3]),
		Object5(k[0], v[0], k[1], v[1], k[2], v[2], k[3], v[3], k[4], v[4]),
		Object6(k[0], v[0], k[1], v[1], k[2], v[2], k[3], v[3], k[4], v[4], k[5], v[5]),
		Object7(k[0], v[0], k[1], v[1], k[2], v[2], k[3], v[3], k[4], v[4], k[5], v[5], k[6], v[6]),
		Object8(k[0], v[0], k[1], v[1], k[2], v[2], k[3], v[3], k[4], v[4], k[5], v[5], k[6], v[6], k[7], v[7]),
	}
	for i, o := range built {
		members := make([]Member, i+1)
		for j := range members {
			members[j] = Member{k[j], v[j]}
		}
		want := EncodeString(NewObjectOf(members...))
		if got := EncodeString(o); got != want {
			t.Errorf("Object%d = %s, want %s", i+1, got, want)
		}
		o.Set("z", int64(0))
		o.Set("a", "changed")
		if got, _ := o.Get("z"); got != int64(0) || o.Len() != i+2 {
			t.Errorf("Object%d after Set: %s", i+1, EncodeString(o))
		}
		if got, _ := o.Get("a"); got != "changed" {
			t.Errorf("Object%d after Set a: %s", i+1, EncodeString(o))
		}
	}
}
