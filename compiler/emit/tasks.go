package emit

import (
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/aslc/aslc/ir"
)

// callers names the Task states that call a resource, for its method's
// comment: the Task state "A", the Task states "A" and "B", or the first
// few of many.
func callers(r *ir.Resource) string {
	const most = 3
	var names []string
	for i, s := range r.States {
		if i == most {
			names = append(names, strconv.Itoa(len(r.States)-most)+" more")
			break
		}
		names = append(names, quoted(s.Name))
	}
	switch len(names) {
	case 1:
		return "the Task state " + names[0]
	case 2:
		return "the Task states " + names[0] + " and " + names[1]
	}
	return "the Task states " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// taskSignature is the parameter and result list of a Tasks method.
func taskSignature(s *jen.Statement) *jen.Statement {
	return s.Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("in").Add(value())).Params(value(), jen.Error())
}

// tasks emits the Tasks interface, TasksFrom and the Invoker adapter.
func (e *emitter) tasks() {
	f := e.f
	var methods []jen.Code
	for _, r := range e.prog.Resources {
		methods = append(methods,
			comments(r.GoName+" calls "+commentText(r.ARN)+" for "+callers(r)+"."),
			taskSignature(jen.Id(r.GoName)),
		)
	}
	f.Add(comments("Tasks are the resources this machine's Task states call, one method per distinct resource."))
	f.Type().Id("Tasks").Interface(methods...)
	f.Line()
	f.Add(comments("TasksFrom returns Tasks that hand every call to inv."))
	f.Func().Id("TasksFrom").Params(jen.Id("inv").Add(rt("Invoker"))).Id("Tasks").Block(
		jen.Return(jen.Id("invokerTasks").Values(jen.Id("inv"))),
	)
	f.Line()
	f.Type().Id("invokerTasks").Struct(jen.Id("inv").Add(rt("Invoker")))
	for _, r := range e.prog.Resources {
		f.Line()
		f.Add(taskSignature(jen.Func().Params(jen.Id("t").Id("invokerTasks")).Id(r.GoName)).Block(
			jen.Return(rt("Invoke").Call(jen.Id("ctx"), jen.Id("t").Dot("inv"), jen.Id("in"))),
		))
	}
}
