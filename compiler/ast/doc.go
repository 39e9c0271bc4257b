// Package ast holds the syntax tree of an Amazon States Language definition,
// as compiler/parse builds it from JSON or YAML text and compiler/check
// validates it.
//
// A Machine is the top level of a definition, a Parallel branch or a Map
// item processor. Its States keep their source order; each state is one of
// the typed structs Pass, Task, Choice, Wait, Succeed, Fail, Parallel and
// Map (or Invalid, for a state whose Type is missing or unknown). Choice
// rules form a tree of *Rule values; Retry and Catch entries are *Retrier
// and *Catcher values.
//
// Every node records where it came from: a Pos (file, line, column and byte
// offset of the value's first byte) and a Pointer, the location in the
// notation AWS uses in its diagnostics: object members are separated by '/'
// and array elements are written as an index in brackets after their
// parent, so the second rule of a Choice state is /States/Pick/Choices[1].
// State names appear in pointers as written, without escaping.
//
// Optional fields are pointers: nil means the field is absent. The three
// fields whose null value means something in AWS (InputPath, OutputPath and
// ResultPath) record a present null in String.Null. Free-form JSON fields
// (Parameters, Result, ResultSelector, ItemSelector, Arguments, Output,
// Assign, Items, ItemReader, ItemBatcher, ResultWriter, Credentials) and the
// fields that may hold either a literal or a JSONata expression
// (TimeoutSeconds, Seconds, Error, Condition, ...) are kept as positioned
// generic JSON (*JSON), whose numbers keep their exact source text.
package ast
