package jsonata_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/aslc/aslc/jsonata"
	aslrt "github.com/aslc/aslc/runtime"
)

func Example() {
	expr, err := jsonata.Parse(`$sum(items.(price * qty))`)
	if err != nil {
		panic(err)
	}
	input := aslrt.MustDecode(`{"items": [{"price": 10, "qty": 3}, {"price": 0.5, "qty": 10}]}`)
	total, err := expr.Evaluate(input, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(aslrt.EncodeString(total))
	// Output: 35
}

// Step Functions evaluates expressions with the state input as $states and
// the functions it adds, without $eval.
func Example_stepFunctions() {
	env, err := jsonata.NewEnv(jsonata.StepFunctionsFunctions(nil), jsonata.WithoutFunctions("eval"))
	if err != nil {
		panic(err)
	}
	expr := jsonata.MustParse(`{'chunks': $partition($states.input.ids, 2), 'first': $states.input.ids[0]}`)
	states := aslrt.MustDecode(`{"input": {"ids": [1, 2, 3, 4, 5]}}`)
	v, err := expr.EvaluateWith(context.Background(), env, jsonata.Undefined, jsonata.Vars{"states": states})
	if err != nil {
		panic(err)
	}
	fmt.Println(aslrt.EncodeString(v))
	// Output: {"chunks":[[1,2],[3,4],[5]],"first":1}
}

func ExampleWithFunction() {
	env, err := jsonata.NewEnv(jsonata.WithFunction("cents", "<n-:n>", func(c *jsonata.Call, args []jsonata.Value) (jsonata.Value, error) {
		f, _ := aslrt.Float(args[0])
		return aslrt.NumberValue(f * 100), nil
	}))
	if err != nil {
		panic(err)
	}
	v, err := jsonata.MustParse(`prices.$cents()`).EvaluateWith(context.Background(), env,
		aslrt.MustDecode(`{"prices": [1.5, 2, 0.25]}`), nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(aslrt.EncodeString(v))
	// Output: [150,200,25]
}

func ExampleError() {
	_, err := jsonata.MustParse(`$undefinedFunction(1)`).Evaluate(jsonata.Undefined, nil)
	var je *jsonata.Error
	if errors.As(err, &je) {
		fmt.Println(je.Code + ": " + je.Message)
	}
	// Output: T1006: Attempted to invoke a non-function
}

func ExampleIsUndefined() {
	v, err := jsonata.MustParse(`missing.field`).Evaluate(aslrt.MustDecode(`{}`), nil)
	fmt.Println(jsonata.IsUndefined(v), err)
	// Output: true <nil>
}
