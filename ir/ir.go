// Package ir is aslc's intermediate representation of a state machine: a
// typed description of what a checked definition does, with every
// transition resolved, every JSONPath, payload template, intrinsic call and
// Choice rule parsed, every ASL default written out, and every Go name
// computed once.
//
// The IR is backend-neutral. It says "these branches run concurrently",
// "run the processor for each item, at most N at a time", "wait until",
// "call this resource", never how: goroutines, errgroup and the clock belong
// to a backend (compiler/emit writes Go that runs in-process). Nothing in
// the IR relies on Go zero values for an ASL default; a Retrier carries its
// MaxAttempts 3, IntervalSeconds 1 and BackoffRate 2.0 when the definition
// leaves them out.
//
// Fields that AWS lets hold either a JSONPath-mode construct or a JSONata
// expression (Payload, Count, Text, ...) have room for both; compiler/lower
// fills the side of the state's query language (jsonata.go describes the
// JSONata side).
//
// Every node carries its source position (Pos), the Comment the definition
// gave it, and, where Go code names it, its Go identifiers (GoName and the
// names derived from it), all chosen by compiler/names.
package ir

import "strconv"

// Pos is a position in a definition's source text.
type Pos struct {
	// File is the definition's name, as the user gave it.
	File string
	// Line and Col are 1-based; Col counts bytes.
	Line, Col int
}

// String renders p as file:line:col, leaving out the parts that are unknown.
func (p Pos) String() string {
	s := p.File
	if p.Line > 0 {
		if s != "" {
			s += ":"
		}
		s += strconv.Itoa(p.Line)
		if p.Col > 0 {
			s += ":" + strconv.Itoa(p.Col)
		}
	}
	if s == "" {
		s = "-"
	}
	return s
}

// Program is a whole definition, compiled into one Go package.
type Program struct {
	// Package is the Go package name of the generated code.
	Package string
	// Source is the definition's path as the user gave it.
	Source string
	// Comment is the top-level Comment.
	Comment string
	Pos     Pos
	// TimeoutSeconds bounds the whole execution; 0 means no limit.
	TimeoutSeconds int64
	// Root is the top-level machine.
	Root *Machine
	// Machines lists every machine, the root first, then the branches and
	// item processors in source order (depth first).
	Machines []*Machine
	// States lists every state of every machine in source order (depth
	// first: a Parallel's or Map's nested states follow it).
	States []State
	// Resources are the distinct Task resources in the order of their first
	// use.
	Resources []*Resource
	// Paths, Intrinsics and Templates are the parsed paths, intrinsic calls
	// and payload templates the program uses, each once, in the order of
	// first use. Literals are the constant JSON values (Pass Result, Choice
	// operands that need one).
	Paths      []*Path
	Intrinsics []*Intrinsic
	Templates  []*Template
	Literals   []*Literal
}

// MachineKind says what a machine is.
type MachineKind uint8

// The kinds of machines.
const (
	// RootMachine is the whole definition.
	RootMachine MachineKind = iota
	// BranchMachine is one branch of a Parallel state.
	BranchMachine
	// ProcessorMachine is a Map state's item processor (ItemProcessor or
	// the legacy Iterator).
	ProcessorMachine
)

// Machine is a set of states with a start: the whole definition, one
// Parallel branch or a Map item processor.
type Machine struct {
	Kind MachineKind
	// GoName is the name of the method that runs the machine.
	GoName  string
	Pos     Pos
	Comment string
	// Parent is the Parallel or Map state the machine belongs to; nil for
	// the root.
	Parent State
	// Index is the branch index of a BranchMachine.
	Index int
	// Start is the StartAt state.
	Start State
	// States are the machine's own states in source order.
	States []State
}

// Resource is a distinct Task resource: one method of the generated Tasks
// interface.
type Resource struct {
	// ARN is the resource as written in the definition.
	ARN string
	// GoName is the Tasks method that calls it.
	GoName string
	// Pos is the first Resource field naming it.
	Pos Pos
	// States are the Task states that call it, in source order.
	States []*Task
}
