package ir

// State is one state: *Pass, *Task, *Choice, *Wait, *Succeed, *Fail,
// *Parallel or *Map.
type State interface {
	// Base returns what every state has.
	Base() *StateBase
}

// Query languages of a state.
const (
	LangJSONPath = "JSONPath"
	LangJSONata  = "JSONata"
)

// StateBase is what every state has.
type StateBase struct {
	// Name is the state's name as written.
	Name string
	// Type is the state's type as written: Pass, Task, ...
	Type string
	// Language is the state's effective query language, JSONPath or JSONata.
	Language string
	Pos      Pos
	Comment  string
	// Pointer locates the state in AWS's notation (/States/A/Branches[0]/States/B).
	Pointer string
	// Machine is the machine the state belongs to.
	Machine *Machine
	// GoName is the state's name in Go, unique among the program's states;
	// the other names derive from it: Func is the method that runs the
	// state, Const the constant that stands for it, Info the variable that
	// describes it to the runtime, and Attempt the method that runs one
	// attempt of a Task, Parallel or Map state ("" for other states).
	GoName  string
	Func    string
	Const   string
	Info    string
	Attempt string
}

// Base implements State.
func (b *StateBase) Base() *StateBase { return b }

// Flow is where a state goes when it completes normally: the state named
// by Next, or nil when the state ends its machine (End, or a Succeed
// state).
type Flow struct {
	Next State
}

// IO is a JSONPath state's input and output processing (A3.1): raw input →
// InputPath → Parameters → work → ResultSelector → ResultPath → OutputPath.
// Absent fields are nil. JSONata states use Arguments and Output instead.
type IO struct {
	InputPath      *PathField
	Parameters     *Payload
	ResultSelector *Payload
	ResultPath     *PathField
	OutputPath     *PathField
	// Arguments and Output are the JSONata forms.
	Arguments *Payload
	Output    *Payload
	// GoName names the package-level variable holding the processing.
	GoName string
}

// Handlers are a state's Retry and Catch.
type Handlers struct {
	Retry []*Retrier
	Catch []*Catcher
	// RetryName and CatchName name the package-level variables holding
	// them ("" when the state has none).
	RetryName string
	CatchName string
}

// JitterStrategy is a Retrier's JitterStrategy.
type JitterStrategy string

// The jitter strategies.
const (
	JitterNone JitterStrategy = "NONE"
	JitterFull JitterStrategy = "FULL"
)

// Retrier is one Retry entry, with every default written out (A10.1).
type Retrier struct {
	ErrorEquals []string
	// IntervalSeconds is the wait before the first retry (default 1).
	IntervalSeconds int64
	// MaxAttempts is the number of retries (default 3; 0: never retry).
	MaxAttempts int64
	// BackoffRate multiplies the wait after each retry (default 2.0).
	BackoffRate float64
	// MaxDelaySeconds caps the wait; 0 means no cap.
	MaxDelaySeconds int64
	// Jitter is the JitterStrategy (default NONE).
	Jitter  JitterStrategy
	Pos     Pos
	Comment string
}

// Catcher is one Catch entry.
type Catcher struct {
	ErrorEquals []string
	Next        State
	// ResultPath is where a JSONPath catcher puts the error output; nil
	// when absent (the error output replaces the input).
	ResultPath *PathField
	// Assign and Output are the catcher's variables (JSONPath and JSONata)
	// and, for JSONata, its output.
	Assign  *Payload
	Output  *Payload
	Pos     Pos
	Comment string
}

// Pass is a Pass state: its result is Result when set, else its effective
// input.
type Pass struct {
	StateBase
	IO
	Flow
	Result *Literal
	Assign *Payload
}

// Task is a Task state: it calls Resource.
type Task struct {
	StateBase
	IO
	Flow
	Handlers
	Resource *Resource
	// TimeoutSeconds and HeartbeatSeconds are nil when absent: a task
	// without TimeoutSeconds is bounded only by the execution.
	TimeoutSeconds   *Count
	HeartbeatSeconds *Count
	Credentials      *Payload
	Assign           *Payload
}

// Choice is a Choice state: the Next of the first choice whose rule holds,
// else Default.
type Choice struct {
	StateBase
	IO
	Choices []*ChoiceBranch
	// Default is nil when absent: no matching rule then fails with
	// States.NoChoiceMatched.
	Default State
	Assign  *Payload
	// RulesName names the package-level variable holding the parsed rules.
	RulesName string
}

// ChoiceBranch is one entry of Choices: a rule and where it leads.
type ChoiceBranch struct {
	Rule    *Rule
	Next    State
	Assign  *Payload
	Output  *Payload
	Pos     Pos
	Comment string
}

// RuleKind says what a Choice rule tests.
type RuleKind uint8

// The kinds of rules.
const (
	// Compare is a data test: Variable, Operator and an operand.
	Compare RuleKind = iota
	And
	Or
	Not
	// Condition is a JSONata rule (or a literal boolean Condition).
	Condition
)

// Rule is a Choice rule.
type Rule struct {
	Kind RuleKind
	// Rules are the operands of And and Or, and the one operand of Not.
	Rules []*Rule
	// Variable is the path a Compare rule tests.
	Variable *Path
	// Operator is the comparison operator as written (StringEquals,
	// NumericLessThanPath, IsPresent, ...).
	Operator string
	// Operand is the literal operand of a comparison that is not a ...Path
	// form: a string, number (int64 or float64) or bool.
	Operand any
	// OperandPath is the operand of a ...Path comparison.
	OperandPath *Path
	// Condition is a JSONata rule's expression; ConditionValue the value of
	// a literal boolean Condition.
	Condition      *JSONata
	ConditionValue bool
	Pos            Pos
	Comment        string
}

// Wait is a Wait state: it waits Seconds, or until Timestamp.
type Wait struct {
	StateBase
	IO
	Flow
	// Exactly one of Seconds and Timestamp is set.
	Seconds   *Count
	Timestamp *Text
	Assign    *Payload
}

// Succeed is a Succeed state: it ends its machine successfully.
type Succeed struct {
	StateBase
	IO
}

// Fail is a Fail state: it fails its machine with Error and Cause (either
// may be absent: nil).
type Fail struct {
	StateBase
	Error *Text
	Cause *Text
}

// Parallel is a Parallel state: its branches run concurrently on the same
// input; the result is their outputs in branch order, and the first
// failure stops the others and fails the state with that branch's error.
type Parallel struct {
	StateBase
	IO
	Flow
	Handlers
	Branches []*Machine
	Assign   *Payload
}

// MapMode is a Map processor's ProcessorConfig.Mode.
type MapMode string

// The Map modes.
const (
	Inline      MapMode = "INLINE"
	Distributed MapMode = "DISTRIBUTED"
)

// Map is a Map state: it runs Processor once for each item, at most
// MaxConcurrency at a time (0: no limit), and its result is the outputs in
// item order.
type Map struct {
	StateBase
	IO
	Flow
	Handlers
	// ItemsPath selects the items from the effective input ("$" when
	// absent); Items is the JSONata form.
	ItemsPath *Path
	Items     *Payload
	// ItemSelector builds each iteration's input (also from the legacy
	// Parameters field); nil: the item itself.
	ItemSelector *Payload
	Processor    *Machine
	// LegacyIterator records that the processor was written as Iterator.
	LegacyIterator bool
	Mode           MapMode
	// ExecutionType is STANDARD or EXPRESS for a DISTRIBUTED map, "" else.
	ExecutionType string
	// MaxConcurrency bounds the iterations running at once; 0 means no
	// limit.
	MaxConcurrency *Count
	// ToleratedFailurePercentage and ToleratedFailureCount are nil when
	// absent: no failure is tolerated.
	ToleratedFailurePercentage *Number
	ToleratedFailureCount      *Count
	// Batcher groups items into batches; nil when absent.
	Batcher *ItemBatcher
	Label   string
	Assign  *Payload
}

// ItemBatcher is a Map's ItemBatcher: each iteration's input becomes
// {"Items": [...]} (plus "BatchInput" when set) with at most MaxItems items
// and MaxInputBytes bytes of JSON; nil counts mean no such bound.
type ItemBatcher struct {
	MaxItems      *Count
	MaxInputBytes *Count
	BatchInput    *Payload
	Pos           Pos
}
