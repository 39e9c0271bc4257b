package jsonata

import (
	"math"
	"strconv"
	"strings"
)

func numbers(v Value) ([]float64, bool) {
	items, ok := arrayItems(v)
	if !ok {
		return nil, false
	}
	out := make([]float64, len(items))
	for i, it := range items {
		out[i], _ = toNumber(it)
	}
	return out, true
}

func fnSum(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	items, ok := arrayItems(args[0])
	if !ok {
		return Undefined, nil
	}
	total := 0.0
	for _, it := range items {
		n, _ := toNumber(it)
		total += n
	}
	return numResult(total), nil
}

func fnCount(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	items, ok := arrayItems(args[0])
	if !ok {
		return int64(0), nil
	}
	return int64(len(items)), nil
}

func fnMax(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	ns, ok := numbers(args[0])
	if !ok || len(ns) == 0 {
		return Undefined, nil
	}
	m := math.Inf(-1)
	for _, n := range ns {
		if math.IsNaN(n) {
			return math.NaN(), nil
		}
		m = math.Max(m, n)
	}
	return numResult(m), nil
}

func fnMin(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	ns, ok := numbers(args[0])
	if !ok || len(ns) == 0 {
		return Undefined, nil
	}
	m := math.Inf(1)
	for _, n := range ns {
		if math.IsNaN(n) {
			return math.NaN(), nil
		}
		m = math.Min(m, n)
	}
	return numResult(m), nil
}

func fnAverage(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	ns, ok := numbers(args[0])
	if !ok || len(ns) == 0 {
		return Undefined, nil
	}
	total := 0.0
	for _, n := range ns {
		total += n
	}
	return numResult(total / float64(len(ns))), nil
}

// isDecimalNumber matches -?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)? in full.
func isDecimalNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == start {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == fs {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		es := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == es {
			return false
		}
	}
	return i == len(s)
}

// parseRadixLiteral reads 0x.., 0o.. and 0b.. literals as Number() does.
func parseRadixLiteral(s string) (float64, bool) {
	if len(s) < 3 || s[0] != '0' {
		return 0, false
	}
	var base float64
	switch s[1] {
	case 'x', 'X':
		base = 16
	case 'o', 'O':
		base = 8
	case 'b', 'B':
		base = 2
	default:
		return 0, false
	}
	v := 0.0
	for i := 2; i < len(s); i++ {
		d, ok := unhex(s[i])
		if !ok || float64(d) >= base {
			return 0, false
		}
		v = v*base + float64(d)
	}
	return v, true
}

func fnNumber(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	switch x := args[0].(type) {
	case UndefinedValue:
		return Undefined, nil
	case int64, float64, int:
		return x, nil
	case bool:
		if x {
			return int64(1), nil
		}
		return int64(0), nil
	case string:
		if isDecimalNumber(x) {
			f, err := strconv.ParseFloat(x, 64)
			if err == nil && !math.IsInf(f, 0) {
				return num(f), nil
			}
		} else if f, ok := parseRadixLiteral(x); ok {
			return num(f), nil
		}
	}
	return nil, newError("D3030", withValue(args[0]), withIndex(1))
}

func fnFloor(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	f, ok := toNumber(args[0])
	if !ok {
		return Undefined, nil
	}
	return numResult(math.Floor(f)), nil
}

func fnCeil(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	f, ok := toNumber(args[0])
	if !ok {
		return Undefined, nil
	}
	return numResult(math.Ceil(f)), nil
}

func fnAbs(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	switch x := args[0].(type) {
	case int64:
		if x >= 0 {
			return x, nil
		}
		if x != math.MinInt64 {
			return -x, nil
		}
	}
	f, ok := toNumber(args[0])
	if !ok {
		return Undefined, nil
	}
	return numResult(math.Abs(f)), nil
}

func fnSqrt(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	f, ok := toNumber(args[0])
	if !ok {
		return Undefined, nil
	}
	if f < 0 {
		return nil, newError("D3060", withValue(args[0]), withIndex(1))
	}
	return numResult(math.Sqrt(f)), nil
}

func fnPower(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	b, ok := toNumber(args[0])
	if !ok {
		return Undefined, nil
	}
	e, _ := toNumber(args[1])
	r := jsPow(b, e)
	if math.IsInf(r, 0) || math.IsNaN(r) {
		err := newError("D3061", withValue(args[0]), withIndex(1))
		err.exp = args[1]
		return nil, err
	}
	return numResult(r), nil
}

// jsPow is Math.pow, which differs from math.Pow for a base of ±1 with
// an infinite or NaN exponent.
func jsPow(b, e float64) float64 {
	if math.IsNaN(e) {
		return math.NaN()
	}
	if math.Abs(b) == 1 && math.IsInf(e, 0) {
		return math.NaN()
	}
	return math.Pow(b, e)
}

// jsRound is Math.round: to the nearest integer, halves up.
func jsRound(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	f := math.Floor(x)
	if x-f >= 0.5 {
		return f + 1
	}
	return f
}

// shiftDecimal multiplies x by 10^places by rewriting its decimal text, as
// jsonata-js does to avoid binary rounding errors.
func shiftDecimal(x float64, places float64) float64 {
	s := formatNumberJS(x)
	mant, exp := s, 0.0
	if i := strings.IndexByte(s, 'e'); i >= 0 {
		mant = s[:i]
		e, _ := strconv.ParseFloat(s[i+1:], 64)
		exp = e
	}
	r, err := strconv.ParseFloat(mant+"e"+formatNumberJS(exp+places), 64)
	if err != nil && !isRangeError(err) {
		return math.NaN() // a fractional precision
	}
	return r
}

// roundHalfEven is $round: to the given number of decimal places, halves
// to even. The decimal point is shifted through the number's string form,
// so that 1.005 is not seen as 1.00499…; a fractional precision gives NaN.
func roundHalfEven(x float64, precision float64) float64 {
	if precision != 0 {
		x = shiftDecimal(x, precision)
	}
	r := jsRound(x)
	if math.Abs(r-x) == 0.5 && math.Abs(math.Mod(r, 2)) == 1 {
		r--
	}
	if precision != 0 {
		r = shiftDecimal(r, -precision)
	}
	if r == 0 {
		r = 0 // no negative zero
	}
	return r
}

func fnRound(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	f, ok := toNumber(args[0])
	if !ok {
		return Undefined, nil
	}
	p, _ := toNumber(args[1])
	return numResult(roundHalfEven(f, p)), nil
}

func fnRandom(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	return ev.env.random(), nil
}
