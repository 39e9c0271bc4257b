package mockconfig

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"

	aslrt "github.com/aslc/aslc/runtime"
)

// Config is a parsed mock configuration file.
type Config struct {
	// File is the name the configuration was read from, used in messages.
	File string
	// StateMachines are the machines the file configures, by name.
	StateMachines map[string]*StateMachine
	// MockedResponses are the named response sequences, by name.
	MockedResponses map[string]*MockedResponse
}

// StateMachine is one entry of StateMachines.
type StateMachine struct {
	Name      string
	TestCases map[string]*TestCase
}

// TestCase maps the names of Task states to the mocked response each one
// gets in one test execution.
type TestCase struct {
	Machine, Name string
	// States maps a state name to a MockedResponses name.
	States map[string]string
}

// MockedResponse is a sequence of responses, consumed one per call.
type MockedResponse struct {
	Name string
	// Responses cover the calls 0, 1, 2, ... in order, without gaps.
	Responses []Response
}

// Response answers the calls First through Last (zero-based, inclusive)
// of a mocked response, with a Return value or a Throw error.
type Response struct {
	First, Last int
	// Return is the task result; meaningful when Throw is nil.
	Return aslrt.Value
	// Throw is the task failure, if the response throws.
	Throw *aslrt.Error
}

// Load reads and parses the mock configuration file at path.
func Load(path string) (*Config, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("mockconfig: %w", err)
	}
	return Parse(path, text)
}

// Parse parses a mock configuration in the format of AWS Step Functions
// Local's MockConfigFile:
//
//	{
//	  "StateMachines": {
//	    "<machine>": {"TestCases": {"<test case>": {"<state>": "<response name>", ...}}}
//	  },
//	  "MockedResponses": {
//	    "<response name>": {
//	      "0":   {"Return": <any JSON>},
//	      "1-2": {"Throw": {"Error": "<name>", "Cause": "<text>"}}
//	    }
//	  }
//	}
//
// Response keys are zero-based call numbers or inclusive ranges of them;
// together they must cover 0, 1, 2, ... without gaps or overlaps. Every
// problem is reported with the file's name, line and column.
func Parse(file string, text []byte) (*Config, error) {
	p := &parser{file: file, text: text}
	if _, err := aslrt.Decode(text); err != nil {
		var se *aslrt.SyntaxError
		if errors.As(err, &se) {
			return nil, p.errorf(se.Offset, "malformed JSON: %s", se.Msg)
		}
		return nil, p.errorf(0, "malformed JSON: %v", err)
	}
	root, err := parseTree(text)
	if err != nil {
		return nil, p.errorf(0, "malformed JSON: %v", err)
	}
	cfg, err := p.config(root)
	if err != nil {
		return nil, err
	}
	cfg.File = file
	return cfg, nil
}

type parser struct {
	file string
	text []byte
}

// errorf reports a problem at byte offset off as file:line:col: message.
func (p *parser) errorf(off int, format string, args ...any) error {
	line, col := 1, 1
	for _, c := range p.text[:min(off, len(p.text))] {
		if c == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return fmt.Errorf("%s:%d:%d: %s", p.file, line, col, fmt.Sprintf(format, args...))
}

// members checks that n is an object whose keys are distinct and, when
// allowed is not nil, all among allowed.
func (p *parser) members(n *node, what string, allowed ...string) ([]prop, error) {
	if n.kind != '{' {
		return nil, p.errorf(n.off, "%s must be an object, not %s", what, n.kindName())
	}
	seen := map[string]bool{}
	for _, m := range n.members {
		if seen[m.key] {
			return nil, p.errorf(m.keyOff, "%s has %q twice", what, m.key)
		}
		seen[m.key] = true
		if allowed != nil && !slices.Contains(allowed, m.key) {
			return nil, p.errorf(m.keyOff, "unknown field %q in %s (expected %s)", m.key, what, strings.Join(allowed, " or "))
		}
	}
	return n.members, nil
}

func (p *parser) config(root *node) (*Config, error) {
	top, err := p.members(root, "the mock configuration", "StateMachines", "MockedResponses")
	if err != nil {
		return nil, err
	}
	cfg := &Config{StateMachines: map[string]*StateMachine{}, MockedResponses: map[string]*MockedResponse{}}
	var machines *node
	for _, m := range top {
		switch m.key {
		case "StateMachines":
			machines = m.value
		case "MockedResponses":
			if err := p.mockedResponses(cfg, m.value); err != nil {
				return nil, err
			}
		}
	}
	if machines == nil {
		return nil, p.errorf(root.off, "the mock configuration has no StateMachines")
	}
	// Machines last, so test cases can be checked against the responses.
	if err := p.stateMachines(cfg, machines); err != nil {
		return nil, err
	}
	return cfg, nil
}

func (p *parser) stateMachines(cfg *Config, n *node) error {
	machines, err := p.members(n, "StateMachines")
	if err != nil {
		return err
	}
	for _, m := range machines {
		what := fmt.Sprintf("state machine %q", m.key)
		fields, err := p.members(m.value, what, "TestCases")
		if err != nil {
			return err
		}
		sm := &StateMachine{Name: m.key, TestCases: map[string]*TestCase{}}
		cfg.StateMachines[m.key] = sm
		if len(fields) == 0 {
			return p.errorf(m.value.off, "%s has no TestCases", what)
		}
		cases, err := p.members(fields[0].value, what+" TestCases")
		if err != nil {
			return err
		}
		for _, c := range cases {
			tcWhat := fmt.Sprintf("test case %q of %s", c.key, what)
			states, err := p.members(c.value, tcWhat)
			if err != nil {
				return err
			}
			tc := &TestCase{Machine: m.key, Name: c.key, States: map[string]string{}}
			for _, s := range states {
				if s.value.kind != '"' {
					return p.errorf(s.value.off, "the response of state %q in %s must be a string naming a MockedResponses entry, not %s", s.key, tcWhat, s.value.kindName())
				}
				if _, ok := cfg.MockedResponses[s.value.str]; !ok {
					return p.errorf(s.value.off, "state %q in %s uses mocked response %q, which MockedResponses does not define", s.key, tcWhat, s.value.str)
				}
				tc.States[s.key] = s.value.str
			}
			sm.TestCases[c.key] = tc
		}
	}
	return nil
}

func (p *parser) mockedResponses(cfg *Config, n *node) error {
	responses, err := p.members(n, "MockedResponses")
	if err != nil {
		return err
	}
	for _, r := range responses {
		what := fmt.Sprintf("mocked response %q", r.key)
		entries, err := p.members(r.value, what)
		if err != nil {
			return err
		}
		if len(entries) == 0 {
			return p.errorf(r.value.off, "%s has no responses", what)
		}
		mr := &MockedResponse{Name: r.key}
		offsets := map[int]int{} // First → key offset, for overlap reports
		for _, e := range entries {
			first, last, ok := parseRange(e.key)
			if !ok {
				return p.errorf(e.keyOff, "%s: %q is not a call number or a range of them such as \"0\" or \"1-2\"", what, e.key)
			}
			resp, err := p.response(e.value, fmt.Sprintf("%s, calls %q", what, e.key))
			if err != nil {
				return err
			}
			resp.First, resp.Last = first, last
			mr.Responses = append(mr.Responses, resp)
			offsets[first] = e.keyOff
		}
		slices.SortFunc(mr.Responses, func(a, b Response) int { return a.First - b.First })
		next := 0
		for _, resp := range mr.Responses {
			switch {
			case resp.First > next:
				return p.errorf(offsets[resp.First], "%s has no response for call %d", what, next)
			case resp.First < next:
				return p.errorf(offsets[resp.First], "%s answers call %d twice", what, resp.First)
			}
			next = resp.Last + 1
		}
		cfg.MockedResponses[r.key] = mr
	}
	return nil
}

// parseRange reads "N" or "N-M" (N <= M).
func parseRange(key string) (first, last int, ok bool) {
	a, b, isRange := strings.Cut(key, "-")
	first, ok = callNumber(a)
	if !ok {
		return 0, 0, false
	}
	if !isRange {
		return first, first, true
	}
	last, ok = callNumber(b)
	if !ok || last < first {
		return 0, 0, false
	}
	return first, last, true
}

func callNumber(s string) (int, bool) {
	if s == "" || len(s) > 9 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func (p *parser) response(n *node, what string) (Response, error) {
	fields, err := p.members(n, what, "Return", "Throw")
	if err != nil {
		return Response{}, err
	}
	if len(fields) != 1 {
		return Response{}, p.errorf(n.off, "%s must hold exactly one of Return and Throw", what)
	}
	f := fields[0]
	if f.key == "Return" {
		v, err := aslrt.Decode(p.text[f.value.off:f.value.end])
		if err != nil {
			return Response{}, p.errorf(f.value.off, "%s: %v", what, err)
		}
		return Response{Return: v}, nil
	}
	throw, err := p.members(f.value, what+" Throw", "Error", "Cause")
	if err != nil {
		return Response{}, err
	}
	e := &aslrt.Error{}
	hasError := false
	for _, t := range throw {
		if t.value.kind != '"' {
			return Response{}, p.errorf(t.value.off, "%s: Throw %s must be a string, not %s", what, t.key, t.value.kindName())
		}
		if t.key == "Error" {
			e.Name, hasError = t.value.str, true
		} else {
			e.Cause = t.value.str
		}
	}
	if !hasError {
		return Response{}, p.errorf(f.value.off, "%s: Throw has no Error", what)
	}
	return Response{Throw: e}, nil
}

// TestCase returns the test case named testCase of the state machine
// named machine, or an error that lists what the file does define.
func (c *Config) TestCase(machine, testCase string) (*TestCase, error) {
	sm, ok := c.StateMachines[machine]
	if !ok {
		return nil, fmt.Errorf("mockconfig: %s has no state machine %q (it configures %s)", c.File, machine, list(c.StateMachines))
	}
	tc, ok := sm.TestCases[testCase]
	if !ok {
		return nil, fmt.Errorf("mockconfig: state machine %q in %s has no test case %q (it has %s)", machine, c.File, testCase, list(sm.TestCases))
	}
	return tc, nil
}

func list[V any](m map[string]V) string {
	if len(m) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, strconv.Quote(k))
	}
	slices.Sort(keys)
	return strings.Join(keys, ", ")
}

// Invoker returns an aslrt.Invoker that answers the Task states of one
// execution of the test case named testCase of machine. Each call of a
// state consumes that state's next response, whether the call is a retry,
// a later visit, or another Map iteration.
func (c *Config) Invoker(machine, testCase string) (*Invoker, error) {
	tc, err := c.TestCase(machine, testCase)
	if err != nil {
		return nil, err
	}
	return &Invoker{config: c, testCase: tc, calls: map[string]int{}}, nil
}

// Invoker answers Task states from a test case's mocked responses. It is
// safe for concurrent use (Parallel branches, Map iterations).
type Invoker struct {
	config   *Config
	testCase *TestCase

	mu    sync.Mutex
	calls map[string]int // calls made so far, by state name
}

var _ aslrt.Invoker = (*Invoker)(nil)

// Invoke answers one call of a Task state: the mocked value, or the mocked
// error as an *aslrt.Error. A state the test case does not mock, and a
// call beyond the responses defined, fail with States.Runtime, which no
// Retry or Catch hides (CHECKLIST A9.3), naming the state and test case.
func (inv *Invoker) Invoke(ctx context.Context, call aslrt.TaskCall) (aslrt.Value, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	tc := inv.testCase
	name, ok := tc.States[call.State]
	if !ok {
		return nil, aslrt.Errorf(aslrt.ErrRuntime, "mockconfig: test case %q of state machine %q in %s has no mocked response for state %q", tc.Name, tc.Machine, inv.config.File, call.State)
	}
	inv.mu.Lock()
	n := inv.calls[call.State]
	inv.calls[call.State] = n + 1
	inv.mu.Unlock()
	mr := inv.config.MockedResponses[name]
	i, found := slices.BinarySearchFunc(mr.Responses, n, func(r Response, n int) int {
		switch {
		case r.Last < n:
			return -1
		case r.First > n:
			return 1
		}
		return 0
	})
	if !found {
		return nil, aslrt.Errorf(aslrt.ErrRuntime, "mockconfig: state %q was called %d times, but mocked response %q (test case %q of state machine %q in %s) answers only %d",
			call.State, n+1, name, tc.Name, tc.Machine, inv.config.File, mr.Responses[len(mr.Responses)-1].Last+1)
	}
	resp := mr.Responses[i]
	if resp.Throw != nil {
		return nil, &aslrt.Error{Name: resp.Throw.Name, Cause: resp.Throw.Cause}
	}
	return aslrt.DeepCopy(resp.Return), nil
}
