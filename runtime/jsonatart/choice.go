package jsonatart

// Rule is the Condition of a JSONata Choice rule: an expression, or a
// literal boolean (A6.20).
type Rule struct {
	expr  *Expr
	value bool
}

// When returns the rule whose Condition is the expression e, which must
// yield a boolean.
func When(e *Expr) Rule { return Rule{expr: e} }

// Always returns the rule whose Condition is the literal b.
func Always(b bool) Rule { return Rule{value: b} }

// Holds evaluates the rule's Condition.
func (r Rule) Holds(s *States) (bool, error) {
	if r.expr == nil {
		return r.value, nil
	}
	return r.expr.Condition(s)
}

// Choose returns the index of the first of rules whose Condition holds,
// in order (A6.1), or -1 when none does: the state then takes its Default,
// or fails with States.NoChoiceMatched. A Condition that fails fails the
// state; the rules after it are not evaluated.
func Choose(s *States, rules []Rule) (int, error) {
	for i, r := range rules {
		ok, err := r.Holds(s)
		if err != nil {
			return -1, err
		}
		if ok {
			return i, nil
		}
	}
	return -1, nil
}
