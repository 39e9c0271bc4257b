package lambdastub

import (
	"strconv"
	"strings"
	"unicode/utf8"

	aslrt "github.com/aslc/aslc/runtime"
)

// appendPython appends v as the Lambda Python runtime serializes a
// handler's return value: simplejson's dumps with its default separators
// (", " and ": "), non-ASCII text left as UTF-8, and floats as Python's
// repr prints them. The byte count of this text is the Content-Length the
// Lambda service reports.
func appendPython(dst []byte, v aslrt.Value) []byte {
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...)
	case bool:
		if x {
			return append(dst, "true"...)
		}
		return append(dst, "false"...)
	case string:
		return appendPythonString(dst, x)
	case int64:
		return strconv.AppendInt(dst, x, 10)
	case float64:
		return appendPythonFloat(dst, x)
	case []aslrt.Value:
		dst = append(dst, '[')
		for i, e := range x {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			dst = appendPython(dst, e)
		}
		return append(dst, ']')
	case *aslrt.Object:
		dst = append(dst, '{')
		for i, m := range x.Members() {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			dst = appendPythonString(dst, m.Key)
			dst = append(dst, ": "...)
			dst = appendPython(dst, m.Value)
		}
		return append(dst, '}')
	default:
		// Not a canonical Value: render it as the runtime would.
		return aslrt.AppendJSON(dst, v)
	}
}

// appendPythonString quotes s as simplejson does with ensure_ascii off:
// '"', '\\' and control characters are escaped, and so are U+2028 and
// U+2029; everything else is copied as UTF-8.
func appendPythonString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case '"':
				dst = append(dst, '\\', '"')
			case '\\':
				dst = append(dst, '\\', '\\')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			default:
				if c < 0x20 {
					dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
				} else {
					dst = append(dst, c)
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '\u2028':
			dst = append(dst, `\u2028`...)
		case '\u2029':
			dst = append(dst, `\u2029`...)
		default:
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return append(dst, '"')
}

// appendPythonFloat formats f as Python's repr: the shortest digits that
// round-trip, positional notation for decimal exponents from -4 to 15
// (always with a fraction, "1.0"), scientific notation otherwise with a
// signed exponent of at least two digits ("1e+16", "1.5e-05").
func appendPythonFloat(dst []byte, f float64) []byte {
	if f == 0 {
		if 1/f < 0 {
			return append(dst, "-0.0"...)
		}
		return append(dst, "0.0"...)
	}
	// Shortest round-trip digits and the decimal exponent, from Go's 'e'
	// format: d.ddddde±XX.
	e := strconv.FormatFloat(f, 'e', -1, 64)
	neg := e[0] == '-'
	if neg {
		e = e[1:]
		dst = append(dst, '-')
	}
	mant, expText, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expText)
	digits := strings.Replace(mant, ".", "", 1)
	if exp < -4 || exp >= 16 {
		dst = append(dst, digits[0])
		if len(digits) > 1 {
			dst = append(dst, '.')
			dst = append(dst, digits[1:]...)
		}
		dst = append(dst, 'e')
		if exp < 0 {
			dst = append(dst, '-')
			exp = -exp
		} else {
			dst = append(dst, '+')
		}
		if exp < 10 {
			dst = append(dst, '0')
		}
		return strconv.AppendInt(dst, int64(exp), 10)
	}
	if exp < 0 {
		dst = append(dst, "0."...)
		for i := -1; i > exp; i-- {
			dst = append(dst, '0')
		}
		return append(dst, digits...)
	}
	intLen := exp + 1
	if len(digits) <= intLen {
		dst = append(dst, digits...)
		for i := len(digits); i < intLen; i++ {
			dst = append(dst, '0')
		}
		return append(dst, ".0"...)
	}
	dst = append(dst, digits[:intLen]...)
	dst = append(dst, '.')
	return append(dst, digits[intLen:]...)
}
