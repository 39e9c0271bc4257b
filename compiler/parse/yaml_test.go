package parse

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aslc/aslc/compiler/ast"
	aslrt "github.com/aslc/aslc/runtime"
)

// TestYAMLMatchesJSON: a YAML definition reads as the JSON it stands for,
// with YAML positions.
func TestYAMLMatchesJSON(t *testing.T) {
	yamlSrc := `# order workflow
Comment: "demo"
StartAt: Wait
States:
  Wait:
    Type: Wait
    Timestamp: 2016-03-14T01:59:00Z   # stays a string
    Next: Done
  Done:
    Type: Pass
    Result:
      big: 12345678901234567890
      hex: 0x1F
      float: 1.5
      yes: yes
      "on": true
      list: [1, "two", null]
      é: ünïcode
    End: true
`
	jsonSrc := `{"Comment": "demo", "StartAt": "Wait", "States": {
  "Wait": {"Type": "Wait", "Timestamp": "2016-03-14T01:59:00Z", "Next": "Done"},
  "Done": {"Type": "Pass", "Result": {"big": 12345678901234567890, "hex": 31, "float": 1.5, "yes": "yes", "on": true, "list": [1, "two", null], "é": "ünïcode"}, "End": true}}}`
	ym, ydiags := Source("d.yaml", []byte(yamlSrc), YAML)
	jm, jdiags := Source("d.json", []byte(jsonSrc), JSON)
	if len(ydiags)+len(jdiags) > 0 {
		t.Fatalf("diagnostics: %v %v", ydiags, jdiags)
	}
	if diff := cmp.Diff(aslrt.EncodeString(jm.Raw.Value()), aslrt.EncodeString(ym.Raw.Value())); diff != "" {
		t.Errorf("YAML value differs from JSON (-json +yaml):\n%s", diff)
	}
	done := ym.State("Done").(*ast.Pass)
	if got, want := done.NamePos.String(), "d.yaml:9:3"; got != want {
		t.Errorf("Done at %s, want %s", got, want)
	}
	if got, want := done.Result.Get("é").Pos.String(), "d.yaml:18:11"; got != want {
		t.Errorf("é value at %s, want %s (columns count bytes)", got, want)
	}
	if got, want := done.Result.Get("list").Elems[2].Pointer, "/States/Done/Result/list[2]"; got != want {
		t.Errorf("pointer %q, want %q", got, want)
	}
	if got := done.Result.Get("big").Text; got != "12345678901234567890" {
		t.Errorf("big integer text %q, want it exact", got)
	}
}

// TestYAMLAliases: anchors, aliases and merge keys expand; each copy has
// the pointers of the place it stands.
func TestYAMLAliases(t *testing.T) {
	src := `StartAt: A
States:
  A:
    Type: Pass
    Result: &common {retries: 3, mode: fast}
    Next: B
  B:
    Type: Pass
    Result:
      <<: *common
      mode: slow
      copy: *common
    End: true
`
	m, diags := Source("a.yml", []byte(src), Auto)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	b := m.State("B").(*ast.Pass)
	if got, want := aslrt.EncodeString(b.Result.Value()), `{"retries":3,"mode":"slow","copy":{"retries":3,"mode":"fast"}}`; got != want {
		t.Errorf("B.Result = %s, want %s", got, want)
	}
	if got, want := b.Result.Get("copy").Get("mode").Pointer, "/States/B/Result/copy/mode"; got != want {
		t.Errorf("pointer %q, want %q", got, want)
	}
}

// TestYAMLErrors: malformed or non-JSON YAML is refused with a position,
// and hostile documents are bounded.
func TestYAMLErrors(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i := 'b'; i <= 'h'; i++ {
		prev := string(i - 1)
		bomb += string(i) + ": &" + string(i) + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n"
	}
	tests := []struct {
		name, src, want string
	}{
		{"syntax", "StartAt: A\nStates:\n  A: [\n", "d.yaml:3:3: INVALID_JSON_DESCRIPTION: YAML: did not find expected node content"},
		{"two documents", "StartAt: A\n---\nStartAt: B\n", "d.yaml:2:1: INVALID_JSON_DESCRIPTION: a definition is a single YAML document, but another one starts here"},
		{"infinity", "StartAt: A\nTimeoutSeconds: .inf\n", "d.yaml:2:17: INVALID_JSON_DESCRIPTION: YAML: .inf is not a number JSON can represent"},
		{"custom tag", "StartAt: !Ref Start\n", "d.yaml:1:10: INVALID_JSON_DESCRIPTION: YAML: the tag !Ref is not supported; a definition holds plain JSON values"},
		{"complex key", "? [a]\n: 1\n", "d.yaml:1:3: INVALID_JSON_DESCRIPTION: YAML: a mapping key must be a string, not a sequence"},
		{"duplicate", "StartAt: A\nStartAt: B\n", "d.yaml:1:1: SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /\nd.yaml:2:1: INVALID_JSON_DESCRIPTION: Duplicate field 'StartAt' at /"},
		{"empty", "# nothing\n", "d.yaml:1:1: SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object"},
		{"scalar", "hello\n", "d.yaml:1:1: SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object"},
		{"alias bomb", bomb, "d.yaml:6:12: INVALID_JSON_DESCRIPTION: YAML: the aliases of the document expand to more than 262144 values"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Source("d.yaml", []byte(tt.src), YAML)
			if diff := cmp.Diff(tt.want, diags.Error()); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDetect: the notation follows the extension, then the content.
func TestDetect(t *testing.T) {
	tests := []struct {
		name, src string
		want      Format
	}{
		{"a.json", "StartAt: x", JSON},
		{"a.YAML", "{}", YAML},
		{"a.yml", "{}", YAML},
		{"a.asl", "\n  {\"StartAt\": 1}", JSON},
		{"a.asl", "\xEF\xBB\xBF[1]", JSON},
		{"a.asl", "StartAt: x", YAML},
		{"-", "", YAML},
	}
	for _, tt := range tests {
		if got := Detect(tt.name, []byte(tt.src)); got != tt.want {
			t.Errorf("Detect(%q, %q) = %v, want %v", tt.name, tt.src, got, tt.want)
		}
	}
}

func TestYAMLRecursiveAliasRefused(t *testing.T) {
	_, diags := Source("r.yaml", []byte("a: &x\n  b: *x\n"), YAML)
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "YAML") {
		t.Fatalf("got %v, want one YAML diagnostic", diags)
	}
}

// TestYAMLManyValues: the bound on alias expansion leaves values written
// out alone; a long list is read as its JSON twin is.
func TestYAMLManyValues(t *testing.T) {
	const n = maxYAMLNodes + 10
	src := "list: [" + strings.Repeat("1, ", n) + "1]\n"
	v, diags := Value("d.yaml", []byte(src), YAML)
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if got := len(v.Get("list").Elems); got != n+1 {
		t.Errorf("%d elements, want %d", got, n+1)
	}
}

// TestYAMLColumns: columns count bytes, as in JSON, on lines with
// characters of several bytes too.
func TestYAMLColumns(t *testing.T) {
	v, diags := Value("d.yaml", []byte("a: 1\nlist: [é, ü, x]\n"), YAML)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	var got []string
	for _, e := range v.Get("list").Elems {
		got = append(got, e.Pos.String())
	}
	if diff := cmp.Diff([]string{"d.yaml:2:8", "d.yaml:2:12", "d.yaml:2:16"}, got); diff != "" {
		t.Errorf("positions (-want +got):\n%s", diff)
	}
	if off := v.Get("list").Elems[2].Pos.Offset; off != 20 {
		t.Errorf("offset of x: %d, want 20", off)
	}
}
