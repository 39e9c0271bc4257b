package conformance

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	aslrt "github.com/aslc/aslc/runtime"
)

func str(s string) *string { return &s }

func TestNormalizeTimestamps(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2016-03-14T01:59:00Z", "date"},
		{"2016-03-05T21:29:29.243167252Z", "date"},
		{"2024-02-29T00:00:00+01:00", "date"},
		{"2024-02-29T00:00:00-0130", "date"},
		{"2024-02-29T00:00:00+01", "date"},
		{"started 2024-10-01T12:00:00.123Z, done", "started date, done"},
		{"2016-03-14T01:59:00Z/2016-03-15T01:59:00Z", "date/date"},
		// Not timestamps by the recorder's pattern: left alone (these
		// appear verbatim in recorded causes).
		{"2016-13-05T21:29:29Z", "2016-13-05T21:29:29Z"},
		{"2016-12-05T25:29:29Z", "2016-12-05T25:29:29Z"},
		{"2016-12-05T21:29:29", "2016-12-05T21:29:29"},
		{"2023-02-29T00:00:00Z", "2023-02-29T00:00:00Z"},
		{"2016-12-05 21:29:29Z", "2016-12-05 21:29:29Z"},
		{"plain", "plain"},
	}
	for _, tt := range tests {
		if got := NormalizeTimestamps(tt.in); got != tt.want {
			t.Errorf("NormalizeTimestamps(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMatchText(t *testing.T) {
	tests := []struct {
		expected, actual string
		want             bool
	}{
		{"abc", "abc", true},
		{"abc", "abd", false},
		{"abc", "", false},
		{"", "", true},
		// A token matches any text, including none.
		{"<uuid:1>", "d3b7-...", true},
		{"<uuid:1>", "", true},
		{"arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>",
			"arn:aws:states:us-east-1:111111111111:execution:m:e-1", true},
		{"arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>",
			"arn:aws:states:us-east-1:222222222222:execution:m:e-1", false},
		{"no_such_<lambda_function_name>:$LATEST", "no_such_lambda_func_5f000001:$LATEST", true},
		{"no_such_<lambda_function_name>:$LATEST", "lambda_func_5f000001:$LATEST", false},
		{"prefix <x> suffix", "prefix  suffix", true},
		{"prefix <x> suffix", "prefix suffix", false},
		{"<a>mid<b>", "xxmidyy", true},
		{"<a>mid<b>", "xxmdyy", false},
		{"a<x>a", "a", false},
		{"a<x>a", "aa", true},
		// A token inside JSON text that is no longer JSON.
		{`"requestId":<request-id>","stackTrace"`, `"requestId":"5e1f","stackTrace"`, true},
		// Timestamps in the actual text become "date" first.
		{"date", "2024-10-01T12:00:00Z", true},
		{"at date!", "at 2024-10-01T12:00:00.5Z!", true},
		{"2024-10-01T12:00:00Z", "2024-10-01T12:00:00Z", false},
		// '<' that is not a token is literal.
		{"a < b", "a < b", true},
		{"a < b", "a <> b", false},
		{"<>", "<>", true},
		{"<>", "x", false},
	}
	for _, tt := range tests {
		if got := MatchText(tt.expected, tt.actual); got != tt.want {
			t.Errorf("MatchText(%q, %q) = %v, want %v", tt.expected, tt.actual, got, tt.want)
		}
	}
}

func TestMatchValue(t *testing.T) {
	tests := []struct {
		name             string
		expected, actual string
		want             bool
	}{
		{"equal objects", `{"a":1,"b":[true,null,"x"]}`, `{"a":1,"b":[true,null,"x"]}`, true},
		{"key order ignored", `{"a":1,"b":2}`, `{"b":2,"a":1}`, true},
		{"missing member", `{"a":1,"b":2}`, `{"a":1}`, false},
		{"extra member", `{"a":1}`, `{"a":1,"b":2}`, false},
		{"numbers by value", `{"n":1}`, `{"n":1.0}`, true},
		{"float by value", `1.5`, `1.50`, true},
		{"exponent", `100`, `1e2`, true},
		{"different numbers", `1`, `1.0000001`, false},
		{"big ints exact", `9007199254740993`, `9007199254740992`, false},
		{"big float vs int", `9007199254740992`, `9.007199254740992E15`, true},
		{"bool is not number", `1`, `true`, false},
		{"bool is not number (reverse)", `false`, `0`, false},
		{"bools", `true`, `true`, true},
		{"bools differ", `true`, `false`, false},
		{"null vs missing-ish", `null`, `{}`, false},
		{"null", `null`, `null`, true},
		{"null vs 0", `null`, `0`, false},
		{"string vs number", `"1"`, `1`, false},
		{"number vs string", `1`, `"1"`, false},
		{"arrays in order", `[1,2]`, `[2,1]`, false},
		{"array length", `[1,2]`, `[1,2,3]`, false},
		{"array vs object", `[]`, `{}`, false},
		{"empty", `{}`, `{}`, true},
		{"placeholder in string", `{"Id":"arn:<partition>:x"}`, `{"Id":"arn:aws:x"}`, true},
		{"placeholder in string mismatch", `{"Id":"arn:<partition>:x"}`, `{"Id":"arn:aws:y"}`, false},
		{"whole placeholder matches any value", `{"R":"<RandomNumberGenerated>"}`, `{"R":42.5}`, true},
		{"whole placeholder matches object", `{"R":"<json-input:1>"}`, `{"R":{"a":[1]}}`, true},
		{"whole placeholder matches null", `{"R":"<x>"}`, `{"R":null}`, true},
		{"whole placeholder needs the member", `{"R":"<x>"}`, `{}`, false},
		{"whole placeholder in array", `["<x>", 2]`, `[[1], 2]`, true},
		{"timestamp value", `{"StartTime":"date"}`, `{"StartTime":"2024-10-01T12:00:00.123Z"}`, true},
		{"bad timestamp is not date", `{"StartTime":"date"}`, `{"StartTime":"2024-10-01 12:00"}`, false},
		{"timestamp key", `{"date":1}`, `{"2024-10-01T12:00:00Z":1}`, true},
		{"timestamp key, other value", `{"date":1}`, `{"2024-10-01T12:00:00Z":2}`, false},
		{"placeholder key", `{"<uuid:1>":1}`, `{"5e1f-aa":1}`, true},
		{"placeholder key, no member", `{"<uuid:1>":1}`, `{}`, false},
		{"placeholder key picks matching value", `{"k-<n>":1,"k-<m>":2}`, `{"k-b":2,"k-a":1}`, true},
		{"nested difference", `{"a":{"b":[1,{"c":"x"}]}}`, `{"a":{"b":[1,{"c":"y"}]}}`, false},
		{"duplicate-looking keys after normalization", `{"date":1,"x":2}`, `{"2024-10-01T12:00:00Z":1,"2024-10-02T12:00:00Z":2}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems := MatchValue(aslrt.MustDecode(tt.expected), aslrt.MustDecode(tt.actual))
			if got != tt.want {
				t.Errorf("MatchValue(%s, %s) = %v %q, want %v", tt.expected, tt.actual, got, problems, tt.want)
			}
			if !got && len(problems) == 0 {
				t.Error("a mismatch without a problem report")
			}
		})
	}
}

func TestMatchCause(t *testing.T) {
	const compact = `{"errorMessage":"Some exception was raised.","errorType":"Exception","requestId":"<uuid:1>","stackTrace":["  File \"/var/task/handler.py\", line 2, in handler\n    raise Exception(\"Some exception was raised.\")\n"]}`
	const spaced = `{"errorMessage": "Some exception was raised.", "errorType": "Exception", "requestId": "3f2c", "stackTrace": ["  File \"/var/task/handler.py\", line 2, in handler\n    raise Exception(\"Some exception was raised.\")\n"]}`
	tests := []struct {
		name             string
		expected, actual string
		want             bool
	}{
		{"JSON compared as JSON", compact, spaced, true},
		{"JSON key order", `{"a":1,"b":2}`, `{"b":2,"a":1}`, true},
		{"JSON differs", `{"a":1}`, `{"a":2}`, false},
		{"JSON array", `[1, 2]`, `[1,2]`, true},
		{"JSON vs text", `{"a":1}`, `a=1`, false},
		{"text", "Task timed out.", "Task timed out.", true},
		{"text differs", "Task timed out.", "Task timed out", false},
		{"scalar JSON stays text", `1.0`, `1`, false},
		{"string JSON stays text", `"a"`, `"a" `, false},
		{"broken JSON with a token is text", `{"requestId":<request-id>"}`, `{"requestId":"abc"}`, true},
		{"broken JSON with a token, mismatch", `{"requestId":<request-id>"}`, `{"requestId":"abc"`, false},
		{"timestamps in JSON causes", `{"t":"date"}`, `{"t":"2024-10-01T12:00:00Z"}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MatchCause(tt.expected, tt.actual); got != tt.want {
				t.Errorf("MatchCause(%q, %q) = %v, want %v", tt.expected, tt.actual, got, tt.want)
			}
		})
	}
}

func succeeded(output string) Expected {
	return Expected{Status: StatusSucceeded, Output: aslrt.MustDecode(output), HasOutput: true}
}

func TestCompare(t *testing.T) {
	type verdict struct{ Pass, PassIgnoringCause, CauseMismatch, MessageAgrees bool }
	tests := []struct {
		name   string
		kind   Kind
		exp    Expected
		result *Result
		want   verdict
	}{
		{"missing result", Execution, succeeded(`{}`), nil, verdict{}},
		{"succeeded", Execution, succeeded(`{"a":1}`),
			&Result{Status: StatusSucceeded, Output: aslrt.MustDecode(`{"a":1.0}`), HasOutput: true}, verdict{true, true, false, false}},
		{"succeeded, wrong output", Execution, succeeded(`{"a":1}`),
			&Result{Status: StatusSucceeded, Output: aslrt.MustDecode(`{"a":2}`), HasOutput: true}, verdict{}},
		{"succeeded, no output", Execution, succeeded(`null`),
			&Result{Status: StatusSucceeded}, verdict{}},
		{"succeeded, null output", Execution, succeeded(`null`),
			&Result{Status: StatusSucceeded, HasOutput: true}, verdict{true, true, false, false}},
		{"status differs", Execution, succeeded(`{}`),
			&Result{Status: StatusFailed, Error: "States.Runtime"}, verdict{}},
		{"error status never passes", Execution, succeeded(`{}`),
			&Result{Status: StatusError, Error: "Panic"}, verdict{}},
		{"failed", Execution, Expected{Status: StatusFailed, Error: str("States.Runtime"), Cause: str("bad <x> thing")},
			&Result{Status: StatusFailed, Error: "States.Runtime", Cause: "bad old thing"}, verdict{true, true, false, false}},
		{"failed, wrong error", Execution, Expected{Status: StatusFailed, Error: str("States.Runtime"), Cause: str("c")},
			&Result{Status: StatusFailed, Error: "States.TaskFailed", Cause: "c"}, verdict{}},
		{"failed, wrong cause", Execution, Expected{Status: StatusFailed, Error: str("States.Runtime"), Cause: str("c")},
			&Result{Status: StatusFailed, Error: "States.Runtime", Cause: "d"}, verdict{false, true, true, false}},
		{"failed, no recorded cause, none given", Execution, Expected{Status: StatusFailed, Error: str("States.Timeout")},
			&Result{Status: StatusFailed, Error: "States.Timeout"}, verdict{true, true, false, false}},
		{"failed, no recorded cause, one given", Execution, Expected{Status: StatusFailed, Error: str("States.Timeout")},
			&Result{Status: StatusFailed, Error: "States.Timeout", Cause: "timed out"}, verdict{false, true, true, false}},
		{"failed, no recorded error, none given", Execution, Expected{Status: StatusFailed},
			&Result{Status: StatusFailed}, verdict{true, true, false, false}},
		{"failed, no recorded error, one given", Execution, Expected{Status: StatusFailed},
			&Result{Status: StatusFailed, Error: "X"}, verdict{}},
		{"failed, JSON cause", Execution, Expected{Status: StatusFailed, Error: str("Exception"), Cause: str(`{"a": "<uuid:1>", "b": 1}`)},
			&Result{Status: StatusFailed, Error: "Exception", Cause: `{"b":1,"a":"x"}`}, verdict{true, true, false, false}},
		{"timed out, nothing recorded", Execution, Expected{Status: StatusTimedOut},
			&Result{Status: StatusTimedOut, Error: "States.Timeout", Cause: "anything"}, verdict{true, true, false, false}},
		{"timed out, error recorded", Execution, Expected{Status: StatusTimedOut, Error: str("States.Timeout")},
			&Result{Status: StatusTimedOut, Error: "States.Runtime"}, verdict{}},
		{"timed out vs failed", Execution, Expected{Status: StatusTimedOut},
			&Result{Status: StatusFailed, Error: "States.Timeout"}, verdict{}},
		{"invalid", Invalid, Expected{Status: StatusInvalid, Error: str("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/WaitUntil/Timestamp'")},
			&Result{Status: StatusInvalid, Error: "def.json:1:90: SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp"}, verdict{true, true, false, true}},
		{"invalid, other message", Invalid, Expected{Status: StatusInvalid, Error: str("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/WaitUntil/Timestamp'")},
			&Result{Status: StatusInvalid, Error: "def.json:1:90: SCHEMA_VALIDATION_FAILED: bad timestamp"}, verdict{true, true, false, false}},
		{"invalid, diagnostics code", Invalid, Expected{Status: StatusInvalid, Error: str("These fields are required: [StartAt]"), Diagnostics: []Diagnostic{{Code: "SCHEMA_VALIDATION_FAILED"}}},
			&Result{Status: StatusInvalid, Error: "d.json:1:1: SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt]"}, verdict{true, true, false, true}},
		{"invalid, accepted", Invalid, Expected{Status: StatusInvalid, Error: str("x")},
			&Result{Status: StatusSucceeded, HasOutput: true}, verdict{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Case{ID: "c", Kind: tt.kind, Expected: tt.exp}
			v := Compare(c, tt.result)
			got := verdict{v.Pass, v.PassIgnoringCause, v.CauseMismatch, v.MessageAgrees}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("verdict (-want +got):\n%s\nproblems: %q", diff, v.Problems)
			}
			if !v.PassIgnoringCause && len(v.Problems) == 0 {
				t.Error("a failing verdict without problems")
			}
		})
	}
}

func TestResultRoundTrip(t *testing.T) {
	tests := []*Result{
		{Case: "a", Status: StatusSucceeded, Output: aslrt.MustDecode(`{"z":1,"a":[1.5,"x"]}`), HasOutput: true},
		{Case: "b", Status: StatusSucceeded, HasOutput: true},
		{Case: "c", Status: StatusFailed, Error: "States.Runtime", Cause: "bad \"thing\"\n"},
		{Case: "d", Status: StatusInvalid, Error: "x.json:1:1: SCHEMA_VALIDATION_FAILED: m"},
	}
	for _, r := range tests {
		line := r.AppendJSON(nil)
		got, err := ParseResult(line)
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		if got.Case != r.Case || got.Status != r.Status || got.Error != r.Error || got.Cause != r.Cause ||
			got.HasOutput != r.HasOutput || !aslrt.Equal(got.Output, r.Output) {
			t.Errorf("round trip of %s gave %+v", line, got)
		}
		if got.HasOutput && aslrt.EncodeString(got.Output) != aslrt.EncodeString(r.Output) {
			t.Errorf("output order lost: %s", aslrt.Encode(got.Output))
		}
	}
	if string(tests[0].AppendJSON(nil)) != `{"case":"a","status":"SUCCEEDED","output":{"z":1,"a":[1.5,"x"]}}` {
		t.Errorf("line %s", tests[0].AppendJSON(nil))
	}
	for _, bad := range []string{`[]`, `{"status":"X"}`, `{"case":"a"}`, `{"case":1,"status":"X"}`, `{`} {
		if _, err := ParseResult([]byte(bad)); err == nil {
			t.Errorf("ParseResult(%s): no error", bad)
		}
	}
}

func TestProblemsAreBounded(t *testing.T) {
	var exp, act strings.Builder
	exp.WriteString("[")
	act.WriteString("[")
	for i := range 100 {
		if i > 0 {
			exp.WriteString(",")
			act.WriteString(",")
		}
		exp.WriteString("1")
		act.WriteString("2")
	}
	exp.WriteString("]")
	act.WriteString("]")
	_, problems := MatchValue(aslrt.MustDecode(exp.String()), aslrt.MustDecode(act.String()))
	if len(problems) != maxProblems {
		t.Errorf("%d problems, want %d", len(problems), maxProblems)
	}
}

// BenchmarkCompareCorpus compares every case of the public corpus with a
// result equal to its own expectation (placeholders filled in by hand
// would change nothing: MatchText handles them the same way).
func BenchmarkCompareCorpus(b *testing.B) {
	dir, err := DefaultCorpusDir()
	if err != nil {
		b.Fatal(err)
	}
	corpus, err := Load(dir)
	if err != nil {
		b.Skip(err)
	}
	results := make([]*Result, len(corpus.Cases))
	for i, c := range corpus.Cases {
		r := &Result{Case: c.ID, Status: c.Expected.Status, Output: c.Expected.Output, HasOutput: c.Expected.HasOutput}
		if c.Expected.Error != nil {
			r.Error = *c.Expected.Error
		}
		if c.Expected.Cause != nil {
			r.Cause = *c.Expected.Cause
		}
		results[i] = r
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, c := range corpus.Cases {
			if v := Compare(c, results[i]); !v.Pass {
				b.Fatalf("%s: %q", c.ID, v.Problems)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(corpus.Cases)), "ns/case")
}

func BenchmarkMatchText(b *testing.B) {
	const exp = "Function not found: arn:<partition>:lambda:<region>:111111111111:function:no_such_<lambda_function_name>:$LATEST (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: <request_id>; Proxy: null)"
	const act = "Function not found: arn:aws:lambda:us-east-1:111111111111:function:no_such_lambda_func_5f000001:$LATEST (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: 1c5b7e4e-6d0e-4f8e-9a55-3f2b7d1b2c3d; Proxy: null)"
	b.ReportAllocs()
	for b.Loop() {
		if !MatchText(exp, act) {
			b.Fatal("no match")
		}
	}
}
