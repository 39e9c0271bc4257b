package jsonata

import (
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	aslrt "github.com/aslc/aslc/runtime"
)

// Integer pictures: XPath F&O 3.1 fn:format-integer as jsonata-js 2.0.6
// implements it for $formatInteger and $parseInteger, and for the integer
// components of date/time pictures.

// numbering is the primary format token of an integer picture.
type numbering uint8

const (
	numberingDecimal  numbering = iota // a decimal digit pattern such as "#,##0"
	numberingLetters                   // a, b, … z, aa, …
	numberingRoman                     // i, ii, iii, iv, …
	numberingWords                     // one, two, …
	numberingSequence                  // any other token: not supported
)

// letterCase is the case of letters, roman numerals, words and names.
type letterCase uint8

const (
	caseLower letterCase = iota
	caseUpper
	caseTitle
)

// groupingSeparator is a grouping separator of a decimal digit pattern,
// position digits from the right.
type groupingSeparator struct {
	position int
	char     string
}

// integerPicture is an analysed integer picture.
type integerPicture struct {
	primary numbering
	letters letterCase
	ordinal bool

	// decimal digit patterns
	zero      rune    // zero of the decimal digit family
	mandatory float64 // mandatory digits (NaN, as undefined, unless a digit pattern)
	optional  int     // optional digits ('#')
	regular   bool    // one separator repeating at a fixed interval
	interval  int     // that interval
	separator string  // that separator
	groups    []groupingSeparator

	// token is the unsupported primary token of a numbering sequence.
	token string
}

// decimalZeros are the zero digits of the Unicode decimal digit families
// jsonata-js recognises.
var decimalZeros = [...]rune{
	0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6,
	0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0,
	0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620,
	0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
}

// digitFamily returns the zero of the decimal digit family r belongs to.
func digitFamily(r rune) (zero rune, ok bool) {
	for _, z := range decimalZeros {
		if z <= r && r <= z+9 {
			return z, true
		}
	}
	return 0, false
}

// Limits on what the integer formatter produces. jsonata-js overflows its
// call stack on roman numerals somewhere above 8 million and pads a number
// to any width a date/time marker asks for, up to a string of hundreds of
// millions of characters; here roman numerals above 10 million, numbers
// padded to more than 16384 digits and parse widths beyond what a Go regexp
// repeats fail with a clear error (code D3130, "not supported").
const (
	maxRoman       = 10_000_000
	maxPadding     = 1 << 14
	maxRegexRepeat = 1000
)

// analyseIntegerPicture analyses a format-integer picture: a primary format
// token, optionally followed by ';' and a format modifier ('o' for ordinals).
func analyseIntegerPicture(picture string) (*integerPicture, error) {
	f := &integerPicture{mandatory: math.NaN()} // only digit patterns count digits
	primary := picture
	if i := strings.LastIndexByte(picture, ';'); i >= 0 {
		primary = picture[:i]
		f.ordinal = strings.HasPrefix(picture[i+1:], "o")
	}
	switch primary {
	case "A":
		f.primary, f.letters = numberingLetters, caseUpper
	case "a":
		f.primary = numberingLetters
	case "I":
		f.primary, f.letters = numberingRoman, caseUpper
	case "i":
		f.primary = numberingRoman
	case "W":
		f.primary, f.letters = numberingWords, caseUpper
	case "Ww":
		f.primary, f.letters = numberingWords, caseTitle
	case "w":
		f.primary = numberingWords
	default:
		if err := f.analyseDigits(primary); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// analyseDigits analyses a decimal digit pattern. Any character that is
// neither a digit nor '#' is a grouping separator.
func (f *integerPicture) analyseDigits(pattern string) error {
	runes := []rune(pattern)
	mandatory, position := 0, 0
	var seps []groupingSeparator
	for i := len(runes) - 1; i >= 0; i-- {
		r := runes[i]
		if zero, ok := digitFamily(r); ok {
			mandatory++
			position++
			if f.zero == 0 {
				f.zero = zero
			} else if zero != f.zero {
				return &Error{Code: "D3131", Position: -1,
					Message: "In a decimal digit pattern, all digits must be from the same decimal group"}
			}
			continue
		}
		if r == '#' {
			position++
			f.optional++
			continue
		}
		seps = append(seps, groupingSeparator{position: position, char: string(r)})
	}
	if mandatory == 0 {
		f.primary = numberingSequence
		f.token = pattern
		return nil
	}
	f.primary = numberingDecimal
	f.mandatory = float64(mandatory)
	if interval := regularInterval(seps); interval > 0 {
		f.regular, f.interval, f.separator = true, interval, seps[0].char
	} else {
		f.groups = seps
	}
	return nil
}

// regularInterval returns the interval at which the separators repeat when
// they are all the same character at every multiple of one interval, and 0
// otherwise.
func regularInterval(seps []groupingSeparator) int {
	if len(seps) == 0 {
		return 0
	}
	for _, s := range seps[1:] {
		if s.char != seps[0].char {
			return 0
		}
	}
	positions := make([]int, len(seps))
	for i, s := range seps {
		positions[i] = s.position
	}
	return regularPositions(positions)
}

// regularPositions returns the greatest common divisor of the positions if
// every multiple of it, up to the number of positions, is one of them, and
// 0 otherwise.
func regularPositions(positions []int) int {
	if len(positions) == 0 {
		return 0
	}
	factor := positions[0]
	for _, p := range positions[1:] {
		factor = gcd(factor, p)
	}
	for i := 1; i <= len(positions); i++ {
		found := false
		for _, p := range positions {
			if p == i*factor {
				found = true
				break
			}
		}
		if !found {
			return 0
		}
	}
	return factor
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// formatInteger is $formatInteger(n, picture): n rounded down, formatted by
// an XPath format-integer picture.
func formatInteger(n float64, picture string) (string, error) {
	f, err := analyseIntegerPicture(picture)
	if err != nil {
		return "", err
	}
	return f.format(math.Floor(n))
}

// format formats an integral value.
func (f *integerPicture) format(value float64) (string, error) {
	negative := value < 0
	value = math.Abs(value)
	var s string
	switch f.primary {
	case numberingLetters:
		a := 'a'
		if f.letters == caseUpper {
			a = 'A'
		}
		s = toLetters(value, a)
	case numberingRoman:
		if value > maxRoman {
			return "", &Error{Code: "D3130", Position: -1, Value: value,
				Message: "Formatting " + jsNumber(value).String() + " as roman numerals is not supported by this implementation (the largest is 10000000)"}
		}
		if math.IsNaN(value) {
			value = 0
		}
		s = toRoman(int64(value))
		if f.letters == caseUpper {
			s = strings.ToUpper(s)
		}
	case numberingWords:
		if math.IsNaN(value) || math.IsInf(value, 0) {
			// jsonata-js recurses until its stack overflows
			return "", &Error{Code: "D3130", Position: -1, Value: value,
				Message: "Formatting " + jsNumber(value).String() + " in words is not supported by this implementation"}
		}
		s = toWords(value, f.ordinal)
		switch f.letters {
		case caseUpper:
			s = strings.ToUpper(s)
		case caseLower:
			s = strings.ToLower(s)
		}
	case numberingDecimal:
		var err error
		if s, err = f.formatDigits(value); err != nil {
			return "", err
		}
	case numberingSequence:
		return "", sequenceError(f.token)
	}
	if negative {
		s = "-" + s
	}
	return s, nil
}

func sequenceError(token string) *Error {
	return &Error{Code: "D3130", Position: -1, Value: token,
		Message: "Formatting or parsing an integer as a sequence starting with " + aslrt.EncodeString(token) + " is not supported by this implementation"}
}

// formatDigits formats a non-negative integral value by a decimal digit
// pattern: padded with zeros, mapped to the digit family, grouped, and given
// an English ordinal suffix if asked.
func (f *integerPicture) formatDigits(value float64) (string, error) {
	digits := jsNumber(value).String()
	if pad := f.mandatory - float64(len(digits)); pad > 0 {
		if pad > maxPadding {
			return "", &Error{Code: "D3130", Position: -1, Value: f.mandatory,
				Message: "Formatting an integer with " + jsNumber(f.mandatory).String() + " digits is not supported by this implementation"}
		}
		digits = strings.Repeat("0", int(pad)) + digits
	}
	if f.zero == '0' && !f.ordinal && f.asciiGrouping() {
		return f.groupASCII(digits), nil
	}
	var u []uint16
	if f.zero != '0' {
		var b strings.Builder
		for _, r := range digits {
			b.WriteRune(r + f.zero - '0')
		}
		u = utf16Units(b.String())
	} else {
		u = utf16Units(digits)
	}
	if f.regular {
		sep := utf16Units(f.separator)
		n := (len(u) - 1) / f.interval
		for i := n; i > 0; i-- {
			u = insertUnits(u, len(u)-i*f.interval, sep)
		}
	} else {
		for i := len(f.groups) - 1; i >= 0; i-- {
			u = substrInsert(u, len(u)-f.groups[i].position, utf16Units(f.groups[i].char))
		}
	}
	if f.ordinal {
		suffix := "th"
		switch u[len(u)-1] {
		case '1':
			suffix = "st"
		case '2':
			suffix = "nd"
		case '3':
			suffix = "rd"
		}
		if len(u) > 1 && u[len(u)-2] == '1' {
			suffix = "th"
		}
		return utf16String(u) + suffix, nil
	}
	return utf16String(u), nil
}

// asciiGrouping reports whether every grouping separator is one ASCII
// character, so that grouping can count bytes.
func (f *integerPicture) asciiGrouping() bool {
	if f.regular {
		return len(f.separator) == 1 && f.separator[0] < utf8.RuneSelf
	}
	for _, g := range f.groups {
		if len(g.char) != 1 || g.char[0] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// groupASCII inserts the grouping separators into ASCII digits, with the
// same positions as the UTF-16 code below.
func (f *integerPicture) groupASCII(digits string) string {
	if f.regular {
		n := (len(digits) - 1) / f.interval
		if n <= 0 {
			return digits
		}
		b := make([]byte, 0, len(digits)+n)
		first := len(digits) - n*f.interval
		b = append(b, digits[:first]...)
		for i := first; i < len(digits); i += f.interval {
			b = append(b, f.separator[0])
			b = append(b, digits[i:i+f.interval]...)
		}
		return string(b)
	}
	if len(f.groups) == 0 {
		return digits
	}
	u := []byte(digits)
	for i := len(f.groups) - 1; i >= 0; i-- {
		pos, c := len(u)-f.groups[i].position, f.groups[i].char[0]
		if pos >= 0 {
			pos = min(pos, len(u))
			u = append(u[:pos], append([]byte{c}, u[pos:]...)...)
		} else {
			u = append([]byte{c}, u[max(len(u)+pos, 0):]...)
		}
	}
	return string(u)
}

// insertUnits inserts ins into u at index i (0 <= i <= len(u)).
func insertUnits(u []uint16, i int, ins []uint16) []uint16 {
	out := make([]uint16, 0, len(u)+len(ins))
	out = append(out, u[:i]...)
	out = append(out, ins...)
	return append(out, u[i:]...)
}

// substrInsert is JavaScript's s.substr(0, pos) + ins + s.substr(pos): a
// negative pos keeps nothing before the insertion and the last -pos units
// after it.
func substrInsert(u []uint16, pos int, ins []uint16) []uint16 {
	if pos >= 0 {
		return insertUnits(u, min(pos, len(u)), ins)
	}
	tail := u[max(len(u)+pos, 0):]
	out := make([]uint16, 0, len(ins)+len(tail))
	out = append(out, ins...)
	return append(out, tail...)
}

// toLetters is spreadsheet-style lettering: 1 → a, 26 → z, 27 → aa.
func toLetters(value float64, a rune) string {
	var out []uint16
	for value > 0 {
		out = append(out, uint16(int64(math.Mod(value-1, 26))+int64(a)))
		value = math.Floor((value - 1) / 26)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return utf16String(out)
}

var romanNumerals = [...]struct {
	value   int64
	numeral string
}{
	{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
	{50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"},
}

// toRoman writes value in lower-case roman numerals (m repeated for each
// thousand; 0 is the empty string).
func toRoman(value int64) string {
	var b strings.Builder
	if value <= 0 {
		return ""
	}
	for _, n := range romanNumerals {
		for value >= n.value {
			b.WriteString(n.numeral)
			value -= n.value
		}
	}
	return b.String()
}

var romanValues = map[uint16]float64{'M': 1000, 'D': 500, 'C': 100, 'L': 50, 'X': 10, 'V': 5, 'I': 1}

// fromRoman reads upper-case roman numerals; any other character gives NaN.
func fromRoman(s string) float64 {
	u := utf16Units(s)
	decimal, max := 0.0, 1.0
	for i := len(u) - 1; i >= 0; i-- {
		v, ok := romanValues[u[i]]
		if !ok {
			return math.NaN()
		}
		if v < max {
			decimal -= v
		} else {
			max = v
			decimal += v
		}
	}
	return decimal
}

// fromLetters reads spreadsheet-style lettering relative to a.
func fromLetters(s string, a rune) float64 {
	u := utf16Units(s)
	decimal := 0.0
	for i := range u {
		c := float64(u[len(u)-i-1])
		decimal += float64((c - float64(a) + 1) * math.Pow(26, float64(i)))
	}
	return decimal
}

// English number words, as jsonata-js spells them.
var (
	wordsFew = [...]string{"Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
		"Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"}
	wordsOrdinal = [...]string{"Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
		"Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth"}
	wordsDecades    = [...]string{"Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred"}
	wordsMagnitudes = [...]string{"Thousand", "Million", "Billion", "Trillion"}
)

// toWords writes an integral value in English words ("Three Hundred and
// Twelve"). Past the trillions the magnitudes repeat: "Ten Billion Trillion".
func toWords(value float64, ordinal bool) string {
	var b strings.Builder
	writeWords(&b, value, false, ordinal)
	return b.String()
}

func writeWords(b *strings.Builder, num float64, prev, ordinal bool) {
	switch {
	case num <= 19:
		if prev {
			b.WriteString(" and ")
		}
		if ordinal {
			b.WriteString(wordsOrdinal[int(num)])
		} else {
			b.WriteString(wordsFew[int(num)])
		}
	case num < 100:
		if prev {
			b.WriteString(" and ")
		}
		decade := wordsDecades[int(math.Floor(num/10))-2]
		if rem := math.Mod(num, 10); rem > 0 {
			b.WriteString(decade)
			b.WriteByte('-')
			writeWords(b, rem, false, ordinal)
		} else if ordinal {
			b.WriteString(decade[:len(decade)-1] + "ieth")
		} else {
			b.WriteString(decade)
		}
	case num < 1000:
		if prev {
			b.WriteString(", ")
		}
		b.WriteString(wordsFew[int(math.Floor(num/100))])
		b.WriteString(" Hundred")
		if rem := math.Mod(num, 100); rem > 0 {
			writeWords(b, rem, true, ordinal)
		} else if ordinal {
			b.WriteString("th")
		}
	default:
		mag := int(math.Floor(log10JS(num) / 3))
		mag = min(mag, len(wordsMagnitudes))
		factor := math.Pow10(mag * 3)
		mant := math.Floor(num / factor)
		rem := num - float64(mant*factor)
		if prev {
			b.WriteString(", ")
		}
		writeWords(b, mant, false, false)
		b.WriteByte(' ')
		b.WriteString(wordsMagnitudes[mag-1])
		if rem > 0 {
			writeWords(b, rem, true, ordinal)
		} else if ordinal {
			b.WriteString("th")
		}
	}
}

// log10JS is Math.log10, exact at powers of ten.
func log10JS(x float64) float64 {
	l := math.Log10(x)
	if r := math.Round(l); r >= -323 && r <= 308 && math.Pow10(int(r)) == x {
		return r
	}
	return l
}

// wordValues maps each number word, lower case, to its value; wordList
// holds them in jsonata-js's order, the order of its parsing regex.
var wordValues, wordList = buildWordValues()

func buildWordValues() (map[string]float64, []string) {
	values := map[string]float64{}
	var list []string
	add := func(w string, v float64) {
		if _, ok := values[w]; !ok {
			list = append(list, w)
		}
		values[w] = v
	}
	for i, w := range wordsFew {
		add(strings.ToLower(w), float64(i))
	}
	for i, w := range wordsOrdinal {
		add(strings.ToLower(w), float64(i))
	}
	for i, w := range wordsDecades {
		lw := strings.ToLower(w)
		add(lw, float64((i+2)*10))
		add(lw[:len(lw)-1]+"ieth", float64((i+2)*10))
	}
	add("hundredth", 100)
	for i, w := range wordsMagnitudes {
		lw := strings.ToLower(w)
		v := math.Pow10((i + 1) * 3)
		add(lw, v)
		add(lw+"th", v)
	}
	return values, list
}

var wordSeparator = regexp.MustCompile(`,[` + jsSpace + `]|[` + jsSpace + `]and[` + jsSpace + `]|[` + jsSpace + `\\-]`)

// fromWords reads English number words (lower case); an unknown word gives
// NaN.
func fromWords(text string) float64 {
	segs := []float64{0}
	for _, part := range wordSeparator.Split(text, -1) {
		value, ok := wordValues[part]
		if !ok {
			return math.NaN()
		}
		top := segs[len(segs)-1]
		if value < 100 {
			if top >= 1000 {
				segs = append(segs, value)
			} else {
				segs[len(segs)-1] = top + value
			}
		} else {
			segs[len(segs)-1] = top * value
		}
	}
	sum := 0.0
	for _, s := range segs {
		sum += s
	}
	return sum
}

// parseInteger is $parseInteger(s, picture): the inverse of formatInteger.
// Like jsonata-js it does not validate s against the picture; an s it cannot
// read at all is an error (jsonata-js returns NaN).
func parseInteger(s string, picture string) (float64, error) {
	f, err := analyseIntegerPicture(picture)
	if err != nil {
		return 0, err
	}
	v, err := f.parse(s)
	if err != nil {
		return 0, err
	}
	if math.IsNaN(v) {
		return 0, &Error{Code: "D3030", Position: -1, Value: s,
			Message: "Unable to cast value to a number: " + aslrt.EncodeString(s)}
	}
	return v, nil
}

// parse reads a value formatted by the picture; NaN when it cannot.
func (f *integerPicture) parse(s string) (float64, error) {
	switch f.primary {
	case numberingLetters:
		if f.letters == caseUpper {
			return fromLetters(s, 'A'), nil
		}
		return fromLetters(s, 'a'), nil
	case numberingRoman:
		if f.letters != caseUpper {
			s = strings.ToUpper(s)
		}
		return fromRoman(s), nil
	case numberingWords:
		return fromWords(strings.ToLower(s)), nil
	case numberingDecimal:
		return f.parseDigits(s), nil
	}
	return 0, sequenceError(f.token)
}

// parseDigits reads digits of the picture's family, dropping its grouping
// separators and any ordinal suffix, with JavaScript's parseInt.
func (f *integerPicture) parseDigits(s string) float64 {
	if f.ordinal {
		u := utf16Units(s)
		s = utf16String(u[:max(len(u)-2, 0)])
	}
	if f.regular {
		s = strings.ReplaceAll(s, ",", "") // as jsonata-js: ',' whatever the separator
	} else {
		for _, g := range f.groups {
			s = strings.ReplaceAll(s, g.char, "")
		}
	}
	if f.zero != '0' {
		var b strings.Builder
		for _, unit := range utf16Units(s) {
			r := rune(unit) - f.zero + '0'
			if r < 0 {
				return math.NaN() // jsonata-js: a RangeError
			}
			b.WriteRune(r)
		}
		s = b.String()
	}
	return parseIntJS(s)
}
