package compiler_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/aslc/aslc/compiler"
)

// A stateShape describes the states of one type in one query language
// that the combination test generates: the members every such state has
// and, per optional field, the values it may take. Values are JSON text;
// nextMark in them stands for the name of the state that follows.
type stateShape struct {
	typ     string
	jsonata bool
	fixed   string
	fields  []fieldValues
}

type fieldValues struct {
	name   string
	values []string
}

const (
	nextMark = "@NEXT@"
	idMark   = "@ID@"
)

// Inner machines of Parallel branches and Map processors; idMark in their
// state names stands for the name of the state they are in.
var (
	innerPass    = `{"StartAt": "P@ID@", "States": {"P@ID@": {"Type": "Pass", "End": true}}}`
	innerTask    = `{"StartAt": "T@ID@", "States": {"T@ID@": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:inner", "End": true}}}`
	innerChoice  = `{"StartAt": "C@ID@", "States": {"C@ID@": {"Type": "Choice", "Choices": [{"Variable": "$", "IsPresent": true, "Next": "Y@ID@"}], "Default": "N@ID@"}, "Y@ID@": {"Type": "Succeed"}, "N@ID@": {"Type": "Fail", "Error": "No"}}}`
	innerMap     = `{"StartAt": "M@ID@", "States": {"M@ID@": {"Type": "Map", "ItemsPath": "$.list", "ItemProcessor": {"StartAt": "Q@ID@", "States": {"Q@ID@": {"Type": "Pass", "End": true}}}, "End": true}}}`
	innerWait    = `{"StartAt": "W@ID@", "States": {"W@ID@": {"Type": "Wait", "Seconds": 1, "End": true}}}`
	innerJSONata = `{"StartAt": "J@ID@", "States": {"J@ID@": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.input %}", "End": true}}}`
	// a Map in a Parallel, its iterations a Task with Retry and Catch
	innerNested = `{"StartAt": "N@ID@", "States": {"N@ID@": {"Type": "Parallel", "Branches": [{"StartAt": "NM@ID@", "States": {"NM@ID@": {"Type": "Map", "ItemsPath": "$.list", "ItemSelector": {"v.$": "$$.Map.Item.Value"}, "MaxConcurrency": 2, "ItemProcessor": {"StartAt": "NT@ID@", "States": {"NT@ID@": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:inner", "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1}], "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "NF@ID@"}], "End": true}, "NF@ID@": {"Type": "Fail", "Error": "Inner"}}}, "End": true}}}], "End": true}}}`
	// a JSONata Map whose iterations call a task and catch its errors
	innerJSONataMap = `{"StartAt": "JM@ID@", "States": {"JM@ID@": {"Type": "Map", "QueryLanguage": "JSONata", "Items": "{% $states.input.list %}", "ItemSelector": {"v": "{% $states.context.Map.Item.Value %}"}, "ItemProcessor": {"StartAt": "JT@ID@", "States": {"JT@ID@": {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f", "Payload": "{% $states.input %}"}, "Output": "{% $states.result %}", "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% $states.errorOutput %}", "Next": "JS@ID@"}], "End": true}, "JS@ID@": {"Type": "Succeed"}}}, "End": true}}}`
)

var (
	retries = []string{
		`[{"ErrorEquals": ["States.ALL"]}]`,
		`[{"ErrorEquals": ["States.TaskFailed", "Custom.Error"], "IntervalSeconds": 2, "MaxAttempts": 2, "BackoffRate": 1.5, "MaxDelaySeconds": 3, "JitterStrategy": "FULL", "Comment": "r"}, {"ErrorEquals": ["States.ALL"], "MaxAttempts": 0}]`,
		`[{"ErrorEquals": ["States.Timeout"], "JitterStrategy": "NONE"}, {"ErrorEquals": ["States.HeartbeatTimeout", "States.Runtime"], "MaxAttempts": 1}]`,
		`[{"ErrorEquals": ["a\"b` + "`" + `c*/"], "MaxAttempts": 1}]`,
	}
	pathCatches = []string{
		`[{"ErrorEquals": ["States.ALL"], "Next": "@NEXT@"}]`,
		`[{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.error", "Next": "@NEXT@", "Comment": "c"}, {"ErrorEquals": ["States.ALL"], "ResultPath": null, "Next": "@NEXT@"}]`,
		`[{"ErrorEquals": ["States.ALL"], "ResultPath": "$", "Assign": {"err.$": "$.Error", "n": 1}, "Next": "@NEXT@"}]`,
	}
	jsonataCatches = []string{
		`[{"ErrorEquals": ["States.ALL"], "Next": "@NEXT@"}]`,
		`[{"ErrorEquals": ["States.ALL"], "Assign": {"caught": true}, "Next": "@NEXT@"}]`,
		`[{"ErrorEquals": ["States.ALL"], "Output": "{% $states.errorOutput %}", "Assign": {"cause": "{% $states.errorOutput.Cause %}"}, "Next": "@NEXT@"}]`,
		`[{"ErrorEquals": ["States.TaskFailed"], "Output": {"e": "{% $states.errorOutput.Error %}", "in": "{% $states.input %}"}, "Next": "@NEXT@"}, {"ErrorEquals": ["States.ALL"], "Output": 7, "Next": "@NEXT@"}]`,
	}
	inputPaths     = []string{`"$"`, `"$.a"`, `null`, `"$.list[0]"`, `"$$.Execution.Input"`}
	outputPaths    = []string{`"$"`, `"$.a"`, `null`, `"$['a']"`}
	resultPaths    = []string{`"$"`, `"$.r"`, `null`, `"$.a.b"`}
	pathTemplates  = []string{`{"k": 1}`, `{"k.$": "$.a", "n": {"m.$": "$$.State.Name"}, "l": [1, {"x.$": "$"}]}`, `{"f.$": "States.Format('x{}y', $.a)", "j.$": "States.JsonToString($)", "c.$": "$$"}`, `{"u.$": "States.UUID()", "h.$": "States.Hash('a', 'SHA-256')", "arr.$": "States.Array(1, $.a, 'z')"}`}
	pathAssigns    = []string{`{"v": 1}`, `{"v.$": "$", "w.$": "States.MathAdd(1, 2)", "obj": {"x": [1, "s", null, true]}}`, `{"ctx.$": "$$.Execution.Name"}`}
	jsonataValues  = []string{`"{% $states.input %}"`, `{"a": "{% $states.input.a %}", "n": 1, "l": ["{% 1 + 2 %}", "lit"]}`, `"{% $states.context.Execution.Name & '-' & $string($count($keys($states.input))) %}"`, `42`, `"plain"`, `null`, `[1, "{% true %}"]`}
	jsonataAssigns = []string{`{"lit": [1, "a", {"b": null}]}`, `{"v": "{% $states.input %}"}`, `{"v": 1, "w": "{% $uuid() %}", "p": "{% $partition([1,2,3], 2) %}"}`, `{"h": "{% $hash('abc', 'SHA-256') %}", "r": "{% $range(1, 5, 2) %}", "j": "{% $parse('{\"a\":1}') %}"}`}
)

// shapes lists what the combination test varies, per state type and
// query language: each field the validator knows, with values of every
// form it accepts (paths, templates, intrinsics, literals, expressions).
func shapes() []stateShape {
	return []stateShape{
		{typ: "Pass", fields: []fieldValues{
			{"InputPath", inputPaths},
			{"Parameters", pathTemplates},
			{"Result", []string{`1`, `"s"`, `{"a": 1, "b": [true, null]}`, `[1, 2.5]`, `null`}},
			{"ResultPath", resultPaths},
			{"OutputPath", outputPaths},
			{"Assign", pathAssigns},
		}},
		{typ: "Pass", jsonata: true, fields: []fieldValues{
			{"Output", jsonataValues},
			{"Assign", jsonataAssigns},
		}},
		{typ: "Task", fixed: `"Resource": "arn:aws:lambda:us-east-1:123456789012:function:fn"`, fields: []fieldValues{
			{"InputPath", inputPaths},
			{"Parameters", append([]string{`{"FunctionName": "fn", "Payload.$": "$"}`}, pathTemplates...)},
			{"ResultSelector", pathTemplates},
			{"ResultPath", resultPaths},
			{"OutputPath", outputPaths},
			{"Assign", pathAssigns},
			{"TimeoutSeconds", []string{`5`, `99999999`}},
			{"TimeoutSecondsPath", []string{`"$.timeout"`, `"$timeout"`}},
			{"HeartbeatSeconds", []string{`1`, `3`}},
			{"HeartbeatSecondsPath", []string{`"$.heartbeat"`}},
			{"Credentials", []string{`{"RoleArn": "arn:aws:iam::123456789012:role/r"}`, `{"RoleArn.$": "$.role"}`}},
			{"Retry", retries},
			{"Catch", pathCatches},
		}},
		{typ: "Task", fixed: `"Resource": "arn:aws:states:::lambda:invoke"`, fields: []fieldValues{
			{"Parameters", []string{`{"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:fn", "Payload.$": "$"}`}},
			{"ResultSelector", []string{`{"p.$": "$.Payload"}`}},
			{"Retry", retries},
		}},
		{typ: "Task", fixed: `"Resource": "arn:aws:states:::dynamodb:getItem"`, fields: []fieldValues{
			{"Parameters", []string{`{"TableName": "t", "Key": {"id": {"S.$": "$.id"}}}`}},
			{"TimeoutSeconds", []string{`10`}},
		}},
		{typ: "Task", fixed: `"Resource": "arn:aws:states:us-east-1:123456789012:activity:act"`, fields: []fieldValues{
			{"HeartbeatSeconds", []string{`2`}},
			{"TimeoutSeconds", []string{`4`}},
		}},
		{typ: "Task", jsonata: true, fixed: `"Resource": "arn:aws:states:::lambda:invoke"`, fields: []fieldValues{
			{"Arguments", []string{`{"FunctionName": "fn"}`, `{"FunctionName": "fn", "Payload": "{% $states.input %}"}`, `"{% {'FunctionName': 'fn', 'Payload': $states.input} %}"`}},
			{"Output", append([]string{`"{% $states.result.Payload %}"`, `{"r": "{% $states.result %}", "i": "{% $states.input %}"}`}, jsonataValues[3:]...)},
			{"Assign", append([]string{`{"res": "{% $states.result %}"}`}, jsonataAssigns...)},
			{"TimeoutSeconds", []string{`5`, `"{% 3 + 2 %}"`}},
			{"HeartbeatSeconds", []string{`1`, `"{% 1 %}"`}},
			{"Credentials", []string{`{"RoleArn": "{% 'arn:aws:iam::123456789012:role/' & 'r' %}"}`}},
			{"Retry", retries},
			{"Catch", jsonataCatches},
		}},
		{typ: "Choice", fields: []fieldValues{
			{"InputPath", inputPaths},
			{"OutputPath", outputPaths},
			{"Choices", []string{
				`[{"Variable": "$.a", "NumericEquals": 1, "Next": "@NEXT@"}]`,
				`[{"Variable": "$.a", "StringEquals": "x", "Assign": {"v": 1, "w.$": "$.a"}, "Next": "@NEXT@"}, {"Variable": "$.b", "BooleanEquals": true, "Next": "@NEXT@"}]`,
				`[{"And": [{"Variable": "$.a", "IsPresent": true}, {"Not": {"Variable": "$.a", "IsNull": true}}], "Assign": {"s.$": "States.Format('{}', $.a)"}, "Next": "@NEXT@"}]`,
				`[{"Or": [{"Variable": "$.a", "NumericLessThanPath": "$.b"}, {"Variable": "$.t", "TimestampGreaterThan": "2024-01-01T00:00:00Z"}, {"Variable": "$.s", "StringMatches": "a*b\\*"}], "Next": "@NEXT@", "Comment": "or"}]`,
				`[{"Variable": "$.n", "NumericGreaterThanEquals": 2.5, "Next": "@NEXT@"}, {"Variable": "$.s", "StringLessThanEqualsPath": "$.t", "Next": "@NEXT@"}, {"Variable": "$.t", "IsTimestamp": true, "Next": "@NEXT@"}, {"Variable": "$.x", "IsNumeric": false, "Next": "@NEXT@"}]`,
			}},
			{"Default", []string{`"@NEXT@"`}},
			{"Assign", pathAssigns},
		}},
		{typ: "Choice", jsonata: true, fields: []fieldValues{
			{"Choices", []string{
				`[{"Condition": "{% $states.input.a = 1 %}", "Next": "@NEXT@"}]`,
				`[{"Condition": true, "Output": {"x": "{% $states.input %}"}, "Assign": {"v": "{% 1 %}"}, "Next": "@NEXT@"}]`,
				`[{"Condition": "{% $exists($states.input.a) %}", "Output": "{% $states.input.a %}", "Next": "@NEXT@"}, {"Condition": false, "Assign": {"w": 2}, "Next": "@NEXT@"}]`,
			}},
			{"Default", []string{`"@NEXT@"`}},
			{"Assign", jsonataAssigns},
			{"Output", jsonataValues},
		}},
		{typ: "Wait", fields: []fieldValues{
			{"InputPath", inputPaths},
			{"OutputPath", outputPaths},
			{"Seconds", []string{`0`, `2`}},
			{"SecondsPath", []string{`"$.seconds"`, `"$seconds"`}},
			{"Timestamp", []string{`"2024-05-01T12:00:10Z"`, `"2024-05-01T12:00:00.5+02:00"`}},
			{"TimestampPath", []string{`"$.when"`}},
			{"Assign", pathAssigns},
		}},
		{typ: "Wait", jsonata: true, fields: []fieldValues{
			{"Seconds", []string{`1`, `"{% 1 + 1 %}"`}},
			{"Timestamp", []string{`"2024-05-01T12:00:10Z"`, `"{% '2024-05-01T12:00:10Z' %}"`}},
			{"Assign", jsonataAssigns},
			{"Output", jsonataValues},
		}},
		{typ: "Succeed", fields: []fieldValues{
			{"InputPath", inputPaths},
			{"OutputPath", outputPaths},
		}},
		{typ: "Succeed", jsonata: true, fields: []fieldValues{
			{"Output", jsonataValues},
		}},
		{typ: "Fail", fields: []fieldValues{
			{"Error", []string{`"Custom.Error"`, `""`, `"x` + "`" + `y\"z\n*/"`}},
			{"ErrorPath", []string{`"$.error"`, `"States.Format('E{}', $.a)"`, `"$$.State.Name"`}},
			{"Cause", []string{`"a cause"`}},
			{"CausePath", []string{`"$.cause"`, `"States.JsonToString($)"`}},
		}},
		{typ: "Fail", jsonata: true, fields: []fieldValues{
			{"Error", []string{`"Custom.Error"`, `"{% 'E' & $string($states.input.a) %}"`}},
			{"Cause", []string{`"a cause"`, `"{% $string($states.input) %}"`}},
		}},
		{typ: "Parallel", fixed: `"Branches": [` + innerPass + `]`, fields: []fieldValues{
			{"Branches", []string{`[` + innerPass + `, ` + innerTask + `]`, `[` + innerChoice + `, ` + innerMap + `, ` + innerWait + `]`, `[` + innerJSONata + `]`, `[` + innerNested + `, ` + innerJSONataMap + `]`}},
			{"InputPath", inputPaths},
			{"Parameters", pathTemplates},
			{"ResultSelector", []string{`{"first.$": "$[0]", "all.$": "$"}`}},
			{"ResultPath", resultPaths},
			{"OutputPath", outputPaths},
			{"Assign", pathAssigns},
			{"Retry", retries},
			{"Catch", pathCatches},
		}},
		{typ: "Parallel", jsonata: true, fixed: `"Branches": [` + innerPass + `]`, fields: []fieldValues{
			{"Branches", []string{`[` + innerPass + `, ` + innerTask + `]`, `[` + innerJSONata + `, ` + innerWait + `]`, `[` + innerJSONataMap + `]`, `[` + innerNested + `]`}},
			{"Arguments", []string{`{"x": "{% $states.input %}"}`, `"{% $states.input %}"`, `[1, 2]`}},
			{"Output", []string{`"{% $states.result[0] %}"`, `{"all": "{% $states.result %}"}`}},
			{"Assign", []string{`{"res": "{% $states.result %}"}`}},
			{"Retry", retries},
			{"Catch", jsonataCatches},
		}},
		{typ: "Map", fixed: `"ItemProcessor": ` + innerPass, fields: []fieldValues{
			{"ItemProcessor", []string{
				innerTask,
				`{"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "P@ID@", "States": {"P@ID@": {"Type": "Pass", "End": true}}}`,
				`{"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "P@ID@", "States": {"P@ID@": {"Type": "Pass", "End": true}}}`,
				`{"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "T@ID@", "States": {"T@ID@": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:inner", "End": true}}}`,
				innerMap, innerChoice, innerJSONata, innerNested, innerJSONataMap,
			}},
			{"InputPath", inputPaths},
			{"ItemsPath", []string{`"$"`, `"$.list"`, `"$items"`, `"$$.Execution.Input.list"`}},
			{"ItemSelector", []string{`{"v.$": "$$.Map.Item.Value", "i.$": "$$.Map.Item.Index", "all.$": "$"}`, `{"k": 1}`}},
			{"Parameters", []string{`{"v.$": "$$.Map.Item.Value"}`}},
			{"MaxConcurrency", []string{`0`, `1`, `10`}},
			{"MaxConcurrencyPath", []string{`"$.max"`}},
			{"ItemBatcher", []string{`{"MaxItemsPerBatch": 2}`, `{"MaxInputBytesPerBatch": 1024, "BatchInput": {"b": 1, "c.$": "$.a"}}`, `{"MaxItemsPerBatch": 3, "MaxInputBytesPerBatch": 262144}`}},
			{"ToleratedFailurePercentage", []string{`0`, `50`, `12.5`, `100`}},
			{"ToleratedFailurePercentagePath", []string{`"$.pct"`}},
			{"ToleratedFailureCount", []string{`0`, `2`}},
			{"ToleratedFailureCountPath", []string{`"$.count"`}},
			{"Label", []string{`"label"`}},
			{"ResultSelector", []string{`{"n.$": "States.ArrayLength($)"}`}},
			{"ResultPath", resultPaths},
			{"OutputPath", outputPaths},
			{"Assign", pathAssigns},
			{"Retry", retries},
			{"Catch", pathCatches},
		}},
		{typ: "Map", fixed: `"Iterator": ` + innerPass, fields: []fieldValues{
			{"ItemsPath", []string{`"$.list"`}},
			{"Parameters", []string{`{"v.$": "$$.Map.Item.Value", "i.$": "$$.Map.Item.Index"}`}},
			{"MaxConcurrency", []string{`2`}},
		}},
		{typ: "Map", jsonata: true, fixed: `"ItemProcessor": ` + innerPass, fields: []fieldValues{
			{"ItemProcessor", []string{innerTask, innerJSONata, innerJSONataMap, innerNested, `{"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "P@ID@", "States": {"P@ID@": {"Type": "Pass", "End": true}}}`}},
			{"Items", []string{`[1, 2, 3]`, `"{% $states.input.list %}"`, `[1, "{% $states.input %}"]`, `"{% [1..5] %}"`}},
			{"ItemSelector", []string{`{"v": "{% $states.context.Map.Item.Value %}", "i": "{% $states.context.Map.Item.Index %}"}`, `"{% $states.context.Map.Item.Value %}"`, `{"k": 1}`}},
			{"MaxConcurrency", []string{`3`, `"{% 2 %}"`}},
			{"ItemBatcher", []string{`{"MaxItemsPerBatch": 2}`, `{"MaxItemsPerBatch": "{% 2 %}", "MaxInputBytesPerBatch": "{% 1024 %}", "BatchInput": {"b": "{% 1 %}"}}`, `{"MaxInputBytesPerBatch": 2048, "BatchInput": {"b": 1}}`}},
			{"ToleratedFailurePercentage", []string{`10`, `"{% 10 %}"`}},
			{"ToleratedFailureCount", []string{`1`, `"{% 1 %}"`}},
			{"Output", []string{`"{% $states.result %}"`, `{"n": "{% $count($states.result) %}"}`}},
			{"Assign", []string{`{"res": "{% $states.result %}"}`}},
			{"Retry", retries},
			{"Catch", jsonataCatches},
		}},
	}
}

// comments are the values of the Comment field every shape may have:
// text that closes comments and strings or looks like Go.
var comments = fieldValues{"Comment", []string{`"a comment"`, `"*/ func init() { panic(1) } /*"`, `"line\n}\nfunc init() {}\n"`, `"` + "`" + ` + \"x\" // \u2028"`}}

// stateText renders a state of shape sh with the given field values
// (indexes into each field's values; -1 leaves the field out), its
// transition pointing at next.
func (sh stateShape) stateText(choice []int, next string) string {
	members := []string{`"Type": "` + sh.typ + `"`}
	if sh.jsonata {
		members = append(members, `"QueryLanguage": "JSONata"`)
	}
	fixed := sh.fixed
	for i, f := range sh.fields {
		if choice[i] < 0 {
			continue
		}
		if strings.HasPrefix(fixed, `"`+f.name+`"`) {
			fixed = ""
		}
		members = append(members, strconv.Quote(f.name)+": "+f.values[choice[i]])
	}
	if fixed != "" {
		members = append(members, fixed)
	}
	switch sh.typ {
	case "Choice":
		switch {
		case slicesContains(members, `"Choices"`):
		case sh.jsonata:
			members = append(members, `"Choices": [{"Condition": "{% $exists($states.input.a) %}", "Next": "@NEXT@"}]`)
		default:
			members = append(members, `"Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "@NEXT@"}]`)
		}
	case "Succeed", "Fail":
	default:
		members = append(members, `"Next": "@NEXT@"`)
	}
	return strings.ReplaceAll("{"+strings.Join(members, ", ")+"}", nextMark, next)
}

func slicesContains(members []string, prefix string) bool {
	for _, m := range members {
		if strings.HasPrefix(m, prefix) {
			return true
		}
	}
	return false
}

// combinations returns the field choices of the states generated for sh:
// each value of each field alone, then count random combinations (a fixed
// seed, so every run tries the same ones).
func (sh stateShape) combinations(r *rand.Rand, count int) [][]int {
	none := func() []int {
		c := make([]int, len(sh.fields))
		for i := range c {
			c[i] = -1
		}
		return c
	}
	out := [][]int{none()}
	for i, f := range sh.fields {
		for v := range f.values {
			c := none()
			c[i] = v
			out = append(out, c)
		}
	}
	for range count {
		c := none()
		for i, f := range sh.fields {
			if r.IntN(2) == 0 {
				c[i] = r.IntN(len(f.values))
			}
		}
		out = append(out, c)
	}
	return out
}

// definitionOf returns a definition of the states, chained in order and
// ending in a Succeed state, and of the terminal (Succeed and Fail) states,
// which a Choice state at the start picks by the input's "route" member;
// jsonata sets the top-level QueryLanguage.
func definitionOf(states, terminals []string, jsonata bool) []byte {
	var b strings.Builder
	b.WriteString(`{"Comment": "generated", `)
	if jsonata {
		b.WriteString(`"QueryLanguage": "JSONata", `)
	}
	b.WriteString(`"StartAt": "Route", "States": {"Route": {"Type": "Choice", "Choices": [`)
	for i := range terminals {
		if i > 0 {
			b.WriteString(", ")
		}
		if jsonata {
			fmt.Fprintf(&b, `{"Condition": "{%% $states.input.route = %d %%}", "Next": "T%d"}`, i, i)
		} else {
			fmt.Fprintf(&b, `{"Variable": "$.route", "NumericEquals": %d, "Next": "T%d"}`, i, i)
		}
	}
	if len(terminals) == 0 {
		if jsonata {
			b.WriteString(`{"Condition": false, "Next": "S0"}`)
		} else {
			b.WriteString(`{"Variable": "$.route", "IsPresent": true, "Next": "S0"}`)
		}
	}
	b.WriteString(`], "Default": "S0"}`)
	for i, s := range terminals {
		fmt.Fprintf(&b, `, "T%d": %s`, i, s)
	}
	for i, s := range states {
		s = strings.ReplaceAll(s, `"@SELF_NEXT@"`, strconv.Quote("S"+strconv.Itoa(i+1)))
		fmt.Fprintf(&b, `, "S%d": %s`, i, strings.ReplaceAll(s, idMark, "S"+strconv.Itoa(i)))
	}
	fmt.Fprintf(&b, `, "S%d": {"Type": "Succeed"}}}`, len(states))
	return []byte(b.String())
}

// TestCombinationsCompile generates thousands of small definitions, one
// state of every type and query language with every field the validator
// knows alone and in random combinations, and compiles them: whatever the
// validator accepts must compile (a failure of the emitter, such as
// generated code gofmt cannot parse, fails the test with the definition).
// The accepted states are then chained into definitions of up to 30
// states, compiled into one temporary module and built and vetted at once,
// and every machine runs on a few inputs with a virtual clock and tasks
// that echo their input: none may panic or return anything but an
// *aslrt.Error.
func TestCombinationsCompile(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	perShape := 150
	if testing.Short() {
		perShape = 20
	}
	type accepted struct {
		state             string
		jsonata, terminal bool
	}
	var ok []accepted
	rejected := map[string]int{}
	var tried, unsupported int
	for _, sh := range shapes() {
		sh.fields = append(sh.fields, comments)
		for _, c := range sh.combinations(r, perShape) {
			state := sh.stateText(c, "@SELF_NEXT@")
			terminal := sh.typ == "Succeed" || sh.typ == "Fail"
			for _, top := range []bool{false, true} {
				if top && !sh.jsonata {
					continue
				}
				tried++
				src := definitionOf([]string{state}, nil, top)
				if terminal {
					src = definitionOf(nil, []string{state}, top)
				}
				_, err := compiler.Compile(src, compiler.Options{Package: "gen", Source: "gen.asl.json"})
				var ce *compiler.Error
				switch {
				case err == nil:
					ok = append(ok, accepted{state, top, terminal})
				case errors.As(err, &ce) && onlyUnsupported(ce):
					unsupported++
				case errors.As(err, &ce):
					for _, d := range ce.Diagnostics {
						rejected[d.Code+": "+d.Message]++
					}
				default:
					t.Errorf("compile failed:\n%s\n%v", src, err)
				}
			}
		}
	}
	keys := make([]string, 0, len(rejected))
	for k := range rejected {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("rejected %4d× %s", rejected[k], k)
	}
	t.Logf("%d definitions: %d compiled, %d refused as unsupported, the others rejected by the validator", tried, len(ok), unsupported)
	if len(ok) < tried/2 {
		t.Errorf("only %d of %d generated definitions compiled: the generator no longer matches the validator", len(ok), tried)
	}
	if testing.Short() || t.Failed() {
		return
	}

	// Chain the accepted states, JSONPath and JSONata apart at the top.
	work := tempModule(t)
	var pkgs []string
	defs := map[string][]byte{}
	const chain = 30
	for _, top := range []bool{false, true} {
		var states, terminals []string
		flush := func() {
			if len(states)+len(terminals) == 0 {
				return
			}
			pkg := "gen" + strconv.Itoa(len(pkgs))
			src := definitionOf(states, terminals, top)
			out, err := compiler.Compile(src, compiler.Options{Package: pkg, Source: pkg + ".asl.json"})
			if err != nil {
				t.Fatalf("a chain of accepted states does not compile:\n%s\n%v", src, err)
			}
			writePackage(t, work, pkg, out)
			pkgs = append(pkgs, pkg)
			defs[pkg] = src
			states, terminals = states[:0], terminals[:0]
		}
		for _, a := range ok {
			switch {
			case a.jsonata != top:
				continue
			case a.terminal:
				terminals = append(terminals, a.state)
			default:
				states = append(states, a.state)
			}
			if len(states) == chain || len(terminals) == chain {
				flush()
			}
		}
		flush()
	}
	if err := os.WriteFile(filepath.Join(work, "main.go"), []byte(runnerSource(pkgs)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"vet", "./..."}, {"run", "."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = work
		cmd.Env = offlineEnv()
		out, err := cmd.CombinedOutput()
		if err != nil {
			first := ""
			if _, rest, ok := strings.Cut(string(out), "# aslc.test/corpus/"); ok {
				pkg, _, _ := strings.Cut(rest, "\n")
				first = fmt.Sprintf("\nthe definition of %s:\n%s", pkg, defs[pkg])
			}
			t.Fatalf("go %s of %d generated packages failed: %v\n%s%s", strings.Join(args, " "), len(pkgs), err, limitLines(string(out), 80), first)
		}
		if args[0] == "run" {
			t.Logf("%d packages built and run: %s", len(pkgs), strings.TrimSpace(string(out)))
		}
	}
}

// runnerSource is a main package that runs every generated machine on a
// few inputs and fails when one returns an error that is not an
// *aslrt.Error (a panic fails it too).
func runnerSource(pkgs []string) string {
	var b strings.Builder
	b.WriteString("package main\n\nimport (\n\t\"context\"\n\t\"errors\"\n\t\"fmt\"\n\t\"os\"\n\t\"time\"\n\n\taslrt \"github.com/aslc/aslc/runtime\"\n")
	for _, p := range pkgs {
		fmt.Fprintf(&b, "\t%q\n", "aslc.test/corpus/"+p)
	}
	b.WriteString(")\n\ntype runFunc func(context.Context, any) (any, error)\n\n")
	b.WriteString(`var inputs = []string{
	"{}",
	` + "`" + `{"a": 1, "b": true, "s": "ab*", "t": "2024-05-01T12:00:00Z", "n": 3, "x": "y", "list": [1, 2, 3], "seconds": 1, "when": "2024-05-01T12:00:05Z", "timeout": 5, "heartbeat": 1, "role": "arn:aws:iam::123456789012:role/r", "max": 2, "pct": 50, "count": 1, "error": "E", "cause": "C", "id": "k"}` + "`" + `,
	` + "`" + `[1, "two", null]` + "`" + `,
}

func main() {
	echo := aslrt.InvokerFunc(func(ctx context.Context, c aslrt.TaskCall) (aslrt.Value, error) {
		if n, ok := c.Input.(*aslrt.Object); ok && n.Has("fail") {
			return nil, aslrt.NewError("Custom.Error", "asked to fail")
		}
		return c.Input, nil
	})
	for i := range 30 {
		inputs = append(inputs, fmt.Sprintf("{\"route\": %d, \"a\": 1, \"error\": \"E\", \"cause\": \"C\"}", i))
	}
	var runs []runFunc
	start := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
`)
	for _, p := range pkgs {
		fmt.Fprintf(&b, "\truns = append(runs, %s.New(%s.TasksFrom(echo), aslrt.WithClock(aslrt.NewVirtualClock(start))).Run)\n", p, p)
	}
	b.WriteString(`	counts := map[string]int{}
	for i, run := range runs {
		for _, in := range inputs {
			out, err := run(context.Background(), aslrt.MustDecode(in))
			var e *aslrt.Error
			switch {
			case err == nil:
				aslrt.Encode(out)
				counts["SUCCEEDED"]++
			case errors.As(err, &e):
				counts[e.Name]++
			default:
				fmt.Printf("machine %d on %s: %T %v\n", i, in, err, err)
				os.Exit(1)
			}
		}
	}
	fmt.Println(counts)
}
`)
	return b.String()
}
