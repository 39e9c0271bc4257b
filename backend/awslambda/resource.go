package awslambda

import (
	"strings"

	"github.com/aslc/aslc/compiler/ast"
)

// CodeUnsupportedResource is the diagnostic code of CheckResources: the
// definition is valid for AWS, but its Task calls a resource this backend
// does not serve. AWS has no such code; aslc reports it only when asked to
// check a definition for the Lambda backend.
const CodeUnsupportedResource = "UNSUPPORTED_RESOURCE"

// Kind is what a Task state's Resource asks the Lambda backend to do.
type Kind int

const (
	// Unsupported is a resource the backend does not serve.
	Unsupported Kind = iota
	// Function is a Lambda function ARN: the task input is the payload,
	// the function's result is the task result.
	Function
	// Invoke is the optimized integration arn:<partition>:states:::lambda:invoke.
	Invoke
)

// invokeParameters are the fields of the lambda:invoke request.
var invokeParameters = []string{"ClientContext", "FunctionName", "InvocationType", "LogType", "Payload", "Qualifier"}

// Classify tells how the backend serves resource. For an Unsupported
// resource, why says what it is ("an activity", "the .sync integration
// pattern", ...), for use in error messages.
func Classify(resource string) (k Kind, why string) {
	parts := strings.Split(resource, ":")
	if len(parts) < 6 || parts[0] != "arn" || parts[1] == "" {
		return Unsupported, "not an ARN"
	}
	switch parts[2] {
	case "lambda":
		if (len(parts) == 7 || len(parts) == 8) && parts[5] == "function" && parts[3] != "" && parts[4] != "" && parts[6] != "" && (len(parts) == 7 || parts[7] != "") {
			return Function, ""
		}
		return Unsupported, "not a Lambda function ARN"
	case "states":
		if parts[3] != "" || parts[4] != "" {
			if parts[5] == "activity" {
				return Unsupported, "an activity"
			}
			return Unsupported, "a Step Functions resource other than a service integration"
		}
		rest := strings.Join(parts[5:], ":")
		service, api, _ := strings.Cut(rest, ":")
		switch {
		case service == "lambda" && api == "invoke":
			return Invoke, ""
		case strings.HasSuffix(rest, ".waitForTaskToken"):
			return Unsupported, "the callback integration pattern (.waitForTaskToken)"
		case strings.HasSuffix(rest, ".sync") || strings.Contains(rest, ".sync:"):
			return Unsupported, "the run-a-job integration pattern (.sync)"
		case service == "lambda":
			return Unsupported, "a Lambda API other than invoke"
		case service == "aws-sdk":
			return Unsupported, "an AWS SDK service integration"
		}
		return Unsupported, "the " + service + " service integration"
	}
	return Unsupported, "a resource of the " + parts[2] + " service"
}

// CheckResources reports every Task state of m, at any depth, whose
// resource the Lambda backend cannot call or which sets Credentials (a
// role the backend does not assume), and every field of a lambda:invoke
// task's Parameters or Arguments object that the Invoke request does not
// have.
// The diagnostics carry CodeUnsupportedResource and are sorted.
func CheckResources(m *ast.Machine) ast.Diagnostics {
	var ds ast.Diagnostics
	walkTasks(m, func(t *ast.Task) {
		if t.Resource == nil {
			return
		}
		if c := t.Credentials; c != nil {
			ds.Add(c.Pos, CodeUnsupportedResource, c.Pointer, credentialsMessage(t.Name))
		}
		r := t.Resource
		kind, why := Classify(r.Value)
		switch kind {
		case Unsupported:
			ds.Add(r.Pos, CodeUnsupportedResource, r.Pointer, unsupportedMessage(t.Name, r.Value, why))
		case Invoke:
			// Parameters (JSONPath, where "key.$" names key) or an
			// Arguments object (JSONata) is the Invoke request.
			for _, req := range []*ast.JSON{t.Parameters, t.Arguments} {
				if req == nil || req.Kind != ast.Object {
					continue
				}
				for _, mem := range req.Members {
					name := mem.Key
					if req == t.Parameters {
						name = strings.TrimSuffix(name, ".$")
					}
					if !isInvokeParameter(name) {
						ds.Add(mem.KeyPos, CodeUnsupportedResource, req.Pointer,
							"The field '"+name+"' of state '"+t.Name+"' is not a parameter of lambda:invoke (it takes "+strings.Join(invokeParameters, ", ")+")")
					}
				}
			}
		}
	})
	ds.Sort()
	return ds
}

func unsupportedMessage(state, resource, why string) string {
	return "The state '" + state + "' calls " + resource + ", " + why +
		", which the Lambda backend does not run: it calls Lambda function ARNs and arn:aws:states:::lambda:invoke only"
}

// credentialsMessage refuses a Task state's Credentials: the backend would
// call Lambda with its own AWS configuration instead of the role.
func credentialsMessage(state string) string {
	return "The state '" + state + "' sets Credentials, which the Lambda backend does not apply: " +
		"it would call Lambda with the credentials of its own AWS configuration, not the role the state names"
}

func isInvokeParameter(name string) bool {
	for _, p := range invokeParameters {
		if p == name {
			return true
		}
	}
	return false
}

// walkTasks calls f for every Task state of m and of the branches and item
// processors nested in it, in source order.
func walkTasks(m *ast.Machine, f func(*ast.Task)) {
	if m == nil {
		return
	}
	for _, s := range m.States {
		switch s := s.(type) {
		case *ast.Task:
			f(s)
		case *ast.Parallel:
			for _, b := range s.Branches {
				walkTasks(b, f)
			}
		case *ast.Map:
			walkTasks(s.ItemProcessor, f)
		}
	}
}
