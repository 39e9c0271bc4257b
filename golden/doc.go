// Package golden holds aslc's golden tests: each directory below is one
// case, a definition with the exact Go that aslc generates for it and the
// result of running that Go.
//
// A case directory <case> holds
//
//	definition.asl.json  the definition
//	<case>.go            the generated package <case>, exactly as aslc writes it
//	input.json           an execution input
//	want.json            the execution's result: {"status": "SUCCEEDED", "output": ...}
//	                     or {"status": "FAILED", "error": ..., "cause": ...}
//	run_test.go          the case's tasks, written in Go, and the tests that run it
//
// The generated code of every case is an ordinary package of the module, so
// go build, go vet and staticcheck see it. TestGolden (in this directory)
// regenerates each case and fails with a (-want +got) diff when the output
// changed; "go test ./golden -update" rewrites the generated files instead.
// The tests of each case ("go test ./golden/...") run its machine on
// input.json and compare the result with want.json, and check the
// behaviours the case is about (concurrency bounds, retries, virtual time,
// goroutine leaks, cancellation).
package golden
