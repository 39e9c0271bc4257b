// Package defs builds the state machine definitions of the benchmarks:
// one function per benchmark case, each returning the definition's JSON
// text. cmd gendefs writes them beside the generated packages, and the
// staleness test compares them with the committed files.
package defs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Sizes of the cases. The Choice loop and the Map cases need 40,000
// history events and more, beyond the 25,000 a STANDARD execution may
// have (A19.2), so they are EXPRESS state machines, which keep no
// history in Step Functions and have no such limit (File.Express).
const (
	// PassChainStates is the length of the Pass chain.
	PassChainStates = 1000
	// LoopLimit is how far the Choice loop counts: 2 states and 4 events
	// per count.
	LoopLimit = 10000
	// MapItems is the number of items of the Map cases: 4 events each.
	MapItems = 10000
	// ParallelBranches and ParallelStates are the shape of the Parallel
	// case.
	ParallelBranches = 10
	ParallelStates   = 10
	// TaskChainStates is the length of the Task chain.
	TaskChainStates = 1000
	// TaskResource is the resource every Task state of the chain calls.
	TaskResource = "arn:aws:lambda:us-east-1:123456789012:function:bench-step"
	// TransientError is the error the chain's task raises once per
	// FailEvery calls, which the Retry of each Task state retries.
	TransientError = "Bench.Transient"
	// FailEvery is how often the chain's task fails.
	FailEvery = 100
)

// MapConcurrencies are the MaxConcurrency values of the Map cases.
var MapConcurrencies = []int{1, 10, 0}

// File is a definition and the path (relative to bench/) it is written
// to.
type File struct {
	Path string
	Pkg  string
	JSON []byte
	// Express says the definition is compiled as an EXPRESS state
	// machine (aslc gen --express).
	Express bool
}

// Files returns every definition the benchmarks compile, in a fixed order.
func Files() []File {
	files := []File{
		{Path: "passchain/passchain.asl.json", Pkg: "passchain", JSON: PassChain(PassChainStates)},
		{Path: "choiceloop/choiceloop.asl.json", Pkg: "choiceloop", JSON: ChoiceLoop(), Express: true},
	}
	for _, c := range MapConcurrencies {
		name := "mapconc" + strconv.Itoa(c)
		files = append(files, File{Path: name + "/" + name + ".asl.json", Pkg: name, JSON: Map(c), Express: true})
	}
	files = append(files,
		File{Path: "parallel/parallel.asl.json", Pkg: "parallel", JSON: Parallel(ParallelBranches, ParallelStates)},
		File{Path: "taskchain/taskchain.asl.json", Pkg: "taskchain", JSON: TaskChain(TaskChainStates)},
	)
	return files
}

// obj is a JSON object with members in the order they are added.
type obj []member

type member struct {
	key   string
	value any
}

func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.key)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(m.value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (o obj) with(key string, value any) obj { return append(o, member{key, value}) }

// text renders a definition as indented JSON with a final newline.
func text(def obj) []byte {
	raw, err := json.Marshal(def)
	if err != nil {
		panic(err) // only maps, slices, strings and numbers: cannot fail
	}
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		panic(err)
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// next is the Next or End member of state i of n in a chain named by name.
func next(o obj, name func(int) string, i, n int) obj {
	if i == n-1 {
		return o.with("End", true)
	}
	return o.with("Next", name(i+1))
}

// PassChain is case 1: n Pass states, each building a small object with
// Parameters (a literal and two paths) and writing it into its input with
// ResultPath.
func PassChain(n int) []byte {
	name := func(i int) string { return fmt.Sprintf("Pass%04d", i) }
	states := obj{}
	for i := range n {
		st := obj{}.
			with("Type", "Pass").
			with("Parameters", obj{}.
				with("index", i).
				with("previous.$", "$.last.index").
				with("name.$", "$.name")).
			with("ResultPath", "$.last")
		states = states.with(name(i), next(st, name, i, n))
	}
	return text(obj{}.
		with("Comment", fmt.Sprintf("Benchmark: a chain of %d Pass states with Parameters and ResultPath", n)).
		with("StartAt", name(0)).
		with("States", states))
}

// ChoiceLoop is case 2: a Choice loop that counts from 0 to the input's
// limit with States.MathAdd.
func ChoiceLoop() []byte {
	return text(obj{}.
		with("Comment", "Benchmark: a Choice loop that counts to $.limit with States.MathAdd").
		with("StartAt", "Init").
		with("States", obj{}.
			with("Init", obj{}.
				with("Type", "Pass").
				with("Parameters", obj{}.with("count", 0).with("limit.$", "$.limit")).
				with("Next", "Check")).
			with("Check", obj{}.
				with("Type", "Choice").
				with("Choices", []any{obj{}.
					with("Variable", "$.count").
					with("NumericLessThanPath", "$.limit").
					with("Next", "Increment")}).
				with("Default", "Done")).
			with("Increment", obj{}.
				with("Type", "Pass").
				with("Parameters", obj{}.
					with("count.$", "States.MathAdd($.count, 1)").
					with("limit.$", "$.limit")).
				with("Next", "Check")).
			with("Done", obj{}.with("Type", "Succeed"))))
}

// Map is case 3: a Map over the input's items with an ItemSelector and a
// processor of one Pass state, at MaxConcurrency maxConcurrency (0: the
// field is absent and AWS's inline limit applies). Its output is the array
// of results: with the items beside them it would pass AWS's 256 KiB limit
// on a state's output (A19.1).
func Map(maxConcurrency int) []byte {
	m := obj{}.
		with("Type", "Map").
		with("ItemsPath", "$.items")
	if maxConcurrency > 0 {
		m = m.with("MaxConcurrency", maxConcurrency)
	}
	m = m.
		with("ItemSelector", obj{}.
			with("index.$", "$$.Map.Item.Index").
			with("value.$", "$$.Map.Item.Value").
			with("tag.$", "$.tag")).
		with("ItemProcessor", obj{}.
			with("ProcessorConfig", obj{}.with("Mode", "INLINE")).
			with("StartAt", "Label").
			with("States", obj{}.
				with("Label", obj{}.
					with("Type", "Pass").
					with("Parameters", obj{}.
						with("label.$", "States.Format('{}-{}', $.tag, $.value.id)")).
					with("End", true)))).
		with("End", true)
	return text(obj{}.
		with("Comment", fmt.Sprintf("Benchmark: a Map over $.items at MaxConcurrency %d, one Pass state per item", maxConcurrency)).
		with("StartAt", "Fan").
		with("States", obj{}.with("Fan", m)))
}

// Parallel is case 4: a Parallel state of branches branches, each a chain
// of states Pass states.
func Parallel(branches, states int) []byte {
	var bs []any
	for b := range branches {
		name := func(i int) string { return fmt.Sprintf("B%dS%d", b, i) }
		sts := obj{}
		for i := range states {
			st := obj{}.
				with("Type", "Pass").
				with("Parameters", obj{}.
					with("branch", b).
					with("step", i).
					with("seed.$", "$.seed"))
			sts = sts.with(name(i), next(st, name, i, states))
		}
		bs = append(bs, obj{}.with("StartAt", name(0)).with("States", sts))
	}
	return text(obj{}.
		with("Comment", fmt.Sprintf("Benchmark: a Parallel state of %d branches of %d Pass states", branches, states)).
		with("StartAt", "Fork").
		with("States", obj{}.with("Fork", obj{}.
			with("Type", "Parallel").
			with("Branches", bs).
			with("ResultPath", "$.branches").
			with("End", true))))
}

// TaskChain is case 5: n Task states calling one resource with Parameters,
// each with a Retry for TransientError.
func TaskChain(n int) []byte {
	name := func(i int) string { return fmt.Sprintf("Task%04d", i) }
	states := obj{}
	for i := range n {
		st := obj{}.
			with("Type", "Task").
			with("Resource", TaskResource).
			with("Parameters", obj{}.
				with("n.$", "$.n").
				with("step", i)).
			with("Retry", []any{obj{}.
				with("ErrorEquals", []string{TransientError}).
				with("IntervalSeconds", 1).
				with("MaxAttempts", 2).
				with("BackoffRate", 2)})
		states = states.with(name(i), next(st, name, i, n))
	}
	return text(obj{}.
		with("Comment", fmt.Sprintf("Benchmark: a chain of %d Task states with a Retry", n)).
		with("StartAt", name(0)).
		with("States", states))
}

// Mixed is the definition of the compile-time case: n states in a chain,
// most of them Pass states with Parameters and ResultPath, every tenth a
// Task state with Retry and Catch, a Choice state and a Map state, so that
// every part of the compiler works on it.
func Mixed(n int) []byte {
	name := func(i int) string { return fmt.Sprintf("S%05d", i) }
	states := obj{}
	for i := range n {
		var st obj
		switch {
		case i%10 == 3 && i < n-1:
			st = obj{}.
				with("Type", "Choice").
				with("Choices", []any{obj{}.
					with("Variable", "$.v").
					with("NumericGreaterThan", i).
					with("Next", name(i+1))}).
				with("Default", name(i+1))
			states = states.with(name(i), st)
			continue
		case i%10 == 5:
			st = obj{}.
				with("Type", "Task").
				with("Resource", fmt.Sprintf("arn:aws:lambda:us-east-1:123456789012:function:fn-%d", i%50)).
				with("Parameters", obj{}.with("v.$", "$.v").with("step", i)).
				with("ResultPath", "$.r").
				with("Retry", []any{obj{}.
					with("ErrorEquals", []string{"States.TaskFailed"}).
					with("MaxAttempts", 2)}).
				with("Catch", []any{obj{}.
					with("ErrorEquals", []string{"States.ALL"}).
					with("ResultPath", "$.error").
					with("Next", name(min(i+1, n-1)))})
		case i%10 == 8:
			st = obj{}.
				with("Type", "Map").
				with("ItemsPath", "$.items").
				with("MaxConcurrency", 4).
				with("ItemProcessor", obj{}.
					with("StartAt", "I"+name(i)).
					with("States", obj{}.with("I"+name(i), obj{}.
						with("Type", "Pass").
						with("Parameters", obj{}.with("x.$", "$")).
						with("End", true)))).
				with("ResultPath", "$.m")
		default:
			st = obj{}.
				with("Type", "Pass").
				with("Parameters", obj{}.
					with("i", i).
					with("v.$", "$.v").
					with("items.$", "$.items")).
				with("ResultPath", "$.p")
		}
		states = states.with(name(i), next(st, name, i, n))
	}
	return text(obj{}.
		with("Comment", fmt.Sprintf("Benchmark: a chain of %d states of every kind", n)).
		with("StartAt", name(0)).
		with("States", states))
}
