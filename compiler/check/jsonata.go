package check

import (
	"github.com/aslc/aslc/compiler/ast"
)

// exprSite is one JSONata expression of a definition: the "{% %}" string
// node and the text between the delimiters.
type exprSite struct {
	state *ast.BaseState
	node  *ast.JSON
	text  string
}

// expression records a JSONata expression of a JSONata state, in source
// order.
func (c *checker) expression(b *ast.BaseState, n *ast.JSON, text string) {
	c.exprs = append(c.exprs, exprSite{state: b, node: n, text: text})
}
