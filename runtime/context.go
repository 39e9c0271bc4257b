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
		x.ctxObj = x.buildContext()
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
	e.staticOnce.Do(func() {
		role := e.m.cfg.roleARN
		if role == "" {
			role = "arn:" + e.m.partition + ":iam::" + e.m.account + ":role/service-role/StepFunctions-" + e.m.name + "-role"
		}
		e.execObj = ObjectOf(
			Member{"Id", e.arn},
			Member{"Input", e.input},
			Member{"StartTime", formatTime(e.start)},
			Member{"Name", e.name},
			Member{"RoleArn", role},
			Member{"RedriveCount", int64(0)},
		)
		e.machObj = ObjectOf(
			Member{"Id", e.m.arn},
			Member{"Name", e.m.name},
		)
	})
}

func (x *Exec) buildContext() *Object {
	e := x.e
	e.static()
	o := NewObject(5)
	o.Set("Execution", e.execObj)
	o.Set("StateMachine", e.machObj)
	if st := x.st; st != nil {
		if x.entered == 0 {
			x.entered = x.Now().UnixNano()
		}
		s := NewObject(3)
		s.Set("Name", st.Name)
		s.Set("EnteredTime", formatTime(time.Unix(0, x.entered)))
		if st.Retry {
			s.Set("RetryCount", int64(x.retries))
		}
		o.Set("State", s)
	}
	if it := x.item; it != nil {
		o.Set("Map", ObjectOf(Member{"Item", ObjectOf(
			Member{"Index", int64(it.index)},
			Member{"Value", it.value},
		)}))
	}
	if x.token != "" {
		o.Set("Task", ObjectOf(Member{"Token", x.token}))
	}
	return o
}

// ExecutionInput returns the execution's input ($$.Execution.Input, A14.3).
func (x *Exec) ExecutionInput() Value { return x.e.input }

// StartTime returns when the execution started.
func (x *Exec) StartTime() time.Time { return x.e.start }
