// Package mockconfig reads the mock configuration files of AWS Step
// Functions Local (MockConfigFile.json) and answers a machine's Task states
// from them, so workflows with tasks run locally with the mock files their
// authors already have.
//
// A file names state machines, each with test cases mapping Task state
// names to mocked responses; a mocked response is a sequence of Return
// values and Throw errors keyed by zero-based call numbers ("0") or
// ranges of them ("1-2"). Config.Invoker selects one test case and returns
// an aslrt.Invoker that consumes each state's responses in order. A state
// without a mock, or a call past the last response, fails the execution
// with States.Runtime naming the state and the test case.
package mockconfig
