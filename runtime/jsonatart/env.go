package jsonatart

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/aslc/aslc/jsonata"
	aslrt "github.com/aslc/aslc/runtime"
)

// EvaluationTimeLimit bounds the real time one evaluation of an expression
// may take; past it the evaluation fails with U1001 "Expression
// evaluation timeout", so that an expression that never ends (a tail call
// that recurses for ever) fails its state instead of hanging the
// execution. AWS bounds runaway evaluations by memory and stack (A16.9);
// no recorded case shows a time limit.
const EvaluationTimeLimit = 10 * time.Second

// The environments expressions are evaluated in. Both are immutable and
// shared by every evaluation.
var (
	// sfnEnv is JSONata 2.0.6 as Step Functions offers it: no $eval, and
	// the functions Step Functions adds (A16.9, A16.10).
	sfnEnv = mustEnv(
		jsonata.StepFunctionsFunctions(nil),
		jsonata.WithoutFunctions("eval"),
	)
	// env is sfnEnv whose clock and random functions read the execution's
	// clock and random source.
	env = mustEnv(
		jsonata.StepFunctionsFunctions(nil),
		jsonata.WithoutFunctions("eval"),
		jsonata.WithTimeLimit(EvaluationTimeLimit),
		jsonata.WithFunction("now", "<s?s?:s>", fnNow),
		jsonata.WithFunction("millis", "<:n>", fnMillis),
		jsonata.WithFunction("random", "<n?:n>", fnRandom),
		jsonata.WithFunction("uuid", "<:s>", fnUUID),
	)
)

// scopedFunctions are the functions that read the execution's clock or
// random source: an expression that names one is evaluated with its
// scope in the context.
var scopedFunctions = map[string]bool{"now": true, "millis": true, "random": true, "uuid": true}

func mustEnv(opts ...jsonata.Option) *jsonata.Env {
	e, err := jsonata.NewEnv(opts...)
	if err != nil {
		panic(fmt.Sprintf("jsonatart: %v", err))
	}
	return e
}

// evalScope is the scope of one evaluation of an expression that reads the
// clock or draws random numbers.
type evalScope struct {
	x *aslrt.Exec
	// now is the time $now() and $millis() return: read once per
	// evaluation, as JSONata requires.
	now    time.Time
	nowSet bool
}

type scopeKey struct{}

func scopeOf(ctx context.Context) *evalScope {
	sc, _ := ctx.Value(scopeKey{}).(*evalScope)
	return sc
}

// clock returns the time of the evaluation: the execution's clock in the
// scope (virtual time under a virtual clock).
func (sc *evalScope) clock() time.Time {
	if sc == nil {
		return time.Now()
	}
	if !sc.nowSet {
		sc.now, sc.nowSet = sc.x.Now(), true
	}
	return sc.now
}

func (sc *evalScope) random() uint64 {
	if sc == nil {
		return rand.Uint64()
	}
	return sc.x.Random()
}

var (
	fromMillis   = jsonata.MustParse("$fromMillis($millis, $picture, $timezone)")
	seededRandom = jsonata.MustParse("$random($seed)")
)

// fnNow is $now([picture [, timezone]]): the evaluation's time, formatted
// as $fromMillis formats it.
func fnNow(call *jsonata.Call, args []jsonata.Value) (jsonata.Value, error) {
	ms := scopeOf(call.Context()).clock().UnixMilli()
	return fromMillis.EvaluateWith(call.Context(), sfnEnv, jsonata.Undefined, jsonata.Vars{
		"millis": ms, "picture": args[0], "timezone": args[1],
	})
}

// fnMillis is $millis(): the evaluation's time in milliseconds since the
// Unix epoch.
func fnMillis(call *jsonata.Call, args []jsonata.Value) (jsonata.Value, error) {
	return scopeOf(call.Context()).clock().UnixMilli(), nil
}

// fnRandom is $random([seed]): a number in [0, 1), drawn from the
// execution's random source, or the same number for the same seed.
func fnRandom(call *jsonata.Call, args []jsonata.Value) (jsonata.Value, error) {
	if !jsonata.IsUndefined(args[0]) {
		return seededRandom.EvaluateWith(call.Context(), sfnEnv, jsonata.Undefined, jsonata.Vars{"seed": args[0]})
	}
	return float64(scopeOf(call.Context()).random()>>11) / (1 << 53), nil
}

// fnUUID is $uuid(): a random version 4 UUID from the execution's random
// source.
func fnUUID(call *jsonata.Call, args []jsonata.Value) (jsonata.Value, error) {
	sc := scopeOf(call.Context())
	return uuid4(sc.random(), sc.random()), nil
}

func uuid4(hi, lo uint64) string {
	var b [16]byte
	for i := range 8 {
		b[i] = byte(hi >> (8 * i))
		b[8+i] = byte(lo >> (8 * i))
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
