package lower

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/aslc/aslc/compiler/ast"
	"github.com/aslc/aslc/compiler/names"
	"github.com/aslc/aslc/ir"
	aslrt "github.com/aslc/aslc/runtime"
)

// path parses a path field's text, once per distinct text.
func (l *lowerer) path(text string, kind ir.PathKind, p ast.Pos, ptr string) *ir.Path {
	if ip := l.paths[text]; ip != nil {
		if kind == ir.ReferencePath && ip.Kind != ir.ReferencePath {
			if !ip.Parsed.IsReference() {
				l.internal(p, ptr, "the path "+text+" is not a reference path")
				return nil
			}
			ip.Kind = ir.ReferencePath
		}
		return ip
	}
	var parsed *aslrt.Path
	var err error
	if kind == ir.ReferencePath {
		parsed, err = aslrt.ParseReferencePath(text)
	} else {
		parsed, err = aslrt.ParsePath(text)
	}
	if err != nil {
		l.internal(p, ptr, "the path "+text+" does not parse: "+err.Error())
		return nil
	}
	ip := &ir.Path{Text: text, Kind: kind, Parsed: parsed, GoName: l.pkg.Claim("path" + pathWords(text))}
	l.paths[text] = ip
	l.prog.Paths = append(l.prog.Paths, ip)
	return ip
}

// pathWords names a path after its text: $.order.id gives OrderID,
// $$.Map.Item.Value gives ContextMapItemValue, $total gives VarTotal and
// $ gives Input.
func pathWords(text string) string {
	rest, prefix := text, ""
	switch {
	case strings.HasPrefix(rest, "$$"):
		rest, prefix = rest[2:], "Context"
	case strings.HasPrefix(rest, "$") && len(rest) > 1 && (rest[1] == '_' || unicode.IsLetter(rune(rest[1])) || rest[1] >= 0x80):
		rest, prefix = rest[1:], "Var"
	default:
		rest = strings.TrimPrefix(rest, "$")
	}
	if strings.Trim(rest, ".[]*'\" ") == "" {
		if prefix == "" {
			return "Input"
		}
		return prefix
	}
	return prefix + names.Ident(rest, true)
}

// pathField lowers InputPath, OutputPath or ResultPath.
func (l *lowerer) pathField(f *ast.StringField, kind ir.PathKind) *ir.PathField {
	if f == nil {
		return nil
	}
	if f.Null {
		return &ir.PathField{Null: true, Pos: pos(f.Pos)}
	}
	p := l.path(f.Value, kind, f.Pos, f.Pointer)
	if p == nil {
		return nil
	}
	return &ir.PathField{Path: p, Pos: pos(f.Pos)}
}

// refPath lowers a reference-path field that has no null form.
func (l *lowerer) refPath(f *ast.StringField) *ir.Path {
	if f == nil {
		return nil
	}
	return l.path(f.Value, ir.ReferencePath, f.Pos, f.Pointer)
}

// template lowers a JSONPath payload template; name is the name of its
// variable, should the code need one.
func (l *lowerer) template(n *ast.JSON, name string) *ir.Payload {
	if n == nil {
		return nil
	}
	v := value(n)
	text := aslrt.EncodeString(v)
	parsed, err := aslrt.ParseTemplate(v)
	if err != nil {
		l.internal(n.Pos, n.Pointer, "the payload template does not parse: "+err.Error())
		return nil
	}
	t := &ir.Template{JSON: text, Value: v, Literal: parsed.IsLiteral(), GoName: l.name(name)}
	l.templateCalls(t, v, "call"+names.Ident(t.GoName, true))
	if !t.Literal {
		t.Shape = l.name("shape" + names.Ident(t.GoName, true))
	}
	l.prog.Templates = append(l.prog.Templates, t)
	return &ir.Payload{Template: t, Pos: pos(n.Pos)}
}

// templateCalls names the intrinsic function calls of the ".$" members of
// v, at any depth, in t.Calls: prefix followed by the member's key, and
// "Arg" and the argument's position for nested calls. A call written the
// same way elsewhere shares its variable.
func (l *lowerer) templateCalls(t *ir.Template, v aslrt.Value, prefix string) {
	switch x := v.(type) {
	case *aslrt.Object:
		for _, m := range x.Members() {
			key, isExpr := strings.CutSuffix(m.Key, ".$")
			s, isString := m.Value.(string)
			switch {
			case !isExpr:
				l.templateCalls(t, m.Value, prefix+names.Ident(key, true))
			case isString && !aslrt.IsPathExpression(s):
				if c, err := aslrt.ParseIntrinsic(s); err == nil {
					l.templateCall(t, c, prefix+names.Ident(key, true))
				}
			}
		}
	case []aslrt.Value:
		for i, e := range x {
			l.templateCalls(t, e, prefix+strconv.Itoa(i))
		}
	}
}

func (l *lowerer) templateCall(t *ir.Template, c *aslrt.Intrinsic, name string) {
	text := c.String()
	ic := l.intrins[text]
	if ic == nil {
		ic = &ir.Intrinsic{Text: text, GoName: l.pkg.Claim(name)}
		l.intrins[text] = ic
		l.prog.Intrinsics = append(l.prog.Intrinsics, ic)
	}
	if t.Calls == nil {
		t.Calls = map[string]*ir.Intrinsic{}
	}
	t.Calls[text] = ic
	for i, a := range c.Args() {
		if a.Call != nil {
			l.templateCall(t, a.Call, name+"Arg"+strconv.Itoa(i))
		}
	}
}

// literal lowers a constant JSON value.
func (l *lowerer) literal(n *ast.JSON, name string) *ir.Literal {
	if n == nil {
		return nil
	}
	v := value(n)
	lit := &ir.Literal{JSON: aslrt.EncodeString(v), Value: v, GoName: l.name(name)}
	l.prog.Literals = append(l.prog.Literals, lit)
	return lit
}

// count lowers an integer field given as a literal or as a ...Path field.
func (l *lowerer) count(lit *ast.JSON, path *ast.StringField) *ir.Count {
	switch {
	case lit != nil:
		v, ok := lit.Int()
		if !ok || lit.Kind != ast.Number {
			l.internal(lit.Pos, lit.Pointer, "the value is not an integer")
			return nil
		}
		return &ir.Count{Value: v, Pos: pos(lit.Pos)}
	case path != nil:
		p := l.refPath(path)
		if p == nil {
			return nil
		}
		return &ir.Count{Path: p, Pos: pos(path.Pos)}
	}
	return nil
}

// number lowers a fractional field given as a literal or as a ...Path
// field.
func (l *lowerer) number(lit *ast.JSON, path *ast.StringField) *ir.Number {
	switch {
	case lit != nil:
		v, ok := lit.Float()
		if !ok || lit.Kind != ast.Number {
			l.internal(lit.Pos, lit.Pointer, "the value is not a number")
			return nil
		}
		return &ir.Number{Value: v, Pos: pos(lit.Pos)}
	case path != nil:
		p := l.refPath(path)
		if p == nil {
			return nil
		}
		return &ir.Number{Path: p, Pos: pos(path.Pos)}
	}
	return nil
}

// fieldExpr lowers a field holding a path or an intrinsic call (Fail's
// ErrorPath and CausePath); name names the intrinsic's variable.
func (l *lowerer) fieldExpr(f *ast.StringField, name string) *ir.Text {
	if f == nil {
		return nil
	}
	if aslrt.IsPathExpression(f.Value) {
		p := l.path(f.Value, ir.AnyPath, f.Pos, f.Pointer)
		if p == nil {
			return nil
		}
		return &ir.Text{Path: p, Pos: pos(f.Pos)}
	}
	if c := l.intrins[f.Value]; c != nil {
		return &ir.Text{Intrinsic: c, Pos: pos(f.Pos)}
	}
	if _, err := aslrt.ParseIntrinsic(f.Value); err != nil {
		l.internal(f.Pos, f.Pointer, "the intrinsic function call does not parse: "+err.Error())
		return nil
	}
	c := &ir.Intrinsic{Text: f.Value, GoName: l.name(name)}
	l.intrins[f.Value] = c
	l.prog.Intrinsics = append(l.prog.Intrinsics, c)
	return &ir.Text{Intrinsic: c, Pos: pos(f.Pos)}
}

// stringLit lowers a field holding a literal string (Fail's Error and
// Cause in a JSONPath state).
func (l *lowerer) stringLit(n *ast.JSON) *ir.Text {
	if n == nil {
		return nil
	}
	if n.Kind != ast.String {
		l.internal(n.Pos, n.Pointer, "the value is not a string")
		return nil
	}
	return &ir.Text{Value: n.Text, Pos: pos(n.Pos)}
}
