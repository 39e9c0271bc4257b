// Package check validates Amazon States Language definitions the way AWS
// Step Functions does when a state machine is created, reporting every
// problem at once with the codes AWS uses.
//
// Source parses and checks a definition's text; Machine checks a tree
// built by compiler/parse. Diagnostics carry AWS's message text and the
// pointer AWS reports with it, separately (ast.Diagnostic.String joins
// them as AWS's CreateStateMachine does: "CODE: message at /States/X"),
// and a position in the source. Messages follow the AWS output recorded
// in ../shared/conformance and quoted in ../shared/spec/CHECKLIST.md;
// where AWS's wording is unknown, the message says plainly what is wrong
// in the same style.
//
// What is checked, beyond the shape compiler/parse reports:
//   - StartAt and every Next, Default, Choices[].Next and Catch[].Next name
//     a state of the same machine (A1.3, A1.17, A2.8); every state is
//     reachable (A1.15); every machine has a terminal state (A1.16);
//     state names are unique across the whole definition (A1.12);
//   - Next/End rules (A2.9, A2.10), mutually exclusive fields (A2.15),
//     numeric ranges (A2.16, A2.27, A8.14), Wait timestamps (A2.14);
//   - query-language rules: the value of QueryLanguage (A1.9), fields that
//     only one language supports (A2.18, A16.4);
//   - JSONPath, reference paths and intrinsic calls, parsed with the
//     runtime's own parsers (A2.12, A2.13, A2.25, A4.7, A5);
//   - JSONata expressions, parsed with the jsonata package (A2.19), and
//     what they read: names at the top level, $$, and $states.errorOutput
//     outside a catcher are UNSUPPORTED_JSONATA_EXPRESSION (A2.20, A2.21);
//   - Choice rule structure and operand types (A6), Retry and Catch rules
//     (A2.26, A2.27), Task resources (A2.22, A2.24), Credentials (A2.23);
//   - number literals that no double can hold (1e400), which would
//     otherwise reach the output as null.
package check

import (
	"github.com/aslc/aslc/compiler/ast"
	"github.com/aslc/aslc/compiler/parse"
	aslrt "github.com/aslc/aslc/runtime"
)

// Options change what is accepted.
type Options struct {
	// Express validates the definition for an EXPRESS state machine, which
	// refuses .sync and .waitForTaskToken integrations and activities
	// (A2.24). The default is a STANDARD state machine.
	Express bool
}

// Source parses and checks a definition (JSON or YAML, see parse.Detect)
// and returns its tree (nil when the text is not a definition at all) and
// every problem, sorted.
func Source(name string, src []byte, opts Options) (*ast.Machine, ast.Diagnostics) {
	m, diags := parse.File(name, src)
	if m != nil {
		diags = append(diags, Machine(m, opts)...)
		diags.Sort()
	}
	return m, diags
}

// Machine checks a definition's tree and returns the problems it finds,
// sorted. It reports only what compiler/parse does not: run both (or
// Source) to validate a definition.
func Machine(m *ast.Machine, opts Options) ast.Diagnostics {
	c := &checker{opts: opts, names: map[string]*ast.BaseState{}}
	c.topLang = ast.JSONPath
	if m.QueryLanguage != nil {
		switch m.QueryLanguage.Value {
		case ast.JSONPath:
		case ast.JSONata:
			c.topLang = ast.JSONata
		default:
			c.schema(m.QueryLanguage.Pos, m.QueryLanguage.Pointer, "The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata]")
		}
	}
	if t := m.TimeoutSeconds; t != nil {
		c.intRange(t.Pos, t.Pointer, "TimeoutSeconds", t.Text, 1, maxSeconds)
	}
	c.machine(m)
	c.numbers(m.Raw)
	c.diags.Sort()
	return c.diags
}

// numbers reports number literals no double can hold (1e400): AWS keeps
// numbers as Java doubles, and a value that became infinite could not be
// written back as JSON, so the definition is refused rather than its data
// silently lost.
func (c *checker) numbers(raw *ast.JSON) {
	raw.Walk(func(n *ast.JSON) bool {
		if n.Kind == ast.Number {
			if _, ok := aslrt.ParseNumber(n.Text); !ok {
				c.schema(n.Pos, n.Pointer, "Numeric value ("+n.Text+") out of range of double")
			}
		}
		return true
	})
}

// maxSeconds is the largest TimeoutSeconds, HeartbeatSeconds,
// IntervalSeconds and MaxAttempts AWS accepts.
const maxSeconds = 99999999

type checker struct {
	opts    Options
	topLang string
	diags   ast.Diagnostics
	// names holds every state name met so far, machine-wide.
	names map[string]*ast.BaseState
}

func (c *checker) errorf(pos ast.Pos, code, loc, msg string) {
	c.diags.Add(pos, code, loc, msg)
}

func (c *checker) schema(pos ast.Pos, loc, msg string) {
	c.diags.Add(pos, ast.CodeSchema, loc, msg)
}

// location turns a pointer into the location AWS reports: the root is "/".
func location(ptr string) string {
	if ptr == "" {
		return "/"
	}
	return ptr
}

// keyPos returns the position of the key of obj's member name, or obj's
// own position when it has none.
func keyPos(obj *ast.JSON, name string) ast.Pos {
	if m := obj.Member(name); m != nil {
		return m.KeyPos
	}
	if obj == nil {
		return ast.Pos{}
	}
	return obj.Pos
}

// machine checks one machine and, through its states, the machines nested
// in it.
func (c *checker) machine(m *ast.Machine) {
	for _, s := range m.States {
		b := s.Base()
		if prev, dup := c.names[b.Name]; dup && prev != b {
			c.errorf(b.NamePos, ast.CodeDuplicateState, b.Pointer, "Duplicate State name: "+b.Name)
		} else {
			c.names[b.Name] = b
		}
	}
	c.graph(m)
	for _, s := range m.States {
		c.state(s)
	}
}
