package conformance

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/aslc/aslc/conformance/internal/driver"
	aslrt "github.com/aslc/aslc/runtime"
)

// Result is one line of a results file: what an implementation did with
// one case.
//
//	{"case": "<id>", "status": "...", "output": <json>, "error": "...", "cause": "..."}
type Result = driver.Result

// ParseResult reads one results-file line.
func ParseResult(line []byte) (*Result, error) {
	v, err := aslrt.Decode(line)
	if err != nil {
		return nil, err
	}
	obj, ok := v.(*aslrt.Object)
	if !ok {
		return nil, fmt.Errorf("result line is %s, not an object", aslrt.TypeName(v))
	}
	r := &Result{}
	for _, f := range []struct {
		key      string
		dst      *string
		required bool
	}{{"case", &r.Case, true}, {"status", &r.Status, true}, {"error", &r.Error, false}, {"cause", &r.Cause, false}} {
		x, ok := obj.Get(f.key)
		if !ok || x == nil {
			if f.required {
				return nil, fmt.Errorf("result line has no %q", f.key)
			}
			continue
		}
		s, ok := x.(string)
		if !ok {
			return nil, fmt.Errorf("result %q is %s, not a string", f.key, aslrt.TypeName(x))
		}
		*f.dst = s
	}
	r.Output, r.HasOutput = obj.Get("output")
	return r, nil
}

// Verdict is the comparison of one result with what AWS recorded, by the
// rules of the corpus README ("How results are compared").
type Verdict struct {
	// Pass is the strict verdict: status, output, error and cause agree.
	Pass bool
	// PassIgnoringCause is the verdict without the cause.
	PassIgnoringCause bool
	// CauseMismatch is set when everything but the cause agrees.
	CauseMismatch bool
	// MessageAgrees (invalid definitions only, for information) says
	// whether the rejection names the code and message AWS gave.
	MessageAgrees bool
	// Problems lists the disagreements, one per line, for a report.
	Problems []string
}

// Compare judges result r for case c. A nil r is a case missing from the
// results, which fails.
func Compare(c *Case, r *Result) Verdict {
	var v Verdict
	if r == nil {
		v.Problems = []string{"no result for this case"}
		return v
	}
	exp := &c.Expected
	if exp.Status != r.Status {
		v.Problems = append(v.Problems, fmt.Sprintf("status: want %s, got %s%s", exp.Status, r.Status, describeFailure(r)))
		return v
	}
	if exp.Status == StatusInvalid {
		v.Pass, v.PassIgnoringCause = true, true
		v.MessageAgrees = invalidMessageAgrees(exp, r.Error)
		return v
	}
	mainOK := true
	if exp.Status == StatusSucceeded {
		var d differ
		d.value("$", exp.Output, r.Output, r.HasOutput)
		if len(d.problems) > 0 {
			mainOK = false
			for _, p := range d.problems {
				v.Problems = append(v.Problems, "output: "+p)
			}
		}
	} else {
		// FAILED or TIMED_OUT. A missing field in a FAILED case means AWS
		// gave none; in a TIMED_OUT case it means none was recorded.
		checkAbsent := exp.Status == StatusFailed
		switch {
		case exp.Error != nil:
			if !MatchText(*exp.Error, r.Error) {
				mainOK = false
				v.Problems = append(v.Problems, fmt.Sprintf("error: want %q, got %q", *exp.Error, r.Error))
			}
		case checkAbsent && r.Error != "":
			mainOK = false
			v.Problems = append(v.Problems, fmt.Sprintf("error: want none, got %q", r.Error))
		}
		causeOK := true
		switch {
		case exp.Cause != nil:
			causeOK = MatchCause(*exp.Cause, r.Cause)
			if !causeOK {
				v.Problems = append(v.Problems, fmt.Sprintf("cause: want %q, got %q", *exp.Cause, r.Cause))
			}
		case checkAbsent && r.Cause != "":
			causeOK = false
			v.Problems = append(v.Problems, fmt.Sprintf("cause: want none, got %q", r.Cause))
		}
		v.PassIgnoringCause = mainOK
		v.Pass = mainOK && causeOK
		v.CauseMismatch = mainOK && !causeOK
		return v
	}
	v.Pass, v.PassIgnoringCause = mainOK, mainOK
	return v
}

func describeFailure(r *Result) string {
	switch {
	case r.Error != "" && r.Cause != "":
		return fmt.Sprintf(" (%s: %s)", r.Error, r.Cause)
	case r.Error != "":
		return fmt.Sprintf(" (%s)", r.Error)
	case r.Cause != "":
		return fmt.Sprintf(" (%s)", r.Cause)
	}
	return ""
}

// invalidMessageAgrees reports whether a rejection message carries AWS's
// reason: the diagnostic code and the message text, without AWS's
// "Invalid State Machine Definition: '...'" wrapping and its " at /path"
// location suffix.
func invalidMessageAgrees(exp *Expected, got string) bool {
	if exp.Error == nil {
		return false
	}
	msg := *exp.Error
	if inner, ok := strings.CutPrefix(msg, "Invalid State Machine Definition: '"); ok {
		msg = strings.TrimSuffix(inner, "'")
	}
	code := ""
	if c, rest, ok := strings.Cut(msg, ": "); ok && isDiagnosticCode(c) {
		code, msg = c, rest
	} else if len(exp.Diagnostics) > 0 {
		code = exp.Diagnostics[0].Code
	}
	if i := strings.LastIndex(msg, " at /"); i >= 0 {
		msg = msg[:i]
	}
	return (code == "" || strings.Contains(got, code)) && strings.Contains(got, msg)
}

func isDiagnosticCode(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && r != '_' {
			return false
		}
	}
	return true
}

// timestampPattern is the recorder's ISO-8601 pattern (the snapshot
// library's PATTERN_ISO8601): a valid calendar date, 'T', a valid time,
// up to nine fraction digits, and Z or a numeric offset. Every match in an
// AWS response was replaced by the word "date".
var timestampPattern = regexp.MustCompile(`(?:[1-9]\d{3}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[1-9]\d(?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00)-02-29)T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-][01]\d:?(?:[0-5]\d)?)`)

// NormalizeTimestamps replaces each ISO-8601 timestamp in s with "date",
// as the recorder did to every string AWS returned.
func NormalizeTimestamps(s string) string {
	if !strings.Contains(s, "T") || !strings.Contains(s, "-") {
		return s
	}
	return timestampPattern.ReplaceAllLiteralString(s, "date")
}

// placeholderPattern is a recorder token: <uuid:1>, <region>,
// <ArnPart_0idx>, <x-amzn-RequestId>, ...
var placeholderPattern = regexp.MustCompile(`<[A-Za-z_][A-Za-z0-9_:.\-]*>`)

// IsPlaceholder reports whether s is exactly one placeholder token, which
// as a whole expected value matches any value.
func IsPlaceholder(s string) bool {
	loc := placeholderPattern.FindStringIndex(s)
	return loc != nil && loc[0] == 0 && loc[1] == len(s)
}

// MatchText reports whether actual agrees with the expected string:
// timestamps in actual are normalized first, and each placeholder token in
// expected matches any text (including none).
func MatchText(expected, actual string) bool {
	actual = NormalizeTimestamps(actual)
	if !strings.Contains(expected, "<") {
		return expected == actual
	}
	locs := placeholderPattern.FindAllStringIndex(expected, -1)
	if locs == nil {
		return expected == actual
	}
	// Literal pieces between the tokens must appear in order: the first
	// at the start, the last at the end.
	pieces := make([]string, 0, len(locs)+1)
	prev := 0
	for _, l := range locs {
		pieces = append(pieces, expected[prev:l[0]])
		prev = l[1]
	}
	pieces = append(pieces, expected[prev:])
	first, last := pieces[0], pieces[len(pieces)-1]
	if !strings.HasPrefix(actual, first) {
		return false
	}
	rest := actual[len(first):]
	if len(rest) < len(last) || !strings.HasSuffix(rest, last) {
		return false
	}
	rest = rest[:len(rest)-len(last)]
	for _, p := range pieces[1 : len(pieces)-1] {
		i := strings.Index(rest, p)
		if i < 0 {
			return false
		}
		rest = rest[i+len(p):]
	}
	return true
}

// MatchCause compares causes: as JSON when both parse as a JSON object or
// array (whitespace and key order then do not matter), as text otherwise.
func MatchCause(expected, actual string) bool {
	if ev, ok := jsonContainer(expected); ok {
		if av, ok := jsonContainer(actual); ok {
			var d differ
			d.value("$", ev, av, true)
			return len(d.problems) == 0
		}
	}
	return MatchText(expected, actual)
}

func jsonContainer(s string) (aslrt.Value, bool) {
	t := strings.TrimSpace(s)
	if t == "" || (t[0] != '{' && t[0] != '[') {
		return nil, false
	}
	v, err := aslrt.DecodeString(t)
	if err != nil {
		return nil, false
	}
	return v, true
}

// MatchValue reports whether actual agrees with the expected JSON value by
// the corpus rules, and lists the disagreements.
func MatchValue(expected, actual aslrt.Value) (bool, []string) {
	var d differ
	d.value("$", expected, actual, true)
	return len(d.problems) == 0, d.problems
}

// maxProblems bounds the disagreements one comparison reports.
const maxProblems = 8

type differ struct {
	problems []string
}

func (d *differ) addf(path, format string, args ...any) {
	if len(d.problems) < maxProblems {
		d.problems = append(d.problems, path+": "+fmt.Sprintf(format, args...))
	}
}

func (d *differ) value(path string, exp, act aslrt.Value, present bool) {
	if s, ok := exp.(string); ok && IsPlaceholder(s) {
		if !present {
			d.addf(path, "want a value (%s), got none", s)
		}
		return
	}
	if !present {
		d.addf(path, "want %s, got none", brief(exp))
		return
	}
	switch e := exp.(type) {
	case nil:
		if act != nil {
			d.addf(path, "want null, got %s", brief(act))
		}
	case bool:
		if a, ok := act.(bool); !ok || a != e {
			d.addf(path, "want %v, got %s", e, brief(act))
		}
	case string:
		a, ok := act.(string)
		if !ok || !MatchText(e, a) {
			d.addf(path, "want %s, got %s", brief(exp), brief(act))
		}
	case int64, float64:
		if !aslrt.IsNumber(act) || !sameNumber(e, act) {
			d.addf(path, "want %s, got %s", brief(exp), brief(act))
		}
	case []aslrt.Value:
		a, ok := act.([]aslrt.Value)
		if !ok {
			d.addf(path, "want an array, got %s", brief(act))
			return
		}
		if len(a) != len(e) {
			d.addf(path, "want %d elements, got %d: %s", len(e), len(a), brief(act))
			return
		}
		for i := range e {
			d.value(path+"["+strconv.Itoa(i)+"]", e[i], a[i], true)
		}
	case *aslrt.Object:
		a, ok := act.(*aslrt.Object)
		if !ok {
			d.addf(path, "want an object, got %s", brief(act))
			return
		}
		d.object(path, e, a)
	default:
		d.addf(path, "expected value of Go type %T is not JSON", exp)
	}
}

func (d *differ) object(path string, exp, act *aslrt.Object) {
	type member struct {
		key   string
		value aslrt.Value
		used  bool
	}
	actual := make([]member, 0, act.Len())
	for _, m := range act.Members() {
		actual = append(actual, member{key: NormalizeTimestamps(m.Key), value: m.Value})
	}
	find := func(key string) int {
		return slices.IndexFunc(actual, func(m member) bool { return !m.used && m.key == key })
	}
	var patterned []aslrt.Member
	for _, m := range exp.Members() {
		i := find(m.Key)
		if i < 0 {
			if placeholderPattern.MatchString(m.Key) {
				patterned = append(patterned, m)
				continue
			}
			d.addf(path, "missing member %q", m.Key)
			continue
		}
		actual[i].used = true
		d.value(memberPath(path, m.Key), m.Value, actual[i].value, true)
	}
	// Expected keys holding placeholders take the first unused actual key
	// they match, preferring one whose value matches too.
	for _, m := range patterned {
		best := -1
		for i := range actual {
			if actual[i].used || !MatchText(m.Key, actual[i].key) {
				continue
			}
			if best < 0 {
				best = i
			}
			if ok, _ := MatchValue(m.Value, actual[i].value); ok {
				best = i
				break
			}
		}
		if best < 0 {
			d.addf(path, "missing member %q", m.Key)
			continue
		}
		actual[best].used = true
		d.value(memberPath(path, m.Key), m.Value, actual[best].value, true)
	}
	for _, m := range actual {
		if !m.used {
			d.addf(path, "unexpected member %q: %s", m.key, brief(m.value))
		}
	}
}

func memberPath(path, key string) string {
	for _, r := range key {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return path + "[" + strconv.Quote(key) + "]"
		}
	}
	return path + "." + key
}

// sameNumber compares two numbers by value, exactly: an int64 and a
// float64 are equal only when the float is that very integer.
func sameNumber(a, b aslrt.Value) bool {
	switch x := a.(type) {
	case int64:
		switch y := b.(type) {
		case int64:
			return x == y
		case float64:
			return intEqualsFloat(x, y)
		}
	case float64:
		switch y := b.(type) {
		case int64:
			return intEqualsFloat(y, x)
		case float64:
			return x == y
		}
	}
	return false
}

func intEqualsFloat(i int64, f float64) bool {
	if f != math.Trunc(f) || f < -(1<<63) || f >= 1<<63 {
		return false
	}
	return int64(f) == i
}

// brief renders a value for a problem report, shortened.
func brief(v aslrt.Value) string {
	const max = 200
	s := aslrt.EncodeString(v)
	if len(s) > max {
		s = s[:max] + "…"
	}
	return s
}
