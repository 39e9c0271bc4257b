package aslrt

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeEncodeRoundTrip(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"object order kept", `{"b":1,"a":2,"c":{"z":1,"y":2}}`, `{"b":1,"a":2,"c":{"z":1,"y":2}}`},
		{"space removed", " { \"a\" : [ 1 , 2 ] ,\n\"b\":null } ", `{"a":[1,2],"b":null}`},
		{"int64 exact", `[9223372036854775807,-9223372036854775808]`, `[9223372036854775807,-9223372036854775808]`},
		{"beyond int64 becomes double", `18446744073709551616`, `1.8446744073709552E19`},
		{"float kept as double", `[1.0,1.5,-0.25,1e3,2E-5]`, `[1.0,1.5,-0.25,1000.0,2.0E-5]`},
		{"java double notation", `[10000000.0,1234567.0,0.001,0.000999]`, `[1.0E7,1234567.0,0.001,9.99E-4]`},
		{"minus zero", `[-0,-0.0]`, `[0,-0.0]`},
		{"duplicate key keeps first position, last value", `{"a":1,"b":2,"a":3}`, `{"a":3,"b":2}`},
		{"escapes decoded and re-encoded", `"a\"b\\c\/d\b\f\n\r\t\u0001\u00e9\ud83d\ude00"`, "\"a\\\"b\\\\c/d\\b\\f\\n\\r\\t\\u0001é😀\""},
		{"html characters not escaped", `"<a&b>"`, `"<a&b>"`},
		{"lone surrogate becomes replacement", `"\ud83d"`, "\"\uFFFD\""},
		{"empty containers", `[{},[],""]`, `[{},[],""]`},
		{"booleans", `[true,false]`, `[true,false]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := DecodeString(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, EncodeString(v))
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		in     string
		offset int
	}{
		{``, 0},
		{`{`, 1},
		{`{"a"}`, 4},
		{`{"a":1,}`, 7},
		{`[1,]`, 3},
		{`[1 2]`, 3},
		{`01`, 1},
		{`1.`, 2},
		{`1e`, 2},
		{`-`, 1},
		{`tru`, 0},
		{`"abc`, 4},
		{"\"a\x01\"", 2},
		{`"\x"`, 2},
		{`"\u12g4"`, 3},
		{`{} {}`, 3},
		{`{'a':1}`, 1},
		{`NaN`, 0},
		{`[1e400]`, 1},
		{`{"a":-1e309}`, 5},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := DecodeString(tt.in)
			var se *SyntaxError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tt.offset, se.Offset, se.Error())
		})
	}
}

func TestDecodeDepthLimit(t *testing.T) {
	deep := strings.Repeat("[", maxDecodeDepth+1) + strings.Repeat("]", maxDecodeDepth+1)
	_, err := DecodeString(deep)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "nesting deeper")

	ok := strings.Repeat("[", maxDecodeDepth) + strings.Repeat("]", maxDecodeDepth)
	_, err = DecodeString(ok)
	require.NoError(t, err)
}

func TestDecodeInvalidUTF8(t *testing.T) {
	v, err := Decode([]byte("\"a\xffb\""))
	require.NoError(t, err)
	assert.Equal(t, "a\uFFFDb", v)
	assert.Equal(t, "\"a\uFFFDb\"", EncodeString("a\xffb"))
}

func TestParseNumber(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Value
		ok   bool
	}{
		{"12", int64(12), true},
		{"-3", int64(-3), true},
		{"1.25", 1.25, true},
		{"1e2", 100.0, true},
		{"", nil, false},
		{"1 ", nil, false},
		{"+1", nil, false},
		{"0x10", nil, false},
		{"abc", nil, false},
		{"1e400", nil, false},
		{"1e-400", 0.0, true},
		{"12345678901234567890", 1.2345678901234567e19, true},
	} {
		v, ok := ParseNumber(tt.in)
		assert.Equal(t, tt.ok, ok, tt.in)
		assert.Equal(t, tt.want, v, tt.in)
	}
}

func TestEncodeNonFinite(t *testing.T) {
	assert.Equal(t, `[null,null]`, EncodeString([]Value{math.NaN(), math.Inf(1)}))
}

func TestObjectJSONInterop(t *testing.T) {
	o := ObjectOf(Member{"z", int64(1)}, Member{"a", []Value{"x"}})
	b, err := json.Marshal(map[string]any{"o": o})
	require.NoError(t, err)
	assert.Equal(t, `{"o":{"z":1,"a":["x"]}}`, string(b))

	var back Object
	require.NoError(t, json.Unmarshal([]byte(`{"q":1,"p":2}`), &back))
	assert.Equal(t, []string{"q", "p"}, back.Keys())
	require.Error(t, json.Unmarshal([]byte(`[1]`), &back))
}

func BenchmarkDecodeSmallObject(b *testing.B) {
	data := []byte(`{"orderId":"o-1","amount":125,"currency":"EUR","express":true,"items":[{"sku":"A1","qty":2}]}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeSmallObjectEncodingJSON(b *testing.B) {
	data := []byte(`{"orderId":"o-1","amount":125,"currency":"EUR","express":true,"items":[{"sku":"A1","qty":2}]}`)
	b.ReportAllocs()
	for b.Loop() {
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeSmallObject(b *testing.B) {
	v := MustDecode(`{"orderId":"o-1","amount":125,"currency":"EUR","express":true,"items":[{"sku":"A1","qty":2}]}`)
	buf := make([]byte, 0, 256)
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendJSON(buf[:0], v)
	}
}
