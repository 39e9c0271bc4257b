package ast

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDiagnosticRendering(t *testing.T) {
	ds := Diagnostics{
		{Pos: Pos{File: "b.json", Line: 1, Col: 1}, Code: CodeMissingEnd, Message: "Workflow has no terminal state"},
		{Pos: Pos{File: "a.json", Line: 3, Col: 9, Offset: 40}, Code: CodeMissingTarget, Message: "Missing 'Next' target: X", Location: "/States/A/Next"},
		{Pos: Pos{File: "a.json", Line: 2, Col: 1, Offset: 20}, Code: CodeSchema, Message: "Field 'Foo' is not supported", Location: "/States/A"},
		{Pos: Pos{File: "a.json", Line: 2, Col: 1, Offset: 20}, Code: CodeSchema, Message: "Field 'Foo' is not supported", Location: "/States/A"},
	}
	ds.Sort()
	want := "a.json:2:1: SCHEMA_VALIDATION_FAILED: Field 'Foo' is not supported at /States/A\n" +
		"a.json:3:9: MISSING_TRANSITION_TARGET: Missing 'Next' target: X at /States/A/Next\n" +
		"b.json:1:1: MISSING_END_STATE: Workflow has no terminal state"
	if diff := cmp.Diff(want, ds.Error()); diff != "" {
		t.Errorf("sorted diagnostics (-want +got):\n%s", diff)
	}
	// A2.1: CreateStateMachine's message joins the problems with ", " and
	// writes null for a missing location (A1.16).
	wantAWS := "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Field 'Foo' is not supported at /States/A, " +
		"MISSING_TRANSITION_TARGET: Missing 'Next' target: X at /States/A/Next, MISSING_END_STATE: Workflow has no terminal state at null'"
	if diff := cmp.Diff(wantAWS, ds.AWSText()); diff != "" {
		t.Errorf("AWSText (-want +got):\n%s", diff)
	}
	if !ds.HasCode(CodeMissingEnd) || ds.HasCode(CodeInvalidJSON) {
		t.Errorf("HasCode wrong")
	}
	if (Diagnostics{}).Err() != nil || ds.Err() == nil {
		t.Errorf("Err wrong")
	}
}

func TestPosString(t *testing.T) {
	tests := []struct {
		p    Pos
		want string
	}{
		{Pos{File: "f.yaml", Line: 2, Col: 3}, "f.yaml:2:3"},
		{Pos{Line: 2, Col: 3}, "2:3"},
		{Pos{File: "f.yaml"}, "f.yaml"},
		{Pos{}, "-"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.p, got, tt.want)
		}
	}
}

// TestExpr: only a whole "{% ... %}" string is a JSONata expression (A16.1).
func TestExpr(t *testing.T) {
	tests := []struct {
		s    string
		want string
		ok   bool
	}{
		{"{% $states.input %}", " $states.input ", true},
		{"{%%}", "", true},
		{" {% $states.input %} ", "", false},
		{"{%}", "", false},
		{"States.Format('{}')", "", false},
	}
	for _, tt := range tests {
		got, ok := (&JSON{Kind: String, Text: tt.s}).Expr()
		if got != tt.want || ok != tt.ok {
			t.Errorf("Expr(%q) = %q, %v; want %q, %v", tt.s, got, ok, tt.want, tt.ok)
		}
	}
	if _, ok := (&JSON{Kind: Number, Text: "1"}).Expr(); ok {
		t.Errorf("a number is no expression")
	}
}

func TestNumbers(t *testing.T) {
	tests := []struct {
		text  string
		i     int64
		iok   bool
		float float64
	}{
		{"3", 3, true, 3},
		{"1.0", 1, true, 1},
		{"1e2", 100, true, 100},
		{"1.5", 0, false, 1.5},
		{"9223372036854775807", 9223372036854775807, true, 9223372036854775807},
		{"99999999999999999999", 0, false, 1e20},
	}
	for _, tt := range tests {
		n := &JSON{Kind: Number, Text: tt.text}
		i, iok := n.Int()
		f, _ := n.Float()
		if i != tt.i || iok != tt.iok || f != tt.float {
			t.Errorf("%s: Int() = %d, %v; Float() = %g", tt.text, i, iok, f)
		}
	}
	if v := (&JSON{Kind: Number, Text: "9007199254740993"}).Value(); v != int64(9007199254740993) {
		t.Errorf("Value() = %#v, want the exact int64", v)
	}
}

func TestComparisonOperand(t *testing.T) {
	for op, want := range map[string]string{
		"NumericLessThan": OperandNumber, "StringEqualsPath": OperandPath, "IsPresent": OperandBool,
		"TimestampEquals": OperandTimestamp, "StringMatches": OperandString, "BooleanEquals": OperandBool,
	} {
		if got, ok := ComparisonOperand(op); !ok || got != want {
			t.Errorf("ComparisonOperand(%s) = %q, %v; want %q", op, got, ok, want)
		}
	}
	if _, ok := ComparisonOperand("NumericEqual"); ok {
		t.Errorf("NumericEqual is no operator")
	}
}
