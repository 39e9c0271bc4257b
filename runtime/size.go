package aslrt

import (
	"math"
	"unsafe"
)

// Payload sizes (A19.1).
//
// AWS fails a state whose result or output is more than MaxPayloadSize
// bytes of JSON, and a task whose input is: a Pass state's Result or
// Parameters, a task's input (after Parameters) and result, a state's
// output after ResultPath merged the result into the raw input, and the
// results of Parallel and Map states. Measuring every such value would
// walk the whole document in every state, so a scope keeps an upper bound
// of the size of the values its current state works with, and measures
// exactly only when a bound passes the limit:
//
//   - the execution input is measured once, when the execution starts;
//   - a template's value is bounded by its literal parts (measured when it
//     is parsed), the scalars it reads, and, for an object or array it
//     reads from its input, the bound of the input;
//   - a ResultPath merge is bounded by the raw input's bound plus the
//     result's plus what the new member's key and the objects created on
//     the way add;
//   - a selection (InputPath, OutputPath, a path into the input) is
//     bounded by what it selects from;
//   - a task's result, and any value the scope has no bound for (the
//     output of a JSONata expression, a catcher's output), is measured
//     without encoding when a check needs it.
//
// Bounds are kept for objects and arrays by identity (keyOf: the same
// object, or the same elements of the same backing array, has one size),
// in two slots per scope (sizes). A document that a ResultPath updates in
// place (io_owned.go) gets its new bound there. A Pass state with
// Parameters that PassThrough runs in one go carries the bounds of its
// result and output from step to step and keeps only the output's.

// sized is an upper bound n of the JSON size of the object or array whose
// identity is k; n < 0 until the bound is worked out.
type sized struct {
	k vkey
	n int
}

// vkey is the identity of an object (the object, n 0) or of a non-empty
// array (its first element and its length n): values with one size. The
// zero vkey is no value's.
type vkey struct {
	p unsafe.Pointer
	n int
}

// keyOf returns the identity of v, false for scalars and empty arrays,
// whose bounds (sizeBound) cost nothing.
//
// It asserts the types one by one, which compares the type word alone
// (a type switch would first load the type's hash).
func keyOf(v Value) (vkey, bool) {
	if o, ok := v.(*Object); ok {
		return vkey{p: unsafe.Pointer(o)}, true
	}
	if a, ok := v.([]Value); ok && len(a) > 0 {
		return vkey{unsafe.Pointer(&a[0]), len(a)}, true
	}
	return vkey{}, false
}

// sizeBound returns an upper bound of the size of v's JSON text, or some
// number above MaxPayloadSize once that is exceeded: jsonSizeBound, which
// reads no string's bytes.
func sizeBound(v Value) int {
	return jsonSizeBound(v, 0, MaxPayloadSize)
}

// scalarBound is sizeBound of a scalar or an empty array, false for
// other values.
func scalarBound(v Value) (int, bool) {
	switch x := v.(type) {
	case string:
		return 2 + 6*len(x), true
	case int64:
		return 20, true
	case nil, bool:
		return 5, true
	case float64:
		return 25, true
	case []Value:
		if len(x) == 0 {
			return 2, true
		}
	}
	return 0, false
}

// sizes holds the bounds a scope keeps: two slots, one of them the
// current document (the raw input of the state being run, then the
// output it leaves with), the other the last value the state computed.
// Leaving a state with that value only changes which slot is current.
type sizes struct {
	slot [2]sized
	cur  uint8
}

// get returns the slot holding the value with identity k, or nil.
func (z *sizes) get(k vkey) *sized {
	switch k {
	case z.slot[z.cur&1].k:
		return &z.slot[z.cur&1]
	case z.slot[z.cur&1^1].k:
		return &z.slot[z.cur&1^1]
	}
	return nil
}

// knownSize returns the bound the scope keeps for v, if it has one
// without measuring.
func (x *Exec) knownSize(v Value) (int, bool) {
	k, ok := keyOf(v)
	if !ok {
		return sizeBound(v), true
	}
	if s := x.sizes.get(k); s != nil && s.n >= 0 {
		return s.n, true
	}
	return 0, false
}

// sizeOf returns an upper bound of the size of v, a value of the current
// state, measuring it (and keeping the bound) when the scope has none.
func (x *Exec) sizeOf(v Value) int {
	k, ok := keyOf(v)
	if !ok {
		return sizeBound(v)
	}
	if s := x.sizes.get(k); s != nil {
		if s.n < 0 {
			s.n = sizeBound(v)
		}
		return s.n
	}
	n := sizeBound(v)
	x.sizes.slot[x.sizes.cur&1^1] = sized{k, n}
	return n
}

// noteSize records n as the bound of v, a value the current state
// computed; n < 0 leaves the bound to be worked out when needed.
func (x *Exec) noteSize(v Value, n int) {
	if k, ok := keyOf(v); ok {
		x.sizes.note(k, n)
	}
}

// note records n as the bound of the value with identity k.
func (z *sizes) note(k vkey, n int) {
	if s := &z.slot[z.cur&1]; s.k == k {
		// the current document, updated in place (ResultPath)
		s.n = n
		return
	}
	z.slot[z.cur&1^1] = sized{k, n}
}

// makeCurrent makes v the current document, keeping the bound of either
// slot that holds it: the input of a state being entered (the output the
// scope last left a state with, or the last value it computed, such as a
// Map iteration's ItemSelector), and the output a state leaves with.
func (z *sizes) makeCurrent(v Value) {
	k, _ := keyOf(v)
	switch k {
	case z.slot[z.cur&1].k:
	case z.slot[z.cur&1^1].k:
		z.cur ^= 1
	default:
		z.slot[z.cur&1] = sized{k, -1}
	}
}

// isCurrent reports whether v is an object and the current document,
// which makeCurrent leaves as it is: a test small enough to be inlined
// where states are entered and left.
func (z *sizes) isCurrent(v Value) bool {
	o, ok := v.(*Object)
	return ok && z.slot[z.cur&1].k == vkey{p: unsafe.Pointer(o)}
}

// isOther is isCurrent for the slot that is not current.
func (z *sizes) isOther(v Value) bool {
	o, ok := v.(*Object)
	return ok && z.slot[z.cur&1^1].k == vkey{p: unsafe.Pointer(o)}
}

// current makes the value with identity k the current document, as
// makeCurrent does, with the bound n.
func (z *sizes) current(k vkey, n int) {
	switch k {
	case z.slot[z.cur&1].k:
	case z.slot[z.cur&1^1].k:
		z.cur ^= 1
	default:
		z.slot[z.cur&1].k = k
	}
	z.slot[z.cur&1].n = n
}

// knownWithin reports whether the scope keeps a bound of v, an object or
// array, that is at most MaxPayloadSize: withinLimit's usual answer,
// given without measuring or keeping anything.
func (x *Exec) knownWithin(v Value) bool {
	k, ok := keyOf(v)
	if !ok {
		return false
	}
	s := x.sizes.get(k)
	return s != nil && s.n >= 0 && s.n <= MaxPayloadSize
}

// withinLimit reports whether v, a value of the current state, is at most
// MaxPayloadSize bytes of JSON: its bound, measured exactly (and kept)
// only when the bound is above the limit.
func (x *Exec) withinLimit(v Value) bool {
	n := x.sizeOf(v)
	if n <= MaxPayloadSize {
		return true
	}
	n, ok := fits(v, n)
	if ok {
		x.noteSize(v, n)
	}
	return ok
}

// fits checks that v, with the upper bound n of its size, is at most
// MaxPayloadSize bytes of JSON, measuring exactly when the bound is above
// the limit, and returns the bound to keep for v: n, or the exact size.
func fits(v Value, n int) (int, bool) {
	if n <= MaxPayloadSize {
		return n, true
	}
	return measure(v)
}

// measure returns the exact size of v, or some number above
// MaxPayloadSize once the size exceeds it, and whether v is at most
// MaxPayloadSize bytes. It is not inlined, so that fits is.
//
//go:noinline
func measure(v Value) (int, bool) {
	exact := JSONSize(v, MaxPayloadSize)
	return exact, exact <= MaxPayloadSize
}

// stateName is the name of the current state, for causes.
func (x *Exec) stateName() string {
	if x.st == nil {
		return ""
	}
	return x.st.Name
}

// ResultTooLarge is the States.DataLimitExceeded failure of a state or
// task whose result or output is more than MaxPayloadSize bytes, naming it
// as AWS does (A17.6): the state's name, a Lambda function's ARN, or the
// service of an integration ("lambda").
func ResultTooLarge(name string) *Error {
	return NewError(ErrDataLimitExceeded, "The state/task '"+name+"' returned a result with a size exceeding the maximum number of bytes service limit.")
}

// inputTooLarge is the failure of a task whose input is too large. AWS's
// cause is not on record; this one has the shape of A17.6.
func inputTooLarge(name string) *Error {
	return NewError(ErrDataLimitExceeded, "The state/task '"+name+"' has an input with a size exceeding the maximum number of bytes service limit.")
}

// mergeBound bounds the size of raw with result written at the reference
// path p, given bounds of both: a member a name step adds costs its key,
// a colon and a comma, and an object created on the way its braces.
func mergeBound(rawN, resultN int, p *Path) int {
	return rawN + resultN + p.setCost
}

// prepare works out the sizes of the literal parts of a template node:
// the exact size of a literal, and for an object or array the size of its
// punctuation, keys and literal members.
func (n *tnode) prepare() {
	switch n.kind {
	case tLiteral:
		n.size = JSONSize(n.value, math.MaxInt/4)
	case tObject:
		n.size = 2 + max(len(n.fields)-1, 0)
		for i := range n.fields {
			f := &n.fields[i]
			f.node.prepare()
			n.size += stringSize(f.key) + 1
			if f.node.kind == tLiteral {
				n.size += f.node.size
			}
		}
	case tArray:
		n.size = 2 + max(len(n.elems)-1, 0)
		for i := range n.elems {
			e := &n.elems[i]
			e.prepare()
			if e.kind == tLiteral {
				n.size += e.size
			}
		}
	}
}

// bound bounds the size of v, the value the node evaluated to on input
// in scope x: literal parts as measured, objects and arrays read from the
// input by the input's bound when the scope knows it.
func (n *tnode) bound(v Value, x *Exec, input Value) int {
	switch n.kind {
	case tLiteral:
		return n.size
	case tPath:
		switch v.(type) {
		case *Object, []Value:
			if n.path.root == RootInput {
				if k, ok := x.knownSize(input); ok {
					return k
				}
			}
			if b, ok := x.itemBound(sourceOf(n)); ok {
				return b
			}
		}
		return sizeBound(v)
	case tArray:
		arr, ok := v.([]Value)
		if !ok || len(arr) != len(n.elems) {
			return sizeBound(v)
		}
		total := n.size
		for i := range n.elems {
			if e := &n.elems[i]; e.kind != tLiteral {
				total += e.bound(arr[i], x, input)
			}
		}
		return total
	case tObject:
		obj, ok := v.(*Object)
		if !ok || obj.Len() != len(n.fields) {
			return sizeBound(v)
		}
		total := n.size
		for i := range n.fields {
			f := &n.fields[i].node
			v := obj.members[i].Value
			switch f.kind {
			case tLiteral:
			case tPath, tCall:
				total += memberBound(v, sourceOf(f), x, input)
			default:
				if b, ok := scalarBound(v); ok {
					total += b
				} else {
					total += f.bound(v, x, input)
				}
			}
		}
		return total
	}
	return sizeBound(v)
}

// flatKinds describes a flat object template: one whose members are
// literals, paths and intrinsic calls. ok is false for any other
// template.
type flatKinds struct {
	ok bool
	// few is how many of the members that are not literals are in
	// first, when they are all there
	few uint8
	// members and size are the root's number of members and the size
	// of its literal parts (tnode.size), kept here beside the other
	// fields an evaluation reads
	members, size int32
	// first and more list the members that are not literals, in order:
	// the usual few in first, in the Template itself, whose cache line
	// an evaluation reads anyway; more when there are more of them.
	first [4]flatMember
	more  *[]flatMember
}

// dynamic returns the members of k that are not literals, in order.
func (k *flatKinds) dynamic() []flatMember {
	if k.more != nil {
		return *k.more
	}
	return k.first[:k.few]
}

// flatMember is a member of a flat template that is a path or an
// intrinsic call, the member i of the value.
type flatMember struct {
	i    uint16
	from memberSource
}

// memberSource says where the value of a template member comes from.
type memberSource uint8

const (
	fromPath  memberSource = iota // a path into the context or a variable
	fromInput                     // a path into the input, $
	fromItem                      // a definite path into $$.Map.Item.Value
	fromCall                      // an intrinsic call
)

// sourceOf returns the source of the value of a path or call node n.
func sourceOf(n *tnode) memberSource {
	switch {
	case n.kind == tCall:
		return fromCall
	case n.kind != tPath:
		return fromPath
	case n.path.root == RootInput:
		return fromInput
	case n.path.inItem:
		return fromItem
	}
	return fromPath
}

// maxFlatMembers is the most members a flat template has (flatMember.i).
const maxFlatMembers = math.MaxUint16

// flatKinds returns the flatKinds of a template whose root is n.
func (n *tnode) flatKinds() flatKinds {
	var k flatKinds
	if n.kind != tObject || len(n.fields) > maxFlatMembers || n.size > math.MaxInt32 {
		return k
	}
	var dynamic []flatMember
	for i := range n.fields {
		switch f := &n.fields[i].node; f.kind {
		case tLiteral:
		case tPath:
			dynamic = append(dynamic, flatMember{i: uint16(i), from: sourceOf(f)})
		case tCall:
			dynamic = append(dynamic, flatMember{i: uint16(i), from: fromCall})
		default:
			return flatKinds{}
		}
	}
	if len(dynamic) <= len(k.first) {
		k.few = uint8(copy(k.first[:], dynamic))
	} else {
		k.more = &dynamic
	}
	k.ok, k.members, k.size = true, int32(len(n.fields)), int32(n.size)
	return k
}

// bound bounds the size of v, the value t evaluated to on input in scope
// x, as tnode.bound does; a flat template's without reading its nodes.
func (t *Template) bound(v Value, x *Exec, input Value) int {
	obj, ok := v.(*Object)
	if !t.flat.ok || !ok || len(obj.members) != int(t.flat.members) {
		return t.root.bound(v, x, input)
	}
	if n, ok := t.flatScalars(obj.members, x); ok {
		return n
	}
	return t.flatBound(obj, x, input)
}

// flatScalars is Template.bound of the members ms of a flat template's
// value, evaluated in scope x, whose evaluated members are the usual
// ones: strings and integers, bounded here as memberBound bounds them (a
// string a call built is measured), and parts of a Map item whose bound
// the scope knows (a Map's ItemSelector); it is false for any other,
// which flatBound bounds.
func (t *Template) flatScalars(ms []Member, x *Exec) (int, bool) {
	total, dynamic := int(t.flat.size), t.flat.dynamic()
	for j := range dynamic {
		d := &dynamic[j]
		m := ms[d.i].Value
		if _, ok := m.(int64); ok {
			total += 20
			continue
		}
		str, ok := m.(string)
		if !ok {
			if b, ok := x.itemBound(d.from); ok {
				total += b
				continue
			}
			return 0, false
		}
		if d.from == fromCall {
			// a string a call built, measured out of line, so that
			// this loop calls nothing and saves nothing around a call
			return flatStrings(ms, dynamic[j:], total, x)
		}
		total += 2 + 6*len(str)
	}
	return total, true
}

// flatStrings is flatScalars from its member dynamic[0] on, with total
// the bound of the members before it.
//
//go:noinline
func flatStrings(ms []Member, dynamic []flatMember, total int, x *Exec) (int, bool) {
	for _, d := range dynamic {
		m := ms[d.i].Value
		if str, ok := m.(string); ok {
			if d.from == fromCall {
				total += stringSize(str)
			} else {
				total += 2 + 6*len(str)
			}
		} else if _, ok := m.(int64); ok {
			total += 20
		} else if b, ok := x.itemBound(d.from); ok {
			total += b
		} else {
			return 0, false
		}
	}
	return total, true
}

// flatBound is Template.bound of obj, the value of a flat template.
func (t *Template) flatBound(obj *Object, x *Exec, input Value) int {
	total := int(t.flat.size)
	for _, d := range t.flat.dynamic() {
		total += memberBound(obj.members[d.i].Value, d.from, x, input)
	}
	return total
}

// memberBound bounds the size of v, the value of an evaluated member of a
// template object read by a path or built by an intrinsic call (from): a
// string a call built is measured, as it is in the cache and a loose
// bound would add up over the results of a Map; other scalars are
// bounded by scalarBound; an object or array read from the input is
// bounded by the input's bound, and a part of a Map item by the item's,
// when the scope knows it.
func memberBound(v Value, from memberSource, x *Exec, input Value) int {
	if s, ok := v.(string); ok && from == fromCall {
		return stringSize(s)
	}
	if b, ok := scalarBound(v); ok {
		return b
	}
	if from == fromInput {
		if n, ok := x.knownSize(input); ok {
			return n
		}
	}
	if b, ok := x.itemBound(from); ok {
		return b
	}
	return sizeBound(v)
}

// itemBound returns the bound of the scope's Map item and of every part
// of it, for a template member read from it (from fromItem), when the
// scope knows one: while a Map iteration's ItemSelector is evaluated,
// with the items array's bound from when the Map started
// (Group.itemBound).
func (x *Exec) itemBound(from memberSource) (int, bool) {
	if from != fromItem || x.item == nil || x.item.bound < 0 {
		return 0, false
	}
	return x.item.bound, true
}
