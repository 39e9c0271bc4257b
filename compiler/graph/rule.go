package graph

import (
	"fmt"
	"strings"

	"github.com/aslc/aslc/compiler/ast"
)

// maxLabel bounds a Choice rule's label; a longer condition is cut.
const maxLabel = 60

// operators renders the comparison operators of JSONPath Choice rules.
var operators = map[string]string{
	"Equals": "==", "LessThan": "<", "GreaterThan": ">",
	"LessThanEquals": "<=", "GreaterThanEquals": ">=",
}

// ruleLabel labels the edge of the i-th rule of a Choice: its condition,
// short enough to read.
func ruleLabel(r *ast.Rule, i int) string {
	s := ruleText(r)
	if s == "" {
		s = fmt.Sprintf("Rule %d", i+1)
	}
	if n := []rune(s); len(n) > maxLabel {
		s = string(n[:maxLabel-1]) + "…"
	}
	return s
}

func ruleText(r *ast.Rule) string {
	switch {
	case r == nil:
		return ""
	case r.Condition != nil:
		if e, ok := r.Condition.Expr(); ok {
			return strings.Join(strings.Fields(e), " ")
		}
		if r.Condition.Kind == ast.Bool {
			return fmt.Sprint(r.Condition.Bool)
		}
		return ""
	case r.Not != nil:
		return "not (" + ruleText(r.Not) + ")"
	case len(r.And) > 0:
		return join(r.And, " and ")
	case len(r.Or) > 0:
		return join(r.Or, " or ")
	case r.Variable != nil && r.Comparison != nil:
		return comparisonText(r.Variable.Value, r.Comparison)
	}
	return ""
}

func join(rules []*ast.Rule, sep string) string {
	parts := make([]string, len(rules))
	for i, r := range rules {
		parts[i] = ruleText(r)
		if len(r.And)+len(r.Or) > 0 {
			parts[i] = "(" + parts[i] + ")"
		}
	}
	return strings.Join(parts, sep)
}

// comparisonText renders "$.x == 1", "$.t < $.limit", "$.s matches
// "a*"", "$.x is present", ...
func comparisonText(variable string, c *ast.Comparison) string {
	op := strings.TrimSuffix(c.Operator, "Path")
	operand := ""
	if c.Value != nil {
		switch c.Value.Kind {
		case ast.String:
			if c.IsPath() {
				operand = c.Value.Text
			} else {
				operand = fmt.Sprintf("%q", c.Value.Text)
			}
		case ast.Number:
			operand = c.Value.Text
		case ast.Bool:
			operand = fmt.Sprint(c.Value.Bool)
		}
	}
	for _, prefix := range []string{"String", "Numeric", "Boolean", "Timestamp"} {
		rest, ok := strings.CutPrefix(op, prefix)
		if !ok {
			continue
		}
		if sym, ok := operators[rest]; ok {
			return variable + " " + sym + " " + operand
		}
		if rest == "Matches" {
			return variable + " matches " + operand
		}
	}
	if kind, ok := strings.CutPrefix(op, "Is"); ok {
		word := map[string]string{"Present": "present", "Null": "null", "Numeric": "a number", "String": "a string", "Boolean": "a boolean", "Timestamp": "a timestamp"}[kind]
		if word == "" {
			word = kind
		}
		if operand == "false" {
			return variable + " is not " + word
		}
		return variable + " is " + word
	}
	return variable + " " + c.Operator + " " + operand
}
