package ast

import (
	"strings"

	aslrt "github.com/aslc/aslc/runtime"
)

// Kind is the JSON type of a node.
type Kind uint8

// The JSON types.
const (
	Null Kind = iota + 1
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{Null: "null", Bool: "boolean", Number: "number", String: "string", Array: "array", Object: "object"}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "invalid"
}

// JSON is a positioned JSON value: a free-form field of a state, or any
// value inside one.
type JSON struct {
	Kind Kind
	// Pos is the position of the value's first character.
	Pos Pos
	// Pointer locates the value in AWS's notation, e.g.
	// /States/Init/Parameters/list[2].
	Pointer string
	// Bool is the value of a Bool node.
	Bool bool
	// Text is the value of a String node, or the exact source text of a
	// Number node in JSON number syntax (YAML numbers are normalised to it).
	Text string
	// Elems are the elements of an Array node.
	Elems []*JSON
	// Members are the members of an Object node, in source order. Keys are
	// unique: the parser refuses repeated keys.
	Members []*Member
}

// Member is one member of a JSON object.
type Member struct {
	Key string
	// KeyPos is the position of the key.
	KeyPos Pos
	Value  *JSON
}

// Get returns the value of the member named key, or nil when n is not an
// object or has no such member.
func (n *JSON) Get(key string) *JSON {
	if m := n.Member(key); m != nil {
		return m.Value
	}
	return nil
}

// Member returns the member named key, or nil.
func (n *JSON) Member(key string) *Member {
	if n == nil || n.Kind != Object {
		return nil
	}
	for _, m := range n.Members {
		if m.Key == key {
			return m
		}
	}
	return nil
}

// Expr returns the JSONata expression of a string of the form
// "{% expression %}" (the text between the delimiters, spaces kept) and
// whether n is one. A string with anything before "{%" or after "%}" is a
// plain string (A16.1).
func (n *JSON) Expr() (string, bool) {
	if n == nil || n.Kind != String {
		return "", false
	}
	return ExprText(n.Text)
}

// ExprText is JSON.Expr for a bare string.
func ExprText(s string) (string, bool) {
	if len(s) >= 4 && strings.HasPrefix(s, "{%") && strings.HasSuffix(s, "%}") {
		return s[2 : len(s)-2], true
	}
	return "", false
}

// Int returns the value of a Number node that is an integer within the
// int64 range (1, 1.0 and 1e2 all qualify).
func (n *JSON) Int() (int64, bool) {
	if n == nil || n.Kind != Number {
		return 0, false
	}
	v, ok := aslrt.ParseNumber(n.Text)
	if !ok {
		return 0, false
	}
	return aslrt.Int(v)
}

// Float returns the value of a Number node as a float64.
func (n *JSON) Float() (float64, bool) {
	if n == nil || n.Kind != Number {
		return 0, false
	}
	v, ok := aslrt.ParseNumber(n.Text)
	if !ok {
		return 0, false
	}
	return aslrt.Float(v)
}

// Value converts n to a runtime value: objects keep their member order,
// integers that fit in an int64 stay exact. A nil node gives nil.
func (n *JSON) Value() aslrt.Value {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case Bool:
		return n.Bool
	case Number:
		v, _ := aslrt.ParseNumber(n.Text)
		return v
	case String:
		return n.Text
	case Array:
		a := make([]aslrt.Value, len(n.Elems))
		for i, e := range n.Elems {
			a[i] = e.Value()
		}
		return a
	case Object:
		o := aslrt.NewObject(len(n.Members))
		for _, m := range n.Members {
			o.Set(m.Key, m.Value.Value())
		}
		return o
	}
	return nil
}

// Walk calls f for n and, while f returns true, for every value inside it,
// depth first in source order.
func (n *JSON) Walk(f func(*JSON) bool) {
	if n == nil || !f(n) {
		return
	}
	for _, e := range n.Elems {
		e.Walk(f)
	}
	for _, m := range n.Members {
		m.Value.Walk(f)
	}
}
