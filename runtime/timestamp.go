package aslrt

import (
	"strconv"
	"time"
)

// ParseTimestamp parses s as AWS parses the timestamps of Wait states and
// of Timestamp* Choice rules: an ISO-8601 extended offset date-time
// (Java's ISO_OFFSET_DATE_TIME), e.g. 2016-03-14T01:59:00Z or
// 2016-03-14T01:59:00.123456789+01:00. The date, a 'T' and the zone are
// required (A7.7, A7.8, A6.11); seconds and a fraction of 1 to 9 digits
// are optional; the zone is 'Z' or ±hh:mm (or ±hh:mm:ss). Letters may be
// lower case. Month, day, hour, minute and second must be in range: an
// impossible date such as 2016-13-05 or hour 25 is not a timestamp.
func ParseTimestamp(s string) (time.Time, bool) {
	p := tsParser{s: s}
	year, ok1 := p.digits(4)
	ok := ok1 && p.lit('-')
	month, ok2 := p.digits(2)
	ok = ok && ok2 && p.lit('-')
	day, ok3 := p.digits(2)
	ok = ok && ok3 && (p.lit('T') || p.lit('t'))
	hour, ok4 := p.digits(2)
	ok = ok && ok4 && p.lit(':')
	minute, ok5 := p.digits(2)
	ok = ok && ok5
	if !ok {
		return time.Time{}, false
	}
	sec, nsec := 0, 0
	if p.lit(':') {
		var okS bool
		if sec, okS = p.digits(2); !okS {
			return time.Time{}, false
		}
		if p.lit('.') {
			start := p.i
			for p.i < len(p.s) && isDigit(p.s[p.i]) {
				p.i++
			}
			n := p.i - start
			if n < 1 || n > 9 {
				return time.Time{}, false
			}
			nsec, _ = strconv.Atoi(p.s[start:p.i])
			for range 9 - n {
				nsec *= 10
			}
		}
	}
	offset, okZ := p.zone()
	if !okZ || p.i != len(p.s) {
		return time.Time{}, false
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(month, year) ||
		hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	loc := time.UTC
	if offset != 0 {
		loc = time.FixedZone("", offset)
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, nsec, loc), true
}

// MustTimestamp is ParseTimestamp for literals known to be valid, such as
// the Timestamp fields of generated code; it panics otherwise.
func MustTimestamp(s string) time.Time {
	t, ok := ParseTimestamp(s)
	if !ok {
		panic("aslrt: invalid timestamp " + strconv.Quote(s))
	}
	return t
}

// IsTimestampString reports whether v is a string ParseTimestamp accepts
// (IsTimestamp, A6.13).
func IsTimestampString(v Value) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	_, ok = ParseTimestamp(s)
	return ok
}

type tsParser struct {
	s string
	i int
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func (p *tsParser) digits(n int) (int, bool) {
	if p.i+n > len(p.s) {
		return 0, false
	}
	v := 0
	for _, c := range []byte(p.s[p.i : p.i+n]) {
		if !isDigit(c) {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	p.i += n
	return v, true
}

func (p *tsParser) lit(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// zone parses Z or ±hh:mm[:ss] and returns the offset in seconds.
func (p *tsParser) zone() (int, bool) {
	if p.lit('Z') || p.lit('z') {
		return 0, true
	}
	sign := 1
	switch {
	case p.lit('+'):
	case p.lit('-'):
		sign = -1
	default:
		return 0, false
	}
	hh, ok := p.digits(2)
	if !ok || !p.lit(':') {
		return 0, false
	}
	mm, ok := p.digits(2)
	if !ok {
		return 0, false
	}
	ss := 0
	if p.lit(':') {
		if ss, ok = p.digits(2); !ok {
			return 0, false
		}
	}
	if hh > 18 || mm > 59 || ss > 59 || hh == 18 && (mm > 0 || ss > 0) {
		return 0, false
	}
	return sign * (hh*3600 + mm*60 + ss), true
}

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
