package aslrt

import (
	"fmt"
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestObjectOrderAndIndex(t *testing.T) {
	for _, n := range []int{0, 1, indexAbove, indexAbove + 1, 50} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			o := NewObject(0)
			for i := n - 1; i >= 0; i-- {
				o.Set("k"+strconv.Itoa(i), int64(i))
			}
			require.Equal(t, n, o.Len())
			for i := 0; i < n; i++ {
				v, ok := o.Get("k" + strconv.Itoa(i))
				require.True(t, ok)
				require.Equal(t, int64(i), v)
			}
			_, ok := o.Get("missing")
			assert.False(t, ok)
			// Keys come out in insertion order (descending here).
			for i, k := range o.Keys() {
				assert.Equal(t, "k"+strconv.Itoa(n-1-i), k)
			}
			// Replacing keeps the position.
			if n > 1 {
				o.Set("k0", "replaced")
				assert.Equal(t, Member{"k0", "replaced"}, o.Members()[n-1])
				assert.Equal(t, n, o.Len())
			}
			// Deleting keeps the rest in order and the index consistent.
			if n > 2 {
				require.True(t, o.Delete("k1"))
				assert.False(t, o.Has("k1"))
				assert.Equal(t, n-1, o.Len())
				v, ok := o.Get("k0")
				assert.True(t, ok)
				assert.Equal(t, "replaced", v)
				assert.False(t, o.Delete("k1"))
			}
		})
	}
}

func TestNilObjectReadsEmpty(t *testing.T) {
	var o *Object
	assert.Equal(t, 0, o.Len())
	_, ok := o.Get("a")
	assert.False(t, ok)
	assert.Empty(t, o.Keys())
	assert.False(t, o.Delete("a"))
	c := o.Clone()
	c.Set("a", int64(1))
	assert.Equal(t, 1, c.Len())
}

func TestCloneIsShallowAndIndependent(t *testing.T) {
	inner := ObjectOf(Member{"x", int64(1)})
	o := NewObject(0)
	for i := range 12 {
		o.Set(fmt.Sprint("k", i), inner)
	}
	c := o.Clone()
	c.Set("new", true)
	c.Set("k3", "changed")
	assert.False(t, o.Has("new"))
	v, _ := o.Get("k3")
	assert.Same(t, inner, v)
	v, _ = c.Get("k4")
	assert.Same(t, inner, v, "values are shared")
}

func TestEqual(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{`1`, `1.0`, true},
		{`0`, `-0.0`, true},
		{`1`, `1.1`, false},
		{`1`, `true`, false},
		{`"1"`, `1`, false},
		{`null`, `null`, true},
		{`null`, `false`, false},
		{`[1,[2]]`, `[1.0,[2]]`, true},
		{`[1,2]`, `[2,1]`, false},
		{`{"a":1,"b":2}`, `{"b":2,"a":1}`, true},
		{`{"a":1}`, `{"a":1,"b":2}`, false},
		{`{"a":null}`, `{"b":null}`, false},
		{`9007199254740993`, `9007199254740992.0`, false},
	}
	for _, tt := range tests {
		t.Run(tt.a+" vs "+tt.b, func(t *testing.T) {
			a, b := MustDecode(tt.a), MustDecode(tt.b)
			assert.Equal(t, tt.want, Equal(a, b))
			assert.Equal(t, tt.want, Equal(b, a))
		})
	}
	assert.False(t, Equal(int64(math.MaxInt64), float64(1<<63)))
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		in   Value
		want string
	}{
		{int64(-42), "-42"},
		{1.0, "1.0"},
		{1.1, "1.1"},
		{100.0, "100.0"},
		{1234567.0, "1234567.0"},
		{1e7, "1.0E7"},
		{12345678.9, "1.23456789E7"},
		{0.001, "0.001"},
		{0.0001, "1.0E-4"},
		{-1.5e-10, "-1.5E-10"},
		{1e21, "1.0E21"},
		{sum(0.1, 0.2), "0.30000000000000004"},
		{math.MaxFloat64, "1.7976931348623157E308"},
		{5e-324, "4.9E-324"},
		{"x", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, FormatNumber(tt.in), "%v", tt.in)
	}
}

func TestNumberHelpers(t *testing.T) {
	i, ok := Int(3.0)
	assert.True(t, ok)
	assert.Equal(t, int64(3), i)
	_, ok = Int(3.5)
	assert.False(t, ok)
	_, ok = Int("3")
	assert.False(t, ok)
	_, ok = Int(1e300)
	assert.False(t, ok)
	assert.Equal(t, int64(2), NumberValue(2.0))
	assert.Equal(t, 2.5, NumberValue(2.5))
	assert.Equal(t, 1e300, NumberValue(1e300))
	assert.True(t, math.Signbit(NumberValue(math.Copysign(0, -1)).(float64)))
	assert.Equal(t, "number", TypeName(int64(1)))
	assert.Equal(t, "object", TypeName(NewObject(0)))
	assert.Equal(t, "unknown", TypeName(struct{}{}))
}

func TestFromGoAndBack(t *testing.T) {
	type item struct {
		SKU string `json:"sku"`
		Qty int    `json:"qty"`
	}
	type order struct {
		ID    string `json:"id"`
		Items []item `json:"items"`
	}
	v, err := FromGo(order{ID: "o-1", Items: []item{{"A", 2}}})
	require.NoError(t, err)
	assert.Equal(t, `{"id":"o-1","items":[{"sku":"A","qty":2}]}`, EncodeString(v))

	back, err := As[order](v)
	require.NoError(t, err)
	assert.Equal(t, order{ID: "o-1", Items: []item{{"A", 2}}}, back)

	m, err := FromGo(map[string]any{"b": 1, "a": []any{uint8(2), float32(0.5)}})
	require.NoError(t, err)
	assert.Equal(t, `{"a":[2,0.5],"b":1}`, EncodeString(m), "map keys sorted")

	canonical := MustDecode(`{"a":[1,"x"]}`)
	same, err := FromGo(canonical)
	require.NoError(t, err)
	assert.Same(t, canonical.(*Object), same.(*Object), "canonical values are not copied")

	_, err = FromGo(math.NaN())
	assert.Error(t, err)
	_, err = FromGo(make(chan int))
	assert.Error(t, err)
	_, err = FromGo(fmt.Errorf("boom"))
	assert.Error(t, err)
}

// A value that contains itself (a task's bug) is refused, not walked until
// the stack overflows.
func TestFromGoCycle(t *testing.T) {
	o := NewObject(1)
	o.Set("self", o)
	a := make([]Value, 1)
	a[0] = a
	for _, v := range []Value{o, a, ObjectOf(Member{"list", []Value{o}})} {
		_, err := FromGo(v)
		assert.ErrorContains(t, err, "nested deeper than")
	}
}

func TestDeepCopy(t *testing.T) {
	v := MustDecode(`{"a":[{"b":1}]}`)
	c := DeepCopy(v).(*Object)
	arr, _ := c.Get("a")
	arr.([]Value)[0].(*Object).Set("b", int64(2))
	assert.Equal(t, `{"a":[{"b":1}]}`, EncodeString(v))
	assert.Equal(t, `{"a":[{"b":2}]}`, EncodeString(c))
}

var (
	sinkObject *Object
	sinkMap    map[string]any
)

// The runtime's objects must be as cheap as a Go map to read and build.
func BenchmarkObjectBuild5(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		o := NewObject(5)
		o.Set("a", int64(1))
		o.Set("b", int64(2))
		o.Set("c", int64(3))
		o.Set("d", int64(4))
		o.Set("e", int64(5))
		sinkObject = o
	}
}

func BenchmarkMapBuild5(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		m := make(map[string]any, 5)
		m["a"] = int64(1)
		m["b"] = int64(2)
		m["c"] = int64(3)
		m["d"] = int64(4)
		m["e"] = int64(5)
		sinkMap = m
	}
}

func BenchmarkObjectGet5(b *testing.B) {
	o := ObjectOf(Member{"a", int64(1)}, Member{"b", int64(2)}, Member{"c", int64(3)}, Member{"d", int64(4)}, Member{"e", int64(5)})
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := o.Get("d"); !ok {
			b.Fatal()
		}
	}
}

func BenchmarkMapGet5(b *testing.B) {
	m := map[string]any{"a": int64(1), "b": int64(2), "c": int64(3), "d": int64(4), "e": int64(5)}
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := m["d"]; !ok {
			b.Fatal()
		}
	}
}

func BenchmarkObjectGet50(b *testing.B) {
	o := NewObject(50)
	for i := range 50 {
		o.Set(fmt.Sprint("key", i), int64(i))
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := o.Get("key37"); !ok {
			b.Fatal()
		}
	}
}

func sum(a, b float64) float64 { return a + b }

func TestToGoIntegralDoubles(t *testing.T) {
	// An `any` field decodes every number as float64; converting back into
	// an int field must still work.
	var loose struct{ N any }
	require.NoError(t, ToGo(MustDecode(`{"N":999}`), &loose))
	v, err := FromGo(loose)
	require.NoError(t, err)
	var strict struct{ N int }
	require.NoError(t, ToGo(ObjectOf(Member{"N", 999.0}), &strict))
	assert.Equal(t, 999, strict.N)
	var again struct{ N int }
	require.NoError(t, ToGo(v, &again))
	assert.Equal(t, 999, again.N)
	var f struct{ F float64 }
	require.NoError(t, ToGo(ObjectOf(Member{"F", 1e-7}), &f))
	assert.Equal(t, 1e-7, f.F)
}
