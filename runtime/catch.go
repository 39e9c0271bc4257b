package aslrt

// Catch reports whether a catcher with the given ErrorEquals handles err,
// the error the current state failed with after its retriers gave up, and
// returns the error output that becomes the catcher's result:
// {"Error": <name>, "Cause": <cause>} (A11.3–A11.5). Generated code calls
// it once per catcher, in the order of the Catch field, and takes the
// first that reports true (A11.2). States.Runtime is never caught (A9.3),
// and neither are the errors that stop an execution (abort, timeout).
func (x *Exec) Catch(err error, errorEquals ...string) (Value, bool) {
	f, ok := x.mark(err).(*failure)
	if !ok || !f.matches(errorEquals) {
		return nil, false
	}
	x.ctxObj = nil
	return ErrorOutput(f.render()), true
}

// ErrorOutput returns the error output of e: {"Error": name, "Cause":
// cause}; a timeout's empty cause is "" (A8.11), and an error without a
// name gives {"Error": null, "Cause": null} (A9.8).
func ErrorOutput(e *Error) *Object {
	o := NewObject(2)
	if e.NoName {
		o.Set("Error", nil)
		if e.Cause == "" {
			o.Set("Cause", nil)
		} else {
			o.Set("Cause", e.Cause)
		}
		return o
	}
	o.Set("Error", e.Name)
	o.Set("Cause", e.Cause)
	return o
}

// matches reports whether errorEquals matches the failure: as Matches
// does, and States.HeartbeatTimeout for a missed heartbeat (A8.12).
func (f *failure) matches(errorEquals []string) bool {
	if Matches(f.err, errorEquals) {
		return true
	}
	if f.heartbeat {
		for _, name := range errorEquals {
			if name == ErrHeartbeatTimeout {
				return true
			}
		}
	}
	return false
}
