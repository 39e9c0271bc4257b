package compiler_test

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/aslc/aslc/compiler"
)

func ExampleCompile() {
	def := []byte(`{
  "StartAt": "Hello",
  "States": {"Hello": {"Type": "Pass", "Result": "world", "End": true}}
}`)
	src, err := compiler.Compile(def, compiler.Options{Package: "hello", Source: "hello.asl.json"})
	if err != nil {
		fmt.Println(err)
		return
	}
	header := src[:bytes.Index(src, []byte("import"))]
	// The first line names the aslc version.
	fmt.Printf("%s", header[bytes.IndexByte(header, '\n')+1:])
	// Output:
	// // source: hello.asl.json
	//
	// // Package hello runs the state machine "hello".
	// package hello
}

func ExampleError() {
	def := []byte(`{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}`)
	_, err := compiler.Compile(def, compiler.Options{Package: "p", Source: "bad.asl.json"})
	var ce *compiler.Error
	if errors.As(err, &ce) {
		for _, d := range ce.Diagnostics {
			fmt.Println(d)
		}
	}
	// Output:
	// bad.asl.json:1:28: MISSING_END_STATE: Workflow has no terminal state
	// bad.asl.json:1:59: MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next
}
