package conformance

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func reportFixture() ([]*Case, []*Result) {
	mk := func(id string, tier int, features ...string) *Case {
		return &Case{ID: id, Kind: Execution, Meta: Meta{ID: id, Tier: tier, Features: features},
			Expected: Expected{Status: StatusSucceeded, Output: int64(1), HasOutput: true}}
	}
	cases := []*Case{
		mk("p1", 1, "pass"),
		mk("p2", 1, "pass", "jsonata"),
		mk("f1", 1, "pass", "choice"),
		mk("f2", 2, "lambda"),
		{ID: "cause", Kind: Execution, Meta: Meta{ID: "cause", Tier: 2, Features: []string{"lambda"}},
			Expected: Expected{Status: StatusFailed, Error: str("E"), Cause: str("c")}},
		{ID: "inv", Kind: Invalid, Meta: Meta{ID: "inv", Features: []string{"pass"}},
			Expected: Expected{Status: StatusInvalid, Error: str("SCHEMA_VALIDATION_FAILED: bad")}},
	}
	ok := func(id string) *Result {
		return &Result{Case: id, Status: StatusSucceeded, Output: int64(1), HasOutput: true}
	}
	results := []*Result{
		ok("p1"), ok("p2"),
		{Case: "f1", Status: StatusSucceeded, Output: int64(2), HasOutput: true},
		// f2 has no result.
		{Case: "cause", Status: StatusFailed, Error: "E", Cause: "other"},
		{Case: "inv", Status: StatusInvalid, Error: "x:1:1: SCHEMA_VALIDATION_FAILED: bad"},
	}
	return cases, results
}

func TestReport(t *testing.T) {
	cases, results := reportFixture()
	rep := NewReport(cases, results)
	known := KnownFailures{"f1": "Choice compares numbers as strings", "f2": "no result", "cause": "cause text", "gone": "old case"}

	if got, want := rep.Summary(known), "conformance: 3 of 6 cases pass, 3 known failures"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	tiers := map[string]Tally{}
	for _, g := range rep.Tiers() {
		tiers[g.label] = g.tally
	}
	wantTiers := map[string]Tally{
		"1":                  {3, 2, 2},
		"1, without JSONata": {2, 1, 1},
		"1, JSONata":         {1, 1, 1},
		"2":                  {2, 0, 1},
		"invalid":            {1, 1, 1},
	}
	if diff := cmp.Diff(wantTiers, tiers); diff != "" {
		t.Errorf("tiers (-want +got):\n%s", diff)
	}
	features := rep.Features()
	if features[0].label != "pass" || features[0].tally != (Tally{4, 3, 3}) {
		t.Errorf("first feature %+v", features[0])
	}
	tables := rep.Tables()
	for _, want := range []string{"| tier | cases | pass | fail | pass ignoring cause |", "| 1, without JSONata | 2 | 1 | 1 | 1 |", "| all | 6 | 3 | 3 | 4 |", "| lambda | 2 | 0 | 2 | 1 |", "1 of 1 (information)"} {
		if !strings.Contains(tables, want) {
			t.Errorf("tables lack %q:\n%s", want, tables)
		}
	}

	// Matching list: only the stale entry is reported, and only when the
	// whole corpus ran.
	if got := rep.Deviations(known, false); len(got) != 0 {
		t.Errorf("deviations: %q", got)
	}
	if got := rep.Deviations(known, true); len(got) != 1 || !strings.Contains(got[0], "gone is listed") {
		t.Errorf("deviations (complete): %q", got)
	}
	// A listed case that passes, and a failing one not listed.
	got := rep.Deviations(KnownFailures{"p1": "x", "f2": "y", "cause": "z"}, false)
	if len(got) != 2 || !strings.HasPrefix(got[0], "p1 passes now") || !strings.HasPrefix(got[1], "f1 fails:") || !strings.Contains(got[1], "want 1, got 2") {
		t.Errorf("deviations: %q", got)
	}

	path := filepath.Join(t.TempDir(), "results.jsonl")
	if err := rep.WriteResults(path); err != nil {
		t.Fatal(err)
	}
	text, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(string(text)), "\n")
	if len(lines) != 5 || lines[0] != `{"case":"p1","status":"SUCCEEDED","output":1}` {
		t.Errorf("results file:\n%s", text)
	}
	for _, l := range lines {
		if _, err := ParseResult([]byte(l)); err != nil {
			t.Errorf("%s: %v", l, err)
		}
	}
}

func TestParseKnownFailures(t *testing.T) {
	text := "# comment\n\ncase-a  Choice: TimestampEquals compares offsets\ncase-b\tsomething else\n"
	known, err := ParseKnownFailures("k.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	want := KnownFailures{"case-a": "Choice: TimestampEquals compares offsets", "case-b": "something else"}
	if diff := cmp.Diff(want, known); diff != "" {
		t.Errorf("known (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"case-a\n", "case-a x\ncase-a y\n"} {
		if _, err := ParseKnownFailures("k.txt", []byte(bad)); err == nil {
			t.Errorf("ParseKnownFailures(%q): no error", bad)
		}
	}
	if k, err := LoadKnownFailures(filepath.Join(t.TempDir(), "none.txt")); err != nil || len(k) != 0 {
		t.Errorf("missing file: %v %v", k, err)
	}
}
