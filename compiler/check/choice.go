package check

import (
	"github.com/aslc/aslc/compiler/ast"
)

// choice checks a Choice state: a non-empty Choices array of well-formed
// rules (A2.10, A6).
func (c *checker) choice(s *ast.Choice) {
	b := &s.BaseState
	c.io(b, &s.IO)
	c.output(b, s.Output)
	c.assign(b, s.Assign)
	if list := b.Raw.Get("Choices"); list != nil && list.Kind == ast.Array && len(list.Elems) == 0 {
		c.schema(list.Pos, list.Pointer, "Value cannot be empty")
	}
	for _, r := range s.Choices {
		c.rule(b, r, true)
	}
}

// rule checks one Choice rule and the rules nested in it.
func (c *checker) rule(b *ast.BaseState, r *ast.Rule, top bool) {
	if top {
		c.assign(b, r.Assign)
		if b.JSONata() {
			c.jsonataValue(b, r.Output)
		} else if m := r.Raw.Member("Output"); m != nil {
			c.wrongLanguage(m.KeyPos, &ast.BaseState{Pointer: r.Pointer}, "Output", ast.JSONata)
		}
	}
	if b.JSONata() {
		c.jsonataRule(b, r)
		return
	}
	if m := r.Raw.Member("Condition"); m != nil {
		c.wrongLanguage(m.KeyPos, &ast.BaseState{Pointer: r.Pointer}, "Condition", ast.JSONata)
		return
	}
	kinds := 0
	for _, k := range []string{"And", "Or", "Not"} {
		if r.Raw.Member(k) != nil {
			kinds++
		}
	}
	hasTest := r.Variable != nil || r.Comparison != nil || r.Raw.Member("Variable") != nil
	switch {
	case kinds == 0 && !hasTest:
		c.schema(r.Pos, location(r.Pointer), "A choice rule must have either a comparison ('Variable' and one comparison operator) or one of 'And', 'Or', 'Not'")
		return
	case kinds > 1 || kinds == 1 && hasTest:
		c.schema(r.Pos, location(r.Pointer), "A choice rule must have exactly one of a comparison ('Variable' and one comparison operator), 'And', 'Or' or 'Not'")
		return
	}
	if hasTest {
		c.comparison(b, r)
		return
	}
	for _, k := range []string{"And", "Or"} {
		if list := r.Raw.Get(k); list != nil && list.Kind == ast.Array && len(list.Elems) == 0 {
			c.schema(list.Pos, list.Pointer, "Value cannot be empty")
		}
	}
	for _, sub := range r.And {
		c.rule(b, sub, false)
	}
	for _, sub := range r.Or {
		c.rule(b, sub, false)
	}
	if r.Not != nil {
		c.rule(b, r.Not, false)
	}
}

// comparison checks a data-test rule: a Variable and one operator whose
// operand has the operator's type (A6.6 - A6.18).
func (c *checker) comparison(b *ast.BaseState, r *ast.Rule) {
	if r.Raw.Member("Variable") == nil {
		c.schema(r.Pos, location(r.Pointer), "The field 'Variable' is required but was missing")
	} else {
		c.referencePath(b, r.Variable, "Variable", anyRoot)
	}
	op := r.Comparison
	if op == nil {
		c.schema(r.Pos, location(r.Pointer), "A choice rule with 'Variable' needs a comparison operator")
		return
	}
	v := op.Value
	want, _ := ast.ComparisonOperand(op.Operator)
	bad := func(what string) {
		c.schema(v.Pos, v.Pointer, "The value for the field '"+op.Operator+"' must be "+what)
	}
	switch want {
	case ast.OperandPath:
		if v.Kind != ast.String {
			bad("a reference path")
			return
		}
		c.referencePath(b, &ast.StringField{Value: v.Text, Pos: v.Pos, Pointer: v.Pointer}, op.Operator, anyRoot)
	case ast.OperandString:
		if v.Kind != ast.String {
			bad("a string")
		}
	case ast.OperandNumber:
		if v.Kind != ast.Number {
			bad("a number")
		}
	case ast.OperandBool:
		if v.Kind != ast.Bool {
			bad("a boolean")
		}
	case ast.OperandTimestamp:
		if v.Kind != ast.String {
			bad("a string")
		} else if !isTimestamp(v.Text) {
			c.schema(v.Pos, v.Pointer, "String does not match RFC3339 timestamp")
		}
	}
}

// jsonataRule checks a JSONata rule: a Condition, expression or boolean,
// and none of the JSONPath rule fields (A6.20).
func (c *checker) jsonataRule(b *ast.BaseState, r *ast.Rule) {
	for _, m := range r.Raw.Members {
		if _, isOp := ast.ComparisonOperand(m.Key); isOp || m.Key == "Variable" || m.Key == "And" || m.Key == "Or" || m.Key == "Not" {
			c.wrongLanguage(m.KeyPos, &ast.BaseState{Pointer: r.Pointer}, m.Key, ast.JSONPath)
		}
	}
	if r.Raw.Member("Condition") == nil {
		c.schema(r.Pos, location(r.Pointer), "The field 'Condition' is required but was missing")
		return
	}
	if cond := r.Condition; cond != nil && cond.Kind == ast.String {
		if expr, ok := cond.Expr(); ok {
			c.expression(b, cond, expr)
		} else {
			c.schema(cond.Pos, cond.Pointer, "The value for the field 'Condition' must be a boolean or a JSONata expression")
		}
	}
}
