// Package lower turns a checked definition (compiler/ast, accepted by
// compiler/check) into the IR of package ir: it resolves every transition,
// parses every JSONPath, payload template, intrinsic call and Choice rule
// with the runtime's own parsers, writes out every ASL default, and names
// every Go identifier once, through compiler/names.
//
// Lowering does not validate again what compiler/check validates. What can
// still fail here, and what aslc cannot compile yet (a Map's ItemReader
// and ResultWriter), becomes a positioned diagnostic naming the state,
// never a panic and never code that does something else. JSONata states
// are lowered by jsonata.go.
package lower

import (
	"strconv"

	"github.com/aslc/aslc/compiler/ast"
	"github.com/aslc/aslc/compiler/names"
	"github.com/aslc/aslc/ir"
	aslrt "github.com/aslc/aslc/runtime"
)

// CodeUnsupported is the diagnostic code for a definition that AWS accepts
// but aslc cannot compile (yet).
const CodeUnsupported = "UNSUPPORTED_FEATURE"

// CodeInternal is the diagnostic code for a definition that the validator
// accepted but lowering could not make sense of: a validator gap.
const CodeInternal = "INTERNAL_ERROR"

// Options are the inputs of lowering besides the tree.
type Options struct {
	// Package is the Go package name of the generated code.
	Package string
	// Source is the definition's path as the user gave it.
	Source string
}

// PackageHelpers are the package-level identifiers a generated package
// declares or imports besides those named after the definition; no name
// derived from the definition takes one of them.
var PackageHelpers = []string{
	"Machine", "New", "Tasks", "TasksFrom", "Run",
	"state", "stateEnd", "invokerTasks", "definition",
	"taskSeconds", "failText",
	"aslrt", "context", "errgroup", "jsonatart",
}

// MachineHelpers are the methods and fields of the generated Machine type
// besides the state methods.
var MachineHelpers = []string{"Run", "run", "tasks", "rt", "calls"}

// Program lowers the definition m. It returns the program, or the
// diagnostics that keep it from being compiled.
func Program(m *ast.Machine, opts Options) (*ir.Program, ast.Diagnostics) {
	l := &lowerer{
		prog:      &ir.Program{Package: opts.Package, Source: opts.Source},
		pkg:       names.NewScope(PackageHelpers...),
		methods:   names.NewScope(MachineHelpers...),
		tasks:     names.NewScope(),
		states:    map[*ast.BaseState]ir.State{},
		paths:     map[string]*ir.Path{},
		intrins:   map[string]*ir.Intrinsic{},
		resources: map[string]*ir.Resource{},
		owned:     map[string]bool{},
	}
	if m == nil {
		l.diags.Add(ast.Pos{File: opts.Source}, CodeInternal, "", "no definition to compile")
		return nil, l.diags
	}
	p := l.prog
	p.Pos = pos(m.Pos)
	p.Comment = comment(m.Comment)
	if t := m.TimeoutSeconds; t != nil {
		if v, ok := t.Int(); ok {
			p.TimeoutSeconds = v
		} else {
			l.internal(t.Pos, t.Pointer, "TimeoutSeconds is not an integer")
		}
	}
	p.Root = l.declare(m, ir.RootMachine, nil, 0)
	for i, mc := range p.Machines {
		l.fillMachine(mc, l.machines[i])
	}
	l.nameResources()
	if len(l.diags) > 0 {
		l.diags.Sort()
		return nil, l.diags
	}
	return p, nil
}

type lowerer struct {
	prog  *ir.Program
	diags ast.Diagnostics
	// pkg, methods and tasks are the Go name spaces: package-level
	// identifiers, the methods of Machine, the methods of Tasks.
	pkg, methods, tasks *names.Scope

	states    map[*ast.BaseState]ir.State
	machines  []*ast.Machine // parallel to prog.Machines
	paths     map[string]*ir.Path
	intrins   map[string]*ir.Intrinsic
	resources map[string]*ir.Resource
	// owned holds the package-level names derived from state names, which
	// nameState claims for the state's own use.
	owned map[string]bool
}

// name returns a package-level identifier: name itself when it is one of
// the names claimed for a state, else a fresh claim.
func (l *lowerer) name(name string) string {
	if l.owned[name] {
		delete(l.owned, name)
		return name
	}
	return l.pkg.Claim(name)
}

func pos(p ast.Pos) ir.Pos { return ir.Pos{File: p.File, Line: p.Line, Col: p.Col} }

func comment(f *ast.StringField) string {
	if f == nil {
		return ""
	}
	return f.Value
}

func (l *lowerer) internal(p ast.Pos, ptr, msg string) {
	l.diags.Add(p, CodeInternal, ptr, msg)
}

func (l *lowerer) unsupported(p ast.Pos, ptr, msg string) {
	l.diags.Add(p, CodeUnsupported, ptr, msg)
}

// declare creates the IR machine for m and the IR states of m and of every
// machine nested in it, naming them in source order, depth first.
func (l *lowerer) declare(m *ast.Machine, kind ir.MachineKind, parent ir.State, index int) *ir.Machine {
	mc := &ir.Machine{Kind: kind, Pos: pos(m.Pos), Comment: comment(m.Comment), Parent: parent, Index: index}
	switch kind {
	case ir.RootMachine:
		mc.GoName = "run"
	case ir.BranchMachine:
		mc.GoName = l.methods.Claim("run" + parent.Base().GoName + "Branch" + strconv.Itoa(index))
	case ir.ProcessorMachine:
		mc.GoName = l.methods.Claim("run" + parent.Base().GoName + "Processor")
	}
	l.prog.Machines = append(l.prog.Machines, mc)
	l.machines = append(l.machines, m)
	for _, s := range m.States {
		st := l.declareState(s, mc)
		if st == nil {
			continue
		}
		mc.States = append(mc.States, st)
		switch s := s.(type) {
		case *ast.Parallel:
			p := st.(*ir.Parallel)
			for i, br := range s.Branches {
				p.Branches = append(p.Branches, l.declare(br, ir.BranchMachine, p, i))
			}
		case *ast.Map:
			if s.ItemProcessor != nil {
				mp := st.(*ir.Map)
				mp.Processor = l.declare(s.ItemProcessor, ir.ProcessorMachine, mp, 0)
			}
		}
	}
	return mc
}

// declareState creates the IR state for s, with its names.
func (l *lowerer) declareState(s ast.State, mc *ir.Machine) ir.State {
	b := s.Base()
	var st ir.State
	switch s.(type) {
	case *ast.Pass:
		st = &ir.Pass{}
	case *ast.Task:
		st = &ir.Task{}
	case *ast.Choice:
		st = &ir.Choice{}
	case *ast.Wait:
		st = &ir.Wait{}
	case *ast.Succeed:
		st = &ir.Succeed{}
	case *ast.Fail:
		st = &ir.Fail{}
	case *ast.Parallel:
		st = &ir.Parallel{}
	case *ast.Map:
		st = &ir.Map{}
	default:
		l.internal(b.Pos, b.Pointer, "the state \""+b.Name+"\" has no valid Type")
		return nil
	}
	sb := st.Base()
	sb.Name = b.Name
	if b.Type != nil {
		sb.Type = b.Type.Value
	}
	sb.Language = b.Language
	if sb.Language == "" {
		sb.Language = ir.LangJSONPath
	}
	sb.Pos = pos(b.Pos)
	sb.Comment = comment(b.Comment)
	sb.Pointer = b.Pointer
	sb.Machine = mc
	l.nameState(sb, names.Ident(b.Name, true))
	l.states[b] = st
	l.prog.States = append(l.prog.States, st)
	return st
}

// statePrefixes are the prefixes of the package-level names derived from
// a state's GoName.
var statePrefixes = []string{
	"state", "info", "io", "retry", "rules", "result", "assign", "parameters",
	"resultSelector", "itemSelector", "batchInput", "credentials", "timestamp",
	"errorPath", "causePath", "spec",
	// the JSONata fields (jsonata.go)
	"output", "arguments", "items", "seconds", "timeout", "heartbeat",
	"maxConcurrency", "toleratedCount", "toleratedPercentage", "maxItems",
	"maxInputBytes", "error", "cause",
}

// nameState gives a state its GoName: base, or base2, base3, ... when any
// name derived from base is taken; then it claims the derived names.
func (l *lowerer) nameState(sb *ir.StateBase, base string) {
	free := func(c string) bool {
		for _, p := range statePrefixes {
			if l.pkg.Taken(p + c) {
				return false
			}
		}
		return !l.methods.Taken(names.Ident(c, false))
	}
	c := base
	for i := 2; !free(c); i++ {
		c = base + strconv.Itoa(i)
	}
	for _, p := range statePrefixes {
		l.owned[l.pkg.Claim(p+c)] = true
	}
	sb.GoName = c
	sb.Const = "state" + c
	sb.Info = "info" + c
	sb.Func = l.methods.Claim(names.Ident(c, false))
	switch sb.Type {
	case ast.TypeTask:
		sb.Attempt = l.methods.Claim(sb.Func + "Attempt")
	case ast.TypeParallel:
		sb.Attempt = l.methods.Claim(sb.Func + "Branches")
	case ast.TypeMap:
		sb.Attempt = l.methods.Claim(sb.Func + "Iterations")
	}
}

// fillMachine lowers the states of one machine, m in the source (not of
// nested ones).
func (l *lowerer) fillMachine(mc *ir.Machine, m *ast.Machine) {
	if m.StartAt != nil {
		mc.Start = l.target(m, m.StartAt)
	} else {
		l.internal(m.Pos, m.Pointer, "the machine has no StartAt")
	}
	for _, s := range m.States {
		st := l.states[s.Base()]
		if st == nil {
			continue
		}
		if s.Base().JSONata() {
			l.jsonataState(m, s, st)
			continue
		}
		l.state(m, s, st)
	}
}

// nameResources lists the distinct Task resources in the order of their
// first use in the source (depth first) and names their Tasks methods in
// that order.
func (l *lowerer) nameResources() {
	for _, s := range l.prog.States {
		t, ok := s.(*ir.Task)
		if !ok || t.Resource == nil {
			continue
		}
		r := t.Resource
		if r.GoName == "" {
			r.GoName = l.tasks.Claim(names.Resource(r.ARN))
			l.prog.Resources = append(l.prog.Resources, r)
		}
		r.States = append(r.States, t)
	}
}

// target resolves a transition to a state of machine m.
func (l *lowerer) target(m *ast.Machine, f *ast.StringField) ir.State {
	s := m.State(f.Value)
	if s == nil || l.states[s.Base()] == nil {
		l.internal(f.Pos, f.Pointer, "the transition names no state of its machine: "+f.Value)
		return nil
	}
	return l.states[s.Base()]
}

// flow resolves Next/End.
func (l *lowerer) flow(m *ast.Machine, t *ast.Transition) ir.Flow {
	if t.Next != nil {
		return ir.Flow{Next: l.target(m, t.Next)}
	}
	return ir.Flow{}
}

// value returns the runtime value of a JSON node.
func value(n *ast.JSON) aslrt.Value { return n.Value() }
