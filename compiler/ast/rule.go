package ast

import "strings"

// Rule is a Choice rule: a top-level entry of Choices (which has Next) or a
// rule nested in And, Or or Not.
//
// A JSONPath rule is either a data test (Variable and one Comparison) or a
// Boolean combination (And, Or or Not). A JSONata rule has a Condition.
type Rule struct {
	Pos     Pos
	Pointer string
	Comment *StringField
	// Next is set on top-level rules only.
	Next *StringField

	Variable   *StringField
	Comparison *Comparison
	And        []*Rule
	Or         []*Rule
	Not        *Rule

	// Condition is a JSONata expression or a literal boolean.
	Condition *JSON

	Assign *JSON
	Output *JSON
	Raw    *JSON
}

// Comparison is the operator of a data-test rule and its operand.
type Comparison struct {
	// Operator is the field name, such as NumericLessThanPath or IsPresent.
	Operator string
	// Pos is the position of the operator's key.
	Pos     Pos
	Pointer string
	Value   *JSON
}

// IsPath reports whether the operand is a path to the value to compare
// with (StringEqualsPath, ...), rather than a literal.
func (c *Comparison) IsPath() bool { return strings.HasSuffix(c.Operator, "Path") }

// Operand types of the comparison operators.
const (
	OperandString    = "string"
	OperandNumber    = "number"
	OperandBool      = "boolean"
	OperandTimestamp = "timestamp"
	OperandPath      = "path"
)

// ComparisonOperand returns the type of the operand of a JSONPath Choice
// rule's comparison operator: the literal's type, or OperandPath for the
// …Path forms (StringMatches takes a pattern string, the Is… tests a
// boolean). ok is false when op is not a comparison operator.
func ComparisonOperand(op string) (operand string, ok bool) {
	operand, ok = comparisons[op]
	return operand, ok
}

var comparisons = map[string]string{
	"BooleanEquals":                  OperandBool,
	"BooleanEqualsPath":              OperandPath,
	"IsBoolean":                      OperandBool,
	"IsNull":                         OperandBool,
	"IsNumeric":                      OperandBool,
	"IsPresent":                      OperandBool,
	"IsString":                       OperandBool,
	"IsTimestamp":                    OperandBool,
	"NumericEquals":                  OperandNumber,
	"NumericEqualsPath":              OperandPath,
	"NumericGreaterThan":             OperandNumber,
	"NumericGreaterThanPath":         OperandPath,
	"NumericGreaterThanEquals":       OperandNumber,
	"NumericGreaterThanEqualsPath":   OperandPath,
	"NumericLessThan":                OperandNumber,
	"NumericLessThanPath":            OperandPath,
	"NumericLessThanEquals":          OperandNumber,
	"NumericLessThanEqualsPath":      OperandPath,
	"StringEquals":                   OperandString,
	"StringEqualsPath":               OperandPath,
	"StringGreaterThan":              OperandString,
	"StringGreaterThanPath":          OperandPath,
	"StringGreaterThanEquals":        OperandString,
	"StringGreaterThanEqualsPath":    OperandPath,
	"StringLessThan":                 OperandString,
	"StringLessThanPath":             OperandPath,
	"StringLessThanEquals":           OperandString,
	"StringLessThanEqualsPath":       OperandPath,
	"StringMatches":                  OperandString,
	"TimestampEquals":                OperandTimestamp,
	"TimestampEqualsPath":            OperandPath,
	"TimestampGreaterThan":           OperandTimestamp,
	"TimestampGreaterThanPath":       OperandPath,
	"TimestampGreaterThanEquals":     OperandTimestamp,
	"TimestampGreaterThanEqualsPath": OperandPath,
	"TimestampLessThan":              OperandTimestamp,
	"TimestampLessThanPath":          OperandPath,
	"TimestampLessThanEquals":        OperandTimestamp,
	"TimestampLessThanEqualsPath":    OperandPath,
}
