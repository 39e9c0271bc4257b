package aslrt

import (
	"math"
	"time"
)

// maxWaitSeconds is the longest delay a Wait state accepts: 24855 days
// are accepted, 24856 days are "too long" (A7.10), which is where the
// delay no longer fits a signed 32-bit number of seconds.
const maxWaitSeconds = math.MaxInt32

func waitTooLong() *Error {
	return NewError(ErrRuntime, "Wait state delay is too long.")
}

// WaitSeconds waits n seconds on the execution's clock: a Wait state's
// Seconds field (A7.2). 0 does not wait (A7.6).
func (x *Exec) WaitSeconds(n int64) error {
	if n > maxWaitSeconds {
		return waitTooLong()
	}
	return x.sleep(time.Duration(n) * time.Second)
}

// WaitUntil waits until t on the execution's clock: a Wait state's
// Timestamp field. A time in the past does not wait (A7.9).
func (x *Exec) WaitUntil(t time.Time) error {
	d := t.Sub(x.Now())
	if d <= 0 {
		return x.sleep(0)
	}
	if d > maxWaitSeconds*time.Second {
		return waitTooLong()
	}
	return x.sleep(d)
}

// WaitSecondsPath waits for the number of seconds p selects in the
// state's effective input: a Wait state's SecondsPath. The value must be a
// non-negative integer (A7.3–A7.5).
func (x *Exec) WaitSecondsPath(p *Path, in Value) error {
	v, ok := p.Lookup(in, x)
	if !ok {
		return NewError(ErrRuntime, "The SecondsPath parameter does not reference an input value: "+p.String())
	}
	n, ok := v.(int64)
	if !ok {
		if f, isFloat := v.(float64); isFloat && f == math.Trunc(f) && math.Abs(f) < 1<<63 {
			n, ok = int64(f), true
		}
	}
	if !ok {
		return NewError(ErrRuntime, "The SecondsPath parameter cannot be parsed as a long value: "+p.String()+" == "+valueText(v))
	}
	if n < 0 {
		return NewError(ErrRuntime, "The SecondsPath parameter references a negative value: "+p.String()+" == "+valueText(v))
	}
	return x.WaitSeconds(n)
}

// WaitTimestampPath waits until the timestamp p selects in the state's
// effective input: a Wait state's TimestampPath (A7.7, A7.8).
func (x *Exec) WaitTimestampPath(p *Path, in Value) error {
	v, ok := p.Lookup(in, x)
	if !ok {
		return NewError(ErrRuntime, "The TimestampPath parameter does not reference an input value: "+p.String())
	}
	s, isString := v.(string)
	t, ok := ParseTimestamp(s)
	if !isString || !ok {
		return NewError(ErrRuntime, "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: "+p.String()+" == "+valueText(v))
	}
	return x.WaitUntil(t)
}

// WaitSecondsValue waits for the seconds a JSONata Seconds expression
// (expr) returned: a non-negative integer, or the state fails with
// States.QueryEvaluationError.
func (x *Exec) WaitSecondsValue(v Value, expr string) error {
	n, ok := Int(v)
	if !ok || n < 0 {
		return NewError(ErrQueryEvaluationError, "The JSONata expression '"+expr+"' specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but was '"+TypeName(v)+"' for value: "+EncodeString(v))
	}
	return x.WaitSeconds(n)
}

// WaitTimestampValue waits until the timestamp a JSONata Timestamp
// expression returned; anything else fails with
// States.QueryEvaluationError (A7.11).
func (x *Exec) WaitTimestampValue(v Value) error {
	s, isString := v.(string)
	t, ok := ParseTimestamp(s)
	if !isString || !ok {
		return NewError(ErrQueryEvaluationError, "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: "+valueText(v))
	}
	return x.WaitUntil(t)
}
