package aslrt

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// The conformance corpus (../shared/conformance beside the module root)
// holds executions recorded against AWS. The cases whose machine is a chain
// of JSONPath Pass states without Assign exercise only paths, templates,
// intrinsic functions and input/output processing, so they run here
// directly through StateIO, with a test scope for the context object.

// corpusDir finds ../shared/conformance relative to the module root.
func corpusDir(t *testing.T) string {
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
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
	corpus := filepath.Join(dir, "..", "shared", "conformance")
	if _, err := os.Stat(filepath.Join(corpus, "cases")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("conformance corpus missing at ../shared/conformance: %v", err)
		}
		t.Skipf("conformance corpus missing at ../shared/conformance: %v", err)
	}
	return corpus
}

type corpusExpected struct {
	Status string          `json:"status"`
	Output json.RawMessage `json:"output"`
	Error  *string         `json:"error"`
	Cause  *string         `json:"cause"`
}

// corpusScope is the context object and randomness of one corpus execution.
type corpusScope struct {
	ctx  *Object
	rand uint64
}

func (s *corpusScope) ContextObject() Value               { return s.ctx }
func (s *corpusScope) Variable(name string) (Value, bool) { return nil, false }
func (s *corpusScope) Random() uint64 {
	s.rand = s.rand*6364136223846793005 + 1442695040888963407
	return s.rand
}

func newCorpusScope(input Value) *corpusScope {
	const machine, execution = "aslc-corpus-machine", "aslc-corpus-execution"
	exec := ObjectOf(
		Member{"Id", "arn:aws:states:us-east-1:111111111111:execution:" + machine + ":" + execution},
		Member{"Input", input},
		Member{"StartTime", "2024-01-01T00:00:00.000Z"},
		Member{"Name", execution},
		Member{"RoleArn", "arn:aws:iam::111111111111:role/aslc-corpus"},
		Member{"RedriveCount", int64(0)},
	)
	sm := ObjectOf(
		Member{"Id", "arn:aws:states:us-east-1:111111111111:stateMachine:" + machine},
		Member{"Name", machine},
	)
	return &corpusScope{ctx: ObjectOf(Member{"Execution", exec}, Member{"StateMachine", sm}), rand: 1}
}

func (s *corpusScope) enter(state string) {
	s.ctx.Set("State", ObjectOf(Member{"Name", state}, Member{"EnteredTime", "2024-01-01T00:00:00.001Z"}))
}

// passOnly reports whether a definition is a JSONPath machine made only of
// Pass states without Assign.
func passOnly(def *Object) bool {
	if ql, ok := def.Get("QueryLanguage"); ok && ql != "JSONPath" {
		return false
	}
	states, ok := def.Get("States")
	if !ok {
		return false
	}
	obj, ok := states.(*Object)
	if !ok || obj.Len() == 0 {
		return false
	}
	for _, m := range obj.Members() {
		st, ok := m.Value.(*Object)
		if !ok {
			return false
		}
		if typ, _ := st.Get("Type"); typ != "Pass" || st.Has("Assign") || st.Has("QueryLanguage") {
			return false
		}
	}
	return true
}

// optionalPath compiles an optional path field: nil when absent,
// NullPath() when null.
func optionalPath(st *Object, field string, parse func(string) (*Path, error)) (*Path, error) {
	v, ok := st.Get(field)
	switch {
	case !ok:
		return nil, nil
	case v == nil:
		return NullPath(), nil
	}
	s, ok := v.(string)
	if !ok {
		return nil, fmt.Errorf("%s is not a string", field)
	}
	return parse(s)
}

// runPassChain runs a chain of Pass states as AWS does and returns the
// execution output or its failure.
func runPassChain(def *Object, input Value) (Value, error) {
	states, _ := def.Get("States")
	name, _ := def.Get("StartAt")
	scope := newCorpusScope(input)
	raw := input
	eventID := 2 // 1 is ExecutionStarted; each Pass adds Entered and Exited
	for steps := 0; steps < 1000; steps++ {
		stateName, _ := name.(string)
		v, ok := states.(*Object).Get(stateName)
		if !ok {
			return nil, fmt.Errorf("no state %q", stateName)
		}
		st := v.(*Object)
		scope.enter(stateName)
		var io StateIO
		var err error
		if io.InputPath, err = optionalPath(st, "InputPath", ParsePath); err != nil {
			return nil, err
		}
		if io.OutputPath, err = optionalPath(st, "OutputPath", ParsePath); err != nil {
			return nil, err
		}
		if io.ResultPath, err = optionalPath(st, "ResultPath", ParseReferencePath); err != nil {
			return nil, err
		}
		if p, ok := st.Get("Parameters"); ok {
			if io.Parameters, err = ParseTemplate(p); err != nil {
				return nil, err
			}
		}
		out, err := func() (Value, error) {
			in, err := io.Input(raw, scope)
			if err != nil {
				return nil, err
			}
			result := in
			if r, ok := st.Get("Result"); ok {
				result = r
			}
			if err := CheckPayloadSize(stateName, result); err != nil {
				return nil, err
			}
			return io.Output(raw, result, scope)
		}()
		if err != nil {
			var e *Error
			if errors.As(err, &e) && e.Name == ErrRuntime {
				return nil, NewError(e.Name, fmt.Sprintf("An error occurred while executing the state '%s' (entered at the event id #%d). %s", stateName, eventID, e.Cause))
			}
			return nil, err
		}
		raw = out
		if end, _ := st.Get("End"); end == true {
			return out, nil
		}
		if name, ok = st.Get("Next"); !ok {
			return nil, fmt.Errorf("state %q has neither Next nor End", stateName)
		}
		eventID += 2
	}
	return nil, errors.New("more than 1000 transitions")
}

var (
	placeholderRE = regexp.MustCompile(`<[^<>\s]+>`)
	timestampRE   = regexp.MustCompile(`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?`)
)

// corpusStringMatch compares an expected string, whose <...> tokens match
// any text, with an actual one whose timestamps read "date".
func corpusStringMatch(want, got string) bool {
	got = timestampRE.ReplaceAllString(got, "date")
	if !placeholderRE.MatchString(want) {
		return want == got
	}
	var b strings.Builder
	b.WriteString("^")
	last := 0
	for _, loc := range placeholderRE.FindAllStringIndex(want, -1) {
		b.WriteString(regexp.QuoteMeta(want[last:loc[0]]))
		b.WriteString("(?s:.*)")
		last = loc[1]
	}
	b.WriteString(regexp.QuoteMeta(want[last:]))
	b.WriteString("$")
	return regexp.MustCompile(b.String()).MatchString(got)
}

// corpusMatch compares values by the corpus README's rules: numbers by
// value, key order ignored, placeholders as wildcards.
func corpusMatch(want, got Value) bool {
	if s, ok := want.(string); ok && placeholderRE.FindString(s) == s {
		return true
	}
	switch w := want.(type) {
	case string:
		g, ok := got.(string)
		return ok && corpusStringMatch(w, g)
	case []Value:
		g, ok := got.([]Value)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !corpusMatch(w[i], g[i]) {
				return false
			}
		}
		return true
	case *Object:
		g, ok := got.(*Object)
		if !ok || g.Len() != w.Len() {
			return false
		}
		keys := map[string]Value{}
		for _, m := range g.Members() {
			keys[timestampRE.ReplaceAllString(m.Key, "date")] = m.Value
		}
		for _, m := range w.Members() {
			gv, ok := keys[m.Key]
			if !ok || !corpusMatch(m.Value, gv) {
				return false
			}
		}
		return true
	}
	return Equal(want, got)
}

func TestCorpusPassStates(t *testing.T) {
	corpus := corpusDir(t)
	entries, err := os.ReadDir(filepath.Join(corpus, "cases"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range entries {
		ids = append(ids, e.Name())
	}
	sort.Strings(ids)
	total, passed := 0, 0
	for _, id := range ids {
		dir := filepath.Join(corpus, "cases", id)
		defText, err := os.ReadFile(filepath.Join(dir, "definition.json"))
		if err != nil {
			t.Fatal(err)
		}
		defVal, err := Decode(defText)
		if err != nil {
			continue
		}
		def, ok := defVal.(*Object)
		if !ok || !passOnly(def) {
			continue
		}
		total++
		t.Run(id, func(t *testing.T) {
			inText, err := os.ReadFile(filepath.Join(dir, "input.json"))
			if err != nil {
				t.Fatal(err)
			}
			input, err := Decode(inText)
			if err != nil {
				t.Fatalf("input: %v", err)
			}
			expText, err := os.ReadFile(filepath.Join(dir, "expected.json"))
			if err != nil {
				t.Fatal(err)
			}
			var exp corpusExpected
			if err := json.Unmarshal(expText, &exp); err != nil {
				t.Fatal(err)
			}
			out, runErr := runPassChain(def, input)
			switch exp.Status {
			case "SUCCEEDED":
				if runErr != nil {
					t.Fatalf("failed with %v, want output %s", runErr, exp.Output)
				}
				want, err := Decode(exp.Output)
				if err != nil {
					t.Fatal(err)
				}
				if !corpusMatch(want, out) {
					t.Fatalf("output mismatch\nwant %s\n got %s", AppendJSON(nil, want), AppendJSON(nil, out))
				}
			case "FAILED":
				var e *Error
				if !errors.As(runErr, &e) {
					t.Fatalf("got output %s (error %v), want failure %v: %v", AppendJSON(nil, out), runErr, deref(exp.Error), deref(exp.Cause))
				}
				if !corpusStringMatch(deref(exp.Error), e.Name) {
					t.Errorf("error = %q, want %q", e.Name, deref(exp.Error))
				}
				if !corpusStringMatch(deref(exp.Cause), e.Cause) {
					t.Errorf("cause = %q\n want %q", e.Cause, deref(exp.Cause))
				}
			default:
				t.Fatalf("unexpected status %s", exp.Status)
			}
			if !t.Failed() {
				passed++
			}
		})
	}
	t.Logf("corpus Pass-state cases: %d of %d pass", passed, total)
	if total == 0 {
		t.Fatal("no Pass-state cases found in the corpus")
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// TestCorpusInvalidTemplates: the definitions AWS refused because a ".$"
// value is neither a path nor an intrinsic call (A2.12, A2.25) are refused
// by ParseTemplate with the same message.
func TestCorpusInvalidTemplates(t *testing.T) {
	corpus := corpusDir(t)
	entries, err := os.ReadDir(filepath.Join(corpus, "invalid"))
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, e := range entries {
		dir := filepath.Join(corpus, "invalid", e.Name())
		expText, err := os.ReadFile(filepath.Join(dir, "expected.json"))
		if err != nil {
			t.Fatal(err)
		}
		var exp struct{ Error string }
		if err := json.Unmarshal(expText, &exp); err != nil {
			t.Fatal(err)
		}
		const marker = "must be a valid JSONPath or a valid intrinsic function call"
		if !strings.Contains(exp.Error, marker) {
			continue
		}
		found++
		t.Run(e.Name(), func(t *testing.T) {
			defText, err := os.ReadFile(filepath.Join(dir, "definition.json"))
			if err != nil {
				t.Fatal(err)
			}
			def := MustDecode(string(defText)).(*Object)
			states, _ := def.Get("States")
			var msgs []string
			for _, m := range states.(*Object).Members() {
				params, ok := m.Value.(*Object).Get("Parameters")
				if !ok {
					continue
				}
				_, err := ParseTemplate(params)
				var te *TemplateError
				if errors.As(err, &te) {
					msgs = append(msgs, "SCHEMA_VALIDATION_FAILED: "+te.Error()+" at /States/"+m.Key+"/Parameters")
				}
			}
			if len(msgs) != 1 || !strings.Contains(exp.Error, msgs[0]) {
				t.Errorf("got %q, want one message contained in %q", msgs, exp.Error)
			}
		})
	}
	if found == 0 {
		t.Fatal("no invalid template case in the corpus")
	}
}
