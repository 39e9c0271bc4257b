package aslrt

import (
	"math"
	"strings"
	"testing"
)

// TestFromGoSized: fromGoSized converts as FromGo does, and its bound is
// the one sizeBound gives without a limit, never below the size.
func TestFromGoSized(t *testing.T) {
	deep := Value(int64(1))
	for range maxDecodeDepth + 1 {
		deep = []Value{deep}
	}
	values := []any{
		nil, true, false, int64(-12), 1.5, "", "a\"b\\c\u0001é", []Value{}, NewObject(0),
		MustDecode(`{"n":1,"s":"text","a":[1,2.5,null,true,{"k":[]}],"o":{"x":{"y":"z"}}}`),
		MustDecode(`[[],{},[{}],"` + strings.Repeat(`\"`, 1000) + `"]`),
		NewObjectOf(Member{"big", strings.Repeat("x", MaxPayloadSize)}),
		// not canonical: converted, or refused
		int(3), float32(2.5), map[string]any{"b": 1, "a": []any{"x"}}, []any{int64(1)},
		[]Value{int64(1), map[string]any{"k": "v"}}, NewObjectOf(Member{"m", []any{1}}),
		math.NaN(), math.Inf(1), []Value{math.NaN()}, (*Object)(nil), deep,
		struct{ A int }{1}, make(chan int),
	}
	for _, x := range values {
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
