package aslrt

import (
	"log/slog"
	"time"
)

// Option configures a Machine and so every execution it starts.
type Option func(*config)

// config is what the options set. The zero value means: real clock, no
// history hook, no logger, account 111111111111 in us-east-1, a random
// execution name, randomness seeded from the operating system.
type config struct {
	clock       Clock
	hook        func(Event)
	logger      *slog.Logger
	execName    string
	machineName string
	machineARN  string
	account     string
	region      string
	partition   string
	roleARN     string
	seed        uint64
	seeded      bool
}

// Defaults for the ARNs in the context object, as in the recordings of the
// conformance corpus.
const (
	DefaultAccount   = "111111111111"
	DefaultRegion    = "us-east-1"
	DefaultPartition = "aws"
)

// WithClock makes executions read the time from c and wait through it:
// Wait states, retry backoff, TimeoutSeconds of tasks and of the execution.
// A *VirtualClock makes hour-long waits take no real time.
func WithClock(c Clock) Option {
	return func(cf *config) { cf.clock = c }
}

// WithVirtualTime is WithClock(NewVirtualClock(start)).
func WithVirtualTime(start time.Time) Option {
	return WithClock(NewVirtualClock(start))
}

// WithHistory calls hook with every history event of every execution, in
// the order of their ids: state entered and exited, task scheduling and
// results, retries, Map iterations, Parallel branches, the execution's end.
// Events of concurrent Map iterations and Parallel branches are numbered as
// if they had run one after the other in index order (AWS numbers them in
// the order they happened); an event is delivered once its id is known, so
// events of a later branch may arrive when the branches before it finish.
// hook is never called concurrently with itself for one execution.
func WithHistory(hook func(Event)) Option {
	return func(cf *config) { cf.hook = hook }
}

// WithLogger logs every history event to l at debug level (failures at
// warn level), with the execution name and event id as attributes.
func WithLogger(l *slog.Logger) Option {
	return func(cf *config) { cf.logger = l }
}

// WithExecutionName sets the name of the executions ($$.Execution.Name and
// the last part of $$.Execution.Id). Without it each execution gets a fresh
// random UUID, as StartExecution does without a name.
func WithExecutionName(name string) Option {
	return func(cf *config) { cf.execName = name }
}

// WithMachineName sets the state machine name ($$.StateMachine.Name and the
// last part of its ARN). The default is the name the generated code
// declares (the definition's file name).
func WithMachineName(name string) Option {
	return func(cf *config) { cf.machineName = name }
}

// WithStateMachineARN sets $$.StateMachine.Id. The machine name is taken
// from the ARN's last part unless WithMachineName sets it, and the
// execution ARNs use the ARN's partition, region and account.
func WithStateMachineARN(arn string) Option {
	return func(cf *config) { cf.machineARN = arn }
}

// WithAccount sets the account id in the ARNs of the context object.
func WithAccount(id string) Option {
	return func(cf *config) { cf.account = id }
}

// WithRegion sets the region in the ARNs of the context object.
func WithRegion(region string) Option {
	return func(cf *config) { cf.region = region }
}

// WithPartition sets the partition in the ARNs of the context object.
func WithPartition(partition string) Option {
	return func(cf *config) { cf.partition = partition }
}

// WithRoleARN sets $$.Execution.RoleArn.
func WithRoleARN(arn string) Option {
	return func(cf *config) { cf.roleARN = arn }
}

// WithRandSeed makes the executions' randomness (retry jitter, generated
// execution names, States.UUID, States.MathRandom) a deterministic sequence
// starting from seed. Concurrent Map iterations and Parallel branches still
// draw from it in the order they run.
func WithRandSeed(seed uint64) Option {
	return func(cf *config) { cf.seed, cf.seeded = seed, true }
}
