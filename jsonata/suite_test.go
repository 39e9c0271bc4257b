package jsonata

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	aslrt "github.com/aslc/aslc/runtime"
)

// The conformance suite: the official jsonata-js 2.0.6 test cases and the
// Step Functions cases in ../shared/jsonata-suite (relative to the module
// root). Every case runs as a subtest; the set of failing cases must be
// exactly the one listed in testdata/known-failures.txt.

// suiteCase is one test case as the suite's README describes it.
type suiteCase struct {
	id       string
	dir      string
	raw      map[string]json.RawMessage
	expr     string
	input    Value
	bindings map[string]Value
	source   string
}

func moduleRoot(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
}

func suiteDir(t testing.TB) string {
	dir := filepath.Join(moduleRoot(t), "..", "shared", "jsonata-suite")
	if _, err := os.Stat(filepath.Join(dir, "groups")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("JSONata test suite not found at %s: %v", dir, err)
		}
		t.Skipf("JSONata test suite not found at %s", dir)
	}
	return dir
}

func decodeJSON(t testing.TB, data []byte) Value {
	v, err := aslrt.Decode(data)
	if err != nil {
		t.Fatalf("bad JSON: %v", err)
	}
	return v
}

// loadCases reads every case of the suite.
func loadCases(t testing.TB, dir string) []*suiteCase {
	var cases []*suiteCase
	datasets := map[string]Value{}
	dataset := func(name string) Value {
		if v, ok := datasets[name]; ok {
			return v
		}
		data, err := os.ReadFile(filepath.Join(dir, "datasets", name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		v := decodeJSON(t, data)
		datasets[name] = v
		return v
	}
	add := func(id, caseDir string, raw map[string]json.RawMessage, source string) {
		c := &suiteCase{id: id, dir: caseDir, raw: raw, source: source}
		if e, ok := raw["expr"]; ok {
			c.expr = unquoteWTF8(t, e)
		} else if f, ok := raw["expr-file"]; ok {
			var name string
			if err := json.Unmarshal(f, &name); err != nil {
				t.Fatalf("%s: %v", id, err)
			}
			text, err := os.ReadFile(filepath.Join(caseDir, name))
			if err != nil {
				t.Fatalf("%s: %v", id, err)
			}
			c.expr = string(text)
		}
		if d, ok := raw["data"]; ok {
			c.input = decodeJSON(t, d)
		} else if d, ok := raw["dataset"]; ok && string(d) != "null" {
			var name string
			if err := json.Unmarshal(d, &name); err != nil {
				t.Fatalf("%s: %v", id, err)
			}
			c.input = dataset(name)
		} else {
			c.input = Undefined
		}
		if b, ok := raw["bindings"]; ok {
			if o, ok := decodeJSON(t, b).(*aslrt.Object); ok {
				c.bindings = map[string]Value{}
				for _, m := range o.Members() {
					c.bindings[m.Key] = m.Value
				}
			}
		}
		if s, ok := raw["source"]; ok {
			_ = json.Unmarshal(s, &c.source)
		}
		cases = append(cases, c)
	}
	err := filepath.WalkDir(filepath.Join(dir, "groups"), func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".json") {
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		data = []byte(strings.TrimSpace(string(data)))
		if len(data) > 0 && data[0] == '[' {
			var list []map[string]json.RawMessage
			if err := json.Unmarshal(data, &list); err != nil {
				return fmt.Errorf("%s: %w", rel, err)
			}
			for i, raw := range list {
				add(fmt.Sprintf("%s#%d", rel, i), filepath.Dir(path), raw, "")
			}
			return nil
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(data, &raw); err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		add(rel, filepath.Dir(path), raw, "")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "stepfunctions.json"))
	if err != nil {
		t.Fatal(err)
	}
	var list []map[string]json.RawMessage
	if err := json.Unmarshal(data, &list); err != nil {
		t.Fatal(err)
	}
	for i, raw := range list {
		add(fmt.Sprintf("stepfunctions.json#%d", i), dir, raw, "")
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].id < cases[j].id })
	return cases
}

// unquoteWTF8 decodes a JSON string, keeping an unpaired surrogate escape
// such as \uD800 as its three-byte (WTF-8) form, as the lexer does for
// string literals, rather than replacing it.
func unquoteWTF8(t testing.TB, raw json.RawMessage) string {
	s := string(raw)
	if len(s) < 2 || s[0] != '"' {
		t.Fatalf("not a JSON string: %s", s)
	}
	s = s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'u':
			u, err := strconv.ParseUint(s[i+1:i+5], 16, 16)
			if err != nil {
				t.Fatalf("bad escape in %s", raw)
			}
			i += 4
			r := rune(u)
			if utf16.IsSurrogate(r) {
				if r < 0xDC00 && i+6 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
					if u2, err := strconv.ParseUint(s[i+3:i+7], 16, 16); err == nil && u2 >= 0xDC00 && u2 <= 0xDFFF {
						b.WriteRune(utf16.DecodeRune(r, rune(u2)))
						i += 6
						continue
					}
				}
				b.WriteByte(byte(0xE0 | (u >> 12)))
				b.WriteByte(byte(0x80 | ((u >> 6) & 0x3F)))
				b.WriteByte(byte(0x80 | (u & 0x3F)))
				continue
			}
			b.WriteRune(r)
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// suiteEqual compares a result with an expected value decoded from JSON:
// numbers by value, objects regardless of member order, arrays in order
// unless unordered.
func suiteEqual(want, got Value, unordered bool) bool {
	switch w := want.(type) {
	case int64, float64:
		wf, _ := toNumber(w)
		gf, ok := toNumber(got)
		return ok && wf == gf
	case []Value:
		g, ok := got.([]Value)
		if !ok || len(g) != len(w) {
			return false
		}
		if unordered {
			used := make([]bool, len(g))
		next:
			for _, wi := range w {
				for j, gj := range g {
					if !used[j] && suiteEqual(wi, gj, false) {
						used[j] = true
						continue next
					}
				}
				return false
			}
			return true
		}
		for i := range w {
			if !suiteEqual(w[i], g[i], false) {
				return false
			}
		}
		return true
	case *aslrt.Object:
		g, ok := got.(*aslrt.Object)
		if !ok || g.Len() != w.Len() {
			return false
		}
		for _, m := range w.Members() {
			gv, ok := g.Get(m.Key)
			if !ok || !suiteEqual(m.Value, gv, false) {
				return false
			}
		}
		return true
	}
	return deepEqual(want, got) && typeOf(want) == typeOf(got)
}

func (c *suiteCase) env(t testing.TB) *Env {
	var opts []Option
	if c.source == "aws-docs" {
		opts = append(opts, StepFunctionsFunctions(nil))
	}
	if tl, ok := c.raw["timelimit"]; ok {
		var ms float64
		_ = json.Unmarshal(tl, &ms)
		opts = append(opts, WithTimeLimit(time.Duration(ms)*time.Millisecond))
	}
	if d, ok := c.raw["depth"]; ok {
		var depth int
		_ = json.Unmarshal(d, &depth)
		opts = append(opts, WithMaxDepth(depth))
	}
	env, err := NewEnv(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return env
}

// run evaluates the case and describes the difference from the expected
// outcome, or returns "" when it matches.
func (c *suiteCase) run(t testing.TB) string {
	var result Value
	expr, err := Parse(c.expr)
	if err == nil {
		result, err = expr.EvaluateWith(context.Background(), c.env(t), c.input, Vars(c.bindings))
	}
	var je *Error
	errors.As(err, &je)
	describe := func() string {
		if err != nil {
			return "error " + err.Error()
		}
		if IsUndefined(result) {
			return "undefined"
		}
		s, _ := stringify(result, false, false)
		return "result " + s
	}
	if raw, ok := c.raw["code"]; ok {
		var code string
		_ = json.Unmarshal(raw, &code)
		if je == nil || je.Code != code {
			return fmt.Sprintf("want error %s, got %s", code, describe())
		}
		if tok, ok := c.raw["token"]; ok {
			var token string
			_ = json.Unmarshal(tok, &token)
			if je.Token != token {
				return fmt.Sprintf("want error %s with token %q, got token %q", code, token, je.Token)
			}
		}
		return ""
	}
	if raw, ok := c.raw["error"]; ok {
		var fields map[string]json.RawMessage
		_ = json.Unmarshal(raw, &fields)
		var code string
		_ = json.Unmarshal(fields["code"], &code)
		if je == nil || je.Code != code {
			return fmt.Sprintf("want error %s, got %s", code, describe())
		}
		for k, v := range fields {
			var s string
			switch k {
			case "code":
			case "message":
				_ = json.Unmarshal(v, &s)
				if je.Message != s {
					return fmt.Sprintf("want message %q, got %q", s, je.Message)
				}
			case "token", "functionName":
				_ = json.Unmarshal(v, &s)
				if je.Token != s {
					return fmt.Sprintf("want %s %q, got token %q", k, s, je.Token)
				}
			case "value":
				var want Value
				if len(v) > 0 && v[0] == '"' {
					want = unquoteWTF8(t, v)
				} else {
					want = decodeJSON(t, v)
				}
				if !suiteEqual(want, je.Value, false) {
					return fmt.Sprintf("want value %s, got %v", v, je.Value)
				}
			default:
				return "unsupported error field " + k
			}
		}
		return ""
	}
	if err != nil {
		return "unexpected " + describe()
	}
	if raw, ok := c.raw["undefinedResult"]; ok && string(raw) == "true" {
		if !IsUndefined(result) {
			return "want undefined, got " + describe()
		}
		return ""
	}
	if raw, ok := c.raw["result"]; ok {
		want := decodeJSON(t, raw)
		unordered := string(c.raw["unordered"]) == "true"
		if !suiteEqual(want, result, unordered) {
			return fmt.Sprintf("want %s, got %s", raw, describe())
		}
		return ""
	}
	return "case without an expected outcome"
}

// knownFailures reads testdata/known-failures.txt: one case id per line,
// followed by the reason; # starts a comment line.
func knownFailures(t testing.TB) map[string]string {
	f, err := os.Open(filepath.Join("testdata", "known-failures.txt"))
	if err != nil {
		if os.IsNotExist(err) {
			return map[string]string{}
		}
		t.Fatal(err)
	}
	defer f.Close()
	known := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, reason, _ := strings.Cut(line, " ")
		known[id] = strings.TrimSpace(reason)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return known
}

func TestSuite(t *testing.T) {
	dir := suiteDir(t)
	cases := loadCases(t, dir)
	known := knownFailures(t)
	official, officialPassed, sf, sfPassed := 0, 0, 0, 0
	for _, c := range cases {
		isSF := strings.HasPrefix(c.id, "stepfunctions.json")
		if isSF {
			sf++
		} else {
			official++
		}
		var diff string
		t.Run(c.id, func(t *testing.T) {
			diff = c.run(t)
			_, isKnown := known[c.id]
			switch {
			case diff != "" && !isKnown:
				t.Errorf("%s\nexpr: %s", diff, c.expr)
			case diff == "" && isKnown:
				t.Errorf("listed in testdata/known-failures.txt but passes")
			case diff != "":
				t.Skipf("known failure (%s): %s", known[c.id], diff)
			}
		})
		if diff == "" {
			if isSF {
				sfPassed++
			} else {
				officialPassed++
			}
		}
	}
	for id := range known {
		found := false
		for _, c := range cases {
			if c.id == id {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("testdata/known-failures.txt lists %s, which is not a case", id)
		}
	}
	fmt.Printf("jsonata suite: %d of %d official cases pass (%.1f%%), %d of %d Step Functions cases pass, %d known failures\n",
		officialPassed, official, 100*float64(officialPassed)/float64(max(official, 1)), sfPassed, sf, len(known))
}
