package ast

// State is one state of a Machine: *Pass, *Task, *Choice, *Wait, *Succeed,
// *Fail, *Parallel, *Map, or *Invalid.
type State interface {
	// Base returns the fields every state has.
	Base() *BaseState
	isState()
}

// State type names, as written in a state's Type field.
const (
	TypePass     = "Pass"
	TypeTask     = "Task"
	TypeChoice   = "Choice"
	TypeWait     = "Wait"
	TypeSucceed  = "Succeed"
	TypeFail     = "Fail"
	TypeParallel = "Parallel"
	TypeMap      = "Map"
)

// BaseState holds the fields every state has.
type BaseState struct {
	// Name is the state's name, the key in its machine's States object.
	Name string
	// NamePos is the position of that key.
	NamePos Pos
	// Pos is the position of the state object.
	Pos Pos
	// Pointer is /States/<Name> for a top-level state and, inside a branch
	// or processor, the full pointer such as
	// /States/P/Branches[0]/States/<Name>.
	Pointer       string
	Type          *StringField
	Comment       *StringField
	QueryLanguage *StringField
	// Language is the state's effective query language, JSONPath or
	// JSONata: its own QueryLanguage, else the top-level machine's (states
	// in branches and processors inherit from the top level, not from the
	// enclosing state, A1.10), else JSONPath.
	Language string
	// Raw is the state object as written.
	Raw *JSON
}

// Base implements State.
func (b *BaseState) Base() *BaseState { return b }

func (*BaseState) isState() {}

// JSONata reports whether the state's effective language is JSONata.
func (b *BaseState) JSONata() bool { return b.Language == JSONata }

// IO holds InputPath and OutputPath (JSONPath states only).
type IO struct {
	InputPath  *StringField
	OutputPath *StringField
}

// Transition holds Next and End.
type Transition struct {
	Next *StringField
	End  *BoolField
}

// Flow returns the state's Next and End fields.
func (t *Transition) Flow() *Transition { return t }

// Terminal reports whether the state ends its machine ("End": true).
func (t *Transition) Terminal() bool { return t.End != nil && t.End.Value }

// ErrorHandling holds Retry and Catch.
type ErrorHandling struct {
	Retry []*Retrier
	Catch []*Catcher
}

// Handlers returns the state's Retry and Catch fields.
func (h *ErrorHandling) Handlers() *ErrorHandling { return h }

// Pass is a Pass state.
type Pass struct {
	BaseState
	IO
	Transition
	Parameters *JSON
	Result     *JSON
	ResultPath *StringField
	Assign     *JSON
	Output     *JSON
}

// Task is a Task state.
type Task struct {
	BaseState
	IO
	Transition
	ErrorHandling
	Resource             *StringField
	Parameters           *JSON
	Arguments            *JSON
	ResultSelector       *JSON
	ResultPath           *StringField
	TimeoutSeconds       *JSON // integer, or a JSONata expression
	TimeoutSecondsPath   *StringField
	HeartbeatSeconds     *JSON // integer, or a JSONata expression
	HeartbeatSecondsPath *StringField
	Credentials          *JSON
	Assign               *JSON
	Output               *JSON
}

// Choice is a Choice state.
type Choice struct {
	BaseState
	IO
	Choices []*Rule
	Default *StringField
	Assign  *JSON
	Output  *JSON
}

// Wait is a Wait state.
type Wait struct {
	BaseState
	IO
	Transition
	Seconds       *JSON // integer, or a JSONata expression
	SecondsPath   *StringField
	Timestamp     *JSON // RFC 3339 string, or a JSONata expression
	TimestampPath *StringField
	Assign        *JSON
	Output        *JSON
}

// Succeed is a Succeed state.
type Succeed struct {
	BaseState
	IO
	Output *JSON
}

// Fail is a Fail state.
type Fail struct {
	BaseState
	Error     *JSON // string, or a JSONata expression
	ErrorPath *StringField
	Cause     *JSON // string, or a JSONata expression
	CausePath *StringField
}

// Parallel is a Parallel state.
type Parallel struct {
	BaseState
	IO
	Transition
	ErrorHandling
	Branches       []*Machine
	Parameters     *JSON
	Arguments      *JSON
	ResultSelector *JSON
	ResultPath     *StringField
	Assign         *JSON
	Output         *JSON
}

// Map is a Map state.
type Map struct {
	BaseState
	IO
	Transition
	ErrorHandling
	// ItemProcessor is the machine run for each item, written either as
	// ItemProcessor or as the legacy Iterator (then LegacyIterator is set).
	ItemProcessor  *Machine
	LegacyIterator bool
	ItemsPath      *StringField
	Items          *JSON // array, or a JSONata expression
	ItemSelector   *JSON
	// Parameters is the legacy name of ItemSelector.
	Parameters                     *JSON
	MaxConcurrency                 *JSON // integer, or a JSONata expression
	MaxConcurrencyPath             *StringField
	ToleratedFailurePercentage     *JSON // number, or a JSONata expression
	ToleratedFailurePercentagePath *StringField
	ToleratedFailureCount          *JSON // integer, or a JSONata expression
	ToleratedFailureCountPath      *StringField
	ItemReader                     *JSON
	ItemBatcher                    *JSON
	ResultWriter                   *JSON
	Label                          *StringField
	ResultSelector                 *JSON
	ResultPath                     *StringField
	Assign                         *JSON
	Output                         *JSON
}

// Invalid is a state whose Type is missing or unknown. It is kept so that
// transitions to it resolve; its Next is read when it is a string.
type Invalid struct {
	BaseState
	Next *StringField
}

// Retrier is one entry of a Retry array.
type Retrier struct {
	Pos             Pos
	Pointer         string
	ErrorEquals     []*StringField
	IntervalSeconds *NumberField
	MaxAttempts     *NumberField
	BackoffRate     *NumberField
	MaxDelaySeconds *NumberField
	JitterStrategy  *StringField
	Comment         *StringField
	Raw             *JSON
}

// Catcher is one entry of a Catch array.
type Catcher struct {
	Pos         Pos
	Pointer     string
	ErrorEquals []*StringField
	Next        *StringField
	ResultPath  *StringField
	Assign      *JSON
	Output      *JSON
	Comment     *StringField
	Raw         *JSON
}

// Retrier defaults (A10.1).
const (
	DefaultIntervalSeconds = 1
	DefaultMaxAttempts     = 3
	DefaultBackoffRate     = 2.0
)
