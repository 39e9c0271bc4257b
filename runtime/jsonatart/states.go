package jsonatart

import (
	"github.com/aslc/aslc/jsonata"
	aslrt "github.com/aslc/aslc/runtime"
)

// States is what the expressions of one state see (A16.3): the reserved
// variable $states, with the state's input, its result or error output
// where the field has one, and the context object, and the workflow
// variables of the state's scope, each as $name (A15.7). The variables are
// read as they were when the state was entered, because generated code
// stores a state's Assign only after evaluating everything else (A15.5).
//
// A States belongs to one state of one scope and is used by one goroutine
// at a time, as the scope itself.
type States struct {
	x      *aslrt.Exec
	input  aslrt.Value
	result aslrt.Value
	errOut aslrt.Value
	has    uint8

	// needContext is set while an expression that reads $states.context
	// (or $states as a whole) is evaluated.
	needContext bool
	// obj and objContext are $states without and with "context", built
	// when first read.
	obj, objContext *aslrt.Object
}

const (
	hasResult uint8 = 1 << iota
	hasErrorOutput
)

// NewStates returns what the expressions of the current state of x see,
// given the state's input.
func NewStates(x *aslrt.Exec, input aslrt.Value) *States {
	return &States{x: x, input: input}
}

// NewResultStates returns what the Output and Assign of a Task, Parallel
// or Map state see: NewStates with the state's result as $states.result.
func NewResultStates(x *aslrt.Exec, input, result aslrt.Value) *States {
	return &States{x: x, input: input, result: result, has: hasResult}
}

// NewErrorStates returns what a catcher's Output and Assign see: NewStates
// with the error output as $states.errorOutput (A11.7).
func NewErrorStates(x *aslrt.Exec, input, errorOutput aslrt.Value) *States {
	return &States{x: x, input: input, errOut: errorOutput, has: hasErrorOutput}
}

// Exec returns the scope the state runs in.
func (s *States) Exec() *aslrt.Exec { return s.x }

// Input returns $states.input, the state's input.
func (s *States) Input() aslrt.Value { return s.input }

// Result returns $states.result; it is jsonata.Undefined where the field
// sees no result.
func (s *States) Result() aslrt.Value {
	if s.has&hasResult == 0 {
		return jsonata.Undefined
	}
	return s.result
}

// ErrorOutput returns $states.errorOutput; it is jsonata.Undefined outside
// catchers.
func (s *States) ErrorOutput() aslrt.Value {
	if s.has&hasErrorOutput == 0 {
		return jsonata.Undefined
	}
	return s.errOut
}

// Context returns $states.context, the context object (A14.1).
func (s *States) Context() aslrt.Value { return s.x.ContextObject() }

// Variable returns the workflow variable name as the state's scope sees
// it.
func (s *States) Variable(name string) (aslrt.Value, bool) {
	if name == "states" {
		return s.statesObject(true), true
	}
	return s.x.Variable(name)
}

// Lookup implements jsonata.Bindings: $states, and the workflow variables.
// A name that is neither is left to the function library.
func (s *States) Lookup(name string) (jsonata.Value, bool) {
	if name == "states" {
		return s.statesObject(s.needContext), true
	}
	return s.x.Variable(name)
}

// statesObject returns $states, with its context member when withContext
// is set: {"input", "result", "errorOutput", "context"}, each present only
// where the field has it.
func (s *States) statesObject(withContext bool) *aslrt.Object {
	if withContext {
		if s.objContext == nil {
			s.objContext = s.build(true)
		}
		return s.objContext
	}
	if s.obj == nil {
		s.obj = s.build(false)
	}
	return s.obj
}

func (s *States) build(withContext bool) *aslrt.Object {
	o := aslrt.NewObject(3)
	o.Set("input", s.input)
	if s.has&hasResult != 0 {
		o.Set("result", s.result)
	}
	if s.has&hasErrorOutput != 0 {
		o.Set("errorOutput", s.errOut)
	}
	if withContext {
		o.Set("context", s.x.ContextObject())
	}
	return o
}
