// Package conformance runs a corpus of Amazon States Language cases
// recorded against AWS Step Functions through the Go code aslc generates,
// and compares what the generated code does with what AWS did.
//
// A corpus is any directory in the layout of ../shared/conformance (see its
// README): cases/<id>/{definition.json,input.json,expected.json,meta.json}
// and invalid/<id>/{definition.json,expected.json,meta.json}. Load reads
// one; Compare judges one result by the corpus's compare rules; Run
// compiles every case into one temporary module (one package per case and
// a generated main program that links them all), builds it once, and runs
// the cases in driver processes with a virtual clock and a per-case time
// limit; Report tallies the verdicts by tier and feature and checks them
// against known-failures.txt.
//
// The test TestConformance is the entry point:
//
//	go test ./conformance -run TestConformance -args -corpus DIR -results FILE
//
// See README.md in this directory for the flags and the current figures.
package conformance
