package check

import (
	"strings"

	"github.com/aslc/aslc/compiler/ast"
	aslrt "github.com/aslc/aslc/runtime"
)

// Roots a reference-path field may start from.
type roots int

const (
	// anyRoot: the input ($), the context object ($$) or a variable ($name).
	anyRoot roots = iota
	// inputOrVariable: not the context object (Map's …Path fields, A2.17).
	inputOrVariable
	// inputOnly: ResultPath (A3.15, A14.11).
	inputOnly
)

// io checks InputPath and OutputPath: JSONPaths, null allowed (A3.2,
// A3.16).
func (c *checker) io(b *ast.BaseState, io *ast.IO) {
	for _, f := range []struct {
		name  string
		field *ast.StringField
	}{{"InputPath", io.InputPath}, {"OutputPath", io.OutputPath}} {
		if f.field == nil || f.field.Null || b.JSONata() {
			continue
		}
		if _, err := aslrt.ParsePath(f.field.Value); err != nil {
			c.schema(f.field.Pos, f.field.Pointer, "The value for the field '"+f.name+"' must be a valid JSONPath")
		}
	}
}

// resultPath checks ResultPath: a reference path into the state input, or
// null (A3.12 - A3.15).
func (c *checker) resultPath(b *ast.BaseState, f *ast.StringField) {
	if f == nil || f.Null || b.JSONata() {
		return
	}
	c.referencePath(b, f, "ResultPath", inputOnly)
}

// referencePath checks a field that must hold a reference path (A2.13,
// A4.7) starting from one of the allowed roots.
func (c *checker) referencePath(b *ast.BaseState, f *ast.StringField, name string, allowed roots) {
	if f == nil || f.Null || b.JSONata() {
		return
	}
	p, err := aslrt.ParseReferencePath(f.Value)
	if err != nil {
		c.schema(f.Pos, f.Pointer, "Value is not a Reference Path: "+err.Error())
		return
	}
	switch {
	case allowed == inputOnly && p.Root() != aslrt.RootInput:
		c.schema(f.Pos, f.Pointer, "Value is not a Reference Path: the field '"+name+"' must refer to the state input ('$')")
	case allowed == inputOrVariable && p.Root() == aslrt.RootContext:
		c.schema(f.Pos, f.Pointer, "Value is not a Reference Path: the field '"+name+"' cannot refer to the context object ('$$')")
	}
}

// errorPath checks Fail's ErrorPath and CausePath: a reference path or an
// intrinsic call that returns a string (A5.27, A8.5).
func (c *checker) errorPath(b *ast.BaseState, f *ast.StringField, name string) {
	if f == nil || b.JSONata() {
		return
	}
	if aslrt.IsPathExpression(f.Value) {
		c.referencePath(b, f, name, anyRoot)
		return
	}
	call, err := aslrt.ParseIntrinsic(f.Value)
	switch {
	case err != nil:
		c.schema(f.Pos, f.Pointer, "The value for the field '"+name+"' must be a valid JSONPath or a valid intrinsic function call")
	case !call.ReturnsString():
		c.schema(f.Pos, f.Pointer, "The value for the field '"+name+"' must be a reference path or an intrinsic function call that returns a string, and "+call.Name()+" does not")
	}
}

// template checks a JSONPath payload template (Parameters, ResultSelector,
// ItemSelector, Credentials, ...): an object whose "key.$" members, at
// any depth, hold a JSONPath or an intrinsic call (A2.12, A3.5, A3.6). In
// JSONata states the field is refused elsewhere (A2.18), so nothing more is
// checked.
func (c *checker) template(b *ast.BaseState, n *ast.JSON, field string) {
	if n == nil || b.JSONata() {
		return
	}
	if n.Kind != ast.Object {
		c.schema(n.Pos, n.Pointer, "The value for the field '"+field+"' must be an object")
		return
	}
	c.templateValue(n)
}

func (c *checker) templateValue(n *ast.JSON) {
	switch n.Kind {
	case ast.Array:
		for _, e := range n.Elems {
			c.templateValue(e)
		}
	case ast.Object:
		for _, m := range n.Members {
			if strings.HasSuffix(m.Key, ".$") {
				if !validDynamicValue(m.Value) {
					c.schema(m.Value.Pos, location(n.Pointer), "The value for the field '"+m.Key+"' must be a valid JSONPath or a valid intrinsic function call")
				}
				continue
			}
			c.templateValue(m.Value)
		}
	}
}

// validDynamicValue reports whether a ".$" value is a JSONPath or an
// intrinsic function call (A3.6).
func validDynamicValue(v *ast.JSON) bool {
	if v.Kind != ast.String {
		return false
	}
	if aslrt.IsPathExpression(v.Text) {
		_, err := aslrt.ParsePath(v.Text)
		return err == nil
	}
	_, err := aslrt.ParseIntrinsic(v.Text)
	return err == nil
}
