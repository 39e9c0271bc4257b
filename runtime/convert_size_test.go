package aslrt

import (
	"math"
	"strings"
	"testing"
)

// TestFromGoSized: fromGoSized converts as FromGo does, and its bound is
// the one sizeBound gives without a limit, never below the size.
// sizedValues are canonical values and values that are not.
func sizedValues() []any {
	deep := Value(int64(1))
	for range maxDecodeDepth + 1 {
		deep = []Value{deep}
	}
	// objects whose string and integer members are at the deepest level
	// a canonical value has, and one level below it
	deepest, tooDeep := Value(NewObjectOf(Member{"s", "x"}, Member{"i", int64(1)})), Value(nil)
	for range maxDecodeDepth - 1 {
		deepest = NewObjectOf(Member{"o", deepest})
	}
	tooDeep = NewObjectOf(Member{"o", deepest})
	return []any{
		nil, true, false, int64(-12), 1.5, "", "a\"b\\c\u0001é", []Value{}, NewObject(0),
		MustDecode(`{"n":1,"s":"text","a":[1,2.5,null,true,{"k":[]}],"o":{"x":{"y":"z"}}}`),
		MustDecode(`[[],{},[{}],"` + strings.Repeat(`\"`, 1000) + `"]`),
		NewObjectOf(Member{"big", strings.Repeat("x", MaxPayloadSize)}),
		// keys repeated, reordered, of equal length, past four members
		MustDecode(`[{"a":1,"bb":"x"},{"bb":1,"a":[2]},{"c\"":3,"é":4},{"a":1,"b":2,"c":3,"d":4,"e":5,"\n":6},{"a":{"a":{"bb":1}}}]`),
		[]Value{ObjectOf(Member{"id", int64(1)}), ObjectOf(Member{"id", int64(22)}), ObjectOf(Member{"i\u0001", "v"})},
		// not canonical: converted, or refused
		int(3), float32(2.5), map[string]any{"b": 1, "a": []any{"x"}}, []any{int64(1)},
		[]Value{int64(1), map[string]any{"k": "v"}}, NewObjectOf(Member{"m", []any{1}}),
		math.NaN(), math.Inf(1), []Value{math.NaN()}, (*Object)(nil), deep, deepest, tooDeep,
		struct{ A int }{1}, make(chan int),
		MustDecode(`{"e":-0.0,"f":1e300,"g":-1.5e-7,"i":-9007199254740993,"k\"ey":"\u2028"}`),
	}
}

func TestFromGoSized(t *testing.T) {
	for _, x := range sizedValues() {
		want, wantErr := FromGo(x)
		got, n, err := fromGoSized(x)
		if (err != nil) != (wantErr != nil) {
			t.Errorf("%T: error %v, want %v", x, err, wantErr)
			continue
		}
		if err != nil {
			continue
		}
		if !Equal(got, want) {
			t.Errorf("%T: %s, want %s", x, EncodeString(got), EncodeString(want))
		}
		if b := jsonSizeBound(want, 0, math.MaxInt/4); n != b {
			t.Errorf("%s: bound %d, sizeBound %d", EncodeString(want), n, b)
		}
		if exact := JSONSize(want, math.MaxInt/4); n < exact {
			t.Errorf("%s: bound %d below the size %d", EncodeString(want), n, exact)
		}
	}
}

// TestCanonicalSize: the one walk that takes an execution input measures
// a canonical value exactly and refuses any other, and a value above the
// limit (A1.18, A19.1).
func TestCanonicalSize(t *testing.T) {
	for _, x := range sizedValues() {
		n, ok := canonicalSize(x, 0, 0)
		switch {
		case !isCanonical(x, 0):
			if ok {
				t.Errorf("%T: sized %d, but it is not canonical", x, n)
			}
		case JSONSize(x, MaxPayloadSize) > MaxPayloadSize:
			if ok && n <= MaxPayloadSize {
				t.Errorf("%T: sized %d, but it is above the limit", x, n)
			}
		case !ok || n != JSONSize(x, math.MaxInt/4):
			t.Errorf("%s: size %d %v, want %d", EncodeString(x), n, ok, JSONSize(x, math.MaxInt/4))
		}
	}
}
