package aslrt

// Objects of one to eight members for direct code (direct.go): each is one
// allocation whose members are stored in place, which costs less than
// building them elsewhere and copying them in. The keys must be distinct.

// Object1 returns the object {k1: v1}.
func Object1(k1 string, v1 Value) *Object {
	p := new(struct {
		o Object
		m [1]Member
	})
	p.m[0] = Member{k1, v1}
	p.o.members = p.m[:]
	return &p.o
}

// Object2 returns the object {k1: v1, k2: v2}.
func Object2(k1 string, v1 Value, k2 string, v2 Value) *Object {
	p := new(struct {
		o Object
		m [2]Member
	})
	p.m[0] = Member{k1, v1}
	p.m[1] = Member{k2, v2}
	p.o.members = p.m[:]
	return &p.o
}

// Object3 returns the object {k1: v1, ..., k3: v3}.
func Object3(k1 string, v1 Value, k2 string, v2 Value, k3 string, v3 Value) *Object {
	p := new(struct {
		o Object
		m [3]Member
	})
	p.m[0] = Member{k1, v1}
	p.m[1] = Member{k2, v2}
	p.m[2] = Member{k3, v3}
	p.o.members = p.m[:]
	return &p.o
}

// Object4 returns the object {k1: v1, ..., k4: v4}.
func Object4(k1 string, v1 Value, k2 string, v2 Value, k3 string, v3 Value, k4 string, v4 Value) *Object {
	p := new(struct {
		o Object
		m [4]Member
	})
	p.m[0] = Member{k1, v1}
	p.m[1] = Member{k2, v2}
	p.m[2] = Member{k3, v3}
	p.m[3] = Member{k4, v4}
	p.o.members = p.m[:]
	return &p.o
}

// Object5 returns the object {k1: v1, ..., k5: v5}.
func Object5(k1 string, v1 Value, k2 string, v2 Value, k3 string, v3 Value, k4 string, v4 Value, k5 string, v5 Value) *Object {
	p := new(struct {
		o Object
		m [5]Member
	})
	p.m[0] = Member{k1, v1}
	p.m[1] = Member{k2, v2}
	p.m[2] = Member{k3, v3}
	p.m[3] = Member{k4, v4}
	p.m[4] = Member{k5, v5}
	p.o.members = p.m[:]
	return &p.o
}

// Object6 returns the object {k1: v1, ..., k6: v6}.
func Object6(k1 string, v1 Value, k2 string, v2 Value, k3 string, v3 Value, k4 string, v4 Value, k5 string, v5 Value, k6 string, v6 Value) *Object {
	p := new(struct {
		o Object
		m [6]Member
	})
	p.m[0] = Member{k1, v1}
	p.m[1] = Member{k2, v2}
	p.m[2] = Member{k3, v3}
	p.m[3] = Member{k4, v4}
	p.m[4] = Member{k5, v5}
	p.m[5] = Member{k6, v6}
	p.o.members = p.m[:]
	return &p.o
}

// Object7 returns the object {k1: v1, ..., k7: v7}.
func Object7(k1 string, v1 Value, k2 string, v2 Value, k3 string, v3 Value, k4 string, v4 Value, k5 string, v5 Value, k6 string, v6 Value, k7 string, v7 Value) *Object {
	p := new(struct {
		o Object
		m [7]Member
	})
	p.m[0] = Member{k1, v1}
	p.m[1] = Member{k2, v2}
	p.m[2] = Member{k3, v3}
	p.m[3] = Member{k4, v4}
	p.m[4] = Member{k5, v5}
	p.m[5] = Member{k6, v6}
	p.m[6] = Member{k7, v7}
	p.o.members = p.m[:]
	return &p.o
}

// Object8 returns the object {k1: v1, ..., k8: v8}.
func Object8(k1 string, v1 Value, k2 string, v2 Value, k3 string, v3 Value, k4 string, v4 Value, k5 string, v5 Value, k6 string, v6 Value, k7 string, v7 Value, k8 string, v8 Value) *Object {
	p := new(struct {
		o Object
		m [8]Member
	})
	p.m[0] = Member{k1, v1}
	p.m[1] = Member{k2, v2}
	p.m[2] = Member{k3, v3}
	p.m[3] = Member{k4, v4}
	p.m[4] = Member{k5, v5}
	p.m[5] = Member{k6, v6}
	p.m[6] = Member{k7, v7}
	p.m[7] = Member{k8, v8}
	p.o.members = p.m[:]
	return &p.o
}
