package ast

import (
	"slices"
	"strings"
)

// Diagnostic codes, as AWS Step Functions reports them from
// CreateStateMachine and ValidateStateMachineDefinition.
const (
	// CodeInvalidJSON: the text is not JSON (or not YAML) at all.
	CodeInvalidJSON = "INVALID_JSON_DESCRIPTION"
	// CodeSchema: a field is missing, misplaced, of the wrong type or out
	// of range; also paths, intrinsic calls and timestamps that do not parse.
	CodeSchema = "SCHEMA_VALIDATION_FAILED"
	// CodeMissingTarget: a transition names no state of its container, or a
	// state cannot be reached from StartAt.
	CodeMissingTarget = "MISSING_TRANSITION_TARGET"
	// CodeMissingEnd: a machine, branch or processor has no terminal state.
	CodeMissingEnd = "MISSING_END_STATE"
	// CodeDuplicateState: two states anywhere in the machine share a name.
	CodeDuplicateState = "DUPLICATE_STATE_NAME"
	// CodeInvalidJSONata: a JSONata expression does not parse.
	CodeInvalidJSONata = "INVALID_JSONATA_EXPRESSION"
	// CodeUnsupportedJSONata: a JSONata expression parses but uses
	// something Step Functions does not offer there.
	CodeUnsupportedJSONata = "UNSUPPORTED_JSONATA_EXPRESSION"
	// CodeInvalidStateName: a state name is empty or longer than 80
	// characters (A1.14).
	CodeInvalidStateName = "INVALID_STATE_NAME"
)

// A Diagnostic is one problem found in a definition.
//
// Message is AWS's message text without the location; Location is the
// pointer AWS reports with it ("" when AWS reports none, as for
// MISSING_END_STATE). Pos points at the offending text itself: the key of
// an unsupported field, the value of a malformed one.
type Diagnostic struct {
	Pos      Pos
	Code     string
	Message  string
	Location string
}

// String renders d as "file:line:col: CODE: message at location", or
// "file:line:col: CODE: message" when d has no location. Apart from the
// position this is the text AWS's CreateStateMachine reports for the same
// problem.
func (d Diagnostic) String() string {
	s := d.Pos.String() + ": " + d.Code + ": " + d.Message
	if d.Location != "" {
		s += " at " + d.Location
	}
	return s
}

// AWSText renders d as CreateStateMachine does: "CODE: message at
// location", with the word null standing for a missing location.
func (d Diagnostic) AWSText() string {
	loc := d.Location
	if loc == "" {
		loc = "null"
	}
	return d.Code + ": " + d.Message + " at " + loc
}

// Error makes a Diagnostic usable as an error.
func (d Diagnostic) Error() string { return d.String() }

// Diagnostics is a list of problems.
type Diagnostics []Diagnostic

// Sort orders ds by position, then code, then message, and drops exact
// duplicates.
func (ds *Diagnostics) Sort() {
	slices.SortStableFunc(*ds, compare)
	*ds = slices.CompactFunc(*ds, func(a, b Diagnostic) bool { return a == b })
}

func compare(a, b Diagnostic) int {
	switch {
	case a.Pos.Before(b.Pos):
		return -1
	case b.Pos.Before(a.Pos):
		return 1
	}
	if c := strings.Compare(a.Code, b.Code); c != 0 {
		return c
	}
	if c := strings.Compare(a.Message, b.Message); c != 0 {
		return c
	}
	return strings.Compare(a.Location, b.Location)
}

// Add appends a diagnostic.
func (ds *Diagnostics) Add(pos Pos, code, location, message string) {
	*ds = append(*ds, Diagnostic{Pos: pos, Code: code, Message: message, Location: location})
}

// HasCode reports whether ds holds a diagnostic with the given code.
func (ds Diagnostics) HasCode(code string) bool {
	for _, d := range ds {
		if d.Code == code {
			return true
		}
	}
	return false
}

// Err returns ds as an error, or nil when ds is empty.
func (ds Diagnostics) Err() error {
	if len(ds) == 0 {
		return nil
	}
	return ds
}

// Error renders every diagnostic, one a line.
func (ds Diagnostics) Error() string {
	var b strings.Builder
	for i, d := range ds {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// AWSText renders ds as the message of CreateStateMachine's
// InvalidDefinition error: "Invalid State Machine Definition: '<d1>, <d2>'"
// with each diagnostic rendered by Diagnostic.AWSText.
func (ds Diagnostics) AWSText() string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.AWSText()
	}
	return "Invalid State Machine Definition: '" + strings.Join(parts, ", ") + "'"
}
