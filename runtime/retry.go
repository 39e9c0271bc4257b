package aslrt

import (
	"math"
	"slices"
	"time"
)

// Jitter is a retrier's JitterStrategy.
type Jitter uint8

// The jitter strategies.
const (
	// JitterNone waits exactly the computed interval.
	JitterNone Jitter = iota
	// JitterFull waits a uniformly random time between 0 and the computed
	// interval (A10.6).
	JitterFull
)

// Retrier is one entry of a state's Retry field, with every field
// explicit: generated code writes the ASL defaults (MaxAttempts 3,
// IntervalSeconds 1, BackoffRate 2.0, no MaxDelaySeconds, JitterStrategy
// NONE; A10.1) rather than relying on zero values.
type Retrier struct {
	ErrorEquals     []string
	IntervalSeconds int64
	MaxAttempts     int
	BackoffRate     float64
	// MaxDelaySeconds caps the interval; 0 means no cap.
	MaxDelaySeconds int64
	Jitter          Jitter
}

// Matches reports whether the retrier handles e (see Matches).
func (r *Retrier) Matches(e *Error) bool {
	return Matches(e, r.ErrorEquals)
}

// Delay returns the wait before retry number attempt (1 for the first
// retry): IntervalSeconds × BackoffRate^(attempt-1), capped at
// MaxDelaySeconds (A10.5); with full jitter a uniformly random duration
// between 0 and that, drawn from random.
func (r *Retrier) Delay(attempt int, random uint64) time.Duration {
	if attempt < 1 {
		attempt = 1
	}
	secs := float64(r.IntervalSeconds) * math.Pow(r.BackoffRate, float64(attempt-1))
	if r.MaxDelaySeconds > 0 && secs > float64(r.MaxDelaySeconds) {
		secs = float64(r.MaxDelaySeconds)
	}
	const maxSecs = float64(math.MaxInt64/int64(time.Second)) - 1
	if !(secs < maxSecs) { // also NaN
		secs = maxSecs
	}
	if secs < 0 {
		secs = 0
	}
	d := time.Duration(secs * float64(time.Second))
	if r.Jitter == JitterFull && d > 0 {
		d = time.Duration(random % uint64(d+1))
	}
	return d
}

// NextRetry decides whether a state that failed with e runs again. Only
// the first retrier whose ErrorEquals matches e is consulted (A10.4);
// counts holds one attempt counter per retrier for the current visit of
// the state, kept by the caller (A10.7); with fewer counters than
// retriers nothing is retried. When that retrier has attempts
// left, NextRetry counts one and returns the wait before the next attempt
// and true; otherwise, and when no retrier matches, false. MaxAttempts 0
// never retries (A10.2); States.Runtime is never retried (A9.3).
func NextRetry(rs []Retrier, counts []int, e *Error, random func() uint64) (time.Duration, bool) {
	return nextRetry(rs, counts, func(names []string) bool { return Matches(e, names) }, random)
}

func nextRetry(rs []Retrier, counts []int, match func([]string) bool, random func() uint64) (time.Duration, bool) {
	if len(counts) < len(rs) {
		return 0, false
	}
	for i := range rs {
		r := &rs[i]
		if !match(r.ErrorEquals) {
			continue
		}
		if counts[i] >= r.MaxAttempts {
			return 0, false
		}
		counts[i]++
		var rnd uint64
		if r.Jitter == JitterFull {
			rnd = random()
		}
		return r.Delay(counts[i], rnd), true
	}
	return 0, false
}

// Retry applies the state's retriers to err, the error the current
// attempt of the state failed with; counts holds one counter per retrier,
// declared by the state function for the visit (len(counts) must be
// len(rs)). When a retrier allows another attempt, Retry waits its delay
// on the execution's clock, counts the retry in $$.State.RetryCount
// (A10.10), and returns nil: the state runs again. Otherwise it returns the
// error to handle next, with catchers or by failing: err itself, or the
// error that stopped the execution during the wait.
func (x *Exec) Retry(err error, rs []Retrier, counts []int) error {
	err = x.mark(err)
	f, ok := err.(*failure)
	if !ok {
		return err
	}
	d, ok := nextRetry(rs, counts, f.matches, x.e.random)
	if !ok {
		return err
	}
	if serr := x.sleep(d); serr != nil {
		return serr
	}
	x.retries++
	x.ctxObj = nil
	return nil
}

// RetryCount returns the number of retries of the current state visit.
func (x *Exec) RetryCount() int { return x.retries }

// Matches reports whether an ErrorEquals list matches e (A9, A11.2):
// an exact, case-sensitive name (A9.1, A9.9), States.ALL for any error
// except States.Runtime (A9.3), States.TaskFailed for any error except
// States.Timeout and States.Runtime. An error without a name is matched by
// States.ALL only (A9.8).
func Matches(e *Error, errorEquals []string) bool {
	if e == nil || e.Name == ErrRuntime && !e.NoName {
		return false
	}
	for _, name := range errorEquals {
		switch name {
		case ErrAll:
			return true
		case ErrTaskFailed:
			if !e.NoName && e.Name != ErrTimeout {
				return true
			}
		default:
			if !e.NoName && name == e.Name {
				return true
			}
		}
	}
	return false
}

// Retriable reports whether any retrier of rs could match e; it is the
// static part of NextRetry.
func Retriable(rs []Retrier, e *Error) bool {
	return slices.ContainsFunc(rs, func(r Retrier) bool { return r.Matches(e) })
}

// sleep waits d in this scope: on the virtual timeline, or through the
// clock. It returns the halt error when the scope's context is done first.
func (x *Exec) sleep(d time.Duration) error {
	if d <= 0 {
		if x.ctx.Err() != nil {
			return x.halt()
		}
		return nil
	}
	var err error
	if x.tl != nil {
		err = virtualSleep(x.ctx, x.tl, x.e.dl, d)
	} else {
		err = x.e.clock.Sleep(x.ctx, d)
	}
	if err != nil || x.ctx.Err() != nil {
		return x.halt()
	}
	return nil
}
