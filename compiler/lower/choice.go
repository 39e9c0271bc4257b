package lower

import (
	"strconv"

	"github.com/aslc/aslc/compiler/ast"
	"github.com/aslc/aslc/ir"
)

func (l *lowerer) choice(m *ast.Machine, s *ast.Choice, c *ir.Choice) {
	sb := &c.StateBase
	c.IO = l.io(sb, &s.IO, nil, nil, nil)
	c.Assign = l.template(s.Assign, "assign"+sb.GoName)
	c.RulesName = "rules" + sb.GoName
	if s.Default != nil {
		c.Default = l.target(m, s.Default)
	}
	for i, r := range s.Choices {
		br := &ir.ChoiceBranch{
			Rule:    l.rule(r),
			Assign:  l.template(r.Assign, "assign"+sb.GoName+"Choice"+strconv.Itoa(i)),
			Pos:     pos(r.Pos),
			Comment: comment(r.Comment),
		}
		if r.Next != nil {
			br.Next = l.target(m, r.Next)
		} else {
			l.internal(r.Pos, r.Pointer, "the choice has no Next")
		}
		c.Choices = append(c.Choices, br)
	}
}

// rule lowers a JSONPath Choice rule.
func (l *lowerer) rule(r *ast.Rule) *ir.Rule {
	if r == nil {
		return nil
	}
	out := &ir.Rule{Pos: pos(r.Pos), Comment: comment(r.Comment)}
	switch {
	case len(r.And) > 0:
		out.Kind = ir.And
		out.Rules = l.rules(r.And)
	case len(r.Or) > 0:
		out.Kind = ir.Or
		out.Rules = l.rules(r.Or)
	case r.Not != nil:
		out.Kind = ir.Not
		out.Rules = l.rules([]*ast.Rule{r.Not})
	case r.Variable != nil && r.Comparison != nil:
		out.Kind = ir.Compare
		out.Variable = l.refPath(r.Variable)
		c := r.Comparison
		out.Operator = c.Operator
		operand, ok := ast.ComparisonOperand(c.Operator)
		if !ok || c.Value == nil {
			l.internal(c.Pos, c.Pointer, "unknown comparison operator "+c.Operator)
			return out
		}
		switch operand {
		case ast.OperandPath:
			if c.Value.Kind != ast.String {
				l.internal(c.Value.Pos, c.Pointer, c.Operator+" needs a path")
				return out
			}
			out.OperandPath = l.path(c.Value.Text, ir.ReferencePath, c.Value.Pos, c.Pointer)
		case ast.OperandBool:
			if c.Value.Kind != ast.Bool {
				l.internal(c.Value.Pos, c.Pointer, c.Operator+" needs a boolean")
				return out
			}
			out.Operand = c.Value.Bool
		case ast.OperandNumber:
			if c.Value.Kind != ast.Number {
				l.internal(c.Value.Pos, c.Pointer, c.Operator+" needs a number")
				return out
			}
			out.Operand = value(c.Value)
		default: // strings and timestamps
			if c.Value.Kind != ast.String {
				l.internal(c.Value.Pos, c.Pointer, c.Operator+" needs a string")
				return out
			}
			out.Operand = c.Value.Text
		}
	case r.Condition != nil:
		l.unsupported(r.Condition.Pos, r.Pointer, "a Condition rule belongs to a JSONata state")
	default:
		l.internal(r.Pos, r.Pointer, "the rule tests nothing")
	}
	return out
}

func (l *lowerer) rules(rs []*ast.Rule) []*ir.Rule {
	out := make([]*ir.Rule, len(rs))
	for i, r := range rs {
		out[i] = l.rule(r)
	}
	return out
}
