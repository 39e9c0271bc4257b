package jsonata

import (
	"math"
	"strings"

	aslrt "github.com/aslc/aslc/runtime"
)

// $fromMillis and $now: XPath F&O 3.1 fn:format-dateTime pictures as
// jsonata-js 2.0.6 implements them.

// datePart is a literal or a variable marker of a date/time picture.
type datePart struct {
	isLiteral bool
	literal   string
	// component is the component specifier, the marker's first UTF-16
	// unit: Y M D d F W w X x H h P m s f Z z C E, or another character
	// (which formats as "undefined").
	component rune
	present1  string // first presentation modifier
	present2  byte   // second presentation modifier: a, t, c, o or 0
	names     bool   // the component is written as a name
	namesCase letterCase
	minWidth  optNumber
	maxWidth  optNumber
	integer   *integerPicture // for integer-valued components and Z, z
	// digits is, for Y, M and D, the number of digits kept when formatting
	// a year and expected when parsing (-1: any; NaN for a bad width).
	digits float64
}

// optNumber is a JavaScript number that may be undefined.
type optNumber struct {
	set bool
	v   float64
}

// datePicture is an analysed date/time picture.
type datePicture []datePart

// defaultPresentation is the presentation modifier of a marker that gives
// none.
var defaultPresentation = map[rune]string{
	'Y': "1", 'M': "1", 'D': "1", 'd': "1", 'F': "n", 'W': "1", 'w': "1", 'X': "1", 'x': "1", 'H': "1", 'h': "1",
	'P': "n", 'm': "01", 's': "01", 'f': "1", 'Z': "01:01", 'z': "01:01", 'C': "n", 'E': "n",
}

// isoPicture is the picture of $fromMillis without one; isoDatePicture is
// its analysis, shared (formatting does not modify a picture).
const isoPicture = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"

var isoDatePicture = func() datePicture {
	spec, err := analyseDatePicture(isoPicture)
	if err != nil {
		panic(err) // a constant picture
	}
	return spec
}()

// analyseDatePicture splits a picture into literals and markers (F&O
// 9.8.4.1). "[[" and "]]" stand for literal brackets.
func analyseDatePicture(picture string) (datePicture, error) {
	var spec datePicture
	addLiteral := func(s string) {
		if s != "" {
			spec = append(spec, datePart{isLiteral: true, literal: strings.ReplaceAll(s, "]]", "]")})
		}
	}
	start, pos := 0, 0
	for pos < len(picture) {
		if picture[pos] != '[' {
			pos++
			continue
		}
		if pos+1 < len(picture) && picture[pos+1] == '[' {
			addLiteral(picture[start:pos])
			spec = append(spec, datePart{isLiteral: true, literal: "["})
			pos += 2
			start = pos
			continue
		}
		addLiteral(picture[start:pos])
		end := strings.IndexByte(picture[pos:], ']')
		if end < 0 {
			return nil, &Error{Code: "D3135", Position: -1, Message: "No matching closing bracket ']' in date/time picture string"}
		}
		part, err := analyseMarker(picture[pos+1 : pos+end])
		if err != nil {
			return nil, err
		}
		spec = append(spec, part)
		pos += end + 1
		start = pos
	}
	addLiteral(picture[start:])
	return spec, nil
}

// analyseMarker analyses the text of a variable marker: a component
// specifier, presentation modifiers and a width modifier (F&O 9.8.4.2),
// white space ignored. Like jsonata-js it counts UTF-16 units.
func analyseMarker(text string) (datePart, error) {
	if strings.ContainsFunc(text, isJSSpace) {
		text = strings.Join(strings.FieldsFunc(text, isJSSpace), "")
	}
	u := utf16Units(text)
	var part datePart
	if len(u) == 0 {
		return part, unknownComponent("")
	}
	part.component = rune(u[0])
	mods := u[1:]
	if comma := lastIndexUnits(u, []uint16{','}); comma >= 0 {
		width := u[comma+1:]
		if dash := indexUnits(width, []uint16{'-'}, 0); dash < 0 {
			part.minWidth = parseWidth(width)
		} else {
			part.minWidth = parseWidth(width[:dash])
			part.maxWidth = parseWidth(width[dash+1:])
		}
		mods = substringUnits(u, 1, comma)
	}
	var p1 []uint16
	switch {
	case len(mods) > 1 && strings.ContainsRune("atco", rune(mods[len(mods)-1])):
		part.present2 = byte(mods[len(mods)-1])
		p1 = mods[:len(mods)-1]
	case len(mods) > 0:
		p1 = mods
	default:
		p, ok := defaultPresentation[part.component]
		if !ok {
			return part, unknownComponent(utf16String(u[:1]))
		}
		p1 = utf16Units(p)
	}
	part.present1 = utf16String(p1)
	switch {
	case p1[0] == 'n':
		part.names, part.namesCase = true, caseLower
	case p1[0] == 'N' && len(p1) > 1 && p1[1] == 'n':
		part.names, part.namesCase = true, caseTitle
	case p1[0] == 'N':
		part.names, part.namesCase = true, caseUpper
	case strings.ContainsRune("YMDdFWwXxHhmsf", part.component):
		pattern := part.present1
		if part.present2 != 0 {
			pattern += ";" + string(part.present2)
		}
		f, err := analyseIntegerPicture(pattern)
		if err != nil {
			return part, err
		}
		if part.minWidth.set && f.mandatory < part.minWidth.v {
			f.mandatory = part.minWidth.v
		}
		if strings.ContainsRune("YMD", part.component) {
			part.digits = -1
			if part.maxWidth.set {
				part.digits = part.maxWidth.v
				f.mandatory = part.maxWidth.v
			} else if w := f.mandatory + float64(f.optional); w >= 2 {
				part.digits = w
			}
		}
		part.integer = f
	}
	if part.component == 'Z' || part.component == 'z' {
		f, err := analyseIntegerPicture(part.present1)
		if err != nil {
			return part, err
		}
		part.integer = f
	}
	return part, nil
}

func unknownComponent(c string) *Error {
	return &Error{Code: "D3132", Position: -1, Value: c,
		Message: "Unknown component specifier " + aslrt.EncodeString(c) + " in date/time picture string"}
}

// parseWidth reads one side of a width modifier: "*" is undefined,
// anything else goes through parseInt.
func parseWidth(u []uint16) optNumber {
	if len(u) == 1 && u[0] == '*' {
		return optNumber{}
	}
	return optNumber{set: true, v: parseIntJS(utf16String(u))}
}

// substringString is JavaScript's s.substring(a, b) for ASCII positions.
func substringString(s string, a, b int) string {
	a, b = min(max(a, 0), len(s)), min(max(b, 0), len(s))
	if a > b {
		a, b = b, a
	}
	return s[a:b]
}

var (
	dayNames   = [...]string{"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	monthNames = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)

// formatDateTime is $fromMillis(millis, picture, timezone): the instant
// millis (milliseconds since the epoch, already truncated to an integer)
// written by an XPath date/time picture in the time zone ±HHMM.
//
// An empty picture means the ISO 8601 default, 2018-01-01T00:00:00.000Z
// style, and an empty timezone means UTC. (jsonata-js formats an explicit
// empty picture as the empty string; callers that can tell an absent
// argument from an empty one handle that case themselves.)
//
// Like jsonata-js, the time zone is read as one integer and split as
// floor(tz/100) hours and tz%100 minutes, so "-0530" is six hours and
// thirty minutes west. Instants that a JavaScript Date cannot hold, and time
// zones that are not numbers, are errors (jsonata-js writes NaN fields).
func formatDateTime(millis int64, picture string, timezone string) (string, error) {
	offsetHours, offsetMinutes := 0.0, 0.0
	if timezone != "" {
		offset := parseIntJS(timezone)
		if math.IsNaN(offset) || math.IsInf(offset, 0) {
			return "", &Error{Code: "D3030", Position: -1, Value: timezone,
				Message: "Unable to cast value to a number: " + aslrt.EncodeString(timezone) + " (the timezone must be of the form ±HHMM)"}
		}
		offsetHours = math.Floor(offset / 100)
		offsetMinutes = math.Mod(offset, 100)
	}
	spec := isoDatePicture
	if picture != "" {
		var err error
		if spec, err = analyseDatePicture(picture); err != nil {
			return "", err
		}
	}
	shifted := float64(millis) + float64((60*offsetHours+offsetMinutes)*60*1000)
	if math.Abs(shifted) > maxTimeJS {
		// jsonata-js formats an invalid Date as NaN fields, failing only on
		// a marker it cannot format whatever the date.
		for i := range spec {
			if err := spec[i].staticError(); err != nil {
				return "", err
			}
		}
		return "", &Error{Code: "D3110", Position: -1, Value: float64(millis),
			Message: "The timestamp " + jsNumber(float64(millis)).String() + " (in the given time zone) is outside the range of dates, ±8.64e15 milliseconds from the epoch"}
	}
	date := fieldsOf(int64(shifted))
	var b strings.Builder
	for i := range spec {
		part := &spec[i]
		if part.isLiteral {
			b.WriteString(part.literal)
			continue
		}
		s, err := part.format(date, offsetHours, offsetMinutes)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// format writes one marker.
func (p *datePart) format(date dateFields, offsetHours, offsetMinutes float64) (string, error) {
	if err := p.staticError(); err != nil {
		return "", err
	}
	switch c := p.component; {
	case strings.ContainsRune("YMDdFWwXxHhms", c):
		value := date.component(c)
		if c == 'Y' && p.digits != -1 {
			value = math.Mod(value, math.Pow(10, p.digits))
		}
		if !p.names {
			return p.integer.format(value)
		}
		var name string
		switch i := int(value); {
		case (c == 'M' || c == 'x') && 1 <= i && i <= 12:
			name = monthNames[i-1]
		case c == 'F' && 1 <= i && i <= 7:
			name = dayNames[i]
		default:
			return "", namesError(c)
		}
		switch p.namesCase {
		case caseUpper:
			name = strings.ToUpper(name)
		case caseLower:
			name = strings.ToLower(name)
		}
		if p.maxWidth.set && float64(len(name)) > p.maxWidth.v {
			name = substringString(name, 0, int(max(p.maxWidth.v, -1)))
		}
		return name, nil
	case c == 'f':
		return p.integer.format(float64(date.millisecs))
	case c == 'Z' || c == 'z':
		return p.formatZone(offsetHours, offsetMinutes)
	case c == 'P':
		s := "am"
		if date.hour >= 12 {
			s = "pm"
		}
		if p.names && p.namesCase == caseUpper {
			s = strings.ToUpper(s)
		}
		return s, nil
	case c == 'C' || c == 'E':
		return "ISO", nil
	}
	// Any other component has no value: jsonata-js writes "undefined".
	return "undefined", nil
}

// staticError is the error formatting the marker gives whatever the date:
// names for a component that has none, a numbering sequence, a time zone
// picture of more than four digits.
func (p *datePart) staticError() error {
	c := p.component
	switch {
	case p.isLiteral:
		return nil
	case strings.ContainsRune("YMDdFWwXxHhms", c) && p.names:
		if c != 'M' && c != 'x' && c != 'F' {
			return namesError(c)
		}
	case strings.ContainsRune("YMDdFWwXxHhmsf", c):
		if p.integer == nil { // f by name: a TypeError in jsonata-js
			return namesError(c)
		}
		if p.integer.primary == numberingSequence {
			return sequenceError(p.integer.token)
		}
	case c == 'Z' || c == 'z':
		if digits := p.integer.mandatory; !p.integer.regular && digits != 1 && digits != 2 && digits != 3 && digits != 4 {
			return &Error{Code: "D3134", Position: -1, Value: digits,
				Message: "The timezone integer format specifier cannot have more than four digits"}
		}
	}
	return nil
}

func namesError(c rune) *Error {
	return &Error{Code: "D3133", Position: -1, Value: string(c),
		Message: "The 'name' modifier can only be applied to months and days in the date/time picture string, not " + aslrt.EncodeString(string(c))}
}

// formatZone writes a Z or z marker (F&O 9.8.4.6).
func (p *datePart) formatZone(offsetHours, offsetMinutes float64) (string, error) {
	offset := offsetHours*100 + offsetMinutes
	var s string
	var err error
	f := p.integer
	if digits := f.mandatory; f.regular || digits == 3 || digits == 4 {
		s, err = f.format(offset)
	} else {
		s, err = f.format(offsetHours)
		if err == nil && offsetMinutes != 0 {
			var m string
			m, err = formatInteger(offsetMinutes, "00")
			s += ":" + m
		}
	}
	if err != nil {
		return "", err
	}
	if offset >= 0 {
		s = "+" + s
	}
	if p.component == 'z' {
		s = "GMT" + s
	}
	if offset == 0 && p.present2 == 't' {
		s = "Z"
	}
	return s, nil
}

// component is the value of an integer-valued component of the date; NaN
// where jsonata-js's calendar arithmetic leaves the range of dates.
func (d dateFields) component(c rune) float64 {
	switch c {
	case 'Y':
		return float64(d.year)
	case 'M':
		return float64(d.month + 1)
	case 'D':
		return float64(d.day)
	case 'd':
		return d.dayNumber() - utcDay(d.year, 0, 1) + 1
	case 'F':
		if d.weekday == 0 {
			return 7
		}
		return float64(d.weekday)
	case 'W':
		return d.weekOfYear()
	case 'w':
		return d.weekOfMonth()
	case 'X':
		return float64(d.weekYear())
	case 'x':
		return float64(d.weekMonth())
	case 'H':
		return float64(d.hour)
	case 'h':
		h := d.hour % 12
		if h == 0 {
			h = 12
		}
		return float64(h)
	case 'm':
		return float64(d.minute)
	case 's':
		return float64(d.second)
	case 'f':
		return float64(d.millisecs)
	}
	return math.NaN()
}

// Weeks, as jsonata-js numbers them: ISO 8601 weeks start on Monday and the
// first week of a year (or, by extension, of a month) is the one with its
// first Thursday. jsonata-js computes them with Date.UTC, so years 0 to 99
// are taken as 1900 to 1999 and dates near the ends of the range of time
// values give NaN.

// utcDay is Date.UTC(year, month, day) in days since the epoch.
func utcDay(year, month, day int64) float64 {
	if 0 <= year && year <= 99 {
		year += 1900
	}
	days := daysFromCivil(year, month) + day - 1
	if math.Abs(float64(days)*msPerDay) > maxTimeJS {
		return math.NaN()
	}
	return float64(days)
}

// dayNumber is the date's midnight, in days, as Date.UTC gives it.
func (d dateFields) dayNumber() float64 {
	return utcDay(d.year, int64(d.month), int64(d.day))
}

// startOfFirstWeek is the day that week 1 of the month (0-based) of year
// starts.
func startOfFirstWeek(year, month int64) float64 {
	first := utcDay(year, month, 1)
	if math.IsNaN(first) {
		return first
	}
	dow := (int64(first)%7 + 7 + 4) % 7 // 0 = Sunday
	if dow == 0 {
		dow = 7
	}
	if dow > 4 {
		return first + float64(8-dow)
	}
	return first - float64(dow-1)
}

// weeksBetween is the 1-based number of the week containing end, counted
// from start; fractional between week starts.
func weeksBetween(start, end float64) float64 {
	return (end-start)/7 + 1
}

func nextMonth(y, m int64) (int64, int64) {
	if m == 11 {
		return y + 1, 0
	}
	return y, m + 1
}

func previousMonth(y, m int64) (int64, int64) {
	if m == 0 {
		return y - 1, 11
	}
	return y, m - 1
}

func (d dateFields) weekOfYear() float64 {
	today := d.dayNumber()
	week := weeksBetween(startOfFirstWeek(d.year, 0), today)
	if week > 52 {
		if today >= startOfFirstWeek(d.year+1, 0) {
			week = 1
		}
	} else if week < 1 {
		week = weeksBetween(startOfFirstWeek(d.year-1, 0), today)
	}
	return math.Floor(week)
}

func (d dateFields) weekOfMonth() float64 {
	today := d.dayNumber()
	y, m := d.year, int64(d.month)
	week := weeksBetween(startOfFirstWeek(y, m), today)
	if week > 4 {
		if today >= startOfFirstWeek(nextMonth(y, m)) {
			week = 1
		}
	} else if week < 1 {
		week = weeksBetween(startOfFirstWeek(previousMonth(y, m)), today)
	}
	return math.Floor(week)
}

// weekYear is the ISO week-numbering year. jsonata-js compares the instant
// itself with the week boundaries (midnight UTC).
func (d dateFields) weekYear() int64 {
	now := float64(d.millis)
	switch {
	case now < startOfFirstWeek(d.year, 0)*msPerDay:
		return d.year - 1
	case now >= startOfFirstWeek(d.year+1, 0)*msPerDay:
		return d.year + 1
	}
	return d.year
}

// weekMonth is the month (1-12) in which the week containing the date is
// numbered.
func (d dateFields) weekMonth() int64 {
	now := float64(d.millis)
	y, m := d.year, int64(d.month)
	switch {
	case now < startOfFirstWeek(y, m)*msPerDay:
		_, pm := previousMonth(y, m)
		return pm + 1
	case now >= startOfFirstWeek(nextMonth(y, m))*msPerDay:
		_, nm := nextMonth(y, m)
		return nm + 1
	}
	return m + 1
}
