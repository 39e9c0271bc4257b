package jsonata

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	aslrt "github.com/aslc/aslc/runtime"
)

// $toMillis: ISO 8601 timestamps as JavaScript's Date.parse reads them, and
// timestamps described by an XPath date/time picture, parsed the way
// jsonata-js 2.0.6 does it (one regular expression built from the picture,
// matched case-insensitively).

// parseDateTimeAt is $toMillis(s, picture) evaluated at the instant now
// (milliseconds since the epoch): jsonata-js fills the leading components a
// picture leaves out (the date, for a picture of only a time) from the
// evaluation's timestamp, the one $now() returns.
//
// An empty picture reads s as ISO 8601; s must then look like one (error
// D3110 otherwise). A timestamp that does not match its picture, or that
// gives no component at all, is undefined: ok is false. (jsonata-js treats
// an explicit empty picture as a picture: its result is then always
// undefined; callers that can tell it from an absent picture handle that.)
func parseDateTimeAt(s, picture string, now int64) (millis int64, ok bool, err error) {
	if picture == "" {
		return parseISO8601(s)
	}
	p, err := newDateParser(picture)
	if err != nil {
		return 0, false, err
	}
	return p.parse(s, now)
}

// dateParser reads timestamps by one date/time picture.
type dateParser struct {
	m *dateMatcher
}

// newDateParser analyses a (non-empty) date/time picture for parsing.
func newDateParser(picture string) (*dateParser, error) {
	spec, err := analyseDatePicture(picture)
	if err != nil {
		return nil, err
	}
	m, err := newDateMatcher(spec)
	if err != nil {
		return nil, err
	}
	return &dateParser{m: m}, nil
}

// parse is parseDateTimeAt with the parser's picture.
func (p *dateParser) parse(s string, now int64) (millis int64, ok bool, err error) {
	groups := p.m.re.FindStringSubmatch(s)
	if groups == nil {
		return 0, false, nil
	}
	var comps dateComponents
	found := false
	for i, part := range p.m.parts {
		if part.parse == nil {
			continue
		}
		v, defined := part.parse(groups[i+1])
		comps.set(part.component, v, defined)
		found = true
	}
	if !found {
		return 0, false, nil
	}
	t, err := comps.timestamp(fieldsOf(now))
	if err != nil {
		return 0, false, err
	}
	if math.IsNaN(t) {
		return 0, false, nil // jsonata-js returns NaN
	}
	return int64(t), true, nil
}

// dateMatcher is the regular expression of a date/time picture, with a
// reader for each capture group that yields a component.
type dateMatcher struct {
	re    *regexp.Regexp
	parts []matcherPart
}

type matcherPart struct {
	component rune
	// parse reads the group; defined is false for a name that is not in
	// the picture's table (jsonata-js stores undefined).
	parse func(string) (v float64, defined bool)
}

func newDateMatcher(spec datePicture) (*dateMatcher, error) {
	m := &dateMatcher{parts: make([]matcherPart, len(spec))}
	var re strings.Builder
	re.WriteString("(?i)^")
	for i := range spec {
		p := &spec[i]
		var expr string
		switch {
		case p.isLiteral:
			expr = regexp.QuoteMeta(p.literal)
		case p.component == 'Z' || p.component == 'z':
			expr, m.parts[i].parse = zoneMatcher(p)
		case p.integer != nil:
			var err error
			if expr, err = integerRegex(p.integer, p.digits); err != nil {
				return nil, err
			}
			f := p.integer
			m.parts[i].parse = func(s string) (float64, bool) {
				v, _ := f.parse(s) // the regex admits no numbering sequence
				return v, true
			}
		default:
			lookup, err := nameTable(p)
			if err != nil {
				return nil, err
			}
			expr = "[a-zA-Z]+"
			m.parts[i].parse = func(s string) (float64, bool) {
				v, ok := lookup[s]
				return v, ok
			}
		}
		m.parts[i].component = p.component
		re.WriteString("(" + expr + ")")
	}
	re.WriteString("$")
	var err error
	if m.re, err = regexp.Compile(re.String()); err != nil {
		return nil, &Error{Code: "D3130", Position: -1,
			Message: "Parsing with this date/time picture is not supported by this implementation: " + err.Error()}
	}
	return m, nil
}

// integerRegex is the regular expression of an integer picture. width is
// the number of digits the Y, M and D components expect, when they fix one.
func integerRegex(f *integerPicture, width float64) (string, error) {
	repeat := "+"
	if width > 0 {
		if width > maxRegexRepeat {
			return "", &Error{Code: "D3130", Position: -1, Value: width,
				Message: "Parsing an integer of " + jsNumber(width).String() + " digits is not supported by this implementation"}
		}
		if f.optional == 0 {
			repeat = "{" + jsNumber(width).String() + "}"
		} else {
			repeat = "{" + jsNumber(width-float64(f.optional)).String() + "," + jsNumber(width).String() + "}"
		}
	}
	switch f.primary {
	case numberingLetters:
		if f.letters == caseUpper {
			return "[A-Z]+", nil
		}
		return "[a-z]+", nil
	case numberingRoman:
		if f.letters == caseUpper {
			return "[MDCLXVI]+", nil
		}
		return "[mdclxvi]+", nil
	case numberingWords:
		return "(?:" + strings.Join(wordList, "|") + `|and|[\-, ])+`, nil
	case numberingDecimal:
		if f.ordinal {
			return "[0-9]" + repeat + "(?:th|st|nd|rd)", nil
		}
		return "[0-9]" + repeat, nil
	}
	return "", sequenceError(f.token)
}

// zoneMatcher is the regular expression and reader of a Z or z marker:
// GMT for z, a sign, hours, and minutes after the separator of a regular
// picture such as 01:01, or else as the digits after the hours.
func zoneMatcher(p *datePart) (string, func(string) (float64, bool)) {
	sep := ""
	if p.integer.regular {
		sep = p.integer.separator
	}
	expr := "[-+][0-9]+"
	if p.component == 'z' {
		expr = "GMT" + expr
	}
	if sep != "" {
		expr += regexp.QuoteMeta(sep) + "[0-9]+"
	}
	gmt := p.component == 'z'
	return expr, func(s string) (float64, bool) {
		if gmt {
			s = s[3:]
		}
		var hours, minutes float64
		if sep != "" {
			if i := strings.Index(s, sep); i >= 0 {
				hours, minutes = parseIntJS(s[:i]), parseIntJS(s[i+len(sep):])
			} else { // a letter separator matched in the other case
				hours, minutes = math.NaN(), parseIntJS(s)
			}
		} else if len(s)-1 <= 2 {
			hours = parseIntJS(s)
		} else {
			hours, minutes = parseIntJS(s[:3]), parseIntJS(s[3:])
		}
		return hours*60 + minutes, true
	}
}

// nameTable maps the names a marker can read to their values: months for
// M and x (cut to the maximum width), days for F, am and pm for P.
func nameTable(p *datePart) (map[string]float64, error) {
	table := map[string]float64{}
	cut := func(name string) string {
		if p.maxWidth.set && p.maxWidth.v != 0 && !math.IsNaN(p.maxWidth.v) {
			return substringString(name, 0, int(max(min(p.maxWidth.v, 1e9), -1e9)))
		}
		return name
	}
	switch p.component {
	case 'M', 'x':
		for i, name := range monthNames {
			table[cut(name)] = float64(i + 1)
		}
	case 'F':
		for i, name := range dayNames[1:] {
			table[cut(name)] = float64(i + 1)
		}
	case 'P':
		table["am"], table["AM"], table["pm"], table["PM"] = 0, 0, 1, 1
	default:
		return nil, namesError(p.component)
	}
	return table, nil
}

// dateComponents are the components read from a timestamp, with the three
// states a jsonata-js property can have: absent, present but undefined, and
// a number (possibly NaN).
type dateComponents struct {
	values  [128]float64
	present [128]bool
	defined [128]bool
}

func (c *dateComponents) set(component rune, v float64, defined bool) {
	if component >= 128 {
		return // not a component jsonata-js reads back
	}
	c.values[component], c.present[component], c.defined[component] = v, true, defined
}

func (c *dateComponents) get(component byte) (float64, bool) {
	return c.values[component], c.defined[component]
}

// truthy is JavaScript truthiness of a component.
func (c *dateComponents) truthy(component byte) bool {
	v, ok := c.get(component)
	return ok && v != 0 && !math.IsNaN(v)
}

// mask packs the truthiness of components into bits, first most
// significant.
func (c *dateComponents) mask(components string) int {
	m := 0
	for i := range len(components) {
		m <<= 1
		if c.truthy(components[i]) {
			m++
		}
	}
	return m
}

func isMaskType(t, mask int) bool { return ^t&mask == 0 && t&mask != 0 }

// The combinations of components that determine a date and a time.
const (
	dateYMD  = 0b10100001 // over YXMxWwdD
	dateYd   = 0b10000010
	dateXxwF = 0b01010100
	dateXWF  = 0b01001000
	timeHmsf = 0b010111 // over PHhmsf
	timePhms = 0b101111
)

// timestamp combines the components into an instant: the components more
// significant than those given come from now, the less significant ones
// are zero (one for months and days); a gap in between is error D3136.
func (c *dateComponents) timestamp(now dateFields) (float64, error) {
	dm := c.mask("YXMxWwdD")
	dateA := isMaskType(dateYMD, dm)
	dateB := !dateA && isMaskType(dateYd, dm)
	dateC := isMaskType(dateXxwF, dm)
	dateD := !dateC && isMaskType(dateXWF, dm)
	tm := c.mask("PHhmsf")
	timeA := isMaskType(timeHmsf, tm)
	timeB := !timeA && isMaskType(timePhms, tm)

	comps := "YMD"
	switch {
	case dateB:
		comps = "YD"
	case dateC:
		comps = "XxwF"
	case dateD:
		comps = "XWF"
	}
	if timeB {
		comps += "Phmsf"
	} else {
		comps += "Hmsf"
	}
	startSpecified, endSpecified := false, false
	nowP := -1.0 // $now's am/pm marker is a string, never the number 1
	for i := range len(comps) {
		part := comps[i]
		if _, ok := c.get(part); ok {
			startSpecified = true
			if endSpecified {
				return 0, &Error{Code: "D3136", Position: -1, Message: "The date/time picture string is missing specifiers required to parse the timestamp"}
			}
			continue
		}
		var v float64
		switch {
		case startSpecified:
			if strings.IndexByte("MDd", part) >= 0 {
				v = 1
			}
			endSpecified = true
		case part == 'P':
			v = nowP
		default:
			v = now.component(rune(part))
		}
		c.values[part], c.defined[part] = v, true
	}
	if dateC || dateD {
		// parsing ISO week dates is not supported by jsonata-js
		return 0, &Error{Code: "D3136", Position: -1, Message: "The date/time picture string is missing specifiers required to parse the timestamp"}
	}
	y, _ := c.get('Y')
	m, _ := c.get('M')
	d, _ := c.get('D')
	if m > 0 {
		m--
	} else {
		m = 0
	}
	if dateB {
		doy, _ := c.get('d')
		t := dateUTC(y, 0, 1, 0, 0, 0, 0) + float64((doy-1)*msPerDay)
		if t = timeClip(t); math.IsNaN(t) {
			m, d = math.NaN(), math.NaN()
		} else {
			f := fieldsOf(int64(t))
			m, d = float64(f.month), float64(f.day)
		}
	}
	h, _ := c.get('H')
	if timeB {
		hh, _ := c.get('h')
		h = hh
		if hh == 12 {
			h = 0
		}
		if p, _ := c.get('P'); p == 1 {
			h += 12
		}
	}
	mi, _ := c.get('m')
	s, _ := c.get('s')
	f, _ := c.get('f')
	t := dateUTC(y, m, d, h, mi, s, f)
	if c.truthy('Z') {
		z, _ := c.get('Z')
		t -= float64(z * msPerMinute)
	} else if c.truthy('z') {
		z, _ := c.get('z')
		t -= float64(z * msPerMinute)
	}
	return t, nil
}

// isoTimestamp is the shape jsonata-js requires of a timestamp without a
// picture.
var isoTimestamp = regexp.MustCompile(`^\d{4}(-[01]\d)*(-[0-3]\d)*(T[0-2]\d:[0-5]\d:[0-5]\d)*(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$`)

// isoLayout is what JavaScript's Date.parse makes of those shapes:
// YYYY[-MM[-DD]] optionally followed by THH:mm:ss[.fff…] and a UTC offset
// (±HH:mm or ±HHmm) or Z, or by Z alone.
var isoLayout = regexp.MustCompile(`^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:([+-])(\d\d):?(\d\d))?)?Z?$`)

// parseISO8601 is $toMillis(s) without a picture. Timestamps with a time
// and no offset are read as UTC (JavaScript reads them in the host's time
// zone; AWS runs in UTC).
func parseISO8601(s string) (int64, bool, error) {
	bad := func() (int64, bool, error) {
		return 0, false, &Error{Code: "D3110", Position: -1, Value: s,
			Message: "The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given " + aslrt.EncodeString(s)}
	}
	if !isoTimestamp.MatchString(s) {
		return bad()
	}
	g := isoLayout.FindStringSubmatch(s)
	if g == nil || g[8] != "" && strings.HasSuffix(s, "Z") {
		return bad() // Date.parse gives NaN
	}
	if g[4] == "" && strings.HasSuffix(s, "Z") && g[1] < "0100" {
		// Date.parse reads a date with Z and no time by its legacy rules,
		// which make years below 100 two-digit years or no date at all.
		return bad()
	}
	num := func(t string, def int) int {
		if t == "" {
			return def
		}
		n, _ := strconv.Atoi(t)
		return n
	}
	year, month, day := num(g[1], 0), num(g[2], 1), num(g[3], 1)
	hour, minute, second := num(g[4], 0), num(g[5], 0), num(g[6], 0)
	ms := 0
	if frac := g[7]; frac != "" {
		frac = (frac + "00")[:3]
		ms = num(frac, 0)
	}
	if month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 ||
		hour == 24 && (minute != 0 || second != 0 || strings.Trim(g[7], "0") != "") {
		return bad()
	}
	offset := 0
	if g[8] != "" {
		oh, om := num(g[9], 0), num(g[10], 0)
		if oh > 23 || om > 59 {
			return bad()
		}
		offset = oh*60 + om
		if g[8] == "-" {
			offset = -offset
		}
	}
	t := dateUTC(float64(year), float64(month-1), float64(day), float64(hour), float64(minute), float64(second), float64(ms))
	if year <= 99 {
		// Date.parse does not apply Date.UTC's two-digit year rule.
		t = timeClip(float64(makeDay(float64(year), float64(month-1), float64(day))*msPerDay) +
			makeTime(float64(hour), float64(minute), float64(second), float64(ms)))
	}
	if math.IsNaN(t) {
		return bad()
	}
	return int64(t) - int64(offset)*msPerMinute, true, nil
}
