package jsonata

import (
	"slices"
	"strconv"

	aslrt "github.com/aslc/aslc/runtime"
)

// JavaScript objects list the keys that are array indexes ("0", "1", ...
// up to 2^32-2, written without leading zeros) first, in ascending order,
// and the other keys in the order they were added. Objects that jsonata-js
// builds (object constructors and grouping, $merge, $sift, $clone and the
// copies a transform makes) come out in that order, so the objects built
// here are put in it too. Objects of the input keep the order they have.

func isArrayIndex(k string) bool {
	if k == "" || len(k) > 10 || (len(k) > 1 && k[0] == '0') {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < '0' || k[i] > '9' {
			return false
		}
	}
	n, err := strconv.ParseUint(k, 10, 64)
	return err == nil && n < 1<<32-1
}

// jsOrder puts the members of o in JavaScript property order, in place.
func jsOrder(o *aslrt.Object) {
	members := o.Members()
	var idx []int
	for i, m := range members {
		if isArrayIndex(m.Key) {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return
	}
	order := make([]string, 0, len(members))
	for _, i := range idx {
		order = append(order, members[i].Key)
	}
	slices.SortStableFunc(order, func(a, b string) int {
		x, _ := strconv.ParseUint(a, 10, 64)
		y, _ := strconv.ParseUint(b, 10, 64)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	})
	for _, m := range members {
		if !isArrayIndex(m.Key) {
			order = append(order, m.Key)
		}
	}
	same := true
	for i, k := range order {
		if members[i].Key != k {
			same = false
			break
		}
	}
	if same {
		return
	}
	ordered := aslrt.NewObject(len(order))
	for _, k := range order {
		v, _ := o.Get(k)
		ordered.Set(k, v)
	}
	*o = *ordered
}

// jsOrderDeep puts every object in v in JavaScript property order, in
// place, as JSON.parse would have built them.
func jsOrderDeep(v Value, depth int) {
	if depth > maxValueDepth {
		return
	}
	switch x := v.(type) {
	case *aslrt.Object:
		jsOrder(x)
		for _, m := range x.Members() {
			jsOrderDeep(m.Value, depth+1)
		}
	case []Value:
		for _, it := range x {
			jsOrderDeep(it, depth+1)
		}
	}
}
