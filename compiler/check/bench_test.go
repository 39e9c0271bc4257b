package check

import (
	"fmt"
	"strings"
	"testing"
)

// bigDefinition generates a valid definition of n states chained one to
// the next, cycling through Pass (with a template), Task (with Retry and
// Catch), Choice (two rules) and Wait states.
func bigDefinition(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"Comment": "generated", "StartAt": "S0", "States": {`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		next := fmt.Sprintf(`"Next": "S%d"`, i+1)
		if i == n-1 {
			next = `"End": true`
		}
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, `"S%d": {"Type": "Pass", "Parameters": {"id.$": "$.id", "n": %d, "msg.$": "States.Format('step {}', $.id)"}, "ResultPath": "$.r%d", %s}`, i, i, i, next)
		case 1:
			fmt.Fprintf(&b, `"S%d": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:f%d", "TimeoutSeconds": 30, "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 2}], "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "S%d"}], %s}`, i, i, i+1, next)
		case 2:
			if i == n-1 {
				fmt.Fprintf(&b, `"S%d": {"Type": "Succeed"}`, i)
				continue
			}
			fmt.Fprintf(&b, `"S%d": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 5, "Next": "S%d"}, {"And": [{"Variable": "$.s", "StringEquals": "x"}, {"Variable": "$.b", "IsPresent": true}], "Next": "S%d"}], "Default": "S%d"}`, i, i+1, i+1, i+1)
		case 3:
			fmt.Fprintf(&b, `"S%d": {"Type": "Wait", "SecondsPath": "$.wait", %s}`, i, next)
		}
	}
	b.WriteString("}}")
	return []byte(b.String())
}

// BenchmarkCheck10000States parses and checks a 10,000-state definition.
func BenchmarkCheck10000States(b *testing.B) {
	src := bigDefinition(10000)
	if _, diags := Source("big.json", src, Options{}); len(diags) > 0 {
		b.Fatalf("generated definition invalid: %v", diags[:min(3, len(diags))])
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Source("big.json", src, Options{})
	}
}
