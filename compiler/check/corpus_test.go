package check

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// corpusDir returns the conformance corpus, ../shared/conformance beside
// the module root. It skips the test when the corpus is absent, unless
// CI=true.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
	corpus := filepath.Join(dir, "..", "shared", "conformance")
	if _, err := os.Stat(corpus); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("conformance corpus missing: %v", err)
		}
		t.Skipf("conformance corpus not found at ../shared/conformance: %v", err)
	}
	return corpus
}

type caseMeta struct {
	StateMachineType string `json:"state_machine_type"`
}

func readMeta(t *testing.T, dir string) Options {
	t.Helper()
	var meta caseMeta
	if b, err := os.ReadFile(filepath.Join(dir, "meta.json")); err == nil {
		if err := json.Unmarshal(b, &meta); err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
	}
	return Options{Express: meta.StateMachineType == "EXPRESS"}
}

// TestCorpusCasesAccepted: every definition AWS executed is valid, with
// zero diagnostics — JSONata, Distributed Map, lambda:invoke, aws-sdk and
// .sync integrations included.
func TestCorpusCasesAccepted(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(corpusDir(t), "cases", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no corpus cases: %v", err)
	}
	for _, dir := range dirs {
		src, err := os.ReadFile(filepath.Join(dir, "definition.json"))
		if err != nil {
			t.Fatal(err)
		}
		if _, diags := Source("definition.json", src, readMeta(t, dir)); len(diags) > 0 {
			t.Errorf("%s: valid on AWS, but got:\n%v", filepath.Base(dir), diags)
		}
	}
	t.Logf("%d corpus definitions accepted", len(dirs))
}

// awsDiagnostic is one problem as AWS reported it for an invalid corpus
// definition.
type awsDiagnostic struct {
	Code, Text string
}

// expectedDiagnostics reads an invalid case's expected.json: the
// diagnostics of ValidateStateMachineDefinition when recorded, else the
// CreateStateMachine message "Invalid State Machine Definition:
// '<CODE>: <message> at <location>, ...'" (A2.1, A2.2).
func expectedDiagnostics(t *testing.T, dir string) []awsDiagnostic {
	t.Helper()
	var exp struct {
		Error       string `json:"error"`
		Diagnostics []struct {
			Code, Message string
			Location      *string
		} `json:"diagnostics"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatal(err)
	}
	var out []awsDiagnostic
	if len(exp.Diagnostics) > 0 {
		for _, d := range exp.Diagnostics {
			text := d.Code + ": " + d.Message
			if d.Location != nil {
				text += " at " + *d.Location
			}
			out = append(out, awsDiagnostic{Code: d.Code, Text: text})
		}
		return out
	}
	const prefix = "Invalid State Machine Definition: '"
	msg, ok := strings.CutPrefix(exp.Error, prefix)
	if !ok {
		t.Fatalf("%s: unexpected error form %q", dir, exp.Error)
	}
	msg = strings.TrimSuffix(msg, "'")
	// A message may hold several diagnostics joined by ", "; each starts
	// with an upper-case code and a colon.
	for _, part := range splitDiagnostics(msg) {
		code, _, _ := strings.Cut(part, ": ")
		out = append(out, awsDiagnostic{Code: code, Text: part})
	}
	return out
}

var codeStart = regexp.MustCompile(`, ([A-Z_]+): `)

func splitDiagnostics(msg string) []string {
	var parts []string
	for {
		loc := codeStart.FindStringIndex(msg)
		if loc == nil {
			return append(parts, msg)
		}
		parts = append(parts, msg[:loc[0]])
		msg = msg[loc[0]+2:]
	}
}

// TestCorpusInvalidRejected: every definition AWS refused is refused, with
// AWS's code; how many also get AWS's exact text is logged.
func TestCorpusInvalidRejected(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(corpusDir(t), "invalid", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no invalid corpus definitions: %v", err)
	}
	sameCode, sameText := 0, 0
	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, "definition.json"))
			if err != nil {
				t.Fatal(err)
			}
			_, diags := Source("definition.json", src, readMeta(t, dir))
			if len(diags) == 0 {
				t.Fatalf("AWS refused it, but it was accepted")
			}
			want := expectedDiagnostics(t, dir)
			var gotCodes, wantCodes, gotTexts, wantTexts []string
			for _, d := range diags {
				gotCodes = append(gotCodes, d.Code)
				text := d.Code + ": " + d.Message
				if d.Location != "" {
					text += " at " + d.Location
				}
				gotTexts = append(gotTexts, text)
			}
			for _, d := range want {
				wantCodes = append(wantCodes, d.Code)
				wantTexts = append(wantTexts, d.Text)
			}
			if diff := cmp.Diff(wantCodes, gotCodes); diff != "" {
				t.Errorf("codes (-aws +aslc):\n%s", diff)
			} else {
				sameCode++
			}
			if cmp.Equal(wantTexts, gotTexts) {
				sameText++
			} else {
				t.Logf("text differs from AWS (-aws +aslc):\n%s", cmp.Diff(wantTexts, gotTexts))
			}
		})
	}
	t.Logf("%d invalid definitions rejected; %d with AWS's codes, %d with AWS's exact text", len(dirs), sameCode, sameText)
}
