package jsonata

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
)

// The picture-string functions reproduce jsonata-js 2.0.6 digit for digit,
// and jsonata-js leans on JavaScript's Number and Date semantics: Number's
// toString and toFixed, Math.round, parseInt, Date.UTC and its calendar
// arithmetic, and string operations that count UTF-16 code units. This file
// holds those semantics in Go (Math.round, with $round, is jsRound in
// functions_numeric.go), so that the formatting code above them can say what
// jsonata-js says.

// jsNumber is a float64 seen through JavaScript's Number operations.
type jsNumber float64

// String is ECMAScript Number::toString(x): the shortest digits that
// round-trip, in plain notation for exponents -7 < e < 21 and as d.ddde±x
// otherwise.
func (x jsNumber) String() string {
	f := float64(x)
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	case f == math.Trunc(f) && math.Abs(f) <= 1<<53:
		return strconv.FormatInt(int64(f), 10)
	case f == math.Trunc(f) && math.Abs(f) < 1e21:
		return strconv.FormatFloat(f, 'f', -1, 64) // the integer's shortest digits
	}
	var sign string
	if f < 0 {
		sign, f = "-", -f
	}
	var buf [32]byte
	b := strconv.AppendFloat(buf[:0], f, 'e', -1, 64)
	e := strings.IndexByte(string(b), 'e')
	digits := make([]byte, 0, e)
	for _, c := range b[:e] {
		if c != '.' {
			digits = append(digits, c)
		}
	}
	exp, _ := strconv.Atoi(string(b[e+1:]))
	k, n := len(digits), exp+1 // value = 0.digits × 10^n
	var s strings.Builder
	s.WriteString(sign)
	switch {
	case k <= n && n <= 21:
		s.Write(digits)
		s.WriteString(strings.Repeat("0", n-k))
	case 0 < n && n <= 21:
		s.Write(digits[:n])
		s.WriteByte('.')
		s.Write(digits[n:])
	case -6 < n && n <= 0:
		s.WriteString("0.")
		s.WriteString(strings.Repeat("0", -n))
		s.Write(digits)
	default:
		s.WriteByte(digits[0])
		if k > 1 {
			s.WriteByte('.')
			s.Write(digits[1:])
		}
		s.WriteByte('e')
		if n-1 >= 0 {
			s.WriteByte('+')
		}
		s.WriteString(strconv.Itoa(n - 1))
	}
	return s.String()
}

// toFixed is Number.prototype.toFixed(dp) for 0 <= dp <= 100: the exact
// binary value rounded to dp decimals, ties away from zero, or toString for
// magnitudes of 1e21 and more.
func (x jsNumber) toFixed(dp int) string {
	f := float64(x)
	if math.IsNaN(f) || math.Abs(f) >= 1e21 {
		return x.String()
	}
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	if !isDecimalTie(f, dp) {
		return sign + strconv.FormatFloat(f, 'f', dp, 64)
	}
	// strconv breaks exact ties towards even; JavaScript takes the larger.
	s := strconv.FormatFloat(f, 'f', dp+1, 64) // exact: ends in 5
	s = s[:len(s)-1]
	if dp == 0 {
		s = s[:len(s)-1] // the '.'
	}
	return sign + incrementDecimal(s)
}

// isDecimalTie reports whether f (finite, >= 0) lies exactly halfway between
// two multiples of 10^-dp.
func isDecimalTie(f float64, dp int) bool {
	if f == 0 {
		return false
	}
	frac, exp := math.Frexp(f)
	m := uint64(frac * (1 << 53))
	e := exp - 53
	tz := bits.TrailingZeros64(m)
	e += tz
	// f × 10^dp = odd × 5^dp × 2^(e+dp): a half-integer exactly when e+dp = -1.
	return e < 0 && e+dp == -1
}

// incrementDecimal adds one unit in the last place to a decimal string of
// digits and at most one '.'.
func incrementDecimal(s string) string {
	b := []byte(s)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == '.' {
			continue
		}
		if b[i] < '9' {
			b[i]++
			return string(b)
		}
		b[i] = '0'
	}
	return "1" + string(b)
}

// toRadix is Number.prototype.toString(radix) for an integral value, with
// V8's algorithm: digits that a double cannot represent come out as zeros.
func (x jsNumber) toRadix(radix int) string {
	if radix == 10 {
		return x.String()
	}
	f := float64(x)
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	const chars = "0123456789abcdefghijklmnopqrstuvwxyz"
	negative := f < 0
	if negative {
		f = -f
	}
	integer := math.Floor(f)
	var out []byte
	r := float64(radix)
	for integer/r >= 1<<53 {
		integer /= r
		out = append(out, '0')
	}
	for {
		rem := math.Mod(integer, r)
		out = append(out, chars[int(rem)])
		integer = (integer - rem) / r
		if integer <= 0 {
			break
		}
	}
	if negative {
		out = append(out, '-')
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return string(out)
}

func isRangeError(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// parseIntJS is JavaScript's parseInt(s) without a radix: leading white
// space, an optional sign, an optional 0x prefix, then the longest run of
// digits; NaN when there are none.
func parseIntJS(s string) float64 {
	s = strings.TrimLeftFunc(s, isJSSpace)
	negative := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		negative = s[0] == '-'
		s = s[1:]
	}
	radix := 10
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		radix = 16
		s = s[2:]
	}
	end := 0
	for end < len(s) && digitValue(s[end]) < radix {
		end++
	}
	if end == 0 {
		return math.NaN()
	}
	var f float64
	if radix == 10 {
		f, _ = strconv.ParseFloat(s[:end], 64) // ErrRange gives ±Inf, as JavaScript
	} else {
		n, _ := new(big.Int).SetString(s[:end], 16)
		f, _ = new(big.Float).SetInt(n).Float64()
	}
	if negative {
		f = -f
	}
	return f
}

func digitValue(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'z':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'Z':
		return int(c-'A') + 10
	}
	return 99
}

// isJSSpace reports whether r is JavaScript white space or a line
// terminator (what \s matches and what parseInt skips).
func isJSSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xA0, 0xFEFF, 0x2028, 0x2029:
		return true
	}
	return r > 0xFF && unicode.Is(unicode.Zs, r)
}

// utf16Units and utf16String convert between Go strings and the UTF-16 code
// units that JavaScript strings are made of, for code that indexes strings
// the way jsonata-js does.
func utf16Units(s string) []uint16 { return utf16.Encode([]rune(s)) }

func utf16String(u []uint16) string { return string(utf16.Decode(u)) }

// JavaScript dates: a time value is a count of milliseconds since the epoch
// in the proleptic Gregorian calendar, valid within ±8.64e15.

const (
	msPerDay    = 86400000
	maxTimeJS   = 8.64e15
	msPerHour   = 3600000
	msPerMinute = 60000
)

// daysFromCivil is the number of days from 1970-01-01 to the first day of
// month (0-based) of year y.
func daysFromCivil(y, month int64) int64 {
	m := month + 1
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp + 2) / 5
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// toIntegerJS is ECMAScript ToIntegerOrInfinity.
func toIntegerJS(f float64) float64 {
	if math.IsNaN(f) {
		return 0
	}
	return math.Trunc(f) + 0
}

// makeDay is ECMAScript MakeDay(year, month, date).
func makeDay(year, month, date float64) float64 {
	if math.IsNaN(year) || math.IsNaN(month) || math.IsNaN(date) ||
		math.IsInf(year, 0) || math.IsInf(month, 0) || math.IsInf(date, 0) {
		return math.NaN()
	}
	y, m, dt := toIntegerJS(year), toIntegerJS(month), toIntegerJS(date)
	ym := y + math.Floor(m/12)
	if math.Abs(ym) > 1e8 {
		return math.NaN() // far outside the range of time values
	}
	mn := math.Mod(m, 12)
	if mn < 0 {
		mn += 12
	}
	day := float64(daysFromCivil(int64(ym), int64(mn)))
	return day + dt - 1
}

// makeTime is ECMAScript MakeTime(hour, min, sec, ms).
func makeTime(h, m, s, ms float64) float64 {
	for _, f := range [...]float64{h, m, s, ms} {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return math.NaN()
		}
	}
	// The conversions keep each product rounded on its own, as in JavaScript.
	t := float64(toIntegerJS(h)*msPerHour) + float64(toIntegerJS(m)*msPerMinute)
	t += float64(toIntegerJS(s) * 1000)
	return t + toIntegerJS(ms)
}

// timeClip is ECMAScript TimeClip.
func timeClip(t float64) float64 {
	if math.IsNaN(t) || math.Abs(t) > maxTimeJS {
		return math.NaN()
	}
	return toIntegerJS(t)
}

// dateUTC is Date.UTC(year, month, day, hours, minutes, seconds, ms), with
// its rule that years 0 to 99 mean 1900 to 1999.
func dateUTC(year, month, day, h, m, s, ms float64) float64 {
	if !math.IsNaN(year) {
		if y := toIntegerJS(year); 0 <= y && y <= 99 {
			year = 1900 + y
		}
	}
	return timeClip(float64(makeDay(year, month, day)*msPerDay) + makeTime(h, m, s, ms))
}

// dateFields is a JavaScript Date's UTC fields.
type dateFields struct {
	millis                          int64
	year                            int64
	month                           int // 0-11
	day                             int // 1-31
	weekday                         int // 0 = Sunday
	hour, minute, second, millisecs int
}

// fieldsOf splits a valid time value into its UTC fields.
func fieldsOf(t int64) dateFields {
	days := t / msPerDay
	rem := t % msPerDay
	if rem < 0 {
		rem += msPerDay
		days--
	}
	// civil from days (Howard Hinnant's algorithm)
	z := days + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	wd := (days + 4) % 7 // 1970-01-01 was a Thursday
	if wd < 0 {
		wd += 7
	}
	return dateFields{
		millis:    t,
		year:      y,
		month:     int(m - 1),
		day:       int(d),
		weekday:   int(wd),
		hour:      int(rem / msPerHour),
		minute:    int(rem % msPerHour / msPerMinute),
		second:    int(rem % msPerMinute / 1000),
		millisecs: int(rem % 1000),
	}
}
