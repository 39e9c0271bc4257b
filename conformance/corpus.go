package conformance

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/aslc/aslc/conformance/internal/driver"
	aslrt "github.com/aslc/aslc/runtime"
)

// The statuses of an execution, as AWS reports them, plus INVALID for a
// definition that is rejected and ERROR for a case the harness could not
// run to an answer (a panic, a build failure, the time limit).
const (
	StatusSucceeded = "SUCCEEDED"
	StatusFailed    = "FAILED"
	StatusTimedOut  = "TIMED_OUT"
	StatusAborted   = "ABORTED"
	StatusInvalid   = "INVALID"
	StatusError     = driver.StatusError
)

// Kind says which part of a corpus a case comes from.
type Kind int

const (
	// Execution is a case under cases/: a definition, an input and the
	// result of running it.
	Execution Kind = iota
	// Invalid is a case under invalid/: a definition AWS rejected.
	Invalid
)

func (k Kind) String() string {
	if k == Invalid {
		return "invalid"
	}
	return "execution"
}

// Meta is a case's meta.json.
type Meta struct {
	ID               string            `json:"id"`
	Template         string            `json:"template"`
	Test             string            `json:"test"`
	Tier             int               `json:"tier"`
	Features         []string          `json:"features"`
	Lambdas          map[string]string `json:"lambdas"`
	Notes            string            `json:"notes"`
	ExecutionIndex   int               `json:"execution_index"`
	StateMachineType string            `json:"state_machine_type"`
	SnapshotRecorded string            `json:"snapshot_recorded"`
	LastValidated    string            `json:"last_validated"`
}

// Diagnostic is one entry of an invalid case's recorded diagnostics
// (from ValidateStateMachineDefinition).
type Diagnostic struct {
	Code     string `json:"code"`
	Location string `json:"location"`
	Message  string `json:"message"`
	Severity string `json:"severity"`
}

// Expected is a case's expected.json: what AWS returned.
type Expected struct {
	Status string
	// Output is the execution's output; HasOutput tells a recorded null
	// from no output at all.
	Output    aslrt.Value
	HasOutput bool
	// Error and Cause are nil when AWS recorded none.
	Error, Cause *string
	// Diagnostics are the recorded validation diagnostics of an invalid
	// definition, if any.
	Diagnostics []Diagnostic
}

// Case is one case of a corpus.
type Case struct {
	ID   string
	Kind Kind
	// Dir is the case's directory.
	Dir string
	// Definition is the definition text exactly as it was sent.
	Definition []byte
	// Input is the execution input text (Execution cases only).
	Input    []byte
	Expected Expected
	Meta     Meta
}

// Tier is the case's tier as a table label: "1", "2", or "invalid".
func (c *Case) Tier() string {
	if c.Kind == Invalid {
		return "invalid"
	}
	return fmt.Sprint(c.Meta.Tier)
}

// HasFeature reports whether the case is tagged with feature.
func (c *Case) HasFeature(feature string) bool {
	return slices.Contains(c.Meta.Features, feature)
}

// Corpus is a directory in the layout of ../shared/conformance:
// cases/<id>/{definition.json,input.json,expected.json,meta.json} and
// invalid/<id>/{definition.json,expected.json,meta.json}.
type Corpus struct {
	Dir string
	// Cases holds the execution cases, then the invalid ones, each group
	// sorted by ID.
	Cases []*Case
}

// Load reads every case of the corpus in dir. A directory that is not in
// the layout, or a case with a missing or malformed file, is an error that
// names the file.
func Load(dir string) (*Corpus, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("conformance: corpus %s: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("conformance: corpus %s is not a directory", dir)
	}
	corpus := &Corpus{Dir: dir}
	found := false
	var errs []error
	for _, part := range []struct {
		sub  string
		kind Kind
	}{{"cases", Execution}, {"invalid", Invalid}} {
		entries, err := os.ReadDir(filepath.Join(dir, part.sub))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("conformance: %w", err)
		}
		found = true
		for _, e := range entries {
			if !e.IsDir() {
				continue
			}
			c, err := loadCase(filepath.Join(dir, part.sub, e.Name()), part.kind)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			corpus.Cases = append(corpus.Cases, c)
		}
	}
	if !found {
		return nil, fmt.Errorf("conformance: %s has neither cases/ nor invalid/", dir)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, c := range corpus.Cases {
		if seen[c.ID] {
			return nil, fmt.Errorf("conformance: case %s appears in both cases/ and invalid/", c.ID)
		}
		seen[c.ID] = true
	}
	return corpus, nil
}

func loadCase(dir string, kind Kind) (*Case, error) {
	c := &Case{ID: filepath.Base(dir), Kind: kind, Dir: dir}
	read := func(name string) ([]byte, error) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("conformance: case %s: %w", c.ID, err)
		}
		return b, nil
	}
	var err error
	if c.Definition, err = read("definition.json"); err != nil {
		return nil, err
	}
	if kind == Execution {
		if c.Input, err = read("input.json"); err != nil {
			return nil, err
		}
		if _, err := aslrt.Decode(c.Input); err != nil {
			return nil, fmt.Errorf("conformance: case %s: input.json: %w", c.ID, err)
		}
	}
	metaText, err := read("meta.json")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(metaText, &c.Meta); err != nil {
		return nil, fmt.Errorf("conformance: case %s: meta.json: %w", c.ID, err)
	}
	if c.Meta.ID != "" && c.Meta.ID != c.ID {
		return nil, fmt.Errorf("conformance: case %s: meta.json names it %q", c.ID, c.Meta.ID)
	}
	expText, err := read("expected.json")
	if err != nil {
		return nil, err
	}
	if c.Expected, err = parseExpected(expText, kind); err != nil {
		return nil, fmt.Errorf("conformance: case %s: expected.json: %w", c.ID, err)
	}
	return c, nil
}

func parseExpected(text []byte, kind Kind) (Expected, error) {
	var exp Expected
	v, err := aslrt.Decode(text)
	if err != nil {
		return exp, err
	}
	obj, ok := v.(*aslrt.Object)
	if !ok {
		return exp, fmt.Errorf("not an object")
	}
	status, _ := obj.Get("status")
	exp.Status, _ = status.(string)
	switch exp.Status {
	case StatusSucceeded, StatusFailed, StatusTimedOut:
		if kind == Invalid {
			return exp, fmt.Errorf("status %s in an invalid-definition case", exp.Status)
		}
	case StatusInvalid:
		if kind != Invalid {
			return exp, fmt.Errorf("status INVALID outside invalid/")
		}
	default:
		return exp, fmt.Errorf("unknown status %s", aslrt.Encode(status))
	}
	exp.Output, exp.HasOutput = obj.Get("output")
	if exp.Status == StatusSucceeded && !exp.HasOutput {
		return exp, fmt.Errorf("SUCCEEDED without output")
	}
	for _, f := range []struct {
		key string
		dst **string
	}{{"error", &exp.Error}, {"cause", &exp.Cause}} {
		x, ok := obj.Get(f.key)
		if !ok {
			continue
		}
		s, ok := x.(string)
		if !ok {
			return exp, fmt.Errorf("%s is %s, not a string", f.key, aslrt.TypeName(x))
		}
		*f.dst = &s
	}
	if d, ok := obj.Get("diagnostics"); ok {
		if err := aslrt.ToGo(d, &exp.Diagnostics); err != nil {
			return exp, fmt.Errorf("diagnostics: %w", err)
		}
	}
	return exp, nil
}

// Select returns the cases whose ID matches pattern, a comma-separated
// list of IDs and path.Match-style globs; an empty pattern selects all.
func (c *Corpus) Select(pattern string) ([]*Case, error) {
	if pattern == "" {
		return c.Cases, nil
	}
	var pats []string
	for p := range strings.SplitSeq(pattern, ",") {
		if p = strings.TrimSpace(p); p != "" {
			if _, err := filepath.Match(p, ""); err != nil {
				return nil, fmt.Errorf("conformance: bad case pattern %q: %w", p, err)
			}
			pats = append(pats, p)
		}
	}
	var out []*Case
	for _, cs := range c.Cases {
		for _, p := range pats {
			if ok, _ := filepath.Match(p, cs.ID); ok {
				out = append(out, cs)
				break
			}
		}
	}
	return out, nil
}
