package aslrt

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// TestFieldKeys checks Field against Object.Get for keys that share
// their length, their first byte or their bytes with other members, held
// in the same place as the key looked up or elsewhere.
func TestFieldKeys(t *testing.T) {
	// copies of the keys' bytes, in other places than the constants
	fresh := func(s string) string { return strings.Clone(s) }
	objects := []*Object{
		nil,
		NewObject(0),
		ObjectOf(Member{"", int64(0)}, Member{"a", int64(1)}),
		ObjectOf(Member{"count", int64(1)}, Member{"limit", int64(2)}),
		ObjectOf(Member{fresh("count"), int64(1)}, Member{fresh("limit"), int64(2)}),
		ObjectOf(Member{"name", "n"}, Member{"nams", "m"}, Member{"last", int64(3)}),
		ObjectOf(Member{fresh("name"), "n"}, Member{fresh("nams"), "m"}, Member{fresh("last"), int64(3)}),
	}
	long1, long2 := "a member name of more than 16 bytes, 1", "a member name of more than 16 bytes, 2"
	objects = append(objects,
		ObjectOf(Member{long1, int64(1)}, Member{long2, int64(2)}, Member{"a member", int64(3)}),
		ObjectOf(Member{fresh(long1), int64(1)}, Member{fresh(long2), int64(2)}, Member{fresh("a member"), int64(3)}),
		ObjectOf(Member{fresh(long2), int64(2)}, Member{"a membex", int64(4)}, Member{fresh("a member"), int64(3)}),
	)
	big := NewObject(0)
	for i := range 20 {
		big.Set("k"+strconv.Itoa(i), int64(i))
	}
	objects = append(objects, big)
	counter := fresh("counter")
	keys := []string{counter[:5], counter[:3], "", "a", "b", "count", "limit", "counT", "lim", "name", "nams", "namx", "last", "k3", "k19", "k20", fresh("count"), fresh("k7"),
		long1, long2, fresh(long1), fresh(long2), "a member name of more than 16 bytes, 3", "a member", "a membex", "a membe"}
	for _, o := range objects {
		for _, k := range keys {
			want, wantOK := o.Get(k)
			got, ok := Field(o, k)
			if ok != wantOK || !Equal(got, want) {
				t.Errorf("Field(%s, %q) = %v, %v; want %v, %v", EncodeString(o), k, got, ok, want, wantOK)
			}
		}
	}
	for _, v := range []Value{nil, "count", int64(1), []Value{"count"}} {
		if got, ok := Field(v, "count"); ok || got != nil {
			t.Errorf("Field(%v, \"count\") = %v, %v; want nil, false", v, got, ok)
		}
	}
}

// TestNumberComparisons checks the comparisons of direct rules, which
// test for two integers first, against compareNumbers for integers,
// decimals, integers beyond 2^53 and values that are not numbers.
func TestNumberComparisons(t *testing.T) {
	values := []Value{int64(-3), int64(0), int64(7), int64(1) << 60, int64(1)<<60 + 1, math.MinInt64, math.MaxInt64,
		float64(-3), 0.5, float64(7), 1.5e18, math.Ldexp(1, 60), math.Inf(1), "7", nil, true, []Value{}}
	for _, v := range values {
		for _, w := range values {
			c, ok := compareNumbers(v, w)
			for _, f := range []struct {
				name string
				fn   func(Value, Value) bool
				want bool
			}{
				{"NumberEqual", NumberEqual, ok && c == 0},
				{"NumberLess", NumberLess, ok && c < 0},
				{"NumberLessEqual", NumberLessEqual, ok && c <= 0},
				{"NumberGreater", NumberGreater, ok && c > 0},
				{"NumberGreaterEqual", NumberGreaterEqual, ok && c >= 0},
			} {
				if got := f.fn(v, w); got != f.want {
					t.Errorf("%s(%#v, %#v) = %v, want %v", f.name, v, w, got, f.want)
				}
			}
		}
	}
}
