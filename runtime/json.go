package aslrt

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDecodeDepth bounds the nesting of decoded JSON, so hostile input
// cannot exhaust the stack.
const maxDecodeDepth = 10000

// SyntaxError describes malformed JSON text.
type SyntaxError struct {
	Offset int // byte offset of the problem
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at offset %d: %s", e.Offset, e.Msg)
}

// Decode parses one JSON text into a Value. Object members keep their
// order (a repeated key keeps its first position and its last value);
// integers that fit in an int64 stay exact.
func Decode(data []byte) (Value, error) {
	d := decoder{data: data}
	d.skipSpace()
	v, err := d.value(0)
	if err != nil {
		return nil, err
	}
	d.skipSpace()
	if d.pos < len(d.data) {
		return nil, d.errorf("unexpected %s after the value", d.describe())
	}
	return v, nil
}

// DecodeString is Decode for a string.
func DecodeString(s string) (Value, error) {
	return Decode([]byte(s))
}

// MustDecode is Decode for JSON text known to be valid, such as literals in
// generated code; it panics on malformed text.
func MustDecode(s string) Value {
	v, err := DecodeString(s)
	if err != nil {
		panic(err)
	}
	return v
}

type decoder struct {
	data []byte
	pos  int
}

func (d *decoder) errorf(format string, args ...any) error {
	return &SyntaxError{Offset: d.pos, Msg: fmt.Sprintf(format, args...)}
}

func (d *decoder) describe() string {
	if d.pos >= len(d.data) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(d.data[d.pos:])
	return strconv.QuoteRune(r)
}

func (d *decoder) skipSpace() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

func (d *decoder) value(depth int) (Value, error) {
	if d.pos >= len(d.data) {
		return nil, d.errorf("unexpected end of input, expected a value")
	}
	switch c := d.data[d.pos]; {
	case c == '{':
		return d.object(depth + 1)
	case c == '[':
		return d.array(depth + 1)
	case c == '"':
		return d.string()
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	case c == 't':
		return true, d.literal("true")
	case c == 'f':
		return false, d.literal("false")
	case c == 'n':
		return nil, d.literal("null")
	}
	return nil, d.errorf("unexpected %s, expected a value", d.describe())
}

func (d *decoder) literal(word string) error {
	if len(d.data)-d.pos >= len(word) && string(d.data[d.pos:d.pos+len(word)]) == word {
		d.pos += len(word)
		return nil
	}
	return d.errorf("unexpected %s, expected a value", d.describe())
}

func (d *decoder) object(depth int) (Value, error) {
	if depth > maxDecodeDepth {
		return nil, d.errorf("nesting deeper than %d levels", maxDecodeDepth)
	}
	d.pos++ // {
	o := NewObject(4)
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		return o, nil
	}
	for {
		d.skipSpace()
		if d.pos >= len(d.data) || d.data[d.pos] != '"' {
			return nil, d.errorf("unexpected %s, expected a member name", d.describe())
		}
		key, err := d.string()
		if err != nil {
			return nil, err
		}
		d.skipSpace()
		if d.pos >= len(d.data) || d.data[d.pos] != ':' {
			return nil, d.errorf("unexpected %s, expected ':'", d.describe())
		}
		d.pos++
		d.skipSpace()
		v, err := d.value(depth)
		if err != nil {
			return nil, err
		}
		o.Set(key, v)
		d.skipSpace()
		if d.pos >= len(d.data) {
			return nil, d.errorf("unexpected end of input, expected ',' or '}'")
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
		case '}':
			d.pos++
			return o, nil
		default:
			return nil, d.errorf("unexpected %s, expected ',' or '}'", d.describe())
		}
	}
}

func (d *decoder) array(depth int) (Value, error) {
	if depth > maxDecodeDepth {
		return nil, d.errorf("nesting deeper than %d levels", maxDecodeDepth)
	}
	d.pos++ // [
	arr := make([]Value, 0, 4)
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
		return arr, nil
	}
	for {
		d.skipSpace()
		v, err := d.value(depth)
		if err != nil {
			return nil, err
		}
		arr = append(arr, v)
		d.skipSpace()
		if d.pos >= len(d.data) {
			return nil, d.errorf("unexpected end of input, expected ',' or ']'")
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
		case ']':
			d.pos++
			return arr, nil
		default:
			return nil, d.errorf("unexpected %s, expected ',' or ']'", d.describe())
		}
	}
}

func (d *decoder) number() (Value, error) {
	start := d.pos
	isFloat := false
	if d.data[d.pos] == '-' {
		d.pos++
	}
	digits := func() int {
		n := 0
		for d.pos < len(d.data) && d.data[d.pos] >= '0' && d.data[d.pos] <= '9' {
			d.pos++
			n++
		}
		return n
	}
	intStart := d.pos
	if n := digits(); n == 0 {
		return nil, d.errorf("unexpected %s in a number", d.describe())
	} else if n > 1 && d.data[intStart] == '0' {
		d.pos = intStart + 1
		return nil, d.errorf("leading zero in a number")
	}
	if d.pos < len(d.data) && d.data[d.pos] == '.' {
		isFloat = true
		d.pos++
		if digits() == 0 {
			return nil, d.errorf("unexpected %s in a number", d.describe())
		}
	}
	if d.pos < len(d.data) && (d.data[d.pos] == 'e' || d.data[d.pos] == 'E') {
		isFloat = true
		d.pos++
		if d.pos < len(d.data) && (d.data[d.pos] == '+' || d.data[d.pos] == '-') {
			d.pos++
		}
		if digits() == 0 {
			return nil, d.errorf("unexpected %s in a number", d.describe())
		}
	}
	text := string(d.data[start:d.pos])
	v := parseNumber(text, isFloat)
	if f, ok := v.(float64); ok && math.IsInf(f, 0) {
		// A double cannot hold it, and no JSON text could render ±Inf:
		// refused rather than changed into another value.
		d.pos = start
		return nil, d.errorf("number %s is out of the range of a double", text)
	}
	return v, nil
}

// parseNumber converts the text of a valid JSON number; out of float64
// range, it saturates to ±Inf.
func parseNumber(text string, isFloat bool) Value {
	if !isFloat {
		if i, err := strconv.ParseInt(text, 10, 64); err == nil {
			return i
		}
	}
	f, _ := strconv.ParseFloat(text, 64)
	return f
}

// ParseNumber converts the text of a JSON number to a Value; ok is false
// when text is not a JSON number.
func ParseNumber(text string) (v Value, ok bool) {
	d := decoder{data: []byte(text)}
	if text == "" || !(text[0] == '-' || text[0] >= '0' && text[0] <= '9') {
		return nil, false
	}
	v, err := d.number()
	if err != nil || d.pos != len(text) {
		return nil, false
	}
	return v, true
}

func (d *decoder) string() (string, error) {
	d.pos++ // opening quote
	start := d.pos
	// Fast path: no escapes, ASCII or valid UTF-8.
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		if c == '"' {
			s := d.data[start:d.pos]
			d.pos++
			if utf8.Valid(s) {
				return string(s), nil
			}
			return string([]rune(string(s))), nil // invalid bytes become U+FFFD
		}
		if c == '\\' {
			break
		}
		if c < 0x20 {
			return "", d.errorf("control character %U in a string", rune(c))
		}
		d.pos++
	}
	buf := make([]byte, 0, d.pos-start+16)
	buf = append(buf, d.data[start:d.pos]...)
	for {
		if d.pos >= len(d.data) {
			return "", d.errorf("unterminated string")
		}
		c := d.data[d.pos]
		switch {
		case c == '"':
			d.pos++
			if utf8.Valid(buf) {
				return string(buf), nil
			}
			return string([]rune(string(buf))), nil
		case c < 0x20:
			return "", d.errorf("control character %U in a string", rune(c))
		case c != '\\':
			buf = append(buf, c)
			d.pos++
			continue
		}
		d.pos++
		if d.pos >= len(d.data) {
			return "", d.errorf("unterminated string")
		}
		e := d.data[d.pos]
		d.pos++
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, err := d.hex4()
			if err != nil {
				return "", err
			}
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if d.pos+1 < len(d.data) && d.data[d.pos] == '\\' && d.data[d.pos+1] == 'u' {
					save := d.pos
					d.pos += 2
					if r2, err = d.hex4(); err != nil {
						return "", err
					}
					if utf16.DecodeRune(r, r2) == utf8.RuneError {
						d.pos = save
						r2 = -1
					}
				}
				if r2 < 0 {
					r = utf8.RuneError
				} else {
					r = utf16.DecodeRune(r, r2)
				}
			}
			buf = utf8.AppendRune(buf, r)
		default:
			d.pos--
			return "", d.errorf("invalid escape %s in a string", d.describe())
		}
	}
}

func (d *decoder) hex4() (rune, error) {
	if len(d.data)-d.pos < 4 {
		return 0, d.errorf("short \\u escape")
	}
	var r rune
	for _, c := range d.data[d.pos : d.pos+4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, d.errorf("invalid \\u escape")
		}
	}
	d.pos += 4
	return r, nil
}

// Encode returns the compact JSON text of v, as AWS prints it: members in
// order, no insignificant space, only '"', '\\' and control characters
// escaped.
func Encode(v Value) []byte {
	return AppendJSON(nil, v)
}

// EncodeString is Encode returning a string.
func EncodeString(v Value) string {
	return string(AppendJSON(nil, v))
}

// AppendJSON appends the compact JSON text of v to dst. Go values that are
// not canonical Values (int, map[string]any, structs, ...) are rendered as
// encoding/json renders them.
func AppendJSON(dst []byte, v Value) []byte {
	return appendValue(dst, v, false)
}

// appendValue appends the JSON text of v. With goNumbers, doubles are
// written as encoding/json writes float64 values (999, not 999.0), so the
// text unmarshals into Go integer fields; otherwise as AWS prints them.
func appendValue(dst []byte, v Value, goNumbers bool) []byte {
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...)
	case bool:
		if x {
			return append(dst, "true"...)
		}
		return append(dst, "false"...)
	case string:
		return appendString(dst, x)
	case int64:
		return strconv.AppendInt(dst, x, 10)
	case float64:
		switch {
		case math.IsNaN(x) || math.IsInf(x, 0):
			return append(dst, "null"...)
		case goNumbers:
			if a := math.Abs(x); a != 0 && (a < 1e-6 || a >= 1e21) {
				return strconv.AppendFloat(dst, x, 'e', -1, 64)
			}
			return strconv.AppendFloat(dst, x, 'f', -1, 64)
		}
		return appendDouble(dst, x)
	case []Value:
		dst = append(dst, '[')
		for i, e := range x {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendValue(dst, e, goNumbers)
		}
		return append(dst, ']')
	case *Object:
		dst = append(dst, '{')
		for i, m := range x.Members() {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendString(dst, m.Key)
			dst = append(dst, ':')
			dst = appendValue(dst, m.Value, goNumbers)
		}
		return append(dst, '}')
	}
	if n, err := FromGo(v); err == nil {
		return appendValue(dst, n, goNumbers)
	}
	return append(dst, "null"...)
}

const hexDigits = "0123456789ABCDEF"

func appendString(dst []byte, s string) []byte {
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
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, "\uFFFD"...)
			i++
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// MarshalJSON implements json.Marshaler, so encoding/json keeps member order.
func (o *Object) MarshalJSON() ([]byte, error) {
	return AppendJSON(nil, o), nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (o *Object) UnmarshalJSON(data []byte) error {
	v, err := Decode(data)
	if err != nil {
		return err
	}
	obj, ok := v.(*Object)
	if !ok {
		return fmt.Errorf("aslrt: cannot unmarshal JSON %s into an Object", TypeName(v))
	}
	*o = *obj
	return nil
}

var _ json.Marshaler = (*Object)(nil)
