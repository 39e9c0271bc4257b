package aslrt_test

// This file is the contract between the runtime and the code generator:
// the first part is, line for line, the Go that aslc emits for the
// definition below (only the package clause and the header differ); the
// Example functions at the end run it and check its output.
//
//	{
//	  "Comment": "Order processing",
//	  "StartAt": "Prepare",
//	  "States": {
//	    "Prepare": {"Type": "Pass", "Parameters": {"orderId.$": "$.id", "items.$": "$.items"},
//	                "ResultPath": "$.order", "Next": "Charge"},
//	    "Charge": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:charge",
//	               "Parameters": {"orderId.$": "$.order.orderId", "attempt.$": "$$.State.RetryCount"},
//	               "TimeoutSeconds": 30, "ResultPath": "$.charge",
//	               "Retry": [{"ErrorEquals": ["Payment.Timeout"], "IntervalSeconds": 2, "MaxAttempts": 2}],
//	               "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Rejected"}],
//	               "Next": "Route"},
//	    "Route": {"Type": "Choice",
//	              "Choices": [{"Variable": "$.charge.status", "StringEquals": "paid", "Next": "Settle"}],
//	              "Default": "Rejected"},
//	    "Settle": {"Type": "Wait", "Seconds": 3600, "Next": "Ship"},
//	    "Ship": {"Type": "Parallel", "ResultPath": "$.shipping", "Next": "Label",
//	             "Branches": [
//	               {"StartAt": "Pack", "States": {"Pack": {"Type": "Pass", "Result": "packed", "End": true}}},
//	               {"StartAt": "Notify", "States": {"Notify": {"Type": "Task",
//	                 "Resource": "arn:aws:states:::sns:publish", "TimeoutSeconds": 5, "End": true}}}],
//	             "Catch": [{"ErrorEquals": ["States.Timeout"], "ResultPath": "$.shipError", "Next": "Label"}]},
//	    "Label": {"Type": "Map", "ItemsPath": "$.order.items", "MaxConcurrency": 2,
//	              "ItemSelector": {"index.$": "$$.Map.Item.Index", "sku.$": "$$.Map.Item.Value"},
//	              "ToleratedFailureCount": 1, "ResultPath": "$.labels", "Next": "Done",
//	              "ItemProcessor": {"StartAt": "CheckItem", "States": {
//	                "CheckItem": {"Type": "Choice",
//	                  "Choices": [{"Variable": "$.sku", "StringEquals": "broken", "Next": "Broken"}],
//	                  "Default": "MakeLabel"},
//	                "Broken": {"Type": "Fail", "Error": "Item.Broken", "Cause": "cannot label a broken item"},
//	                "MakeLabel": {"Type": "Pass",
//	                  "Parameters": {"label.$": "States.Format('{}-{}', $.sku, $.index)"}, "End": true}}}},
//	    "Done": {"Type": "Succeed"},
//	    "Rejected": {"Type": "Fail", "Error": "OrderRejected", "Cause": "the payment failed"}
//	  }
//	}

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	aslrt "github.com/aslc/aslc/runtime"
	"golang.org/x/sync/errgroup"
)

// The runtime this code was generated for; a mismatch fails to compile.
const _ = aslrt.APIVersion1

// Tasks are the resources this machine's Task states call, one method per
// distinct resource.
type Tasks interface {
	// Charge calls arn:aws:lambda:us-east-1:111111111111:function:charge.
	Charge(ctx context.Context, in aslrt.Value) (aslrt.Value, error)
	// Publish calls arn:aws:states:::sns:publish.
	Publish(ctx context.Context, in aslrt.Value) (aslrt.Value, error)
}

// TasksFrom returns Tasks that hand every call to inv.
func TasksFrom(inv aslrt.Invoker) Tasks { return invokerTasks{inv} }

type invokerTasks struct{ inv aslrt.Invoker }

func (t invokerTasks) Charge(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	return aslrt.Invoke(ctx, t.inv, in)
}

func (t invokerTasks) Publish(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	return aslrt.Invoke(ctx, t.inv, in)
}

// Machine runs the state machine "orders" (Order processing).
type Machine struct {
	rt *aslrt.Machine

	// calls are the methods of the Tasks given to New, as functions for the
	// runtime to call.
	calls struct {
		Charge  aslrt.TaskFunc
		Publish aslrt.TaskFunc
	}
}

var definition = aslrt.Definition{Name: "orders"}

// New returns a Machine whose Task states call t.
func New(t Tasks, opts ...aslrt.Option) *Machine {
	m := &Machine{rt: aslrt.NewMachine(definition, opts...)}
	m.calls.Charge = t.Charge
	m.calls.Publish = t.Publish
	return m
}

// Run executes the machine with input, a JSON value (aslrt.Value) or any
// Go value aslrt.FromGo converts, and returns the execution's output or
// its error: an *aslrt.Error when it failed; aslrt.StatusOf tells
// SUCCEEDED, FAILED, TIMED_OUT and ABORTED apart.
func (m *Machine) Run(ctx context.Context, input any) (any, error) {
	x, in, err := m.rt.Start(ctx, input)
	if err != nil {
		return nil, err
	}
	out, err := m.run(x, in)
	return x.Finish(out, err)
}

type state uint8

const (
	stateEnd state = iota
	statePrepare
	stateCharge
	stateRoute
	stateSettle
	stateShip
	stateLabel
	stateDone
	stateRejected
	statePack
	stateNotify
	stateCheckItem
	stateBroken
	stateMakeLabel
)

var (
	infoPrepare   = aslrt.State{Name: "Prepare", Type: aslrt.PassState}
	infoCharge    = aslrt.State{Name: "Charge", Type: aslrt.TaskState, Resource: "arn:aws:lambda:us-east-1:111111111111:function:charge", Retry: true}
	infoRoute     = aslrt.State{Name: "Route", Type: aslrt.ChoiceState}
	infoSettle    = aslrt.State{Name: "Settle", Type: aslrt.WaitState}
	infoShip      = aslrt.State{Name: "Ship", Type: aslrt.ParallelState}
	infoLabel     = aslrt.State{Name: "Label", Type: aslrt.MapState}
	infoDone      = aslrt.State{Name: "Done", Type: aslrt.SucceedState}
	infoRejected  = aslrt.State{Name: "Rejected", Type: aslrt.FailState}
	infoPack      = aslrt.State{Name: "Pack", Type: aslrt.PassState}
	infoNotify    = aslrt.State{Name: "Notify", Type: aslrt.TaskState, Resource: "arn:aws:states:::sns:publish"}
	infoCheckItem = aslrt.State{Name: "CheckItem", Type: aslrt.ChoiceState}
	infoBroken    = aslrt.State{Name: "Broken", Type: aslrt.FailState}
	infoMakeLabel = aslrt.State{Name: "MakeLabel", Type: aslrt.PassState}
)

var (
	ioPrepare = aslrt.StateIO{
		Parameters: aslrt.MustTemplate(`{"orderId.$":"$.id","items.$":"$.items"}`),
		ResultPath: aslrt.MustReferencePath("$.order"),
	}
	ioCharge = aslrt.StateIO{
		Parameters: aslrt.MustTemplate(`{"orderId.$":"$.order.orderId","attempt.$":"$$.State.RetryCount"}`),
		ResultPath: aslrt.MustReferencePath("$.charge"),
	}
	retryCharge = []aslrt.Retrier{
		{ErrorEquals: []string{"Payment.Timeout"}, IntervalSeconds: 2, MaxAttempts: 2, BackoffRate: 2.0, Jitter: aslrt.JitterNone},
	}
	resultPathChargeCatch0 = aslrt.MustReferencePath("$.error")
	rulesRoute             = []*aslrt.Rule{
		aslrt.StringEquals(aslrt.MustReferencePath("$.charge.status"), "paid"),
	}
	ioShip = aslrt.StateIO{
		ResultPath: aslrt.MustReferencePath("$.shipping"),
	}
	resultPathShipCatch0 = aslrt.MustReferencePath("$.shipError")
	resultPack           = aslrt.MustDecode(`"packed"`)
	ioLabel              = aslrt.StateIO{
		ResultPath: aslrt.MustReferencePath("$.labels"),
	}
	itemsPathLabel    = aslrt.MustReferencePath("$.order.items")
	itemSelectorLabel = aslrt.MustTemplate(`{"index.$":"$$.Map.Item.Index","sku.$":"$$.Map.Item.Value"}`)
	rulesCheckItem    = []*aslrt.Rule{
		aslrt.StringEquals(aslrt.MustReferencePath("$.sku"), "broken"),
	}
	ioMakeLabel = aslrt.StateIO{
		Parameters: aslrt.MustTemplate(`{"label.$":"States.Format('{}-{}', $.sku, $.index)"}`),
	}
)

// run runs the machine's states from StartAt.
func (m *Machine) run(x *aslrt.Exec, v aslrt.Value) (aslrt.Value, error) {
	s := statePrepare
	var err error
	for s != stateEnd {
		switch s {
		case statePrepare:
			s, v, err = m.prepare(x, v)
		case stateCharge:
			s, v, err = m.charge(x, v)
		case stateRoute:
			s, v, err = m.route(x, v)
		case stateSettle:
			s, v, err = m.settle(x, v)
		case stateShip:
			s, v, err = m.ship(x, v)
		case stateLabel:
			s, v, err = m.label(x, v)
		case stateDone:
			s, v, err = m.done(x, v)
		case stateRejected:
			s, v, err = m.rejected(x, v)
		}
		if err != nil {
			return nil, err
		}
	}
	return v, nil
}

// prepare is the Pass state "Prepare" (orders.asl.json:5).
func (m *Machine) prepare(x *aslrt.Exec, in aslrt.Value) (state, aslrt.Value, error) {
	if err := x.Enter(&infoPrepare, in); err != nil {
		return 0, nil, err
	}
	result, err := ioPrepare.Input(in, x)
	if err != nil {
		return 0, nil, err
	}
	if err := x.CheckSize(result); err != nil {
		return 0, nil, err
	}
	out, err := ioPrepare.Output(in, result, x)
	if err != nil {
		return 0, nil, err
	}
	x.Exit(out)
	return stateCharge, out, nil
}

// charge is the Task state "Charge" (orders.asl.json:7).
func (m *Machine) charge(x *aslrt.Exec, in aslrt.Value) (state, aslrt.Value, error) {
	if err := x.Enter(&infoCharge, in); err != nil {
		return 0, nil, err
	}
	var attempts [1]int
	for {
		out, err := m.chargeAttempt(x, in)
		if err == nil {
			x.Exit(out)
			return stateRoute, out, nil
		}
		if err = x.Retry(err, retryCharge, attempts[:]); err == nil {
			continue
		}
		// Catch: States.ALL → Rejected, ResultPath $.error
		if errOut, ok := x.Catch(err, aslrt.ErrAll); ok {
			out, err := aslrt.ApplyResultPath(in, errOut, resultPathChargeCatch0)
			if err != nil {
				return 0, nil, err
			}
			x.Exit(out)
			return stateRejected, out, nil
		}
		return 0, nil, err
	}
}

// chargeAttempt is one attempt of the Task state "Charge".
func (m *Machine) chargeAttempt(x *aslrt.Exec, in aslrt.Value) (aslrt.Value, error) {
	args, err := ioCharge.Input(in, x)
	if err != nil {
		return nil, err
	}
	result, err := x.Call(m.calls.Charge, args, 30, 0)
	if err != nil {
		return nil, err
	}
	return ioCharge.Output(in, result, x)
}

// route is the Choice state "Route" (orders.asl.json:13).
func (m *Machine) route(x *aslrt.Exec, in aslrt.Value) (state, aslrt.Value, error) {
	i, err := x.Choice(&infoRoute, in, rulesRoute)
	if err != nil {
		return 0, nil, err
	}
	next := stateRejected // Default
	switch i {
	case 0: // $.charge.status StringEquals "paid"
		next = stateSettle
	}
	return next, in, nil
}

// settle is the Wait state "Settle" (orders.asl.json:16).
func (m *Machine) settle(x *aslrt.Exec, in aslrt.Value) (state, aslrt.Value, error) {
	if err := x.Enter(&infoSettle, in); err != nil {
		return 0, nil, err
	}
	if err := x.WaitSeconds(3600); err != nil {
		return 0, nil, err
	}
	x.Exit(in)
	return stateShip, in, nil
}

// ship is the Parallel state "Ship" (orders.asl.json:17).
func (m *Machine) ship(x *aslrt.Exec, in aslrt.Value) (state, aslrt.Value, error) {
	if err := x.Enter(&infoShip, in); err != nil {
		return 0, nil, err
	}
	out, err := m.shipBranches(x, in)
	if err == nil {
		x.Exit(out)
		return stateLabel, out, nil
	}
	// Catch: States.Timeout → Label, ResultPath $.shipError
	if errOut, ok := x.Catch(err, aslrt.ErrTimeout); ok {
		out, err := aslrt.ApplyResultPath(in, errOut, resultPathShipCatch0)
		if err != nil {
			return 0, nil, err
		}
		x.Exit(out)
		return stateLabel, out, nil
	}
	return 0, nil, err
}

// shipBranches runs the branches of the Parallel state "Ship".
func (m *Machine) shipBranches(x *aslrt.Exec, in aslrt.Value) (aslrt.Value, error) {
	args, err := ioShip.Input(in, x)
	if err != nil {
		return nil, err
	}
	p := x.Parallel(2)
	aslrt.StartBranch(p, 0, args, m, (*Machine).runShipBranch0)
	aslrt.RunBranch(p, 1, args, m, (*Machine).runShipBranch1)
	results, err := p.Join()
	if err != nil {
		return nil, err
	}
	return ioShip.Output(in, results, x)
}

// runShipBranch0 runs branch 0 of the Parallel state "Ship".
func (m *Machine) runShipBranch0(x *aslrt.Exec, v aslrt.Value) (aslrt.Value, error) {
	s := statePack
	var err error
	for s != stateEnd {
		switch s {
		case statePack:
			s, v, err = m.pack(x, v)
		}
		if err != nil {
			return nil, err
		}
	}
	return v, nil
}

// runShipBranch1 runs branch 1 of the Parallel state "Ship".
func (m *Machine) runShipBranch1(x *aslrt.Exec, v aslrt.Value) (aslrt.Value, error) {
	s := stateNotify
	var err error
	for s != stateEnd {
		switch s {
		case stateNotify:
			s, v, err = m.notify(x, v)
		}
		if err != nil {
			return nil, err
		}
	}
	return v, nil
}

// pack is the Pass state "Pack" (orders.asl.json:20).
func (m *Machine) pack(x *aslrt.Exec, in aslrt.Value) (state, aslrt.Value, error) {
	if err := x.Enter(&infoPack, in); err != nil {
		return 0, nil, err
	}
	out := resultPack
	x.Exit(out)
	return stateEnd, out, nil
}

// notify is the Task state "Notify" (orders.asl.json:21).
func (m *Machine) notify(x *aslrt.Exec, in aslrt.Value) (state, aslrt.Value, error) {
	if err := x.Enter(&infoNotify, in); err != nil {
		return 0, nil, err
	}
	out, err := x.Call(m.calls.Publish, in, 5, 0)
	if err != nil {
		return 0, nil, err
	}
	x.Exit(out)
	return stateEnd, out, nil
}

// label is the Map state "Label" (orders.asl.json:24), at most 2
// iterations at a time.
func (m *Machine) label(x *aslrt.Exec, in aslrt.Value) (state, aslrt.Value, error) {
	if err := x.Enter(&infoLabel, in); err != nil {
		return 0, nil, err
	}
	args, err := ioLabel.Input(in, x)
	if err != nil {
		return 0, nil, err
	}
	items, err := x.MapItems(itemsPathLabel, args)
	if err != nil {
		return 0, nil, err
	}
	mp := x.Map(items, aslrt.MapConfig{MaxConcurrency: 2, ToleratedFailureCount: 1, ToleratedFailureCountSet: true})
	g, ctx := errgroup.WithContext(x.Context())
	g.SetLimit(mp.Limit())
	for i := range items {
		g.Go(func() error {
			return mp.Iteration(ctx, i, func(ix *aslrt.Exec, _ aslrt.Value) (aslrt.Value, error) {
				v, err := itemSelectorLabel.Eval(args, ix)
				if err != nil {
					return nil, err
				}
				return m.runLabelProcessor(ix, v)
			})
		})
	}
	results, err := mp.Wait(g.Wait())
	if err != nil {
		return 0, nil, err
	}
	out, err := ioLabel.Output(in, results, x)
	if err != nil {
		return 0, nil, err
	}
	x.Exit(out)
	return stateDone, out, nil
}

// runLabelProcessor runs one iteration of the Map state "Label".
func (m *Machine) runLabelProcessor(x *aslrt.Exec, v aslrt.Value) (aslrt.Value, error) {
	s := stateCheckItem
	var err error
	for s != stateEnd {
		switch s {
		case stateCheckItem:
			s, v, err = m.checkItem(x, v)
		case stateBroken:
			s, v, err = m.broken(x, v)
		case stateMakeLabel:
			s, v, err = m.makeLabel(x, v)
		}
		if err != nil {
			return nil, err
		}
	}
	return v, nil
}

// checkItem is the Choice state "CheckItem" (orders.asl.json:28).
func (m *Machine) checkItem(x *aslrt.Exec, in aslrt.Value) (state, aslrt.Value, error) {
	i, err := x.Choice(&infoCheckItem, in, rulesCheckItem)
	if err != nil {
		return 0, nil, err
	}
	next := stateMakeLabel // Default
	switch i {
	case 0: // $.sku StringEquals "broken"
		next = stateBroken
	}
	return next, in, nil
}

// broken is the Fail state "Broken" (orders.asl.json:31).
func (m *Machine) broken(x *aslrt.Exec, in aslrt.Value) (state, aslrt.Value, error) {
	if err := x.Enter(&infoBroken, in); err != nil {
		return 0, nil, err
	}
	return 0, nil, x.Fail(aslrt.NewError("Item.Broken", "cannot label a broken item"))
}

// makeLabel is the Pass state "MakeLabel" (orders.asl.json:32).
func (m *Machine) makeLabel(x *aslrt.Exec, in aslrt.Value) (state, aslrt.Value, error) {
	if err := x.Enter(&infoMakeLabel, in); err != nil {
		return 0, nil, err
	}
	result, err := ioMakeLabel.Input(in, x)
	if err != nil {
		return 0, nil, err
	}
	if err := x.CheckSize(result); err != nil {
		return 0, nil, err
	}
	out, err := ioMakeLabel.Output(in, result, x)
	if err != nil {
		return 0, nil, err
	}
	x.Exit(out)
	return stateEnd, out, nil
}

// done is the Succeed state "Done" (orders.asl.json:34).
func (m *Machine) done(x *aslrt.Exec, in aslrt.Value) (state, aslrt.Value, error) {
	if err := x.Enter(&infoDone, in); err != nil {
		return 0, nil, err
	}
	x.Exit(in)
	return stateEnd, in, nil
}

// rejected is the Fail state "Rejected" (orders.asl.json:35).
func (m *Machine) rejected(x *aslrt.Exec, in aslrt.Value) (state, aslrt.Value, error) {
	if err := x.Enter(&infoRejected, in); err != nil {
		return 0, nil, err
	}
	return 0, nil, x.Fail(aslrt.NewError("OrderRejected", "the payment failed"))
}

// --- End of the generated code. What follows uses it. ---

// stubTasks implements the machine's tasks in Go.
type stubTasks struct {
	charge  func(ctx context.Context, in aslrt.Value) (aslrt.Value, error)
	publish func(ctx context.Context, in aslrt.Value) (aslrt.Value, error)
}

func (t stubTasks) Charge(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	return t.charge(ctx, in)
}

func (t stubTasks) Publish(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
	return t.publish(ctx, in)
}

func paid(context.Context, aslrt.Value) (aslrt.Value, error) {
	return aslrt.MustDecode(`{"status":"paid"}`), nil
}

func published(context.Context, aslrt.Value) (aslrt.Value, error) {
	return aslrt.MustDecode(`{"MessageId":"m-1"}`), nil
}

var start = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

func printResult(out any, err error) {
	fmt.Println(aslrt.StatusOf(err))
	var e *aslrt.Error
	switch {
	case err == nil:
		fmt.Println(aslrt.EncodeString(out))
	case errors.As(err, &e):
		fmt.Printf("%s: %s\n", e.Name, e.Cause)
	default:
		fmt.Println(err)
	}
}

// A successful run: the hour-long Wait takes no real time on a virtual
// clock, the Map keeps its items in order and builds each iteration's
// input with $$.Map.Item.
func ExampleMachine_Run() {
	clock := aslrt.NewVirtualClock(start)
	m := New(stubTasks{charge: paid, publish: published}, aslrt.WithClock(clock), aslrt.WithExecutionName("order-1"))
	out, err := m.Run(context.Background(), aslrt.MustDecode(`{"id":"o-1","items":["apple","pear","fig"]}`))
	printResult(out, err)
	fmt.Println("virtual time taken:", clock.Now().Sub(start))
	// Output:
	// SUCCEEDED
	// {"id":"o-1","items":["apple","pear","fig"],"order":{"orderId":"o-1","items":["apple","pear","fig"]},"charge":{"status":"paid"},"shipping":["packed",{"MessageId":"m-1"}],"labels":[{"label":"apple-0"},{"label":"pear-1"},{"label":"fig-2"}]}
	// virtual time taken: 1h0m0s
}

// The charge times out on every attempt: the retrier allows two retries
// (after 2 s and 4 s of virtual time), then the catcher sends the order to
// the Fail state. The history shows the event ids AWS would give.
func ExampleMachine_Run_retryAndCatch() {
	clock := aslrt.NewVirtualClock(start)
	inv := aslrt.InvokerFunc(func(ctx context.Context, call aslrt.TaskCall) (aslrt.Value, error) {
		fmt.Printf("call %s attempt %d: %s\n", call.State, call.RetryCount, aslrt.EncodeString(call.Input))
		return nil, aslrt.NewError("Payment.Timeout", "the bank did not answer")
	})
	history := aslrt.WithHistory(func(ev aslrt.Event) { fmt.Println(strings.TrimSpace(fmt.Sprint(ev.ID, " ", ev.Type, " ", ev.State))) })
	m := New(TasksFrom(inv), aslrt.WithClock(clock), history)
	out, err := m.Run(context.Background(), aslrt.MustDecode(`{"id":"o-2","items":[]}`))
	printResult(out, err)
	fmt.Println("virtual time taken:", clock.Now().Sub(start))
	// Output:
	// 1 ExecutionStarted
	// 2 PassStateEntered Prepare
	// 3 PassStateExited Prepare
	// 4 TaskStateEntered Charge
	// 5 LambdaFunctionScheduled Charge
	// 6 LambdaFunctionStarted Charge
	// call Charge attempt 0: {"orderId":"o-2","attempt":0}
	// 7 LambdaFunctionFailed Charge
	// 8 LambdaFunctionScheduled Charge
	// 9 LambdaFunctionStarted Charge
	// call Charge attempt 1: {"orderId":"o-2","attempt":1}
	// 10 LambdaFunctionFailed Charge
	// 11 LambdaFunctionScheduled Charge
	// 12 LambdaFunctionStarted Charge
	// call Charge attempt 2: {"orderId":"o-2","attempt":2}
	// 13 LambdaFunctionFailed Charge
	// 14 TaskStateExited Charge
	// 15 FailStateEntered Rejected
	// 16 ExecutionFailed
	// FAILED
	// OrderRejected: the payment failed
	// virtual time taken: 6s
}

// The Notify task sleeps a minute through the execution's clock, past its
// TimeoutSeconds of 5: the branch fails with States.Timeout and an empty
// cause, the Parallel state fails with the branch's own error, and its
// catcher records the error output.
func ExampleMachine_Run_timeout() {
	clock := aslrt.NewVirtualClock(start)
	slow := func(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
		if err := aslrt.Sleep(ctx, time.Minute); err != nil {
			return nil, err
		}
		return in, nil
	}
	m := New(stubTasks{charge: paid, publish: slow}, aslrt.WithClock(clock))
	out, err := m.Run(context.Background(), aslrt.MustDecode(`{"id":"o-3","items":["nut"]}`))
	printResult(out, err)
	fmt.Println("virtual time taken:", clock.Now().Sub(start))
	// Output:
	// SUCCEEDED
	// {"id":"o-3","items":["nut"],"order":{"orderId":"o-3","items":["nut"]},"charge":{"status":"paid"},"shipError":{"Error":"States.Timeout","Cause":""},"labels":[{"label":"nut-0"}]}
	// virtual time taken: 1h0m5s
}

// A branch of the Parallel state fails with an error its catcher does not
// handle: the Parallel state, and so the execution, fails with the
// branch's own error, not States.BranchFailed (A9.6).
func ExampleMachine_Run_branchFailure() {
	throttled := func(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
		return nil, aslrt.NewError("SNS.ThrottledException", "Rate exceeded")
	}
	m := New(stubTasks{charge: paid, publish: throttled}, aslrt.WithVirtualTime(start))
	out, err := m.Run(context.Background(), aslrt.MustDecode(`{"id":"o-7","items":[]}`))
	printResult(out, err)
	// Output:
	// FAILED
	// SNS.ThrottledException: Rate exceeded
}

// One broken item is tolerated (ToleratedFailureCount 1): its place in the
// result holds its error output. Two are not: the Map fails with
// States.ExceedToleratedFailureThreshold.
func ExampleMachine_Run_toleratedFailure() {
	m := New(stubTasks{charge: paid, publish: published}, aslrt.WithVirtualTime(start))
	out, err := m.Run(context.Background(), aslrt.MustDecode(`{"id":"o-4","items":["cup","broken"]}`))
	printResult(aslrt.MustFromGo(out).(*aslrt.Object).Members()[5].Value, err)
	out, err = m.Run(context.Background(), aslrt.MustDecode(`{"id":"o-5","items":["broken","cup","broken"]}`))
	printResult(out, err)
	// Output:
	// SUCCEEDED
	// [{"label":"cup-0"},{"Error":"Item.Broken","Cause":"cannot label a broken item"}]
	// FAILED
	// States.ExceedToleratedFailureThreshold: The specified tolerated failure threshold was exceeded
}

// An input without "id" makes the Parameters path of Prepare fail with
// States.Runtime; the cause names the state and its entered event (A17.1).
func ExampleMachine_Run_runtimeError() {
	m := New(stubTasks{charge: paid, publish: published})
	out, err := m.Run(context.Background(), aslrt.MustDecode(`{"items":[]}`))
	printResult(out, err)
	// Output:
	// FAILED
	// States.Runtime: An error occurred while executing the state 'Prepare' (entered at the event id #2). The JSONPath '$.id' specified for the field 'orderId.$' could not be found in the input '{"items":[]}'
}

// Cancelling the context aborts the execution.
func ExampleStatusOf() {
	ctx, cancel := context.WithCancel(context.Background())
	charge := func(ctx context.Context, in aslrt.Value) (aslrt.Value, error) {
		cancel()
		<-ctx.Done()
		return nil, ctx.Err()
	}
	m := New(stubTasks{charge: charge, publish: published})
	_, err := m.Run(ctx, aslrt.MustDecode(`{"id":"o-6","items":[]}`))
	fmt.Println(aslrt.StatusOf(err), errors.Is(err, aslrt.ErrAborted), errors.Is(err, context.Canceled))
	// Output:
	// ABORTED true true
}

// BenchmarkMachineRun runs the whole example machine: nine states, a
// Parallel of two branches and a Map of three items, on a virtual clock.
func BenchmarkMachineRun(b *testing.B) {
	m := New(stubTasks{charge: paid, publish: published}, aslrt.WithVirtualTime(start), aslrt.WithExecutionName("bench"))
	in := aslrt.MustDecode(`{"id":"o-1","items":["apple","pear","fig"]}`)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Run(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}
