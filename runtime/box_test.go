package aslrt

import (
	"strings"
	"testing"
)

// TestIntValue: the integers a scope hands out from its blocks keep their
// values while later ones are made, across blocks, and allocate once per
// block; small ones are the Go runtime's static values.
func TestIntValue(t *testing.T) {
	x := &Exec{}
	var vs []Value
	for n := range int64(3 * intBlock) {
		vs = append(vs, x.intValue(n*1000-7))
	}
	for i, v := range vs {
		if want := int64(i)*1000 - 7; v != Value(want) {
			t.Errorf("value %d is %v, want %d", i, v, want)
		}
	}
	if got := EncodeString([]Value{x.intValue(-1), x.intValue(255), x.intValue(1 << 40)}); got != "[-1,255,1099511627776]" {
		t.Errorf("encoded %s", got)
	}
	allocs := testing.AllocsPerRun(10, func() {
		for n := range int64(intBlock) {
			_ = x.intValue(1000 + n)
		}
	})
	if allocs != 1 {
		t.Errorf("%v allocations for a block of integers, want 1", allocs)
	}
	if allocs := testing.AllocsPerRun(10, func() { _ = x.intValue(200) }); allocs != 0 {
		t.Errorf("%v allocations for a small integer", allocs)
	}
}

// TestStringValue: a string built as a Value is the string, whatever its
// length, does not change when the bytes it was built from do, and is one
// allocation up to 48 bytes.
func TestStringValue(t *testing.T) {
	for n := range 70 {
		b := []byte(strings.Repeat("abcdefghij", 7)[:n])
		v := stringValue(b)
		want := string(b)
		for i := range b {
			b[i] = '!'
		}
		if s, ok := v.(string); !ok || s != want {
			t.Errorf("stringValue of %d bytes = %#v, want %q", n, v, want)
		}
		if !Equal(v, want) || EncodeString(v) != EncodeString(want) {
			t.Errorf("stringValue of %d bytes is not the string %q", n, want)
		}
	}
	b := []byte("label-1234")
	if allocs := testing.AllocsPerRun(10, func() { _ = stringValue(b) }); allocs != 1 {
		t.Errorf("%v allocations for a short string, want 1", allocs)
	}
}
