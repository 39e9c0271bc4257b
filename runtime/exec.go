package aslrt

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// APIVersion1 is the version of the execution API this runtime offers.
// Generated code refers to it (const _ = aslrt.APIVersion1), so code
// generated for an incompatible runtime fails to compile.
const APIVersion1 = 1

// StateType is the type of a state.
type StateType uint8

// The state types of the Amazon States Language.
const (
	PassState StateType = iota + 1
	TaskState
	ChoiceState
	WaitState
	SucceedState
	FailState
	ParallelState
	MapState
)

var stateTypeNames = [...]string{"", "Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"}

// String returns the type's name as written in a definition ("Pass", ...).
func (t StateType) String() string {
	if int(t) < len(stateTypeNames) {
		return stateTypeNames[t]
	}
	return "StateType(" + strconv.Itoa(int(t)) + ")"
}

var (
	enteredEvents = [...]EventType{"", PassStateEntered, TaskStateEntered, ChoiceStateEntered, WaitStateEntered, SucceedStateEntered, FailStateEntered, ParallelStateEntered, MapStateEntered}
	exitedEvents  = [...]EventType{"", PassStateExited, TaskStateExited, ChoiceStateExited, WaitStateExited, SucceedStateExited, "", ParallelStateExited, MapStateExited}
	abortedEvents = [...]EventType{"", "", TaskStateAborted, "", WaitStateAborted, "", "", ParallelStateAborted, MapStateAborted}
)

// State describes one state of a machine to the runtime. Generated code
// declares one per state at package level and passes it to Exec.Enter.
//
// Its fields are in the order that makes it 48 bytes.
type State struct {
	// Name is the state's name.
	Name string
	// Resource is a Task state's resource ARN: it decides the history
	// events (LambdaFunction... for Lambda ARNs, Activity... for activities,
	// Task... otherwise) and the name in States.DataLimitExceeded causes.
	Resource string
	// Type is the state's type.
	Type StateType
	// Retry is true when the state has a non-empty Retry field; only then
	// does the context object carry State.RetryCount (A14.6).
	Retry bool
	// Credentials is true when a Task state has a Credentials field: AWS
	// calls its resource with the role it names (A2.23). Go task
	// functions run in-process and have no use for it; an Invoker that
	// calls AWS sees it in TaskCall.
	Credentials bool

	res atomic.Pointer[resourceInfo] // what Resource implies, once known
}

// resourceInfo is what a Task state's resource implies for its events.
type resourceInfo struct {
	arn       string // the resource's ARN, State.Resource
	events    *taskEvents
	submitted bool   // TaskSubmitted after TaskStarted
	callback  bool   // .waitForTaskToken: $$.Task.Token
	label     string // the name in States.DataLimitExceeded causes
}

// resource returns what st's Resource implies, working it out once.
func (st *State) resource() *resourceInfo {
	if r := st.res.Load(); r != nil {
		return r
	}
	r := &resourceInfo{
		arn:       st.Resource,
		events:    eventTypesOf(st.Resource),
		submitted: isSubmitted(st.Resource),
		callback:  isCallback(st.Resource),
		label:     resourceLabel(st.Resource),
	}
	st.res.Store(r)
	return r
}

// resource is st.resource(), the facts of the last Task state run in this
// scope when st names the same resource: the same string, as the states
// of generated code that name one resource share their ARN's bytes.
func (x *Exec) resource(st *State) *resourceInfo {
	if r := x.res; r != nil && len(r.arn) == len(st.Resource) && unsafe.StringData(r.arn) == unsafe.StringData(st.Resource) {
		return r
	}
	r := st.resource()
	x.res = r
	return r
}

// Definition describes a compiled state machine to the runtime. Generated
// code declares one at package level.
type Definition struct {
	// Name is the machine's default name ($$.StateMachine.Name).
	Name string
	// TimeoutSeconds is the top-level TimeoutSeconds; 0 means none.
	TimeoutSeconds int64
	// Express is set for an EXPRESS state machine, whose executions keep
	// no history in AWS and so have no history limit (A19.2 applies to
	// STANDARD executions).
	Express bool
}

// Machine is a compiled state machine with its options: what a generated
// machine starts its executions from. It is safe for concurrent use.
type Machine struct {
	machObj   *Object // $$.StateMachine
	def       Definition
	cfg       config
	name      string
	arn       string
	partition string
	region    string
	account   string
}

// NewMachine returns the runtime side of a generated machine.
func NewMachine(def Definition, opts ...Option) *Machine {
	m := &Machine{def: def}
	for _, o := range opts {
		o(&m.cfg)
	}
	if m.cfg.clock == nil {
		m.cfg.clock = RealClock{}
	}
	m.partition, m.region, m.account = DefaultPartition, DefaultRegion, DefaultAccount
	m.name = def.Name
	if arn := m.cfg.machineARN; arn != "" {
		// arn:<partition>:states:<region>:<account>:stateMachine:<name>
		if p := strings.Split(arn, ":"); len(p) >= 7 {
			m.partition, m.region, m.account, m.name = p[1], p[3], p[4], p[6]
		}
		m.arn = arn
	}
	if m.cfg.partition != "" {
		m.partition = m.cfg.partition
	}
	if m.cfg.region != "" {
		m.region = m.cfg.region
	}
	if m.cfg.account != "" {
		m.account = m.cfg.account
	}
	if m.cfg.machineName != "" {
		m.name = m.cfg.machineName
	}
	if m.arn == "" {
		m.arn = "arn:" + m.partition + ":states:" + m.region + ":" + m.account + ":stateMachine:" + m.name
	}
	m.machObj = ObjectOf(Member{"Id", m.arn}, Member{"Name", m.name})
	return m
}

// Name returns the machine's name.
func (m *Machine) Name() string { return m.name }

// ARN returns the machine's ARN ($$.StateMachine.Id).
func (m *Machine) ARN() string { return m.arn }

// execution is what the scopes of one execution share.
type execution struct {
	m      *Machine
	ctx    context.Context
	cancel context.CancelCauseFunc // ends a virtual-time deadline, or nil
	stop   context.CancelFunc      // releases a real-time deadline, or nil
	h      *history
	input  Value
	start  time.Time
	name   string
	clock  Clock
	vclock *VirtualClock // nil unless the clock is virtual
	dl     *deadline     // the execution's virtual deadline, or nil
	rng    atomic.Uint64
	// maxEvents is the count of events at which entering a state fails:
	// the history limit of a STANDARD execution (A19.2), none for EXPRESS.
	maxEvents int64

	staticOnce sync.Once
	execObj    *Object // $$.Execution

	// allocated with the execution
	hist    history
	rootSeg segment
	root    Exec
}

// errExecutionTimeout is the cancellation cause of an execution whose
// TimeoutSeconds elapsed.
var errExecutionTimeout = errors.New("execution TimeoutSeconds elapsed")

// Exec is one scope of a running execution: the execution itself, a
// Parallel branch or a Map iteration. Generated code passes it to every
// state function; it carries the execution's context, the current state,
// the variables of the scope, and the history. It is the Scope that paths,
// templates and intrinsics are evaluated with.
//
// The generated Run starts an execution with Machine.Start, runs the state
// loop and ends with Finish. Every state function begins with Enter and,
// unless it fails, ends with Exit (Fail states end with Fail instead), or
// is one call that does both (PassThrough, Task, Choice):
//
//	func (m *Machine) charge(x *aslrt.Exec, in aslrt.Value) (state, aslrt.Value, error) {
//		if err := x.Enter(&infoCharge, in); err != nil {
//			return 0, nil, err
//		}
//		var attempts [1]int // one counter per retrier, for this visit
//		for {
//			out, err := m.chargeAttempt(x, in) // InputPath, Parameters, x.Call, ResultSelector, ResultPath, OutputPath
//			if err == nil {
//				x.Exit(out)
//				return stateRoute, out, nil
//			}
//			if err = x.Retry(err, retryCharge, attempts[:]); err == nil {
//				continue
//			}
//			if errOut, ok := x.Catch(err, aslrt.ErrAll); ok { // one call per catcher, in order
//				out, err := aslrt.ApplyResultPath(in, errOut, resultPathChargeCatch0)
//				if err != nil {
//					return 0, nil, err
//				}
//				x.Exit(out)
//				return stateRejected, out, nil
//			}
//			return 0, nil, err
//		}
//	}
//
// Errors need no wrapping on their way out: the runtime adds the cause
// prefix of States.Runtime and States.QueryEvaluationError failures
// (naming the state the scope was in and its entered event, A17.1) when
// Retry, Catch, a Group or Finish first sees them, and errors that stop the
// execution (abort, timeout) pass through Retry and Catch untouched.
// machine_example_test.go shows the code for every kind of state.
//
// An Exec is used by one goroutine at a time: the states of a scope run one
// after the other. Branches and iterations get their own Exec from a Group.
type Exec struct {
	ctx    context.Context
	e      *execution
	parent *Exec   // enclosing scope, for variables
	vars   *Object // variables assigned in this scope
	seg    *segment
	tl     *timeline // virtual time of this scope; nil for other clocks
	ownTL  timeline  // what tl points to

	st      *State
	stSeg   *segment // segment of st's entered event
	stIdx   int64    // index of st's entered event in stSeg
	entered int64    // Unix nanoseconds when st was entered; 0 until known
	// enteredText is entered as the context object writes it, once needed
	enteredText string
	retries     int
	ctxObj      *Object
	item        *mapItem
	ownItem     mapItem // what item points to in a Map iteration
	// owned is a document this scope created and has not handed out, and
	// cleanArgs the last object built in the current state by a template
	// that does not read the whole input (io_owned.go).
	owned     *Object
	cleanArgs *Object
	token     string
	assigned  *Object
	open      bool // st was entered in this scope and not left
	// calm is set when ctx can never be done (its Done is nil, as for
	// context.Background): entering a state need not ask it.
	calm bool
	// plain is plainAll while entering a state has only to count it: the
	// scope is calm, on a real clock, in an execution without a history
	// hook or logger, the execution's own (whose segment is in no group,
	// so that its count of events is seg.n, and is stSeg), and the fields
	// Enter clears (cleanArgs, ctxObj, item, token, assigned,
	// enteredText) are clear; plainCounted alone when all but the real
	// clock hold. enter sets it; whatever sets one of those fields clears
	// it.
	plain uint8
	// fresh is set in the scope of a Map iteration that Group.Work
	// started just now, after finding its context not done, in a group
	// whose iterations are quick (Group.quick): its first state is
	// entered without asking the context or counting the history
	// (enterFresh).
	fresh bool
	// intsLeft: see ints.
	intsLeft uint8
	// res is what the resource of the last Task state run here implies
	// (State.resource), which the scope's next Task states share when
	// they name the same resource: a chain of them then reads one.
	res *resourceInfo
	// ints is the block of integers intValue hands out, of which the
	// last intsLeft are not taken yet.
	ints *[intBlock]int64

	lastErr  *Error // the last error marked, and its failure
	lastFail *failure

	// sizes are bounds of the sizes of the values of the current state
	// (size.go).
	sizes sizes

	// tc is the context of the scope's task calls without limits, made
	// by its first call with the scope's context and clock
	// (Exec.taskContext); nil until then. It is not part of the scope
	// itself, which a Parallel state makes for each branch, most of
	// them calling no task.
	tc *taskContext
}

type mapItem struct {
	index int
	value Value
	// bound is an upper bound of the size of the value and of any part
	// of it, or -1 (Group.itemBound)
	bound int
}

// Start starts an execution of m with input (a Value, or any Go value
// FromGo converts; json.RawMessage is decoded as JSON text). It records
// ExecutionStarted and returns the execution's root scope and the input as
// a Value. The caller runs the states and must end with Finish. Input that
// is not JSON fails with InvalidExecutionInput (A1.18), input of more than
// MaxPayloadSize bytes with States.DataLimitExceeded (A19.1; AWS refuses
// such input at StartExecution, with a message not on record).
func (m *Machine) Start(ctx context.Context, input any) (*Exec, Value, error) {
	in, size, err := inputValue(input)
	if err != nil {
		return nil, nil, err
	}
	e := &execution{m: m, input: in, clock: m.cfg.clock, maxEvents: maxHistoryEvents - 1}
	if m.def.Express {
		e.maxEvents = math.MaxInt64
	}
	if m.cfg.seeded {
		e.rng.Store(m.cfg.seed)
	} else {
		e.rng.Store(rand.Uint64())
	}
	e.vclock, _ = e.clock.(*VirtualClock)
	e.start = e.clock.Now()
	e.name = m.cfg.execName
	if e.name == "" {
		e.name = newUUID(e.random)
	}
	e.h = &e.hist
	e.hist.init(m.cfg.hook, m.cfg.logger, e.name)
	e.ctx = ctx
	e.rootSeg.known = true
	x := &e.root
	*x = Exec{e: e, seg: &e.rootSeg}
	if e.vclock != nil {
		x.tl = &x.ownTL
		x.tl.now.Store(e.start.UnixNano())
	}
	if t := m.def.TimeoutSeconds; t > 0 {
		d := time.Duration(t) * time.Second
		if x.tl != nil {
			e.ctx, e.cancel = context.WithCancelCause(ctx)
			e.dl = newDeadline(e.start.UnixNano()+int64(d), errExecutionTimeout, e.cancel, nil)
		} else {
			e.ctx, e.stop = context.WithDeadlineCause(ctx, e.start.Add(d), errExecutionTimeout)
		}
	}
	x.ctx = e.ctx
	x.calm = x.ctx.Done() == nil
	if k, ok := keyOf(in); ok {
		x.sizes.slot[0] = sized{k, size}
	}
	x.record(&Event{Type: ExecutionStarted, Input: in})
	return x, in, nil
}

// inputValue converts an execution input (A1.18).
func inputValue(input any) (Value, int, error) {
	var v Value
	var err error
	if raw, ok := input.(json.RawMessage); ok {
		v, err = Decode(raw)
	} else if n, ok := canonicalSize(input, 0, 0); ok && n <= MaxPayloadSize {
		// the usual input, a Value within the limit: one walk
		return input, n, nil
	} else {
		v, err = FromGo(input)
	}
	if err != nil {
		return nil, 0, &Error{Name: "InvalidExecutionInput", Cause: "Invalid State Machine Execution Input: '" + err.Error() + "'"}
	}
	n := JSONSize(v, MaxPayloadSize)
	if n > MaxPayloadSize {
		return nil, 0, &Error{Name: ErrDataLimitExceeded, Cause: "The execution input exceeds the maximum number of bytes service limit."}
	}
	return v, n, nil
}

// Finish ends the execution with the output of its last state or the
// error that ended it, records the last history event, and returns what
// the generated Run returns: the output, or an error that StatusOf
// classifies. A failed execution returns its *Error with the cause as AWS
// reports it; a timed-out one an error wrapping ErrTimedOut; an aborted one
// an error wrapping ErrAborted and the context's cause.
func (x *Exec) Finish(out Value, err error) (Value, error) {
	e := x.e
	defer func() {
		if e.stop != nil {
			e.stop()
		}
		if e.cancel != nil {
			e.cancel(context.Canceled)
		}
		if e.vclock != nil {
			e.vclock.advanceTo(x.tl.now.Load())
		}
	}()
	if err == nil {
		x.record(&Event{Type: ExecutionSucceeded, Output: out})
		return out, nil
	}
	err = x.mark(err)
	if h, ok := err.(*haltError); ok {
		cause := context.Cause(e.ctx)
		if errors.Is(cause, errExecutionTimeout) || errors.Is(h.cause, errExecutionTimeout) {
			x.record(&Event{Type: ExecutionTimedOut, Error: ErrTimeout})
			return nil, ErrTimedOut
		}
		if cause == nil {
			cause = h.cause
		}
		x.record(&Event{Type: ExecutionAborted})
		return nil, &abortedError{cause: cause}
	}
	f := err.(*failure)
	fe := f.render()
	x.record(&Event{Type: ExecutionFailed, Error: fe.Name, Cause: fe.Cause})
	return nil, fe
}

// Context returns the scope's context: cancelled when the execution is
// aborted or times out, and for a branch or iteration also when a sibling
// fails. Generated code derives errgroups from it.
func (x *Exec) Context() context.Context { return x.ctx }

// Name returns the execution's name.
func (x *Exec) Name() string { return x.e.name }

// ExecutionARN returns the execution's ARN ($$.Execution.Id).
func (x *Exec) ExecutionARN() string { return x.e.arn() }

func (e *execution) arn() string {
	m := e.m
	return "arn:" + m.partition + ":states:" + m.region + ":" + m.account + ":execution:" + m.name + ":" + e.name
}

// Now returns the current time on the execution's clock, in this scope.
func (x *Exec) Now() time.Time {
	if x.tl != nil {
		return time.Unix(0, x.tl.now.Load()).UTC()
	}
	return x.e.clock.Now()
}

// Enter records that the state st is entered with input in: the
// <Type>StateEntered event. It fails when the execution was aborted or
// timed out, or when the history is full (States.Runtime, A19.2).
func (x *Exec) Enter(st *State, in Value) error {
	// the usual state without a call, so that nothing is saved around
	// one; any other in enter
	if x.enterPlain(st, in) {
		return nil
	}
	return x.enter(st, in)
}

// The bits of Exec.plain.
const (
	plainCounted   = 1 << iota // entering a state only counts it
	plainRealClock             // and the clock is real
	plainAll       = plainCounted | plainRealClock
)

// enterPlain is Enter for the usual state, small enough to be inlined
// where states are entered: it enters st and returns true in a plain
// scope on a real clock that enters st with the document it left its
// last state with, within the history limit, and does nothing and
// returns false otherwise. Task states go to enterCounted (Exec.Task).
func (x *Exec) enterPlain(st *State, in Value) bool {
	if seg := x.seg; x.plain == plainAll && st.Type != TaskState && x.sizes.isCurrent(in) && seg.n < x.e.maxEvents {
		x.st, x.open = st, true
		x.retries, x.entered = 0, 0
		x.stIdx = seg.n
		seg.n++
		return true
	}
	return false
}

// enterCounted is enterPlain for a state of any type that needs nothing
// else on entering, on any clock: a Task state whose resource needs no
// task token.
func (x *Exec) enterCounted(st *State, in Value) bool {
	if seg := x.seg; x.plain&plainCounted != 0 && x.sizes.isCurrent(in) && seg.n < x.e.maxEvents {
		x.st, x.open = st, true
		x.retries, x.entered = 0, 0
		if tl := x.tl; tl != nil {
			x.entered = tl.now.Load()
		}
		x.stIdx = seg.n
		seg.n++
		return true
	}
	return false
}

// enter is Enter for any state.
func (x *Exec) enter(st *State, in Value) error {
	if x.fresh && st.Type != TaskState {
		x.enterFresh(st, in)
		return nil
	}
	if !x.calm && x.ctx.Err() != nil {
		return x.halt()
	}
	h := x.e.h
	if x.seg.events() >= x.e.maxEvents {
		return x.historyFull()
	}
	x.st, x.open = st, true
	if x.stSeg != x.seg {
		x.stSeg = x.seg
	}
	if !x.sizes.isCurrent(in) {
		x.sizes.makeCurrent(in)
	}
	if x.cleanArgs != nil {
		x.cleanArgs = nil
	}
	x.retries, x.entered = 0, 0
	// Clear only what is set: stores of pointers cost write barriers.
	if x.ctxObj != nil || x.item != nil || x.token != "" || x.assigned != nil || x.enteredText != "" {
		x.ctxObj, x.item, x.token, x.assigned, x.enteredText = nil, nil, "", nil, ""
	}
	if x.tl != nil {
		x.entered = x.tl.now.Load()
	}
	if st.Type == TaskState && x.resource(st).callback {
		x.token = newUUID(x.e.random)
	}
	x.plain = 0
	if x.calm && !h.sink && x.token == "" && x.seg.grp == nil {
		x.plain = plainCounted
		if x.tl == nil {
			x.plain = plainAll
		}
	}
	if !h.sink {
		x.stIdx = x.seg.n
		x.seg.n++
		return nil
	}
	x.recordEntered(st, in)
	return nil
}

// enterFresh is enter for the first state of a Map iteration in a fresh
// scope: what enter does when the context is not done, the history has no
// limit, the clock is real, there is no hook and st is not a task.
func (x *Exec) enterFresh(st *State, in Value) {
	x.fresh = false
	x.st, x.open = st, true
	if x.stSeg != x.seg {
		x.stSeg = x.seg
	}
	if !x.sizes.isCurrent(in) {
		x.sizes.makeCurrent(in)
	}
	// the item, always set, on its own; the ItemSelector may also have
	// left the context object or the last template's object
	x.item = nil
	if x.cleanArgs != nil || x.ctxObj != nil || x.token != "" || x.assigned != nil || x.enteredText != "" {
		x.cleanArgs, x.ctxObj, x.token, x.assigned, x.enteredText = nil, nil, "", nil, ""
	}
	x.retries, x.entered = 0, 0
	x.stIdx = x.seg.n
	x.seg.n++
}

// recordEntered records the <Type>StateEntered event of st, entered with
// input in.
func (x *Exec) recordEntered(st *State, in Value) {
	ev := Event{State: st.Name, Input: in}
	if int(st.Type) < len(enteredEvents) {
		ev.Type = enteredEvents[st.Type]
	}
	x.stIdx = x.record(&ev)
}

// historyFull is the failure of a state entered when the history is full
// (A19.2).
func (x *Exec) historyFull() error {
	return x.userError(&Error{Name: ErrRuntime, Cause: "The execution reached the maximum number of history events (" + strconv.Itoa(maxHistoryEvents) + ")."})
}

// Exit records that the current state is left with output out: the
// <Type>StateExited event, carrying the variables the state assigned.
func (x *Exec) Exit(out Value) {
	switch z := &x.sizes; {
	case z.isCurrent(out):
	case z.isOther(out):
		// the value the state computed last, such as a task's result
		z.cur ^= 1
	default:
		z.makeCurrent(out)
	}
	x.exited(out)
}

// exitResult is Exit for an output the current state computed last, such
// as a task's result, whose size is at most n: what noting its bound and
// then Exit do, in one go.
func (x *Exec) exitResult(out Value, n int) {
	if k, ok := keyOf(out); ok {
		z := &x.sizes
		s := &z.slot[z.cur&1]
		if s.k != k {
			z.cur ^= 1
			s = &z.slot[z.cur&1]
			s.k = k
		}
		s.n = n
	} else {
		x.sizes.makeCurrent(out)
	}
	x.exited(out)
}

// exitSized is Exit for an output whose size is at most n, a bound the
// scope keeps for it.
func (x *Exec) exitSized(out Value, n int) {
	if k, ok := keyOf(out); ok {
		x.sizes.current(k, n)
	} else {
		x.sizes.makeCurrent(out)
	}
	x.exited(out)
}

// exited records that the current state is left with output out, whose
// bound the scope keeps.
func (x *Exec) exited(out Value) {
	x.open = false
	if x.e.h.sink {
		x.recordExited(out)
		return
	}
	x.seg.n++
}

// recordExited records the <Type>StateExited event of the current state,
// left with output out.
func (x *Exec) recordExited(out Value) {
	ev := Event{Output: out, Assigned: x.assigned}
	if x.st != nil && int(x.st.Type) < len(exitedEvents) {
		ev.Type, ev.State = exitedEvents[x.st.Type], x.st.Name
	}
	x.record(&ev)
}

// State returns the current state.
func (x *Exec) State() *State { return x.st }

// record adds ev to the history of this scope and returns its index in
// the scope's segment.
func (x *Exec) record(ev *Event) int64 {
	if x.e.h.sink {
		ev.Time = x.Now()
	}
	return x.e.h.record(x.seg, ev)
}

// Record adds an event of the current state to the history; generated
// code uses it for events the runtime does not record itself. Its State
// defaults to the current state's name.
func (x *Exec) Record(ev Event) {
	if ev.State == "" && x.st != nil {
		ev.State = x.st.Name
	}
	x.record(&ev)
}

// halt returns the error that stops work in this scope because its
// context is done.
func (x *Exec) halt() error {
	return &haltError{cause: context.Cause(x.ctx)}
}

// random returns a uniformly distributed random number: SplitMix64 over an
// atomic counter, so concurrent scopes can draw without a lock.
func (e *execution) random() uint64 {
	z := e.rng.Add(0x9e3779b97f4a7c15)
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Random returns a uniformly distributed random number from the
// execution's source (Scope).
func (x *Exec) Random() uint64 { return x.e.random() }

// newUUID returns a random (version 4) UUID.
func newUUID(random func() uint64) string {
	var b [16]byte
	a, c := random(), random()
	for i := range 8 {
		b[i] = byte(a >> (8 * i))
		b[8+i] = byte(c >> (8 * i))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	const hex = "0123456789abcdef"
	out := make([]byte, 0, 36)
	for i, v := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, hex[v>>4], hex[v&15])
	}
	return string(out)
}

// haltError stops the work of a scope whose context is done: the execution
// was aborted or timed out, or a sibling branch failed. It is never caught
// or retried.
type haltError struct{ cause error }

func (h *haltError) Error() string {
	if h.cause == nil {
		return "execution stopped"
	}
	return "execution stopped: " + h.cause.Error()
}

func (h *haltError) Unwrap() error { return h.cause }

// failure is an error on its way out of a state: the error as raised and,
// for States.Runtime and States.QueryEvaluationError raised by the runtime,
// the state and entered event its cause must name (A17.1). User-raised
// errors (Fail states, tasks) have no state and keep their cause (A17.2).
type failure struct {
	err       *Error
	heartbeat bool // a missed heartbeat: also matched by States.HeartbeatTimeout
	state     string
	h         *history
	seg       *segment
	idx       int64
	out       *Error // err with the cause prefix, once rendered
}

func (f *failure) Error() string { return f.err.Error() }

// Unwrap returns the error as raised, without the cause prefix.
func (f *failure) Unwrap() error { return f.err }

// render returns the error as AWS reports it, with the cause prefix when
// it needs one. It waits until the state's event id is known.
func (f *failure) render() *Error {
	if f.state == "" {
		return f.err
	}
	if f.out == nil {
		f.out = f.withID(f.h.id(f.seg, f.idx))
	}
	return f.out
}

func (f *failure) withID(id int64) *Error {
	return &Error{
		Name:   f.err.Name,
		Cause:  "An error occurred while executing the state '" + f.state + "' (entered at the event id #" + strconv.FormatInt(id, 10) + "). " + f.err.Cause,
		NoName: f.err.NoName,
	}
}

// renderKnown renders err for an event being delivered, when the ids of
// everything before the event are known; history.mu is held.
func renderKnown(err error) *Error {
	f, ok := err.(*failure)
	if !ok {
		return AsError(err)
	}
	if f.state == "" {
		return f.err
	}
	if f.out == nil {
		id, _ := idLocked(f.seg, f.idx)
		f.out = f.withID(id)
	}
	return f.out
}

// mark turns err into the failure of the current state: errors that
// already passed a state (failures) and halts are returned unchanged;
// States.Runtime and States.QueryEvaluationError errors raised by the
// runtime get the current state for their cause prefix, and the latter
// an EvaluationFailed event (A16.8).
func (x *Exec) mark(err error) error {
	switch err := err.(type) {
	case *failure, *haltError:
		return err
	case *Error:
		if err == x.lastErr {
			return x.lastFail
		}
	}
	var f *failure
	var h *haltError
	switch {
	case errors.As(err, &f):
		return f
	case errors.As(err, &h):
		return h
	}
	e := AsError(err)
	f = &failure{err: e}
	if (e.Name == ErrRuntime || e.Name == ErrQueryEvaluationError) && x.st != nil {
		f.state, f.h, f.seg, f.idx = x.st.Name, x.e.h, x.stSeg, x.stIdx
		if e.Name == ErrQueryEvaluationError {
			x.record(&Event{Type: EvaluationFailed, State: x.st.Name, Error: e.Name, Cause: e.Cause})
		}
	}
	x.lastErr, x.lastFail = e, f
	return f
}

// userError marks e as raised by the definition or a task: its cause is
// reported as it is.
func (x *Exec) userError(e *Error) error {
	f := &failure{err: e}
	x.lastErr, x.lastFail = e, f
	return f
}

// Fail raises the error of a Fail state (A8.3, A8.4). A Fail state without
// Error or ErrorPath raises an error without a name: use NoName.
func (x *Exec) Fail(e *Error) error {
	return x.userError(e)
}

// Failure returns err as the state reports it: an *Error with the cause
// prefix AWS gives runtime failures; nil for nil and for errors that stop
// the execution rather than fail it (abort, timeout). It waits until the
// failing state's event id is known.
func (x *Exec) Failure(err error) *Error {
	if err == nil {
		return nil
	}
	f, ok := x.mark(err).(*failure)
	if !ok {
		return nil
	}
	return f.render()
}

// isCallback reports whether a resource waits for a task token.
func isCallback(resource string) bool {
	return strings.HasSuffix(resource, ".waitForTaskToken")
}
