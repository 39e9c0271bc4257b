// Package jsonatart is what the generated code of a state machine that uses
// JSONata calls: AWS Step Functions' JSONata query language mode (A16) on
// top of the JSONata evaluator of package jsonata and the execution API of
// package aslrt.
//
// A JSONata state's fields are JSON values whose strings of the form
// "{% expression %}" are expressions (A16.1, A16.2). Generated code builds
// each such field once, at package level, as a Node: an *Expr for an
// expression, and Object, Array and Literal for the JSON around
// expressions. Evaluating a Node against a state's States gives the field's
// value:
//
//	var outputCheck = jsonatart.Object(
//		jsonatart.M("total", jsonatart.MustExpr("Output/total", "$sum($states.input.prices)", nil)),
//		jsonatart.M("kind", jsonatart.Literal("order")),
//	)
//
//	st := jsonatart.NewStates(x, in)
//	out, err := outputCheck.Eval(st)
//
// States binds what AWS binds: $states.input, $states.result (Output and
// Assign of Task, Parallel and Map states), $states.errorOutput (catchers),
// $states.context (the context object), and every workflow variable the
// scope sees as $name (A16.3, A15.7). The functions are those of JSONata
// 2.0.6 without $eval, plus $partition, $range, $hash, $random, $uuid and
// $parse (A16.9, A16.10); $now, $millis, $random and $uuid read the
// execution's clock and random source, so virtual time and a fixed seed
// make them deterministic.
//
// An expression that yields nothing, yields a function, or throws fails the
// state with States.QueryEvaluationError and AWS's cause, which names the
// expression and the field it stands in (A16.6, A16.7, A13.9); the runtime
// adds the cause prefix and the EvaluationFailed event (A17.1, A16.8).
//
// An Expr may carry a direct function: Go code the compiler generated for
// an expression of a simple shape (a path such as $states.input.order.id,
// a literal, an object constructor, a comparison). It handles the common
// case and reports when it cannot decide, and the evaluator then
// evaluates the expression, so both give the same result.
//
// Where no recorded AWS run says what AWS does, the package decides as
// follows. A field that needs a value of one kind (TimeoutSeconds and
// HeartbeatSeconds: a positive integer; MaxConcurrency,
// ToleratedFailureCount and the ItemBatcher limits: a non-negative
// integer; ToleratedFailurePercentage: a number from 0 to 100; Fail's
// Error and Cause: a string) fails otherwise with
// States.QueryEvaluationError and a cause shaped like the recorded one of
// Items ("... returned an unexpected result type. Expected '<type>', but
// was '<type>' for value: <json>"). An expression that throws is reported
// with its JSONata code and message ("... threw an error during
// evaluation. T1006: Attempted to invoke a non-function"). One evaluation
// may take at most EvaluationTimeLimit of real time.
//
// The package imports the runtime and the jsonata package; the runtime does
// not import it, so machines without JSONata states do not link the
// evaluator.
package jsonatart
