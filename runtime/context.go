package aslrt

import "time"

// ContextObject returns the context object of the current state ($$,
// $states.context; A14.1):
//
//	{"Execution": {"Id", "Input", "StartTime", "Name", "RoleArn", "RedriveCount"},
//	 "StateMachine": {"Id", "Name"},
//	 "State": {"Name", "EnteredTime", "RetryCount"},
//	 "Map": {"Item": {"Index", "Value"}},
//	 "Task": {"Token"}}
//
// State.RetryCount is present only in states with a Retry field (A14.6),
// Map only while a Map iteration's ItemSelector is built (A14.9), Task
// only in .waitForTaskToken tasks (A14.8). The object is built when first
// asked for in a state and shared until the state is left or retried;
// callers must not modify it.
func (x *Exec) ContextObject() Value {
	if x.ctxObj == nil {
		x.ctxObj, x.plain = x.buildContext(), 0
	}
	return x.ctxObj
}

// timeLayout is how the context object writes times: UTC, milliseconds, Z
// (A14.4).
const timeLayout = "2006-01-02T15:04:05.000Z"

func formatTime(t time.Time) string {
	return t.UTC().Format(timeLayout)
}

func (e *execution) static() {
	e.staticOnce.Do(e.buildStatic)
}

func (e *execution) buildStatic() {
	role := e.m.cfg.roleARN
	if role == "" {
		role = "arn:" + e.m.partition + ":iam::" + e.m.account + ":role/service-role/StepFunctions-" + e.m.name + "-role"
	}
	e.execObj = ObjectOf(
		Member{"Id", e.arn()},
		Member{"Input", e.input},
		Member{"StartTime", formatTime(e.start)},
		Member{"Name", e.name},
		Member{"RoleArn", role},
		Member{"RedriveCount", int64(0)},
	)
}

// contextBuf holds a whole context object in one allocation. Its objects
// are built directly on member arrays (full slices, so that no Set can
// write past them); they are never modified once built.
type contextBuf struct {
	root, state, mapObj, item, task Object
	rootM                           [5]Member
	stateM                          [3]Member
	mapM                            [1]Member
	itemM                           [2]Member
	taskM                           [1]Member
}

func (x *Exec) buildContext() *Object {
	e := x.e
	e.static()
	c := new(contextBuf)
	c.rootM[0] = Member{"Execution", e.execObj}
	c.rootM[1] = Member{"StateMachine", e.m.machObj}
	n := 2
	if st := x.st; st != nil {
		if x.entered == 0 {
			x.entered = x.Now().UnixNano()
		}
		if x.enteredText == "" {
			x.enteredText, x.plain = formatTime(time.Unix(0, x.entered)), 0
		}
		c.stateM[0] = Member{"Name", st.Name}
		c.stateM[1] = Member{"EnteredTime", x.enteredText}
		k := 2
		if st.Retry {
			c.stateM[2] = Member{"RetryCount", int64(x.retries)}
			k = 3
		}
		c.state.members = c.stateM[:k:k]
		c.rootM[n] = Member{"State", &c.state}
		n++
	}
	if it := x.item; it != nil {
		c.itemM = [2]Member{{"Index", int64(it.index)}, {"Value", it.value}}
		c.item.members = c.itemM[:]
		c.mapM[0] = Member{"Item", &c.item}
		c.mapObj.members = c.mapM[:]
		c.rootM[n] = Member{"Map", &c.mapObj}
		n++
	}
	if x.token != "" {
		c.taskM[0] = Member{"Token", x.token}
		c.task.members = c.taskM[:]
		c.rootM[n] = Member{"Task", &c.task}
		n++
	}
	c.root.members = c.rootM[:n:n]
	return &c.root
}

// mapItem returns the Map item of the scope while its ItemSelector is
// built: what $$.Map.Item holds (mapItemScope).
func (x *Exec) mapItem() (int, Value, bool) {
	if x.item == nil {
		return 0, nil, false
	}
	return x.item.index, x.item.value, true
}

// ExecutionInput returns the execution's input ($$.Execution.Input, A14.3).
func (x *Exec) ExecutionInput() Value { return x.e.input }

// StartTime returns when the execution started.
func (x *Exec) StartTime() time.Time { return x.e.start }
