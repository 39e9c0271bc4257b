package conformance

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	aslrt "github.com/aslc/aslc/runtime"
)

// fakePackage is a hand-written stand-in for generated code, with the
// generated API (Tasks, New, TasksFrom, Machine.Run) and a Run body that
// exercises one path of the harness.
const fakePackage = `package %s

import (
	"context"
	"os"
	"time"

	aslrt "github.com/aslc/aslc/runtime"
)

var _ = os.Exit
var _ = time.Sleep

type Tasks interface{}

type Machine struct {
	t  Tasks
	rt *aslrt.Machine
}

func New(t Tasks, opts ...aslrt.Option) *Machine {
	return &Machine{t, aslrt.NewMachine(aslrt.Definition{Name: "fake"}, opts...)}
}

func TasksFrom(inv aslrt.Invoker) Tasks { return inv }

func (m *Machine) Run(ctx context.Context, input any) (any, error) {
	x, in, err := m.rt.Start(ctx, input)
	if err != nil {
		return nil, err
	}
	out, err := m.body(x, in)
	return x.Finish(out, err)
}

func (m *Machine) task(x *aslrt.Exec, in aslrt.Value, resource string, timeout int64) (aslrt.Value, error) {
	if err := x.Enter(&aslrt.State{Name: "T", Type: aslrt.TaskState, Resource: resource}, in); err != nil {
		return nil, err
	}
	out, err := x.Call(func(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
		return aslrt.Invoke(ctx, m.t.(aslrt.Invoker), in)
	}, in, timeout, 0)
	if err != nil {
		return nil, err
	}
	x.Exit(out)
	return out, nil
}

func (m *Machine) body(x *aslrt.Exec, in aslrt.Value) (aslrt.Value, error) {
	%s
}
`

const arn = "arn:aws:lambda:us-east-1:111111111111:function:"

var fakeBodies = map[string]string{
	"echo":      `return in, nil`,
	"fail":      `return nil, aslrt.NewError("States.Runtime", "boom")`,
	"panic":     `panic("kaboom")`,
	"hang":      `select {}`,
	"crash":     `go func() { panic("on another goroutine") }(); time.Sleep(10 * time.Second); return in, nil`,
	"exit":      `os.Exit(7); return nil, nil`,
	"lambda":    `return m.task(x, in, "` + arn + `echo", 0)`,
	"wait":      `return m.task(x, in, "` + arn + `slow", 5)`,
	"waitlong":  `return m.task(x, in, "` + arn + `slow", 0)`,
	"nocompile": `return undefinedName, nil`,
}

// fakeCompile "compiles" a definition whose text names one of fakeBodies.
func fakeCompile(req CompileRequest) ([]byte, error) {
	kind := strings.TrimSpace(string(req.Definition))
	switch kind {
	case "reject":
		return nil, fmt.Errorf("%s:1:1: SCHEMA_VALIDATION_FAILED: rejected", req.Source)
	case "compilerpanic":
		panic("compiler bug")
	}
	body, ok := fakeBodies[kind]
	if !ok {
		return nil, errors.New("unknown fake " + kind)
	}
	return fmt.Appendf(nil, fakePackage, req.Package, body), nil
}

func fakeCase(id, kind, input string, lambdas map[string]string) *Case {
	return &Case{ID: id, Kind: Execution, Definition: []byte(kind), Input: []byte(input), Meta: Meta{ID: id, Tier: 1, Lambdas: lambdas}}
}

func TestHarnessMechanics(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	cases := []*Case{
		fakeCase("a-echo", "echo", `{"z":1,"a":[1.5,"x"]}`, nil),
		fakeCase("b-panic", "panic", `{}`, nil),
		fakeCase("c-after-panic", "echo", `"still running"`, nil),
		fakeCase("d-hang", "hang", `{}`, nil),
		fakeCase("e-after-hang", "echo", `1`, nil),
		fakeCase("f-crash", "crash", `{}`, nil),
		fakeCase("g-after-crash", "echo", `2`, nil),
		fakeCase("h-exit", "exit", `{}`, nil),
		fakeCase("i-fail", "fail", `{}`, nil),
		fakeCase("j-lambda", "lambda", `{"k":"v"}`, map[string]string{"echo": "echo_function"}),
		fakeCase("k-no-lambda", "lambda", `{}`, nil),
		fakeCase("l-wait", "wait", `{"w":1}`, map[string]string{"slow": "wait_60_seconds"}),
		fakeCase("l-wait-long", "waitlong", `{"w":1}`, map[string]string{"slow": "wait_60_seconds"}),
		fakeCase("m-nocompile", "nocompile", `{}`, nil),
		fakeCase("n-reject", "reject", `{}`, nil),
		fakeCase("o-compilerpanic", "compilerpanic", `{}`, nil),
	}
	// One driver process, so the cases after a hang or crash show that
	// the harness carries on.
	results, timing, err := Run(context.Background(), cases, Options{
		Compile: fakeCompile, ModuleRoot: root, Parallel: 1, CaseLimit: 2 * time.Second, Logf: t.Logf,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("timing: %+v", timing)
	type want struct{ status, error, output, cause string }
	wants := map[string]want{
		"a-echo":          {status: StatusSucceeded, output: `{"z":1,"a":[1.5,"x"]}`},
		"b-panic":         {status: StatusError, error: "Panic", cause: "kaboom"},
		"c-after-panic":   {status: StatusSucceeded, output: `"still running"`},
		"d-hang":          {status: StatusError, error: "TimeLimit"},
		"e-after-hang":    {status: StatusSucceeded, output: `1`},
		"f-crash":         {status: StatusError, error: "Crash", cause: "on another goroutine"},
		"g-after-crash":   {status: StatusSucceeded, output: `2`},
		"h-exit":          {status: StatusError, error: "Crash", cause: "exit status 7"},
		"i-fail":          {status: StatusFailed, error: "States.Runtime", cause: "boom"},
		"j-lambda":        {status: StatusSucceeded, output: `{"Return":"HelloWorld"}`},
		"k-no-lambda":     {status: StatusFailed, error: "Lambda.ResourceNotFoundException", cause: "Function not found"},
		"l-wait":          {status: StatusFailed, error: "States.Timeout"},
		"l-wait-long":     {status: StatusSucceeded, output: `{"w":1}`},
		"m-nocompile":     {status: StatusError, error: "BuildFailed", cause: "undefinedName"},
		"n-reject":        {status: StatusInvalid, error: "n-reject/definition.json:1:1: SCHEMA_VALIDATION_FAILED: rejected"},
		"o-compilerpanic": {status: StatusError, error: "CompilerPanic", cause: "compiler bug"},
	}
	if len(results) != len(cases) {
		t.Fatalf("%d results for %d cases", len(results), len(cases))
	}
	for i, r := range results {
		if r.Case != cases[i].ID {
			t.Errorf("result %d is for %s, want %s", i, r.Case, cases[i].ID)
			continue
		}
		w := wants[r.Case]
		output := ""
		if r.HasOutput {
			output = aslrt.EncodeString(r.Output)
		}
		if r.Status != w.status || r.Error != w.error || output != w.output || !strings.Contains(r.Cause, w.cause) {
			t.Errorf("%s: got %s %q %s %q, want %s %q %s cause containing %q",
				r.Case, r.Status, r.Error, output, tail(r.Cause, 300), w.status, w.error, w.output, w.cause)
		}
	}
}

func TestPackageName(t *testing.T) {
	for in, want := range map[string]string{
		"array-2--0": "c_array_2__0",
		"Foo.Bar":    "c_foo_bar",
		"0-x":        "c_0_x",
	} {
		if got := packageName(in); got != want {
			t.Errorf("packageName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPackageErrors(t *testing.T) {
	out := "# example.com/m/cases/c_a\ncases/c_a/machine.go:3:1: undefined: x\ncases/c_a/machine.go:4:1: undefined: y\n# example.com/m/cases/c_b\ncases/c_b/machine.go:1:1: bad\n"
	got := packageErrors([]byte(out))
	if len(got) != 2 || !strings.Contains(got["example.com/m/cases/c_a"], "undefined: y") || !strings.Contains(got["example.com/m/cases/c_b"], "bad") {
		t.Errorf("packageErrors: %q", got)
	}
}
