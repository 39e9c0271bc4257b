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
	literal string // when component == 0
	// component is the component specifier: Y M D d F W w X x H h P m s f
	// Z z C E, or another character (an error when formatting).
	component  rune
	present1   string // first presentation modifier
	present2   byte   // second presentation modifier: a, t, c, o or 0
	names      bool   // the component is written as a name
	namesCase  letterCase
	hasWidth   bool
	minWidth   optNumber
	maxWidth   optNumber
	integer    *integerPicture // for integer-valued components and Z, z
	yearDigits float64         // Y, M, D: digits kept (-1 all); NaN for a bad width
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

// isoPicture is the picture of $fromMillis without one.
const isoPicture = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"

// analyseDatePicture splits a picture into literals and markers (F&O
// 9.8.4.1). "[[" and "]]" stand for literal brackets.
func analyseDatePicture(picture string) (datePicture, error) {
	var spec datePicture
	addLiteral := func(s string) {
		if s != "" {
			spec = append(spec, datePart{literal: strings.ReplaceAll(s, "]]", "]")})
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
			spec = append(spec, datePart{literal: "["})
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
// white space ignored.
func analyseMarker(marker string) (datePart, error) {
	marker = strings.Join(strings.FieldsFunc(marker, isJSSpace), "")
	var part datePart
	for _, r := range marker {
		part.component = r
		break
	}
	modifiers := marker[len(string(part.component)):]
	if marker == "" {
		modifiers = ""
	}
	if comma := strings.LastIndexByte(marker, ','); comma >= 0 {
		width := marker[comma+1:]
		part.hasWidth = true
		if dash := strings.IndexByte(width, '-'); dash < 0 {
			part.minWidth = parseWidth(width, true)
		} else {
			part.minWidth = parseWidth(width[:dash], true)
			part.maxWidth = parseWidth(width[dash+1:], true)
		}
		modifiers = substringString(marker, len(string(part.component)), comma)
	}
	switch {
	case len(modifiers) == 1 || len(modifiers) > 1 && strings.IndexByte("atco", modifiers[len(modifiers)-1]) < 0:
		part.present1 = modifiers
	case len(modifiers) > 1:
		part.present2 = modifiers[len(modifiers)-1]
		part.present1 = modifiers[:len(modifiers)-1]
	default:
		p, ok := defaultPresentation[part.component]
		if !ok {
			return part, &Error{Code: "D3132", Position: -1, Value: string(part.component),
				Message: "Unknown component specifier " + aslrt.EncodeString(string(part.component)) + " in date/time picture string"}
		}
		part.present1 = p
	}
	switch {
	case strings.HasPrefix(part.present1, "n"):
		part.names, part.namesCase = true, caseLower
	case strings.HasPrefix(part.present1, "Nn"):
		part.names, part.namesCase = true, caseTitle
	case strings.HasPrefix(part.present1, "N"):
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
			part.yearDigits = -1
			if part.maxWidth.set {
				part.yearDigits = part.maxWidth.v
				f.mandatory = part.maxWidth.v
			} else if w := f.mandatory + float64(f.optional); w >= 2 {
				part.yearDigits = w
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

// parseWidth reads one side of a width modifier: "*" or nothing is
// undefined, anything else goes through parseInt.
func parseWidth(s string, present bool) optNumber {
	if !present || s == "*" {
		return optNumber{}
	}
	return optNumber{set: true, v: parseIntJS(s)}
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
	if picture == "" {
		picture = isoPicture
	}
	spec, err := analyseDatePicture(picture)
	if err != nil {
		return "", err
	}
	shifted := float64(millis) + float64((60*offsetHours+offsetMinutes)*60*1000)
	if math.Abs(shifted) > maxTimeJS {
		return "", &Error{Code: "D3110", Position: -1, Value: float64(millis),
			Message: "The timestamp " + jsNumber(float64(millis)).String() + " (in the given time zone) is outside the range of dates, ±8.64e15 milliseconds from the epoch"}
	}
	date := fieldsOf(int64(shifted))
	var b strings.Builder
	for i := range spec {
		part := &spec[i]
		if part.component == 0 {
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
	switch c := p.component; {
	case strings.ContainsRune("YMDdFWwXxHhms", c):
		value := date.component(c)
		if c == 'Y' && p.yearDigits != -1 {
			value = math.Mod(value, math.Pow(10, p.yearDigits))
		}
		if !p.names {
			return p.integer.format(value)
		}
		var name string
		switch c {
		case 'M', 'x':
			name = monthNames[int(value)-1]
		case 'F':
			name = dayNames[int(value)]
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
			name = substringString(name, 0, int(p.maxWidth.v))
		}
		return name, nil
	case c == 'f':
		if p.integer == nil { // a name presentation (a TypeError in jsonata-js)
			return "", namesError(c)
		}
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
	switch digits := f.mandatory; {
	case f.regular:
		s, err = f.format(offset)
	case digits == 1 || digits == 2:
		s, err = f.format(offsetHours)
		if err == nil && offsetMinutes != 0 {
			var m string
			m, err = formatInteger(offsetMinutes, "00")
			s += ":" + m
		}
	case digits == 3 || digits == 4:
		s, err = f.format(offset)
	default:
		return "", &Error{Code: "D3134", Position: -1, Value: digits,
			Message: "The timezone integer format specifier cannot have more than four digits"}
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

// component is the value of an integer-valued component of the date.
func (d dateFields) component(c rune) float64 {
	switch c {
	case 'Y':
		return float64(d.year)
	case 'M':
		return float64(d.month + 1)
	case 'D':
		return float64(d.day)
	case 'd':
		today := daysFromCivil(d.year, int64(d.month)) + int64(d.day) - 1
		return float64(today - daysFromCivil(d.year, 0) + 1)
	case 'F':
		if d.weekday == 0 {
			return 7
		}
		return float64(d.weekday)
	case 'W':
		return float64(d.weekOfYear())
	case 'w':
		return float64(d.weekOfMonth())
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
// first Thursday.

// startOfFirstWeek is the day (since the epoch) that week 1 of the month
// (0-based) of year starts.
func startOfFirstWeek(year, month int64) int64 {
	first := daysFromCivil(year, month)
	dow := (first+4)%7 + 7 // 0 = Sunday
	dow %= 7
	if dow == 0 {
		dow = 7
	}
	if dow > 4 {
		return first + 8 - dow
	}
	return first - (dow - 1)
}

func (d dateFields) dayNumber() int64 {
	return daysFromCivil(d.year, int64(d.month)) + int64(d.day) - 1
}

// weeksBetween is (end-start)/7 + 1, the 1-based number of the week
// containing end, counted from start; it is fractional between weeks.
func weeksBetween(start, end int64) float64 {
	return float64(end-start)/7 + 1
}

func (d dateFields) weekOfYear() int64 {
	today := d.dayNumber()
	week := weeksBetween(startOfFirstWeek(d.year, 0), today)
	if week > 52 {
		if today >= startOfFirstWeek(d.year+1, 0) {
			week = 1
		}
	} else if week < 1 {
		week = weeksBetween(startOfFirstWeek(d.year-1, 0), today)
	}
	return int64(math.Floor(week))
}

func (d dateFields) weekOfMonth() int64 {
	today := d.dayNumber()
	y, m := d.year, int64(d.month)
	week := weeksBetween(startOfFirstWeek(y, m), today)
	if week > 4 {
		ny, nm := y, m+1
		if nm == 12 {
			ny, nm = y+1, 0
		}
		if today >= startOfFirstWeek(ny, nm) {
			week = 1
		}
	} else if week < 1 {
		py, pm := y, m-1
		if pm < 0 {
			py, pm = y-1, 11
		}
		week = weeksBetween(startOfFirstWeek(py, pm), today)
	}
	return int64(math.Floor(week))
}

// weekYear is the ISO week-numbering year. jsonata-js compares the instant,
// not the day, with the week boundaries at midnight UTC.
func (d dateFields) weekYear() int64 {
	now := d.millis
	switch {
	case now < startOfFirstWeek(d.year, 0)*msPerDay:
		return d.year - 1
	case now >= startOfFirstWeek(d.year+1, 0)*msPerDay:
		return d.year + 1
	}
	return d.year
}

// weekMonth is the month (1-12) that the week containing the date is
// numbered in.
func (d dateFields) weekMonth() int64 {
	now := d.millis
	y, m := d.year, int64(d.month)
	ny, nm := y, m+1
	if nm == 12 {
		ny, nm = y+1, 0
	}
	switch {
	case now < startOfFirstWeek(y, m)*msPerDay:
		if m == 0 {
			return 12
		}
		return m
	case now >= startOfFirstWeek(ny, nm)*msPerDay:
		return nm + 1
	}
	return m + 1
}
