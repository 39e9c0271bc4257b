package aslrt

import (
	"strconv"
	"strings"
)

// Template is a compiled payload template: the value of Parameters,
// ItemSelector (or a Map's Parameters), ResultSelector, a JSONPath state's
// Assign, or Credentials. Every member whose key ends in ".$", at any depth
// and inside arrays too, is evaluated — a path ($ input, $$ context object,
// $name variable) or an intrinsic function call — and renamed without the
// suffix; everything else is copied literally (A3.5, A3.6, A3.20).
//
// A Template is parsed once and is safe for concurrent use. Evaluation
// builds only the objects and arrays that contain evaluated members, each
// with its exact size; literal parts are shared, not copied.
//
// A Template is 64 bytes, one cache line, holding what an evaluation
// reads; its nodes are elsewhere.
type Template struct {
	// direct is the template's direct form, or nil (direct.go).
	direct DirectTemplate
	root   *tnode
	// whole is set when the template reads the whole input (ResultPath
	// in place, io_owned.go).
	whole bool
	// flat describes an object template whose members are all literals,
	// paths or intrinsic calls, whose value's size is bounded without
	// walking the nodes (Template.bound, size.go).
	flat flatKinds
}

type tnodeKind uint8

const (
	tLiteral tnodeKind = iota
	tObject
	tArray
	tPath
	tCall
)

type tnode struct {
	kind   tnodeKind
	value  Value // literal
	fields []tfield
	elems  []tnode
	path   *Path
	call   *Intrinsic
	field  string // the key with its ".$", for causes
	// size is the JSON size of a literal, and for an object or array
	// that of its punctuation, keys and literal parts (size.go).
	size int
}

type tfield struct {
	key  string
	node tnode
}

// TemplateError reports a ".$" member whose value is neither a valid path
// nor a valid intrinsic function call (A2.12), or two members that have the
// same name once ".$" is removed (A3.19).
type TemplateError struct {
	// Field is the key as written, with its ".$".
	Field string
	// Pointer is the JSON pointer, inside the template, of the object that
	// holds the member ("" for the template itself).
	Pointer string
	// Err is the syntax error of the value, nil for a repeated name.
	Err error
	// Duplicate is set when the problem is a repeated name.
	Duplicate bool
}

func (e *TemplateError) Error() string {
	if e.Duplicate {
		return "The field '" + strings.TrimSuffix(e.Field, ".$") + "' appears more than once once the '.$' suffixes are removed"
	}
	return "The value for the field '" + e.Field + "' must be a valid JSONPath or a valid intrinsic function call"
}

func (e *TemplateError) Unwrap() error { return e.Err }

// ParseTemplate compiles a payload template from its decoded JSON value.
func ParseTemplate(v Value) (*Template, error) {
	n, err := compileNode(v, "", 0)
	if err != nil {
		return nil, err
	}
	n.prepare()
	return &Template{root: &n, whole: n.readsWhole(), flat: n.flatKinds()}, nil
}

// MustTemplate is ParseTemplate for the JSON text of a template known to be
// valid, such as a template in generated code; it panics otherwise.
func MustTemplate(jsonText string) *Template {
	v, err := DecodeString(jsonText)
	if err != nil {
		panic("aslrt: invalid template JSON: " + err.Error())
	}
	t, err := ParseTemplate(v)
	if err != nil {
		panic("aslrt: invalid template: " + err.Error())
	}
	return t
}

// ParseFieldExpression compiles the value of a ".$" member, or of a field
// that takes a path or an intrinsic call such as Fail's ErrorPath: a path
// when it starts with "$", an intrinsic function call otherwise (A3.6).
// Exactly one of the results is non-nil when err is nil.
func ParseFieldExpression(s string) (*Path, *Intrinsic, error) {
	if IsPathExpression(s) {
		p, err := ParsePath(s)
		return p, nil, err
	}
	c, err := ParseIntrinsic(s)
	return nil, c, err
}

// maxTemplateDepth bounds the nesting of templates.
const maxTemplateDepth = 10000

func compileNode(v Value, pointer string, depth int) (tnode, error) {
	if depth > maxTemplateDepth {
		return tnode{}, &TemplateError{Pointer: pointer, Err: &PathSyntaxError{Msg: "template nested too deeply"}}
	}
	switch x := v.(type) {
	case *Object:
		fields := make([]tfield, 0, x.Len())
		dynamic := false
		// Names seen so far, for objects too big to scan for each member.
		var seen map[string]bool
		if x.Len() > indexAbove {
			seen = make(map[string]bool, x.Len())
		}
		for _, m := range x.Members() {
			key, isExpr := strings.CutSuffix(m.Key, ".$")
			var node tnode
			if isExpr {
				s, ok := m.Value.(string)
				if !ok {
					return tnode{}, &TemplateError{Field: m.Key, Pointer: pointer, Err: &PathSyntaxError{Msg: "the value is a " + TypeName(m.Value) + ", not a string"}}
				}
				p, c, err := ParseFieldExpression(s)
				if err != nil {
					return tnode{}, &TemplateError{Field: m.Key, Pointer: pointer, Err: err}
				}
				node = tnode{kind: tPath, path: p, field: m.Key}
				if c != nil {
					node = tnode{kind: tCall, call: c, field: m.Key}
				}
				dynamic = true
			} else {
				var err error
				node, err = compileNode(m.Value, pointer+"/"+escapePointer(m.Key), depth+1)
				if err != nil {
					return tnode{}, err
				}
				if node.kind != tLiteral {
					dynamic = true
				}
			}
			if repeated(fields, seen, key) {
				field := m.Key
				if !isExpr {
					field += ".$"
				}
				return tnode{}, &TemplateError{Field: field, Pointer: pointer, Duplicate: true}
			}
			fields = append(fields, tfield{key: key, node: node})
		}
		if !dynamic {
			return tnode{kind: tLiteral, value: x}, nil
		}
		return tnode{kind: tObject, fields: fields}, nil
	case []Value:
		elems := make([]tnode, len(x))
		dynamic := false
		for i, e := range x {
			n, err := compileNode(e, pointer+"/"+strconv.Itoa(i), depth+1)
			if err != nil {
				return tnode{}, err
			}
			elems[i] = n
			if n.kind != tLiteral {
				dynamic = true
			}
		}
		if !dynamic {
			return tnode{kind: tLiteral, value: x}, nil
		}
		return tnode{kind: tArray, elems: elems}, nil
	}
	return tnode{kind: tLiteral, value: v}, nil
}

// repeated reports whether key is the name of one of fields, and adds it
// to seen when seen is not nil (then fields are not scanned).
func repeated(fields []tfield, seen map[string]bool, key string) bool {
	if seen != nil {
		if seen[key] {
			return true
		}
		seen[key] = true
		return false
	}
	for _, f := range fields {
		if f.key == key {
			return true
		}
	}
	return false
}

func escapePointer(key string) string {
	if !strings.ContainsAny(key, "~/") {
		return key
	}
	return strings.ReplaceAll(strings.ReplaceAll(key, "~", "~0"), "/", "~1")
}

// Eval builds the template's value for input (what "$" reads). A path that
// selects nothing fails with States.Runtime and the cause "The JSONPath
// '<path>' specified for the field '<key>.$' could not be found in the
// input '<input as compact JSON>'" (A3.7, A3.8); intrinsic calls fail as
// Intrinsic.EvalField describes.
//
// Evaluated in an Exec, it records a bound of the value's size for the
// state's payload checks (size.go).
func (t *Template) Eval(input Value, s Scope) (Value, error) {
	if x, ok := s.(*Exec); ok {
		v, n, err := t.evalSized(input, x)
		if k, ok := keyOf(v); ok && err == nil {
			x.sizes.note(k, n) // noteSize, inlined
		}
		return v, err
	}
	if t.direct != nil {
		if v, ok := t.direct(input, s); ok {
			return v, nil
		}
	}
	return t.root.eval(input, s)
}

// IsLiteral reports whether the template has no ".$" member, so that Eval
// always returns the same value.
func (t *Template) IsLiteral() bool { return t.root.kind == tLiteral }

func (n *tnode) eval(input Value, s Scope) (Value, error) {
	switch n.kind {
	case tLiteral:
		return n.value, nil
	case tPath:
		return n.path.EvalField(input, s, n.field)
	case tCall:
		return n.call.EvalField(input, s, n.field)
	case tArray:
		out := make([]Value, len(n.elems))
		for i := range n.elems {
			v, err := n.elems[i].eval(input, s)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	}
	obj := NewObject(len(n.fields))
	for i := range n.fields {
		f := &n.fields[i]
		v, err := f.node.eval(input, s)
		if err != nil {
			return nil, err
		}
		obj.members = append(obj.members, Member{f.key, v})
	}
	if len(obj.members) > indexAbove {
		obj.reindex()
	}
	return obj, nil
}
