package jsonata

import (
	"math"

	aslrt "github.com/aslc/aslc/runtime"
)

// formattingDefs are the library functions built on the picture-string
// formatting and parsing of format_*.go: $formatNumber, $formatBase,
// $formatInteger, $parseInteger, $now, $fromMillis and $toMillis.
func formattingDefs() []def {
	return []def{
		{"formatNumber", "<n-so?:s>", 3, 3, fnFormatNumber},
		{"formatBase", "<n-n?:s>", 2, 2, fnFormatBase},
		{"formatInteger", "<n-s:s>", 2, 2, fnFormatInteger},
		{"parseInteger", "<s-s:n>", 2, 2, fnParseInteger},
		{"toMillis", "<s-s?:n>", 2, 2, fnToMillis},
		{"fromMillis", "<n-s?s?:s>", 3, 3, fnFromMillis},
		{"now", "<s?s?:s>", 2, 2, fnNow},
	}
}

func fnFormatNumber(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	n, ok := toNumber(args[0])
	if !ok {
		return Undefined, nil
	}
	picture, _ := args[1].(string)
	opts, _ := args[2].(*aslrt.Object)
	s, err := formatNumber(n, picture, opts)
	if err != nil {
		return nil, err
	}
	return s, nil
}

func fnFormatBase(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	n, ok := toNumber(args[0])
	if !ok {
		return Undefined, nil
	}
	radix := 10.0
	if r, ok := toNumber(args[1]); ok {
		radix = roundHalfEven(r, 0)
	}
	if radix < 2 || radix > 36 {
		return nil, newError("D3100", withValue(num(radix)))
	}
	s, err := formatBase(n, int(radix))
	if err != nil {
		return nil, err
	}
	return s, nil
}

func fnFormatInteger(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	n, ok := toNumber(args[0])
	if !ok {
		return Undefined, nil
	}
	picture, _ := args[1].(string)
	s, err := formatInteger(n, picture)
	if err != nil {
		return nil, err
	}
	return s, nil
}

func fnParseInteger(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	picture, _ := args[1].(string)
	n, err := parseInteger(s, picture)
	if err != nil {
		return nil, err
	}
	return numResult(n), nil
}

func fnToMillis(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	picture, hasPicture := args[1].(string)
	if hasPicture && picture == "" {
		// an empty picture describes no component
		return Undefined, nil
	}
	millis, ok, err := parseDateTimeAt(s, picture, ev.timestamp().UnixMilli())
	if err != nil {
		return nil, err
	}
	if !ok {
		return Undefined, nil
	}
	return millis, nil
}

// millisOf converts a number of milliseconds as JavaScript's Date does:
// truncated to an integer.
func millisOf(f float64) int64 {
	switch {
	case math.IsNaN(f):
		return math.MaxInt64
	case f >= 1<<62:
		return 1 << 62
	case f <= -(1 << 62):
		return -(1 << 62)
	}
	return int64(f)
}

// formatMillis is $fromMillis(millis, picture, timezone) for a defined
// millis.
func formatMillis(millis int64, pictureArg, tzArg Value) (Value, error) {
	picture, hasPicture := pictureArg.(string)
	tz, _ := tzArg.(string)
	s, err := formatDateTime(millis, picture, tz)
	if err != nil {
		return nil, err
	}
	if hasPicture && picture == "" {
		return "", nil
	}
	return s, nil
}

func fnFromMillis(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	f, ok := toNumber(args[0])
	if !ok {
		return Undefined, nil
	}
	return formatMillis(millisOf(f), args[1], args[2])
}

func fnNow(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	return formatMillis(ev.timestamp().UnixMilli(), args[0], args[1])
}
