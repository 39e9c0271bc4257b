package emit

import (
	"strings"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/aslc/aslc/ir"
)

// jsonText renders JSON text as a Go string literal: a raw string when the
// text allows one (no backquote, valid UTF-8, no carriage return), so that
// the JSON reads as written; a quoted string otherwise.
func jsonText(s string) jen.Code {
	if !strings.ContainsAny(s, "`\r") && utf8.ValidString(s) && !strings.ContainsRune(s, '\uFEFF') {
		return jen.Op("`" + s + "`")
	}
	return jen.Lit(s)
}

// parsePath is the expression that parses p.
func parsePath(p *ir.Path) *jen.Statement {
	fn := "MustPath"
	if p.Kind == ir.ReferencePath {
		fn = "MustReferencePath"
	}
	return rt(fn).Call(jen.Lit(p.Text))
}

// pathRef is the package-level variable holding p, declared at first use.
func (e *emitter) pathRef(p *ir.Path) *jen.Statement {
	if !e.named[p] {
		e.named[p] = true
		e.addVar(p.GoName, parsePath(p))
	}
	return jen.Id(p.GoName)
}

// pathField is the value of a path field in a StateIO: the package-level
// variable holding the parsed path, which states that write the same path
// share, or aslrt.NullPath() for a field set to null.
func (e *emitter) pathField(f *ir.PathField) jen.Code {
	if f.Null {
		return rt("NullPath").Call()
	}
	return e.pathRef(f.Path)
}

// parseTemplate is the expression that parses t, with its direct form
// when it has one (direct.go).
func (e *emitter) parseTemplate(t *ir.Template) *jen.Statement {
	if d := e.directTemplate(t); d != nil {
		return rt("MustTemplateDirect").Call(jsonText(t.JSON), d)
	}
	return rt("MustTemplate").Call(jsonText(t.JSON))
}

// templateRef declares the package-level variable holding t and returns it.
func (e *emitter) templateRef(t *ir.Template) *jen.Statement {
	e.addVar(t.GoName, e.parseTemplate(t))
	return jen.Id(t.GoName)
}

// errorNames are the runtime's constants for the predefined error names.
var errorNames = map[string]string{
	"States.ALL":                             "ErrAll",
	"States.Timeout":                         "ErrTimeout",
	"States.HeartbeatTimeout":                "ErrHeartbeatTimeout",
	"States.TaskFailed":                      "ErrTaskFailed",
	"States.Permissions":                     "ErrPermissions",
	"States.ResultPathMatchFailure":          "ErrResultPathMatchFailure",
	"States.ParameterPathFailure":            "ErrParameterPathFailure",
	"States.BranchFailed":                    "ErrBranchFailed",
	"States.NoChoiceMatched":                 "ErrNoChoiceMatched",
	"States.IntrinsicFailure":                "ErrIntrinsicFailure",
	"States.ExceedToleratedFailureThreshold": "ErrExceedToleratedFailureThreshold",
	"States.ItemReaderFailed":                "ErrItemReaderFailed",
	"States.ResultWriterFailed":              "ErrResultWriterFailed",
	"States.DataLimitExceeded":               "ErrDataLimitExceeded",
	"States.QueryEvaluationError":            "ErrQueryEvaluationError",
	"States.Runtime":                         "ErrRuntime",
}

// errorName renders an error name: the runtime's constant for a
// predefined one, a string literal otherwise.
func errorName(name string) jen.Code {
	if c, ok := errorNames[name]; ok {
		return rt(c)
	}
	return jen.Lit(name)
}

func errorNameList(names []string) []jen.Code {
	out := make([]jen.Code, len(names))
	for i, n := range names {
		out[i] = errorName(n)
	}
	return out
}

// fields are the keyed elements of a composite literal, in the order
// they are added (jen.Dict would sort them).
type fields []jen.Code

func (f *fields) add(key string, v jen.Code) { *f = append(*f, jen.Id(key).Op(":").Add(v)) }

// lines renders the elements one per line when there are several.
func (f fields) lines() []jen.Code {
	if len(f) < 2 {
		return f
	}
	out := make([]jen.Code, 0, len(f)+1)
	for _, c := range f {
		out = append(out, jen.Line().Add(c))
	}
	return append(out, jen.Line())
}
