package aslrt

import "iter"

// Member is one name/value pair of an Object.
type Member struct {
	Key   string
	Value Value
}

// indexAbove is the member count above which an Object keeps a hash index;
// smaller objects are scanned, which is faster than hashing for them.
const indexAbove = 8

// Object is a JSON object that keeps its members in insertion order, as AWS
// and JSONata do. The zero value and the nil pointer are empty objects.
//
// An Object is not safe for concurrent mutation; once built and shared it is
// only read, which is safe from any number of goroutines.
type Object struct {
	members []Member
	index   map[string]int // nil until len(members) > indexAbove
}

// NewObject returns an empty object with room for capacity members.
func NewObject(capacity int) *Object {
	return newObject(0, capacity)
}

// newObject returns an object of length zero members with room for
// capacity. An object of up to 8 members is one allocation: the members
// are stored right after the Object itself.
func newObject(length, capacity int) *Object {
	var o *Object
	var m []Member
	switch capacity {
	case 1:
		p := new(struct {
			o Object
			m [1]Member
		})
		o, m = &p.o, p.m[:]
	case 2:
		p := new(struct {
			o Object
			m [2]Member
		})
		o, m = &p.o, p.m[:]
	case 3:
		p := new(struct {
			o Object
			m [3]Member
		})
		o, m = &p.o, p.m[:]
	case 4:
		p := new(struct {
			o Object
			m [4]Member
		})
		o, m = &p.o, p.m[:]
	case 5:
		p := new(struct {
			o Object
			m [5]Member
		})
		o, m = &p.o, p.m[:]
	case 6:
		p := new(struct {
			o Object
			m [6]Member
		})
		o, m = &p.o, p.m[:]
	case 7:
		p := new(struct {
			o Object
			m [7]Member
		})
		o, m = &p.o, p.m[:]
	case 8:
		p := new(struct {
			o Object
			m [8]Member
		})
		o, m = &p.o, p.m[:]
	default:
		return &Object{members: make([]Member, length, capacity)}
	}
	o.members = m[:length]
	return o
}

// ObjectOf returns an object holding members in the given order; a later
// member replaces an earlier one with the same key.
func ObjectOf(members ...Member) *Object {
	o := NewObject(len(members))
	for _, m := range members {
		o.Set(m.Key, m.Value)
	}
	return o
}

// Len returns the number of members.
func (o *Object) Len() int {
	if o == nil {
		return 0
	}
	return len(o.members)
}

func (o *Object) find(key string) int {
	if o.index != nil {
		if i, ok := o.index[key]; ok {
			return i
		}
		return -1
	}
	for i := range o.members {
		if o.members[i].Key == key {
			return i
		}
	}
	return -1
}

// Get returns the value of key and whether the object has it.
func (o *Object) Get(key string) (Value, bool) {
	if o == nil {
		return nil, false
	}
	if i := o.find(key); i >= 0 {
		return o.members[i].Value, true
	}
	return nil, false
}

// Has reports whether the object has a member named key.
func (o *Object) Has(key string) bool {
	return o != nil && o.find(key) >= 0
}

// Set gives key the value v, in place when the key exists and as a new last
// member otherwise.
func (o *Object) Set(key string, v Value) {
	if i := o.find(key); i >= 0 {
		o.members[i].Value = v
		return
	}
	o.members = append(o.members, Member{key, v})
	switch n := len(o.members); {
	case o.index != nil:
		o.index[key] = n - 1
	case n > indexAbove:
		o.reindex()
	}
}

func (o *Object) reindex() {
	if len(o.members) <= indexAbove {
		o.index = nil
		return
	}
	o.index = make(map[string]int, len(o.members))
	for i, m := range o.members {
		o.index[m.Key] = i
	}
}

// Delete removes key and reports whether it was there. The other members
// keep their order.
func (o *Object) Delete(key string) bool {
	if o == nil {
		return false
	}
	i := o.find(key)
	if i < 0 {
		return false
	}
	o.members = append(o.members[:i], o.members[i+1:]...)
	if o.index != nil {
		o.reindex()
	}
	return true
}

// Members returns the members in order. The slice belongs to the object:
// callers must not modify it.
func (o *Object) Members() []Member {
	if o == nil {
		return nil
	}
	return o.members
}

// Keys returns the member names in order.
func (o *Object) Keys() []string {
	keys := make([]string, o.Len())
	for i, m := range o.Members() {
		keys[i] = m.Key
	}
	return keys
}

// All iterates over the members in order.
func (o *Object) All() iter.Seq2[string, Value] {
	return func(yield func(string, Value) bool) {
		for _, m := range o.Members() {
			if !yield(m.Key, m.Value) {
				return
			}
		}
	}
}

// Clone returns a shallow copy: a new object with the same members, whose
// values are shared with o.
func (o *Object) Clone() *Object {
	return o.CloneGrow(0)
}

// CloneGrow is Clone with room for extra more members.
func (o *Object) CloneGrow(extra int) *Object {
	c := newObject(o.Len(), o.Len()+extra)
	copy(c.members, o.Members())
	if o != nil && o.index != nil {
		c.index = make(map[string]int, len(o.index)+extra)
		for k, i := range o.index {
			c.index[k] = i
		}
	}
	return c
}
