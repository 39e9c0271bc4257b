package jsonata

import (
	"math"
	"strconv"
	"unicode/utf8"

	aslrt "github.com/aslc/aslc/runtime"
)

// formatNumberJS renders f as JavaScript's Number.prototype.toString does:
// the shortest digits that read back as f, in positional notation for
// exponents from -7 to 20 and in exponent notation (1e+21, 1.5e-7)
// otherwise.
func formatNumberJS(f float64) string {
	return jsNumber(f).String()
}

// toPrecision15 is Number(f.toPrecision(15)): f rounded to 15 significant
// digits, which hides binary rounding noise such as 0.1 + 0.2.
func toPrecision15(f float64) float64 {
	if f == 0 || math.IsInf(f, 0) || math.IsNaN(f) {
		return f
	}
	s := strconv.FormatFloat(f, 'e', 14, 64)
	r, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return f
	}
	return r
}

// stringify is JSON.stringify. With forString it behaves as $string's
// replacer does: numbers are rounded to 15 significant digits (infinite
// ones raise D1001) and functions become "". Without it, functions are
// left out (as undefined) and infinite numbers print as null. With pretty,
// the text is indented by two spaces.
func stringify(v Value, pretty, forString bool) (string, error) {
	w := jsonWriter{pretty: pretty, forString: forString}
	ok, err := w.value(v, 0)
	if err != nil {
		return "", err
	}
	if !ok {
		return "undefined", nil
	}
	return string(w.buf), nil
}

type jsonWriter struct {
	buf       []byte
	pretty    bool
	forString bool
}

func (w *jsonWriter) newline(depth int) {
	if !w.pretty {
		return
	}
	w.buf = append(w.buf, '\n')
	for i := 0; i < depth; i++ {
		w.buf = append(w.buf, ' ', ' ')
	}
}

// value writes v and reports whether it had a JSON form (undefined and,
// without forString, functions have none).
func (w *jsonWriter) value(v Value, depth int) (bool, error) {
	if depth > maxValueDepth {
		return false, deepValueError()
	}
	switch x := v.(type) {
	case UndefinedValue:
		return false, nil
	case nil:
		w.buf = append(w.buf, "null"...)
	case bool:
		w.buf = strconv.AppendBool(w.buf, x)
	case string:
		w.buf = appendJSString(w.buf, x)
	case int64:
		if x > 999999999999999 || x < -999999999999999 {
			// beyond 15 digits: as the double JavaScript has
			f := float64(x)
			if w.forString {
				f = toPrecision15(f)
			}
			w.buf = append(w.buf, formatNumberJS(f)...)
			break
		}
		w.buf = strconv.AppendInt(w.buf, x, 10)
	case int:
		return w.value(int64(x), depth)
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			if w.forString && math.IsInf(x, 0) {
				return false, newError("D1001", withValue(x))
			}
			w.buf = append(w.buf, "null"...)
			return true, nil
		}
		if w.forString {
			x = toPrecision15(x)
		}
		w.buf = append(w.buf, formatNumberJS(x)...)
	case []Value:
		return true, w.array(x, depth)
	case *sequence:
		return true, w.array(x.items, depth)
	case *aslrt.Object:
		if x.Len() == 0 {
			w.buf = append(w.buf, '{', '}')
			return true, nil
		}
		w.buf = append(w.buf, '{')
		first := true
		for _, m := range x.Members() {
			mark := len(w.buf)
			if !first {
				w.buf = append(w.buf, ',')
			}
			w.newline(depth + 1)
			w.buf = appendJSString(w.buf, m.Key)
			w.buf = append(w.buf, ':')
			if w.pretty {
				w.buf = append(w.buf, ' ')
			}
			ok, err := w.value(m.Value, depth+1)
			if err != nil {
				return false, err
			}
			if !ok {
				w.buf = w.buf[:mark]
				continue
			}
			first = false
		}
		if first {
			w.buf = append(w.buf[:len(w.buf)-1], '{', '}')
			return true, nil
		}
		w.newline(depth)
		w.buf = append(w.buf, '}')
	default:
		if isFunction(v) {
			if w.forString {
				w.buf = append(w.buf, '"', '"')
				return true, nil
			}
			return false, nil
		}
		w.buf = aslrt.AppendJSON(w.buf, v)
	}
	return true, nil
}

func (w *jsonWriter) array(items []Value, depth int) error {
	if len(items) == 0 {
		w.buf = append(w.buf, '[', ']')
		return nil
	}
	w.buf = append(w.buf, '[')
	for i, it := range items {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.newline(depth + 1)
		ok, err := w.value(it, depth+1)
		if err != nil {
			return err
		}
		if !ok {
			w.buf = append(w.buf, "null"...)
		}
	}
	w.newline(depth)
	w.buf = append(w.buf, ']')
	return nil
}

const hexLower = "0123456789abcdef"

// appendJSString appends s as JSON.stringify quotes a string.
func appendJSString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexLower[c>>4], hexLower[c&0xF])
			}
			i++
			start = i
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
