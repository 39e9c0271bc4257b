package check

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aslc/aslc/compiler/ast"
	aslrt "github.com/aslc/aslc/runtime"
)

// intRange checks that text is an integer within [min, max] and returns it.
func (c *checker) intRange(pos ast.Pos, ptr, field, text string, min, max int64) (int64, bool) {
	n := &ast.JSON{Kind: ast.Number, Text: text}
	v, ok := n.Int()
	if !ok {
		if _, isNum := n.Float(); isNum && !strings.ContainsAny(text, ".eE") {
			// An integer too big for 64 bits.
			c.schema(pos, ptr, "Maximum value is "+strconv.FormatInt(max, 10))
			return 0, false
		}
		c.schema(pos, ptr, "The value for the field '"+field+"' must be an integer")
		return 0, false
	}
	switch {
	case v < min:
		c.schema(pos, ptr, "Minimum value is "+strconv.FormatInt(min, 10))
		return 0, false
	case v > max:
		c.schema(pos, ptr, "Maximum value is "+strconv.FormatInt(max, 10))
		return 0, false
	}
	return v, true
}

// intOrExpr checks a field that holds an integer literal or, in a JSONata
// state, an expression (A16.2); it returns the literal when there is one.
func (c *checker) intOrExpr(b *ast.BaseState, n *ast.JSON, field string, min, max int64) (int64, bool) {
	if n == nil {
		return 0, false
	}
	if n.Kind == ast.String {
		if expr, ok := n.Expr(); ok && b.JSONata() {
			c.expression(b, n, expr)
			return 0, false
		}
		if b.JSONata() {
			c.schema(n.Pos, n.Pointer, "The value for the field '"+field+"' must be an integer or a JSONata expression")
		} else {
			c.schema(n.Pos, n.Pointer, "The value for the field '"+field+"' must be an integer")
		}
		return 0, false
	}
	return c.intRange(n.Pos, n.Pointer, field, n.Text, min, max)
}

// percentage checks ToleratedFailurePercentage: 0.0 to 100.0 (A2.16).
func (c *checker) percentage(b *ast.BaseState, n *ast.JSON) {
	if n == nil {
		return
	}
	if n.Kind == ast.String {
		if expr, ok := n.Expr(); ok && b.JSONata() {
			c.expression(b, n, expr)
			return
		}
		c.schema(n.Pos, n.Pointer, "The value for the field 'ToleratedFailurePercentage' must be a number")
		return
	}
	f, _ := n.Float()
	switch {
	case f < 0:
		c.schema(n.Pos, n.Pointer, "Minimum value is 0.0")
	case f > 100:
		c.schema(n.Pos, n.Pointer, "Maximum value is 100.0")
	}
}

// timestampSyntax is the RFC 3339 profile ASL requires: an upper-case T
// between date and time and a zone, Z or an offset (A2.14, A7.7).
var timestampSyntax = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`)

// isTimestamp reports whether s is a timestamp as ASL defines it: the RFC
// 3339 profile above, which the runtime's parser (the one generated code
// uses) also accepts, with every field in range.
func isTimestamp(s string) bool {
	if !timestampSyntax.MatchString(s) {
		return false
	}
	_, ok := aslrt.ParseTimestamp(s)
	return ok
}

// jsonataValue checks every "{% %}" string inside n (A16.2).
func (c *checker) jsonataValue(b *ast.BaseState, n *ast.JSON) {
	n.Walk(func(v *ast.JSON) bool {
		if expr, ok := v.Expr(); ok {
			c.expression(b, v, expr)
		}
		return true
	})
}

// output checks Output (JSONata states; any JSON value, A16.5).
func (c *checker) output(b *ast.BaseState, n *ast.JSON) {
	if n != nil && b.JSONata() {
		c.jsonataValue(b, n)
	}
}

// arguments checks Arguments (JSONata states): an object or an expression.
func (c *checker) arguments(b *ast.BaseState, n *ast.JSON) {
	if n == nil || !b.JSONata() {
		return
	}
	if _, ok := n.Expr(); !ok && n.Kind != ast.Object {
		c.schema(n.Pos, n.Pointer, "The value for the field 'Arguments' must be an object or a JSONata expression")
		return
	}
	c.jsonataValue(b, n)
}

// assign checks Assign: an object whose keys name variables (A15.10,
// A15.11, A15.13); its values are payload-template values in JSONPath
// states and JSONata values in JSONata states (A15.2).
func (c *checker) assign(b *ast.BaseState, n *ast.JSON) {
	if n == nil {
		return
	}
	if n.Kind != ast.Object {
		c.schema(n.Pos, n.Pointer, "The value for the field 'Assign' must be an object")
		return
	}
	for _, m := range n.Members {
		name := m.Key
		if !b.JSONata() {
			name = strings.TrimSuffix(name, ".$")
		}
		if msg := variableNameProblem(name); msg != "" {
			c.schema(m.KeyPos, n.Pointer, msg)
		}
	}
	if b.JSONata() {
		c.jsonataValue(b, n)
		return
	}
	c.templateValue(n)
}

// maxVariableName is the longest variable name (A15.13).
const maxVariableName = 80

func variableNameProblem(name string) string {
	switch {
	case name == "":
		return "A variable name cannot be empty"
	case utf8.RuneCountInString(name) > maxVariableName:
		return "The variable name '" + name + "' is longer than " + strconv.Itoa(maxVariableName) + " characters"
	case name == "states":
		return "The variable name 'states' is reserved"
	}
	for i, r := range name {
		if r == '_' || unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r) {
			continue
		}
		return "The variable name '" + name + "' is not valid: a variable name starts with a letter or '_' and holds only letters, digits and '_'"
	}
	return ""
}

// credentials checks a Task's Credentials: an object with RoleArn (A2.23,
// A8.15).
func (c *checker) credentials(b *ast.BaseState, n *ast.JSON) {
	if n == nil {
		return
	}
	if n.Kind != ast.Object {
		c.schema(n.Pos, n.Pointer, "The value for the field 'Credentials' must be an object")
		return
	}
	if n.Member("RoleArn") == nil && (b.JSONata() || n.Member("RoleArn.$") == nil) {
		c.schema(n.Pos, n.Pointer, "The field 'RoleArn' is required but was missing")
	}
	if b.JSONata() {
		c.jsonataValue(b, n)
		return
	}
	c.templateValue(n)
}
