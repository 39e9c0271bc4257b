package conformance

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// writeCase writes one case directory of a corpus under root.
func writeCase(t *testing.T, root, sub, id string, files map[string]string) {
	t.Helper()
	dir := filepath.Join(root, sub, id)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func execFiles(expected, meta string) map[string]string {
	return map[string]string{
		"definition.json": `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`,
		"input.json":      `{}`,
		"expected.json":   expected,
		"meta.json":       meta,
	}
}

func TestLoad(t *testing.T) {
	root := t.TempDir()
	writeCase(t, root, "cases", "b-case", execFiles(
		`{"status":"FAILED","error":"States.Runtime","cause":"x"}`,
		`{"id":"b-case","tier":2,"features":["pass","lambda"],"lambdas":{"f":"id_function"},"state_machine_type":"STANDARD"}`))
	writeCase(t, root, "cases", "a-case", execFiles(
		`{"status":"SUCCEEDED","output":{"z":1,"a":2}}`,
		`{"id":"a-case","tier":1,"features":["pass"],"lambdas":{}}`))
	writeCase(t, root, "invalid", "bad-def", map[string]string{
		"definition.json": ``,
		"expected.json":   `{"status":"INVALID","error":"Definition must be a valid JSON object","diagnostics":[{"code":"SCHEMA_VALIDATION_FAILED","message":"m","severity":"ERROR"}]}`,
		"meta.json":       `{"id":"bad-def","features":[]}`,
	})
	corpus, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range corpus.Cases {
		ids = append(ids, c.ID+"/"+c.Kind.String()+"/"+c.Tier())
	}
	if diff := cmp.Diff([]string{"a-case/execution/1", "b-case/execution/2", "bad-def/invalid/invalid"}, ids); diff != "" {
		t.Errorf("cases (-want +got):\n%s", diff)
	}
	a, b, inv := corpus.Cases[0], corpus.Cases[1], corpus.Cases[2]
	if a.Expected.Status != StatusSucceeded || !a.Expected.HasOutput || a.Expected.Error != nil {
		t.Errorf("a-case expected %+v", a.Expected)
	}
	if b.Expected.Error == nil || *b.Expected.Error != "States.Runtime" || b.Expected.Cause == nil || *b.Expected.Cause != "x" {
		t.Errorf("b-case expected %+v", b.Expected)
	}
	if !b.HasFeature("lambda") || b.HasFeature("map") || b.Meta.Lambdas["f"] != "id_function" {
		t.Errorf("b-case meta %+v", b.Meta)
	}
	if inv.Expected.Status != StatusInvalid || len(inv.Expected.Diagnostics) != 1 || inv.Expected.Diagnostics[0].Code != "SCHEMA_VALIDATION_FAILED" {
		t.Errorf("bad-def expected %+v", inv.Expected)
	}
	if inv.Input != nil || len(inv.Definition) != 0 {
		t.Errorf("bad-def input %q definition %q", inv.Input, inv.Definition)
	}

	sel, err := corpus.Select("a-*,bad-def")
	if err != nil {
		t.Fatal(err)
	}
	if len(sel) != 2 || sel[0].ID != "a-case" || sel[1].ID != "bad-def" {
		t.Errorf("Select: %d cases", len(sel))
	}
	if _, err := corpus.Select("["); err == nil {
		t.Error("Select([): no error")
	}
}

func TestLoadErrors(t *testing.T) {
	okMeta := `{"id":"c","tier":1,"features":[]}`
	tests := []struct {
		name  string
		setup func(root string)
		want  string
	}{
		{"no such dir", func(root string) { os.RemoveAll(root) }, "no such file"},
		{"empty dir", func(root string) {}, "neither cases/ nor invalid/"},
		{"missing input", func(root string) {
			f := execFiles(`{"status":"SUCCEEDED","output":1}`, okMeta)
			delete(f, "input.json")
			writeCase(t, root, "cases", "c", f)
		}, "input.json"},
		{"bad input", func(root string) {
			f := execFiles(`{"status":"SUCCEEDED","output":1}`, okMeta)
			f["input.json"] = `{`
			writeCase(t, root, "cases", "c", f)
		}, "input.json"},
		{"bad status", func(root string) {
			writeCase(t, root, "cases", "c", execFiles(`{"status":"DONE"}`, okMeta))
		}, "unknown status"},
		{"no output", func(root string) {
			writeCase(t, root, "cases", "c", execFiles(`{"status":"SUCCEEDED"}`, okMeta))
		}, "without output"},
		{"error not a string", func(root string) {
			writeCase(t, root, "cases", "c", execFiles(`{"status":"FAILED","error":1}`, okMeta))
		}, "not a string"},
		{"invalid outside invalid/", func(root string) {
			writeCase(t, root, "cases", "c", execFiles(`{"status":"INVALID"}`, okMeta))
		}, "outside invalid/"},
		{"meta names another case", func(root string) {
			writeCase(t, root, "cases", "c", execFiles(`{"status":"SUCCEEDED","output":1}`, `{"id":"d"}`))
		}, `names it "d"`},
		{"malformed meta", func(root string) {
			writeCase(t, root, "cases", "c", execFiles(`{"status":"SUCCEEDED","output":1}`, `{"tier":"one"}`))
		}, "meta.json"},
		{"same id twice", func(root string) {
			writeCase(t, root, "cases", "c", execFiles(`{"status":"SUCCEEDED","output":1}`, okMeta))
			writeCase(t, root, "invalid", "c", map[string]string{"definition.json": "x", "expected.json": `{"status":"INVALID"}`, "meta.json": okMeta})
		}, "both"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			tt.setup(root)
			_, err := Load(root)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load: error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestLoadPublicCorpus loads ../shared/conformance, when it is there, and
// checks the counts its manifest.json records.
func TestLoadPublicCorpus(t *testing.T) {
	dir, err := DefaultCorpusDir()
	if err != nil {
		t.Fatal(err)
	}
	manifestText, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if os.IsNotExist(err) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("corpus %s is missing", dir)
		}
		t.Skipf("no corpus at %s", dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	var manifest struct {
		ExecutionCases int            `json:"execution_cases"`
		InvalidCases   int            `json:"invalid_definition_cases"`
		ByTier         map[string]int `json:"by_tier"`
		ByStatus       map[string]int `json:"by_status"`
		ByFeature      map[string]int `json:"by_feature"`
	}
	if err := json.Unmarshal(manifestText, &manifest); err != nil {
		t.Fatal(err)
	}
	corpus, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	execs, invalid := 0, 0
	tiers, statuses, features := map[string]int{}, map[string]int{}, map[string]int{}
	for _, c := range corpus.Cases {
		if c.Kind == Invalid {
			invalid++
			continue
		}
		execs++
		tiers[c.Tier()]++
		statuses[c.Expected.Status]++
		for _, f := range c.Meta.Features {
			features[f]++
		}
	}
	if execs != manifest.ExecutionCases || invalid != manifest.InvalidCases {
		t.Errorf("%d execution and %d invalid cases, manifest says %d and %d", execs, invalid, manifest.ExecutionCases, manifest.InvalidCases)
	}
	if diff := cmp.Diff(manifest.ByTier, tiers); diff != "" {
		t.Errorf("by tier (-manifest +loaded):\n%s", diff)
	}
	if diff := cmp.Diff(manifest.ByStatus, statuses); diff != "" {
		t.Errorf("by status (-manifest +loaded):\n%s", diff)
	}
	if diff := cmp.Diff(manifest.ByFeature, features); diff != "" {
		t.Errorf("by feature (-manifest +loaded):\n%s", diff)
	}
}
