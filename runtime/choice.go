package aslrt

import (
	"math"
	"strings"
	"time"
)

// Rule is a compiled Choice rule: a data-test comparison of a Variable, or
// And, Or, Not of nested rules (A6). Generated code builds every rule once
// at package level with the constructor named after the operator:
//
//	var ruleRoute0 = aslrt.And(
//		aslrt.IsPresent(aslrt.MustReferencePath("$.order"), true),
//		aslrt.NumericGreaterThan(aslrt.MustReferencePath("$.order.total"), 100),
//	)
//
// A Rule is immutable and safe for concurrent use. Evaluating one does not
// allocate.
type Rule struct {
	op    ruleOp
	path  *Path // the Variable
	other *Path // the operand of ...Path operators
	str   string
	num   Value // int64 or float64
	ts    time.Time
	flag  bool
	glob  []string // StringMatches: literal runs around the stars
	rules []*Rule
	// direct is the rule's direct form, or nil (direct.go).
	direct DirectRule
}

type ruleOp uint8

const (
	opAnd ruleOp = iota + 1
	opOr
	opNot
	opStringEquals
	opStringLessThan
	opStringGreaterThan
	opStringLessThanEquals
	opStringGreaterThanEquals
	opStringMatches
	opNumericEquals
	opNumericLessThan
	opNumericGreaterThan
	opNumericLessThanEquals
	opNumericGreaterThanEquals
	opBooleanEquals
	opTimestampEquals
	opTimestampLessThan
	opTimestampGreaterThan
	opTimestampLessThanEquals
	opTimestampGreaterThanEquals
	opIsNull
	opIsPresent
	opIsNumeric
	opIsString
	opIsBoolean
	opIsTimestamp
)

// And is true when every rule is (A6.15); evaluation stops at the first
// false one.
func And(rules ...*Rule) *Rule { return &Rule{op: opAnd, rules: rules} }

// Or is true when some rule is; evaluation stops at the first true one.
func Or(rules ...*Rule) *Rule { return &Rule{op: opOr, rules: rules} }

// Not is true when r is false.
func Not(r *Rule) *Rule { return &Rule{op: opNot, rules: []*Rule{r}} }

func strRule(op ruleOp, p *Path, s string) *Rule  { return &Rule{op: op, path: p, str: s} }
func pathRule(op ruleOp, p, other *Path) *Rule    { return &Rule{op: op, path: p, other: other} }
func numRule(op ruleOp, p *Path, n float64) *Rule { return &Rule{op: op, path: p, num: NumberValue(n)} }
func tsRule(op ruleOp, p *Path, ts string) *Rule {
	return &Rule{op: op, path: p, ts: MustTimestamp(ts)}
}
func flagRule(op ruleOp, p *Path, flag bool) *Rule { return &Rule{op: op, path: p, flag: flag} }

// StringEquals and the other String operators compare strings exactly, by
// code points (A6.9); a Variable that is not a string makes them false
// (A6.6).
func StringEquals(p *Path, s string) *Rule { return strRule(opStringEquals, p, s) }

// StringLessThan compares strings (see StringEquals).
func StringLessThan(p *Path, s string) *Rule { return strRule(opStringLessThan, p, s) }

// StringGreaterThan compares strings (see StringEquals).
func StringGreaterThan(p *Path, s string) *Rule { return strRule(opStringGreaterThan, p, s) }

// StringLessThanEquals compares strings (see StringEquals).
func StringLessThanEquals(p *Path, s string) *Rule { return strRule(opStringLessThanEquals, p, s) }

// StringGreaterThanEquals compares strings (see StringEquals).
func StringGreaterThanEquals(p *Path, s string) *Rule {
	return strRule(opStringGreaterThanEquals, p, s)
}

// StringEqualsPath compares the Variable with the string at q (A6.14).
func StringEqualsPath(p, q *Path) *Rule { return pathRule(opStringEquals, p, q) }

// StringLessThanPath compares with the string at q.
func StringLessThanPath(p, q *Path) *Rule { return pathRule(opStringLessThan, p, q) }

// StringGreaterThanPath compares with the string at q.
func StringGreaterThanPath(p, q *Path) *Rule { return pathRule(opStringGreaterThan, p, q) }

// StringLessThanEqualsPath compares with the string at q.
func StringLessThanEqualsPath(p, q *Path) *Rule { return pathRule(opStringLessThanEquals, p, q) }

// StringGreaterThanEqualsPath compares with the string at q.
func StringGreaterThanEqualsPath(p, q *Path) *Rule {
	return pathRule(opStringGreaterThanEquals, p, q)
}

// StringMatches matches a string against pattern, in which '*' stands for
// any run of characters, "\*" for a star and "\\" for a backslash; nothing
// else is special (A6.10).
func StringMatches(p *Path, pattern string) *Rule {
	r := strRule(opStringMatches, p, pattern)
	r.glob = compileGlob(pattern)
	return r
}

// NumericEquals and the other Numeric operators compare numbers by value,
// integers and decimals alike (A6.7, A6.8); a Variable that is not a number
// makes them false (A6.6).
func NumericEquals(p *Path, n float64) *Rule { return numRule(opNumericEquals, p, n) }

// NumericLessThan compares numbers (see NumericEquals).
func NumericLessThan(p *Path, n float64) *Rule { return numRule(opNumericLessThan, p, n) }

// NumericGreaterThan compares numbers (see NumericEquals).
func NumericGreaterThan(p *Path, n float64) *Rule { return numRule(opNumericGreaterThan, p, n) }

// NumericLessThanEquals compares numbers (see NumericEquals).
func NumericLessThanEquals(p *Path, n float64) *Rule { return numRule(opNumericLessThanEquals, p, n) }

// NumericGreaterThanEquals compares numbers (see NumericEquals).
func NumericGreaterThanEquals(p *Path, n float64) *Rule {
	return numRule(opNumericGreaterThanEquals, p, n)
}

// NumericEqualsPath compares the Variable with the number at q.
func NumericEqualsPath(p, q *Path) *Rule { return pathRule(opNumericEquals, p, q) }

// NumericLessThanPath compares with the number at q.
func NumericLessThanPath(p, q *Path) *Rule { return pathRule(opNumericLessThan, p, q) }

// NumericGreaterThanPath compares with the number at q.
func NumericGreaterThanPath(p, q *Path) *Rule { return pathRule(opNumericGreaterThan, p, q) }

// NumericLessThanEqualsPath compares with the number at q.
func NumericLessThanEqualsPath(p, q *Path) *Rule { return pathRule(opNumericLessThanEquals, p, q) }

// NumericGreaterThanEqualsPath compares with the number at q.
func NumericGreaterThanEqualsPath(p, q *Path) *Rule {
	return pathRule(opNumericGreaterThanEquals, p, q)
}

// BooleanEquals compares booleans; a Variable that is not a boolean (0, 1,
// "true", ...) makes it false (A6.6).
func BooleanEquals(p *Path, b bool) *Rule { return flagRule(opBooleanEquals, p, b) }

// BooleanEqualsPath compares the Variable with the boolean at q.
func BooleanEqualsPath(p, q *Path) *Rule { return pathRule(opBooleanEquals, p, q) }

// TimestampEquals and the other Timestamp operators compare the instants
// of two timestamps (A6.11); a Variable that is not a timestamp string
// (ParseTimestamp) makes them false. ts must be a valid timestamp.
func TimestampEquals(p *Path, ts string) *Rule { return tsRule(opTimestampEquals, p, ts) }

// TimestampLessThan compares timestamps (see TimestampEquals).
func TimestampLessThan(p *Path, ts string) *Rule { return tsRule(opTimestampLessThan, p, ts) }

// TimestampGreaterThan compares timestamps (see TimestampEquals).
func TimestampGreaterThan(p *Path, ts string) *Rule { return tsRule(opTimestampGreaterThan, p, ts) }

// TimestampLessThanEquals compares timestamps (see TimestampEquals).
func TimestampLessThanEquals(p *Path, ts string) *Rule {
	return tsRule(opTimestampLessThanEquals, p, ts)
}

// TimestampGreaterThanEquals compares timestamps (see TimestampEquals).
func TimestampGreaterThanEquals(p *Path, ts string) *Rule {
	return tsRule(opTimestampGreaterThanEquals, p, ts)
}

// TimestampEqualsPath compares the Variable with the timestamp at q.
func TimestampEqualsPath(p, q *Path) *Rule { return pathRule(opTimestampEquals, p, q) }

// TimestampLessThanPath compares with the timestamp at q.
func TimestampLessThanPath(p, q *Path) *Rule { return pathRule(opTimestampLessThan, p, q) }

// TimestampGreaterThanPath compares with the timestamp at q.
func TimestampGreaterThanPath(p, q *Path) *Rule { return pathRule(opTimestampGreaterThan, p, q) }

// TimestampLessThanEqualsPath compares with the timestamp at q.
func TimestampLessThanEqualsPath(p, q *Path) *Rule {
	return pathRule(opTimestampLessThanEquals, p, q)
}

// TimestampGreaterThanEqualsPath compares with the timestamp at q.
func TimestampGreaterThanEqualsPath(p, q *Path) *Rule {
	return pathRule(opTimestampGreaterThanEquals, p, q)
}

// IsNull tests whether the Variable is null; want false inverts the test
// (A6.12).
func IsNull(p *Path, want bool) *Rule { return flagRule(opIsNull, p, want) }

// IsPresent tests whether the Variable exists; a present null counts. It
// is the only test that does not fail on a missing Variable (A6.5).
func IsPresent(p *Path, want bool) *Rule { return flagRule(opIsPresent, p, want) }

// IsNumeric tests whether the Variable is a number (numeric strings are
// strings).
func IsNumeric(p *Path, want bool) *Rule { return flagRule(opIsNumeric, p, want) }

// IsString tests whether the Variable is a string.
func IsString(p *Path, want bool) *Rule { return flagRule(opIsString, p, want) }

// IsBoolean tests whether the Variable is a boolean.
func IsBoolean(p *Path, want bool) *Rule { return flagRule(opIsBoolean, p, want) }

// IsTimestamp tests whether the Variable is a timestamp string (A6.13).
func IsTimestamp(p *Path, want bool) *Rule { return flagRule(opIsTimestamp, p, want) }

// Eval evaluates the rule against the Choice state's effective input in
// (after InputPath, A3.17) and the scope s, which resolves $$ and
// $variable paths (A6.18). A Variable or ...Path operand that selects
// nothing fails with States.Runtime (A6.4), except under IsPresent.
func (r *Rule) Eval(in Value, s Scope) (bool, error) {
	if r.direct != nil {
		if matched, ok := r.direct(in); ok {
			return matched, nil
		}
	}
	switch r.op {
	case opAnd:
		for _, c := range r.rules {
			if ok, err := c.Eval(in, s); err != nil || !ok {
				return false, err
			}
		}
		return true, nil
	case opOr:
		for _, c := range r.rules {
			if ok, err := c.Eval(in, s); err != nil || ok {
				return ok, err
			}
		}
		return false, nil
	case opNot:
		ok, err := r.rules[0].Eval(in, s)
		return !ok && err == nil, err
	}
	v, found := r.path.Lookup(in, s)
	if r.op == opIsPresent {
		return found == r.flag, nil
	}
	if !found {
		return false, invalidChoicePath(r.path)
	}
	switch r.op {
	case opIsNull:
		return (v == nil) == r.flag, nil
	case opIsNumeric:
		return IsNumber(v) == r.flag, nil
	case opIsString:
		_, ok := v.(string)
		return ok == r.flag, nil
	case opIsBoolean:
		_, ok := v.(bool)
		return ok == r.flag, nil
	case opIsTimestamp:
		return IsTimestampString(v) == r.flag, nil
	}
	if r.other != nil {
		w, ok := r.other.Lookup(in, s)
		if !ok {
			return false, invalidChoicePath(r.other)
		}
		return compareValues(r.op, v, w), nil
	}
	switch {
	case r.op <= opStringMatches:
		a, ok := v.(string)
		if !ok {
			return false, nil
		}
		if r.op == opStringMatches {
			return matchGlob(r.glob, a), nil
		}
		return cmpResult(r.op-opStringEquals, strings.Compare(a, r.str)), nil
	case r.op <= opNumericGreaterThanEquals:
		c, ok := compareNumbers(v, r.num)
		return ok && cmpResult(r.op-opNumericEquals, c), nil
	case r.op == opBooleanEquals:
		b, ok := v.(bool)
		return ok && b == r.flag, nil
	default:
		a, ok := v.(string)
		if !ok {
			return false, nil
		}
		t, ok := ParseTimestamp(a)
		return ok && cmpResult(r.op-opTimestampEquals, t.Compare(r.ts)), nil
	}
}

// compareValues applies a comparison operator to two values read from the
// input, as the ...Path operators do.
func compareValues(op ruleOp, v, w Value) bool {
	switch {
	case op <= opStringMatches:
		a, ok1 := v.(string)
		b, ok2 := w.(string)
		return ok1 && ok2 && cmpResult(op-opStringEquals, strings.Compare(a, b))
	case op <= opNumericGreaterThanEquals:
		c, ok := compareNumbers(v, w)
		return ok && cmpResult(op-opNumericEquals, c)
	case op == opBooleanEquals:
		a, ok1 := v.(bool)
		b, ok2 := w.(bool)
		return ok1 && ok2 && a == b
	default:
		a, ok1 := v.(string)
		b, ok2 := w.(string)
		if !ok1 || !ok2 {
			return false
		}
		ta, ok1 := ParseTimestamp(a)
		tb, ok2 := ParseTimestamp(b)
		return ok1 && ok2 && cmpResult(op-opTimestampEquals, ta.Compare(tb))
	}
}

// cmpResult applies the comparison at offset k of the Equals, LessThan,
// GreaterThan, LessThanEquals, GreaterThanEquals sequence to c.
func cmpResult(k ruleOp, c int) bool {
	switch k {
	case 0:
		return c == 0
	case 1:
		return c < 0
	case 2:
		return c > 0
	case 3:
		return c <= 0
	case 4:
		return c >= 0
	}
	return false
}

// compareNumbers compares two JSON numbers by value, exactly even for
// integers beyond 2^53; ok is false unless both are numbers.
func compareNumbers(a, b Value) (int, bool) {
	// two integers, the usual operands, by one assertion each
	if x, ok := a.(int64); ok {
		if y, ok := b.(int64); ok {
			return cmpInt(x, y), true
		}
	}
	switch x := a.(type) {
	case int64:
		switch y := b.(type) {
		case int64:
			return cmpInt(x, y), true
		case float64:
			return -cmpFloatInt(y, x), true
		}
	case float64:
		switch y := b.(type) {
		case int64:
			return cmpFloatInt(x, y), true
		case float64:
			switch {
			case x < y:
				return -1, true
			case x > y:
				return 1, true
			}
			return 0, true
		}
	}
	return 0, false
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// cmpFloatInt compares f with i exactly.
func cmpFloatInt(f float64, i int64) int {
	switch {
	case f < -(1 << 63):
		return -1
	case f >= 1<<63:
		return 1
	}
	t := math.Trunc(f)
	if c := cmpInt(int64(t), i); c != 0 {
		return c
	}
	switch {
	case f > t:
		return 1
	case f < t:
		return -1
	}
	return 0
}

func invalidChoicePath(p *Path) error {
	return NewError(ErrRuntime, "Invalid path '"+p.String()+"': The choice state's condition path references an invalid value.")
}

// compileGlob splits a StringMatches pattern into the literal runs between
// its unescaped stars.
func compileGlob(pattern string) []string {
	var parts []string
	var cur strings.Builder
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch {
		case c == '\\' && i+1 < len(pattern) && (pattern[i+1] == '*' || pattern[i+1] == '\\'):
			i++
			cur.WriteByte(pattern[i])
		case c == '*':
			parts = append(parts, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(parts, cur.String())
}

// matchGlob matches s against compiled parts: parts[0] must start s, the
// last part must end it, the others appear in order between.
func matchGlob(parts []string, s string) bool {
	if len(parts) == 1 {
		return s == parts[0]
	}
	first, last := parts[0], parts[len(parts)-1]
	if len(s) < len(first)+len(last) || !strings.HasPrefix(s, first) || !strings.HasSuffix(s, last) {
		return false
	}
	s = s[len(first) : len(s)-len(last)]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return true
}

// Choose returns the index of the first of rules that is true (A6.1), or
// -1 when none is: the state then takes its Default (A6.2), or fails with
// NoChoiceMatched.
func Choose(in Value, s Scope, rules []*Rule) (int, error) {
	for i, r := range rules {
		if r.direct != nil {
			// Rule.Eval's first step, without the call
			if matched, ok := r.direct(in); ok {
				if matched {
					return i, nil
				}
				continue
			}
		}
		ok, err := r.Eval(in, s)
		if err != nil {
			return -1, err
		}
		if ok {
			return i, nil
		}
	}
	return -1, nil
}

// Choice runs a JSONPath Choice state with a Default and without
// InputPath, OutputPath or Assign in scope x: it enters st with input in,
// picks the first of rules that is true for in (Choose), and leaves st
// with in as its output (A6.19). It returns the index of the rule, or -1
// for the Default; it fails as Enter and Choose do, and then leaves
// nothing.
//
// It does what the emitted Enter, Choose and Exit do, in one call.
func (x *Exec) Choice(st *State, in Value, rules []*Rule) (int, error) {
	if !x.enterPlain(st, in) {
		if err := x.enter(st, in); err != nil {
			return -1, err
		}
	}
	i, err := Choose(in, x, rules)
	if err != nil {
		return -1, err
	}
	// Enter made in the current document, and rules keep no bounds, so
	// Exit would only record the event.
	x.exited(in)
	return i, nil
}

// NoChoiceMatched is the failure of a Choice state none of whose rules
// matched and which has no Default (A6.3). AWS's cause text is not on
// record; this one names the state.
func (x *Exec) NoChoiceMatched() error {
	return x.userError(NewError(ErrNoChoiceMatched, "No Choice Rule matched and no Default is set in the state '"+x.st.Name+"'."))
}

// ConditionValue checks the result of a JSONata Choice Condition, the
// expression expr: it must be a boolean, or the rule fails with
// States.QueryEvaluationError (A6.20).
func ConditionValue(v Value, expr string) (bool, error) {
	if b, ok := v.(bool); ok {
		return b, nil
	}
	return false, NewError(ErrQueryEvaluationError, "The JSONata expression '"+expr+"' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '"+TypeName(v)+"' for value: "+EncodeString(v))
}
