// Package bench compares the Go that aslc generates with hand-written Go
// doing the same JSON work: a Pass chain, a Choice loop, Map at three
// concurrency limits, Parallel, and a Task chain with retries. The
// benchmarks are in the package's tests; README.md shows the latest
// figures and how to get them (go run ./bench/cmd/benchtable).
//
// The definitions come from package internal/defs; go generate writes
// them and compiles each into a package of its own.
package bench

//go:generate go run ./internal/gendefs
//go:generate go tool aslc gen passchain/passchain.asl.json parallel/parallel.asl.json taskchain/taskchain.asl.json
//go:generate go tool aslc gen --express choiceloop/choiceloop.asl.json mapconc1/mapconc1.asl.json mapconc10/mapconc10.asl.json mapconc0/mapconc0.asl.json
