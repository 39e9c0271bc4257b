package jsonata

import (
	"math"
	"slices"

	aslrt "github.com/aslc/aslc/runtime"
)

// $formatNumber: XPath F&O 3.1 fn:format-number as jsonata-js 2.0.6
// implements it, including its quirks (a picture without a decimal separator
// takes its suffix as the fractional part; an exponent is located in the
// sub-picture but cut from the active part). jsonata-js indexes the picture
// in UTF-16 code units, so this code does too.

// maxFractionDigits is the most fractional digits toFixed writes.
const maxFractionDigits = 100

// decimalFormat holds the decimal-format properties, each as UTF-16 units.
type decimalFormat struct {
	decimalSep, groupingSep, exponentSep, infinity, minusSign, nan,
	percent, perMille, zeroDigit, digit, patternSep []uint16

	// family is the ten digits starting at the first unit of zeroDigit.
	family [10]uint16
}

// decimalFormatProperties maps the option names of $formatNumber to the
// properties they set.
var decimalFormatProperties = map[string]func(*decimalFormat) *[]uint16{
	"decimal-separator":  func(d *decimalFormat) *[]uint16 { return &d.decimalSep },
	"grouping-separator": func(d *decimalFormat) *[]uint16 { return &d.groupingSep },
	"exponent-separator": func(d *decimalFormat) *[]uint16 { return &d.exponentSep },
	"infinity":           func(d *decimalFormat) *[]uint16 { return &d.infinity },
	"minus-sign":         func(d *decimalFormat) *[]uint16 { return &d.minusSign },
	"NaN":                func(d *decimalFormat) *[]uint16 { return &d.nan },
	"percent":            func(d *decimalFormat) *[]uint16 { return &d.percent },
	"per-mille":          func(d *decimalFormat) *[]uint16 { return &d.perMille },
	"zero-digit":         func(d *decimalFormat) *[]uint16 { return &d.zeroDigit },
	"digit":              func(d *decimalFormat) *[]uint16 { return &d.digit },
	"pattern-separator":  func(d *decimalFormat) *[]uint16 { return &d.patternSep },
}

// defaultDecimalFormat holds the default properties. Formatting never
// modifies a property's units, so they are shared.
var defaultDecimalFormat = decimalFormat{
	decimalSep:  []uint16{'.'},
	groupingSep: []uint16{','},
	exponentSep: []uint16{'e'},
	infinity:    utf16Units("Infinity"),
	minusSign:   []uint16{'-'},
	nan:         utf16Units("NaN"),
	percent:     []uint16{'%'},
	perMille:    []uint16{0x2030},
	zeroDigit:   []uint16{'0'},
	digit:       []uint16{'#'},
	patternSep:  []uint16{';'},
}

// newDecimalFormat returns the default properties overridden by opts.
// Members of opts that are not decimal-format properties are ignored, as in
// jsonata-js.
func newDecimalFormat(opts *aslrt.Object) (*decimalFormat, error) {
	d := new(decimalFormat)
	*d = defaultDecimalFormat
	for key, v := range opts.All() {
		prop, ok := decimalFormatProperties[key]
		if !ok {
			continue
		}
		s, ok := v.(string)
		if !ok {
			return nil, &Error{Code: "T0410", Position: -1, Value: v, Token: "formatNumber",
				Message: "Argument 3 of function \"formatNumber\" does not match function signature: the decimal-format property \"" + key + "\" must be a string"}
		}
		*prop(d) = utf16Units(s)
	}
	if len(d.zeroDigit) > 0 {
		for i := range d.family {
			d.family[i] = d.zeroDigit[0] + uint16(i)
		}
	}
	return d, nil
}

// isFamily reports whether c is a digit of the family; an empty zero-digit
// has no family (jsonata-js computes it from NaN).
func (d *decimalFormat) isFamily(c uint16) bool {
	return len(d.zeroDigit) > 0 && c-d.family[0] < 10 // wraps like String.fromCharCode
}

// isActive reports whether c is an active character: a digit of the
// family, or exactly one of the separators or the optional digit sign.
func (d *decimalFormat) isActive(c uint16) bool {
	if d.isFamily(c) {
		return true
	}
	for _, p := range [...][]uint16{d.decimalSep, d.exponentSep, d.groupingSep, d.digit, d.patternSep} {
		if len(p) == 1 && p[0] == c {
			return true
		}
	}
	return false
}

func (d *decimalFormat) isDigitSign(c uint16) bool {
	return d.isFamily(c) || len(d.digit) == 1 && d.digit[0] == c
}

func (d *decimalFormat) isExponentSep(c uint16) bool {
	return len(d.exponentSep) == 1 && d.exponentSep[0] == c
}

// subPicture is one sub-picture split into its parts (F&O 4.7.3).
type subPicture struct {
	picture, prefix, suffix, active, mantissa, integer, fraction []uint16
	exponent                                                     []uint16
	hasExponent                                                  bool
}

// numberPicture is the analysis of a sub-picture (F&O 4.7.4).
type numberPicture struct {
	picture, prefix, suffix  []uint16
	integerGroups            []int
	regularGrouping          int
	minimumIntegerPartSize   int
	scalingFactor            int
	fractionalGroups         []int
	minimumFractionalSize    int
	maximumFractionalSize    int
	minimumExponentSize      int
	percent, perMille, point bool
}

// formatNumber is $formatNumber(n, picture, opts).
func formatNumber(n float64, picture string, opts *aslrt.Object) (string, error) {
	d, err := newDecimalFormat(opts)
	if err != nil {
		return "", err
	}
	subs := splitUnits(utf16Units(picture), d.patternSep)
	switch {
	case len(subs) > 2:
		return "", numberPictureError("D3080")
	case len(subs) == 0: // an empty picture split by an empty separator
		return "", numberPictureError("D3085")
	}
	parts := make([]subPicture, len(subs))
	for i, s := range subs {
		if parts[i], err = d.split(s); err != nil {
			return "", err
		}
	}
	for i := range parts {
		if err := d.validate(&parts[i]); err != nil {
			return "", err
		}
	}
	if len(d.zeroDigit) == 0 {
		// jsonata-js writes "undefined" for each digit
		return "", &Error{Code: "T0410", Position: -1, Value: "", Token: "formatNumber",
			Message: "Argument 3 of function \"formatNumber\" does not match function signature: the decimal-format property \"zero-digit\" must not be empty"}
	}
	pics := make([]numberPicture, len(parts))
	for i := range parts {
		pics[i] = d.analyse(&parts[i])
	}
	if len(pics) == 1 {
		neg := pics[0]
		neg.prefix = slices.Concat(d.minusSign, neg.prefix)
		pics = append(pics, neg)
	}
	pic := &pics[0]
	if !(n >= 0) {
		pic = &pics[1]
	}
	if pic.maximumFractionalSize > maxFractionDigits {
		// jsonata-js: a RangeError of Number.prototype.toFixed
		return "", &Error{Code: "D3130", Position: -1, Value: float64(pic.maximumFractionalSize),
			Message: "Formatting a number with more than 100 fractional digits is not supported by this implementation"}
	}
	return utf16String(d.format(n, pic)), nil
}

func numberPictureError(code string) *Error {
	return &Error{Code: code, Position: -1, Message: numberPictureMessages[code]}
}

// numberPictureMessages are jsonata-js's messages for picture errors.
var numberPictureMessages = map[string]string{
	"D3080": "The picture string must only contain a maximum of two sub-pictures",
	"D3081": "The sub-picture must not contain more than one instance of the 'decimal-separator' character",
	"D3082": "The sub-picture must not contain more than one instance of the 'percent' character",
	"D3083": "The sub-picture must not contain more than one instance of the 'per-mille' character",
	"D3084": "The sub-picture must not contain both a 'percent' and a 'per-mille' character",
	"D3085": "The mantissa part of a sub-picture must contain at least one character that is either an 'optional digit character' or a member of the 'decimal digit family'",
	"D3086": "The sub-picture must not contain a passive character that is preceded by an active character and that is followed by another active character",
	"D3087": "The sub-picture must not contain a 'grouping-separator' character that appears adjacent to a 'decimal-separator' character",
	"D3088": "The sub-picture must not contain a 'grouping-separator' at the end of the integer part",
	"D3089": "The sub-picture must not contain two adjacent instances of the 'grouping-separator' character",
	"D3090": "The integer part of the sub-picture must not contain a member of the 'decimal digit family' that is followed by an instance of the 'optional digit character'",
	"D3091": "The fractional part of the sub-picture must not contain an instance of the 'optional digit character' that is followed by a member of the 'decimal digit family'",
	"D3092": "A sub-picture that contains a 'percent' or 'per-mille' character must not contain a character treated as an 'exponent-separator'",
	"D3093": "The exponent part of the sub-picture must comprise only of one or more characters that are members of the 'decimal digit family'",
}

// split splits a sub-picture into prefix, active part and suffix, the
// active part into mantissa and exponent, and the mantissa into integer and
// fractional parts, with jsonata-js's index arithmetic.
func (d *decimalFormat) split(sub []uint16) (subPicture, error) {
	p := subPicture{picture: sub}
	first, last := -1, -1
	for i, c := range sub {
		if d.isActive(c) && !d.isExponentSep(c) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		// jsonata-js fails here with a TypeError: nothing in the picture
		// can stand for a digit.
		return p, numberPictureError("D3085")
	}
	p.prefix = sub[:first]
	p.suffix = sub[last+1:]
	p.active = sub[first : last+1]
	expPos := indexUnits(sub, d.exponentSep, len(p.prefix))
	if expPos == -1 || expPos > len(sub)-len(p.suffix) {
		p.mantissa = p.active
	} else {
		// jsonata-js uses a position in the sub-picture as a position in
		// the active part.
		p.mantissa = substringUnits(p.active, 0, expPos)
		p.exponent = substringUnits(p.active, expPos+1, len(p.active))
		p.hasExponent = true
	}
	if dp := indexUnits(p.mantissa, d.decimalSep, 0); dp == -1 {
		p.integer = p.mantissa
		p.fraction = p.suffix
	} else {
		p.integer = p.mantissa[:dp]
		p.fraction = substringUnits(p.mantissa, dp+1, len(p.mantissa))
	}
	return p, nil
}

// validate applies the rules of F&O 4.7.3; like jsonata-js it reports the
// last rule broken.
func (d *decimalFormat) validate(p *subPicture) error {
	code := ""
	sub := p.picture
	decimalPos := indexUnits(sub, d.decimalSep, 0)
	if decimalPos != lastIndexUnits(sub, d.decimalSep) {
		code = "D3081"
	}
	if indexUnits(sub, d.percent, 0) != lastIndexUnits(sub, d.percent) {
		code = "D3082"
	}
	if indexUnits(sub, d.perMille, 0) != lastIndexUnits(sub, d.perMille) {
		code = "D3083"
	}
	if indexUnits(sub, d.percent, 0) != -1 && indexUnits(sub, d.perMille, 0) != -1 {
		code = "D3084"
	}
	if !slices.ContainsFunc(p.mantissa, d.isDigitSign) {
		code = "D3085"
	}
	if slices.ContainsFunc(p.active, func(c uint16) bool { return !d.isActive(c) }) {
		code = "D3086"
	}
	if decimalPos != -1 {
		if slices.Equal(charAtUnits(sub, decimalPos-1), d.groupingSep) || slices.Equal(charAtUnits(sub, decimalPos+1), d.groupingSep) {
			code = "D3087"
		}
	} else if slices.Equal(charAtUnits(p.integer, len(p.integer)-1), d.groupingSep) {
		code = "D3088"
	}
	if indexUnits(sub, slices.Concat(d.groupingSep, d.groupingSep), 0) != -1 {
		code = "D3089"
	}
	if i := indexUnits(p.integer, d.digit, 0); i != -1 && slices.ContainsFunc(p.integer[:i], d.isFamily) {
		code = "D3090"
	}
	if i := lastIndexUnits(p.fraction, d.digit); i != -1 && slices.ContainsFunc(p.fraction[i:], d.isFamily) {
		code = "D3091"
	}
	if p.hasExponent && len(p.exponent) > 0 && (indexUnits(sub, d.percent, 0) != -1 || indexUnits(sub, d.perMille, 0) != -1) {
		code = "D3092"
	}
	if p.hasExponent && (len(p.exponent) == 0 || slices.ContainsFunc(p.exponent, func(c uint16) bool { return !d.isFamily(c) })) {
		code = "D3093"
	}
	if code != "" {
		return numberPictureError(code)
	}
	return nil
}

// analyse derives the formatting variables of F&O 4.7.4.
func (d *decimalFormat) analyse(p *subPicture) numberPicture {
	v := numberPicture{picture: p.picture, prefix: p.prefix, suffix: p.suffix}
	v.integerGroups = d.groupingPositions(p, p.integer, false)
	v.regularGrouping = regularPositions(v.integerGroups)
	v.fractionalGroups = d.groupingPositions(p, p.fraction, true)
	v.minimumIntegerPartSize = countUnits(p.integer, d.isFamily)
	v.scalingFactor = v.minimumIntegerPartSize
	v.minimumFractionalSize = countUnits(p.fraction, d.isFamily)
	v.maximumFractionalSize = countUnits(p.fraction, d.isDigitSign)
	if v.minimumIntegerPartSize == 0 && v.maximumFractionalSize == 0 {
		if p.hasExponent {
			v.minimumFractionalSize = 1
			v.maximumFractionalSize = 1
		} else {
			v.minimumIntegerPartSize = 1
		}
	}
	if p.hasExponent && v.minimumIntegerPartSize == 0 && indexUnits(p.integer, d.digit, 0) != -1 {
		v.minimumIntegerPartSize = 1
	}
	if v.minimumIntegerPartSize == 0 && v.minimumFractionalSize == 0 {
		v.minimumFractionalSize = 1
	}
	if p.hasExponent {
		v.minimumExponentSize = countUnits(p.exponent, d.isFamily)
	}
	v.percent = indexUnits(p.picture, d.percent, 0) != -1
	v.perMille = indexUnits(p.picture, d.perMille, 0) != -1
	v.point = indexUnits(p.picture, d.decimalSep, 0) != -1
	return v
}

// groupingPositions counts, for each grouping separator in part, the digit
// signs to its right (or, for the fractional part, to its left). As in
// jsonata-js, the separators after the first are looked for in the integer
// part.
func (d *decimalFormat) groupingPositions(p *subPicture, part []uint16, toLeft bool) []int {
	var positions []int
	for pos := indexUnits(part, d.groupingSep, 0); pos != -1; pos = indexUnits(p.integer, d.groupingSep, pos+1) {
		var side []uint16
		if toLeft {
			side = substringUnits(part, 0, pos)
		} else {
			side = substringUnits(part, pos, len(part))
		}
		positions = append(positions, countUnits(side, d.isDigitSign))
	}
	return positions
}

// format formats n by an analysed sub-picture (F&O 4.7.5).
func (d *decimalFormat) format(n float64, pic *numberPicture) []uint16 {
	if math.IsNaN(n) {
		return slices.Clone(d.nan)
	}
	adjusted := n
	switch {
	case pic.percent:
		adjusted = n * 100
	case pic.perMille:
		adjusted = n * 1000
	}
	if math.IsInf(adjusted, 0) {
		return slices.Concat(pic.prefix, d.infinity, pic.suffix)
	}
	mantissa := adjusted
	exponent, hasExponent := 0, pic.minimumExponentSize > 0
	if hasExponent {
		// jsonata-js loops forever on zero and negative numbers here; the
		// magnitude is scaled instead (the sign is not printed from it).
		mantissa = math.Abs(adjusted)
		if mantissa != 0 {
			maxMantissa := math.Pow10(pic.scalingFactor)
			minMantissa := math.Pow10(pic.scalingFactor - 1)
			for mantissa < minMantissa {
				mantissa *= 10
				exponent--
			}
			for mantissa > maxMantissa {
				mantissa /= 10
				exponent++
			}
		}
	}
	rounded := roundHalfEven(mantissa, float64(pic.maximumFractionalSize))
	s := d.digits(jsNumber(math.Abs(rounded)).toFixed(pic.maximumFractionalSize))
	if i := slices.Index(s, '.'); i == -1 {
		s = append(s, d.decimalSep...)
	} else {
		s = slices.Concat(s[:i], d.decimalSep, s[i+1:])
	}
	if len(d.zeroDigit) == 1 {
		z := d.zeroDigit[0]
		for len(s) > 0 && s[0] == z {
			s = s[1:]
		}
		for len(s) > 0 && s[len(s)-1] == z {
			s = s[:len(s)-1]
		}
	}
	decimalPos := indexUnits(s, d.decimalSep, 0)
	padLeft := pic.minimumIntegerPartSize - decimalPos
	padRight := pic.minimumFractionalSize - (len(s) - decimalPos - 1)
	if padLeft > 0 {
		s = slices.Concat(repeatUnits(d.zeroDigit, padLeft), s)
	}
	if padRight > 0 {
		s = slices.Concat(s, repeatUnits(d.zeroDigit, padRight))
	}
	decimalPos = indexUnits(s, d.decimalSep, 0)
	if pic.regularGrouping > 0 {
		groups := (decimalPos - 1) / pic.regularGrouping
		for g := 1; g <= groups; g++ {
			s = sliceInsert(s, decimalPos-g*pic.regularGrouping, d.groupingSep)
		}
	} else {
		for _, pos := range pic.integerGroups {
			s = sliceInsert(s, decimalPos-pos, d.groupingSep)
			decimalPos++
		}
	}
	decimalPos = indexUnits(s, d.decimalSep, 0)
	for _, pos := range pic.fractionalGroups {
		s = sliceInsert(s, pos+decimalPos+1, d.groupingSep)
	}
	decimalPos = indexUnits(s, d.decimalSep, 0)
	if !pic.point || decimalPos == len(s)-1 {
		s = substringUnits(s, 0, len(s)-1)
	}
	if hasExponent {
		e := d.digits(jsNumber(math.Abs(float64(exponent))).toFixed(0))
		if padLeft := pic.minimumExponentSize - len(e); padLeft > 0 {
			e = slices.Concat(repeatUnits(d.zeroDigit, padLeft), e)
		}
		s = append(s, d.exponentSep...)
		if exponent < 0 {
			s = append(s, d.minusSign...)
		}
		s = append(s, e...)
	}
	return slices.Concat(pic.prefix, s, pic.suffix)
}

// digits maps the ASCII digits of s to the digit family.
func (d *decimalFormat) digits(s string) []uint16 {
	u := make([]uint16, len(s))
	for i := range len(s) {
		c := s[i]
		if '0' <= c && c <= '9' && !(len(d.zeroDigit) == 1 && d.zeroDigit[0] == '0') {
			u[i] = d.family[c-'0']
		} else {
			u[i] = uint16(c)
		}
	}
	return u
}

// String operations on UTF-16 units with JavaScript's semantics.

// indexUnits is s.indexOf(sub, from).
func indexUnits(s, sub []uint16, from int) int {
	from = min(max(from, 0), len(s))
	for i := from; i+len(sub) <= len(s); i++ {
		if slices.Equal(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// lastIndexUnits is s.lastIndexOf(sub).
func lastIndexUnits(s, sub []uint16) int {
	for i := len(s) - len(sub); i >= 0; i-- {
		if slices.Equal(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// charAtUnits is s.charAt(i): one unit, or none out of range.
func charAtUnits(s []uint16, i int) []uint16 {
	if i < 0 || i >= len(s) {
		return nil
	}
	return s[i : i+1]
}

// substringUnits is s.substring(a, b).
func substringUnits(s []uint16, a, b int) []uint16 {
	a, b = min(max(a, 0), len(s)), min(max(b, 0), len(s))
	if a > b {
		a, b = b, a
	}
	return s[a:b]
}

// sliceInsert is s.slice(0, i) + ins + s.slice(i), where a negative i
// counts from the end.
func sliceInsert(s []uint16, i int, ins []uint16) []uint16 {
	if i < 0 {
		i = max(len(s)+i, 0)
	}
	i = min(i, len(s))
	return slices.Concat(s[:i], ins, s[i:])
}

// splitUnits is s.split(sep).
func splitUnits(s, sep []uint16) [][]uint16 {
	if len(sep) == 0 {
		out := make([][]uint16, len(s))
		for i := range s {
			out[i] = s[i : i+1]
		}
		return out
	}
	var out [][]uint16
	for {
		i := indexUnits(s, sep, 0)
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i])
		s = s[i+len(sep):]
	}
}

func countUnits(s []uint16, f func(uint16) bool) int {
	n := 0
	for _, c := range s {
		if f(c) {
			n++
		}
	}
	return n
}

func repeatUnits(s []uint16, n int) []uint16 {
	return slices.Repeat(s, n)
}

// formatBase is $formatBase(n, radix): n rounded half to even, written in
// base radix (2 to 36). The caller rounds radix the same way (jsonata-js
// applies $round to it) before converting it to an int.
func formatBase(n float64, radix int) (string, error) {
	if radix < 2 || radix > 36 {
		return "", &Error{Code: "D3100", Position: -1, Value: float64(radix),
			Message: "The radix of the formatBase function must be between 2 and 36.  It was given " + jsNumber(float64(radix)).String()}
	}
	return jsNumber(roundHalfEven(n, 0)).toRadix(radix), nil
}
