package check

import (
	"github.com/aslc/aslc/compiler/ast"
)

// graph checks a machine's transitions: that StartAt and every transition
// name a state of this machine (A1.3, A1.17, A2.8), that some state is
// terminal (A1.16) and that every state is reachable from StartAt (A1.15).
func (c *checker) graph(m *ast.Machine) {
	if m.StatesPos == nil || m.StartAt == nil {
		// The missing field is reported already; AWS reports nothing about
		// transitions then (A1.2).
		return
	}
	targetOK := func(f *ast.StringField) bool {
		if f == nil {
			return false
		}
		if m.State(f.Value) == nil {
			c.errorf(f.Pos, ast.CodeMissingTarget, f.Pointer, "Missing 'Next' target: "+f.Value)
			return false
		}
		return true
	}
	startOK := targetOK(m.StartAt)
	terminal := false
	for _, s := range m.States {
		// A state of unknown type might be terminal; its own diagnostic
		// says what is wrong with it.
		if _, bad := s.(*ast.Invalid); bad || isTerminal(s) {
			terminal = true
		}
		for _, t := range transitions(s) {
			targetOK(t)
		}
	}
	if !terminal {
		pos := m.Pos
		if m.StatesPos != nil {
			pos = *m.StatesPos
		}
		c.errorf(pos, ast.CodeMissingEnd, "", "Workflow has no terminal state")
		// AWS reports no unreachable states then (A1.16).
		return
	}
	if !startOK {
		return
	}
	// Breadth-first from StartAt, in source order of the transitions.
	seen := make(map[string]bool, len(m.States))
	queue := []string{m.StartAt.Value}
	seen[m.StartAt.Value] = true
	for len(queue) > 0 {
		s := m.State(queue[0])
		queue = queue[1:]
		if s == nil {
			continue
		}
		for _, t := range transitions(s) {
			if !seen[t.Value] && m.State(t.Value) != nil {
				seen[t.Value] = true
				queue = append(queue, t.Value)
			}
		}
	}
	for _, s := range m.States {
		if b := s.Base(); !seen[b.Name] {
			c.errorf(b.NamePos, ast.CodeMissingTarget, b.Pointer, "State \""+b.Name+"\" is not reachable.")
		}
	}
}

// isTerminal reports whether s can end its machine: Succeed, Fail, or
// "End": true.
func isTerminal(s ast.State) bool {
	switch s := s.(type) {
	case *ast.Succeed, *ast.Fail:
		return true
	case interface{ Flow() *ast.Transition }:
		return s.Flow().Terminal()
	}
	return false
}

// transitions returns the fields of s that name a next state: Next,
// Default, Choices[].Next and Catch[].Next, in source order.
func transitions(s ast.State) []*ast.StringField {
	var out []*ast.StringField
	add := func(f *ast.StringField) {
		if f != nil {
			out = append(out, f)
		}
	}
	switch s := s.(type) {
	case *ast.Choice:
		for _, r := range s.Choices {
			add(r.Next)
		}
		add(s.Default)
	case *ast.Invalid:
		add(s.Next)
	case interface{ Flow() *ast.Transition }:
		add(s.Flow().Next)
	}
	if h, ok := s.(interface{ Handlers() *ast.ErrorHandling }); ok {
		for _, k := range h.Handlers().Catch {
			add(k.Next)
		}
	}
	return out
}
