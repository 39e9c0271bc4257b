package check

import (
	"errors"
	"fmt"

	"github.com/aslc/aslc/compiler/ast"
	"github.com/aslc/aslc/jsonata"
)

// expression checks one JSONata expression of a JSONata state, the text
// between "{%" and "%}" of the string n: it must parse (A2.19). AWS
// reports the parser's message without its code, at the pointer of the
// string.
func (c *checker) expression(b *ast.BaseState, n *ast.JSON, text string) {
	if err := parseJSONata(text); err != nil {
		c.errorf(n.Pos, ast.CodeInvalidJSONata, n.Pointer, err.Error())
	}
}

// jsonataPanicPrefix starts the message reported when the JSONata parser
// panics, so that a bug there costs one diagnostic, not the whole run.
const jsonataPanicPrefix = "the JSONata parser failed on this expression: "

// parseJSONata parses an expression with the jsonata package and returns
// the message of its syntax error, if any.
func parseJSONata(text string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s%v", jsonataPanicPrefix, r)
		}
	}()
	_, perr := jsonata.Parse(text)
	if perr == nil {
		return nil
	}
	var je *jsonata.Error
	if errors.As(perr, &je) {
		return errors.New(je.Message)
	}
	return perr
}
