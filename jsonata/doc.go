// Package jsonata is an implementation of the JSONata 2.0.6 query and
// transformation language (https://jsonata.org) in Go.
//
// An expression is parsed once into an immutable Expr, which may then be
// evaluated any number of times, from any number of goroutines. Input and
// output values use the JSON value model of github.com/aslc/aslc/runtime,
// whose objects keep their member order, so results are deterministic.
package jsonata
