// Package lambdastub is a fake AWS Lambda service whose functions run the
// small stub behaviours that the conformance corpus's tier-2 cases call
// (../shared/conformance/lambdas and the README's "Tiers" section):
// id_function, echo_function, raise_exception, raise_custom_exception,
// return_bytes_str, large_output_string and wait_60_seconds.
//
// The layers are kept apart so the same functions can be served in-process
// or over HTTP:
//
//   - Handle runs one behaviour on one payload, the way the Lambda Python
//     runtime runs the corresponding handler: payload bytes in, response
//     payload bytes (or a *FunctionError) out.
//   - Lambda.Call is the Invoke API: it resolves a function name or ARN,
//     fails with ResourceNotFoundException for a function that does not
//     exist, and assigns request IDs.
//   - Lambda.Invoke implements aslrt.Invoker with Step Functions' two Lambda
//     integrations: a Task whose Resource is the function ARN, and
//     arn:aws:states:::lambda:invoke with its response envelope.
//
// Every byte these produce was derived from the executions recorded
// against AWS: member order and header names of the envelope, the error
// documents of raised exceptions, the causes of ResourceNotFoundException
// and States.DataLimitExceeded. Values AWS varies per request (request
// IDs, trace IDs, dates) are generated; the corpus records them as
// placeholders.
//
// wait_60_seconds sleeps on the clock of the execution whose task it
// serves (aslrt.Sleep with the task's context): under a virtual clock a
// task timeout shorter than the sleep fires at once, with no real waiting.
package lambdastub
