package aslrt

import "unsafe"

// Values without an allocation each.
//
// A Value holding a string or an integer points to a copy of it, which
// converting the string or integer to a Value allocates (16 bytes for a
// string's header, 8 for an integer) unless the compiler knows the value.
// Where the runtime makes many such values — a Map item's index, the
// string States.Format builds — it builds the Value itself, pointing into
// memory it allocates in larger pieces: an integer into a block of
// integers its scope hands out one by one, a string's header into the one
// allocation that also holds its bytes. The memory is never written again
// once a Value points to it, as for any Value.

// eface is the layout of a Value: its dynamic type and a pointer to its
// data. valueAt is the only place that depends on it.
type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

// valueAt returns a Value of the dynamic type of like (a constant, which
// converting allocates nothing for) whose data is at p.
func valueAt(like Value, p unsafe.Pointer) Value {
	(*eface)(unsafe.Pointer(&like)).data = p
	return like
}

// intBlock is how many integers a scope allocates at once (Exec.intValue).
const intBlock = 32

// intValue returns n as a Value. Small integers are static (the Go
// runtime's own); others are taken from the scope's block of integers,
// allocated intBlock at a time, so that a loop making integers (a Map's
// item indexes, a counter's States.MathAdd) allocates once per intBlock
// of them.
func (x *Exec) intValue(n int64) Value {
	if uint64(n) < 256 {
		return n
	}
	if x.intsLeft == 0 {
		x.newInts()
	}
	p := &x.ints[(intBlock-x.intsLeft)&(intBlock-1)]
	x.intsLeft--
	*p = n
	return valueAt(int64(0), unsafe.Pointer(p))
}

// newInts gives the scope a new block of integers. It is not inlined, so
// that intValue is.
//
//go:noinline
func (x *Exec) newInts() {
	x.ints, x.intsLeft = new([intBlock]int64), intBlock
}

// stringValue returns string(b) as a Value: for short strings one
// allocation holding both the string's header and its bytes.
func stringValue(b []byte) Value {
	switch n := len(b); {
	case n == 0:
		return ""
	case n <= 8:
		return boxString[[8]byte](b)
	case n <= 24:
		return boxString[[24]byte](b)
	case n <= 48:
		return boxString[[48]byte](b)
	}
	return string(b)
}

// boxString is stringValue of b, not empty, in one allocation whose byte
// array B holds at least len(b) bytes.
func boxString[B any](b []byte) Value {
	p := new(struct {
		s     string
		bytes B
	})
	buf := unsafe.Slice((*byte)(unsafe.Pointer(&p.bytes)), len(b))
	copy(buf, b)
	p.s = unsafe.String(&buf[0], len(b))
	return valueAt("", unsafe.Pointer(&p.s))
}
