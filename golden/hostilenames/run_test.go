package hostilenames_test

import (
	"context"
	"testing"

	"github.com/aslc/aslc/golden/hostilenames"
	"github.com/aslc/aslc/golden/internal/goldentest"
	aslrt "github.com/aslc/aslc/runtime"
)

// tasks answer with the name of the state that called them; the third
// resource fails with an error name full of quotes, unless the input
// says ok.
type tasks struct{}

func answer(ctx context.Context) aslrt.Value {
	call, _ := aslrt.TaskCallFrom(ctx)
	return aslrt.ObjectOf(aslrt.Member{Key: "state", Value: call.State}, aslrt.Member{Key: "retry", Value: int64(call.RetryCount)})
}

func (tasks) New(ctx context.Context, in aslrt.Value) (aslrt.Value, error)  { return answer(ctx), nil }
func (tasks) New2(ctx context.Context, in aslrt.Value) (aslrt.Value, error) { return answer(ctx), nil }

func (tasks) AB(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	if ok, _ := in.(*aslrt.Object).Get("ok"); ok == true {
		return answer(ctx), nil
	}
	return nil, aslrt.NewError("*/ \"`\n", "cause with `backticks` */")
}

// TestRun: state names, strings and comments with quotes, backquotes,
// comment ends, newlines, Unicode and Go keywords compile (the package
// builds) and keep their exact values at run time.
func TestRun(t *testing.T) {
	goldentest.Check(t, hostilenames.New(tasks{}, aslrt.WithVirtualTime(goldentest.Start)).Run)
}

// TestMapOverString reaches the Map state, whose ItemsPath selects a
// string (A13.6).
func TestMapOverString(t *testing.T) {
	goldentest.CheckInput(t, hostilenames.New(tasks{}).Run, `{"ok": true}`, `{"status": "FAILED", "error": "States.Runtime",
		"cause": "An error occurred while executing the state 'map' (entered at the event id #37). Reference path \"$.first.uni\" must point to array."}`)
}
