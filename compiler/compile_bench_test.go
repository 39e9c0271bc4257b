package compiler_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/aslc/aslc/compiler"
)

// chainDefinition returns a definition of n states in a chain: Pass states
// with Parameters, Task states with Retry and Catch, Choice states and a
// Map every so often, so that every emitter is exercised.
func chainDefinition(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"Comment": "a chain of ` + strconv.Itoa(n) + ` states", "StartAt": "S0", "States": {`)
	for i := range n {
		name := "S" + strconv.Itoa(i)
		next := `"Next": "S` + strconv.Itoa(i+1) + `"`
		if i == n-1 {
			next = `"End": true`
		}
		if i > 0 {
			b.WriteString(",")
		}
		switch {
		case i%10 == 3 && i < n-1:
			fmt.Fprintf(&b, `%q: {"Type": "Choice", "Choices": [{"Variable": "$.v", "NumericGreaterThan": %d, "Next": "S%d"}], "Default": "S%d"}`, name, i, i+1, i+1)
		case i%10 == 5:
			fmt.Fprintf(&b, `%q: {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:fn-%d", "ResultPath": "$.r%d",
				"Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2}],
				"Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "S%d"}], %s}`, name, i%50, i, min(i+1, n-1), next)
		case i%10 == 8:
			fmt.Fprintf(&b, `%q: {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 4, "ResultPath": "$.m%d",
				"ItemProcessor": {"StartAt": "I%d", "States": {"I%d": {"Type": "Pass", "Parameters": {"x.$": "$"}, "End": true}}}, %s}`, name, i, i, i, next)
		default:
			fmt.Fprintf(&b, `%q: {"Type": "Pass", "Parameters": {"i": %d, "v.$": "$.v", "items.$": "$.items"}, %s}`, name, i, next)
		}
	}
	b.WriteString("}}")
	return []byte(b.String())
}

func TestChainDefinitionCompiles(t *testing.T) {
	if _, err := compiler.Compile(chainDefinition(100), compiler.Options{Package: "chain", Source: "chain.asl.json"}); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkCompile measures the whole of Compile (parse, check, lower,
// emit, gofmt) on definitions of 100, 1,000 and 10,000 states; the time
// per state should stay the same.
func BenchmarkCompile(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		src := chainDefinition(n)
		b.Run(strconv.Itoa(n)+"states", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := compiler.Compile(src, compiler.Options{Package: "chain", Source: "chain.asl.json"}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/state")
		})
	}
}
