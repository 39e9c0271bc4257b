package names

import (
	"go/token"
	"testing"
)

func TestIdent(t *testing.T) {
	tests := []struct {
		in             string
		exported, priv string
	}{
		{"ValidateOrder", "ValidateOrder", "validateOrder"},
		{"validate-payment", "ValidatePayment", "validatePayment"},
		{"validate_payment", "ValidatePayment", "validatePayment"},
		{"Validate Payment", "ValidatePayment", "validatePayment"},
		{"user-id", "UserID", "userID"},
		{"userId", "UserID", "userID"},
		{"fetch-s3-data", "FetchS3Data", "fetchS3Data"},
		{"HTTPServer", "HTTPServer", "httpServer"},
		{"URLs", "URLs", "urls"},
		{"id", "ID", "id"},
		{"Map", "Map", "map_"},
		{"func", "Func", "func_"},
		{"type", "Type", "type_"},
		{"Default", "Default", "default_"},
		{"123", "X123", "x123"},
		{"1st step", "X1stStep", "x1stStep"},
		{"", "X", "x"},
		{"!!!", "X", "x"},
		{"*/ evil \"quote` \n", "EvilQuote", "evilQuote"},
		{"état", "État", "état"},
		{"处理", "X处理", "处理"},
		{"Step 2", "Step2", "step2"},
		{"len", "Len", "len"},
		{"a.b.c", "ABC", "aBC"},
		{"ÄÖÜ", "ÄÖÜ", "äöü"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Ident(tt.in, true); got != tt.exported {
				t.Errorf("Ident(%q, true) = %q, want %q", tt.in, got, tt.exported)
			}
			if got := Ident(tt.in, false); got != tt.priv {
				t.Errorf("Ident(%q, false) = %q, want %q", tt.in, got, tt.priv)
			}
		})
	}
}

func TestIdentIsValid(t *testing.T) {
	inputs := []string{"", " ", "_", "__x", "0", "a-", "-a", "\x00", "\xff\xfe", "go", "select", "chan", "日本語", "ǅemal", "𝔸bc", "a\u0301"}
	for _, in := range inputs {
		for _, exp := range []bool{true, false} {
			id := Ident(in, exp)
			if !token.IsIdentifier(id) {
				t.Errorf("Ident(%q, %v) = %q, not an identifier", in, exp, id)
			}
			if exp != token.IsExported(id) {
				t.Errorf("Ident(%q, %v) = %q, exported = %v", in, exp, id, token.IsExported(id))
			}
		}
	}
}

func TestScope(t *testing.T) {
	s := NewScope("New", "Run")
	got := []string{s.Claim("New"), s.Claim("New"), s.Claim("Step"), s.Claim("Step"), s.Claim("Run")}
	want := []string{"New2", "New3", "Step", "Step2", "Run2"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("claim %d = %q, want %q", i, got[i], want[i])
		}
	}
	if !s.Taken("Step2") || s.Taken("Step3") {
		t.Errorf("Taken is wrong")
	}
}

func FuzzIdent(f *testing.F) {
	f.Add("validate-payment")
	f.Add("*/\n`\"")
	f.Fuzz(func(t *testing.T, s string) {
		for _, exp := range []bool{true, false} {
			id := Ident(s, exp)
			if !token.IsIdentifier(id) || token.IsExported(id) != exp {
				t.Fatalf("Ident(%q, %v) = %q", s, exp, id)
			}
		}
	})
}

func TestResource(t *testing.T) {
	tests := map[string]string{
		"arn:aws:lambda:us-east-1:123456789012:function:validate-payment":      "ValidatePayment",
		"arn:aws:lambda:us-east-1:123456789012:function:validate-payment:prod": "ValidatePayment",
		"arn:aws:states:::lambda:invoke":                                       "LambdaInvoke",
		"arn:aws:states:::lambda:invoke.waitForTaskToken":                      "LambdaInvokeWaitForTaskToken",
		"arn:aws:states:::states:startExecution.sync:2":                        "StatesStartExecutionSync2",
		"arn:aws:states:::aws-sdk:s3:getObject":                                "S3GetObject",
		"arn:aws:states:::dynamodb:putItem":                                    "DynamodbPutItem",
		"arn:aws:states:us-east-1:123456789012:activity:approve":               "Approve",
		"arn:aws:ecs:us-east-1:123456789012:task-definition/my-task":           "MyTask",
		"not an arn": "NotAnARN",
		"arn:aws:lambda:us-east-1:111111111111:function:func": "Func",
	}
	for arn, want := range tests {
		t.Run(arn, func(t *testing.T) {
			if got := Resource(arn); got != want {
				t.Errorf("Resource(%q) = %q, want %q", arn, got, want)
			}
		})
	}
}
