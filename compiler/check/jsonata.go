package check

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aslc/aslc/compiler/ast"
	"github.com/aslc/aslc/jsonata"
)

// expression checks one JSONata expression of a JSONata state, the text
// between "{%" and "%}" of the string n: it must parse (A2.19). AWS
// reports the parser's message without its code, at the pointer of the
// string. A parsed expression must not read what a Step Functions
// expression cannot (references).
func (c *checker) expression(b *ast.BaseState, n *ast.JSON, text string) {
	x, err := parseJSONata(text)
	if err != nil {
		c.errorf(n.Pos, ast.CodeInvalidJSONata, n.Pointer, err.Error())
		return
	}
	c.references(b, n, x)
}

// references checks what an expression reads (UNSUPPORTED_JSONATA_EXPRESSION):
// Step Functions evaluates expressions without an input document, so a
// field name at the top level reads nothing and is refused (A2.20), as is
// $$ (A2.21); $states.errorOutput exists only in a catcher's Output and
// Assign (A2.21, A11.7). Each distinct problem is reported once per
// expression.
func (c *checker) references(b *ast.BaseState, n *ast.JSON, x *jsonata.Expr) {
	seen := map[string]bool{}
	report := func(msg string) {
		if !seen[msg] {
			seen[msg] = true
			c.errorf(n.Pos, ast.CodeUnsupportedJSONata, n.Pointer, msg)
		}
	}
	catcher := inCatcher(b, n)
	for _, r := range x.References() {
		switch {
		case r.Kind == jsonata.FieldRef:
			report("Reference to '" + r.Name + "' at the top level is not supported.")
		case r.Kind == jsonata.RootRef:
			report("Reference to '$$' is not supported.")
		case r.Kind == jsonata.VariableRef && r.Name == "states" && len(r.Path) > 0 && r.Path[0] == "errorOutput" && !catcher:
			report("Field '$states.errorOutput' does not exist.")
		}
	}
}

// inCatcher reports whether n stands in the Output or Assign of one of the
// state's catchers: /States/<s>/Catch[<i>]/Output or .../Assign.
func inCatcher(b *ast.BaseState, n *ast.JSON) bool {
	rel, ok := strings.CutPrefix(n.Pointer, b.Pointer+"/Catch[")
	if !ok {
		return false
	}
	_, rest, ok := strings.Cut(rel, "]/")
	return ok && (rest == "Output" || rest == "Assign" || strings.HasPrefix(rest, "Output/") || strings.HasPrefix(rest, "Output[") || strings.HasPrefix(rest, "Assign/"))
}

// jsonataPanicPrefix starts the message reported when the JSONata parser
// panics, so that a bug there costs one diagnostic, not the whole run.
const jsonataPanicPrefix = "the JSONata parser failed on this expression: "

// parseJSONata parses an expression with the jsonata package; a syntax
// error is returned with the parser's message.
func parseJSONata(text string) (x *jsonata.Expr, err error) {
	defer func() {
		if r := recover(); r != nil {
			x, err = nil, fmt.Errorf("%s%v", jsonataPanicPrefix, r)
		}
	}()
	x, perr := jsonata.Parse(text)
	if perr == nil {
		return x, nil
	}
	var je *jsonata.Error
	if errors.As(perr, &je) {
		return nil, errors.New(je.Message)
	}
	return nil, perr
}
