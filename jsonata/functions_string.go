package jsonata

import (
	"encoding/base64"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	aslrt "github.com/aslc/aslc/runtime"
)

// toJSONataString is $string of a defined value: strings as they are,
// functions as "", anything else as JSON with numbers rounded to 15
// significant digits.
func toJSONataString(v Value, pretty bool) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return "", newError("D3001", withValue(x))
		}
	case *sequence:
		if x.outerWrapper && len(x.items) > 0 {
			v = x.items[0]
		}
	}
	if isFunction(v) {
		return "", nil
	}
	return stringify(v, pretty, true)
}

func fnString(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	if IsUndefined(args[0]) {
		return Undefined, nil
	}
	pretty := false
	if b, ok := args[1].(bool); ok {
		pretty = b
	}
	s, err := toJSONataString(args[0], pretty)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// codePoints splits s into its characters (Unicode code points), as
// JavaScript's Array.from does.
func codePoints(s string) []string {
	out := make([]string, 0, len(s))
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		out = append(out, s[i:i+size])
		i += size
	}
	return out
}

// jsIndex truncates a number to an integer index as Array.prototype.slice does.
func jsIndex(f float64) int {
	switch {
	case math.IsNaN(f):
		return 0
	case f > 1e15:
		return 1 << 50
	case f < -1e15:
		return -(1 << 50)
	}
	return int(f)
}

// slice is Array.prototype.slice(start, end) on n elements.
func slice(n, start, end int) (int, int) {
	if start < 0 {
		start += n
		if start < 0 {
			start = 0
		}
	}
	if start > n {
		start = n
	}
	if end < 0 {
		end += n
		if end < 0 {
			end = 0
		}
	}
	if end > n {
		end = n
	}
	if end < start {
		end = start
	}
	return start, end
}

func fnSubstring(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	chars := codePoints(s)
	n := len(chars)
	startF, ok := toNumber(args[1])
	if !ok {
		// JavaScript computes with NaN: the slice starts at 0 and, with a
		// length, also ends there
		if _, hasLength := toNumber(args[2]); hasLength {
			return "", nil
		}
		return s, nil
	}
	start := jsIndex(startF)
	if n+start < 0 {
		start = 0
	}
	if l, ok := toNumber(args[2]); ok {
		if l <= 0 {
			return "", nil
		}
		length := jsIndex(l)
		var end int
		if start >= 0 {
			end = start + length
		} else {
			end = n + start + length
		}
		a, b := slice(n, start, end)
		return strings.Join(chars[a:b], ""), nil
	}
	a, b := slice(n, start, n)
	return strings.Join(chars[a:b], ""), nil
}

func fnSubstringBefore(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	sep, _ := args[1].(string)
	if i := strings.Index(s, sep); i >= 0 {
		return s[:i], nil
	}
	return s, nil
}

func fnSubstringAfter(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	sep, _ := args[1].(string)
	if i := strings.Index(s, sep); i >= 0 {
		return s[i+len(sep):], nil
	}
	return s, nil
}

func fnLowercase(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	return jsToLower(s), nil
}

func fnUppercase(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	return jsToUpper(s), nil
}

func fnLength(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	return int64(utf8.RuneCountInString(s)), nil
}

func fnTrim(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	var b strings.Builder
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteByte(c)
	}
	if space {
		b.WriteByte(' ')
	}
	r := b.String()
	r = strings.TrimPrefix(r, " ")
	r = strings.TrimSuffix(r, " ")
	return r, nil
}

func fnPad(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	widthF, _ := toNumber(args[1])
	ch, ok := args[2].(string)
	if !ok || ch == "" {
		ch = " "
	}
	padLength := jsIndex(math.Abs(widthF)) - utf8.RuneCountInString(s)
	if padLength <= 0 {
		return s, nil
	}
	if padLength > maxStringLength {
		return nil, memoryError("$pad() would make a string of more than 2^26 characters")
	}
	padding := strings.Repeat(ch, padLength)
	if utf16Len(ch) > 1 {
		cp := codePoints(padding)
		if len(cp) > padLength {
			cp = cp[:padLength]
		}
		padding = strings.Join(cp, "")
	}
	if widthF > 0 {
		return s + padding, nil
	}
	return padding + s, nil
}

// maxStringLength bounds strings the library builds from repetition.
const maxStringLength = 1 << 26

// utf16Len is the length of s in UTF-16 code units, as JavaScript counts it.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// matchObject is the result item of $match.
func matchObject(s string, m *matchResult) *aslrt.Object {
	o := aslrt.NewObject(3)
	o.Set("match", m.match)
	o.Set("index", int64(byteToUnits(s, m.start)))
	groups := make([]Value, len(m.groups))
	for i, g := range m.groups {
		if IsUndefined(g) {
			groups[i] = nil
		} else {
			groups[i] = g
		}
	}
	o.Set("groups", groups)
	return o
}

func fnMatch(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	limit, hasLimit := toNumber(args[2])
	if hasLimit && limit < 0 {
		return nil, newError("D3040", withValue(args[2]), withIndex(3))
	}
	result := newSequence(0)
	if hasLimit && limit == 0 {
		return result, nil
	}
	it := ev.newMatchIter(args[1], s, cc.env)
	for count := 0; !hasLimit || float64(count) < limit; count++ {
		m, err := it.next()
		if err != nil {
			return nil, err
		}
		if m == nil {
			break
		}
		result.items = append(result.items, matchObject(s, m))
	}
	return result, nil
}

func fnContains(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	if t, ok := args[1].(string); ok {
		return strings.Contains(s, t), nil
	}
	m, err := ev.newMatchIter(args[1], s, cc.env).next()
	if err != nil {
		return nil, err
	}
	return m != nil, nil
}

// substitute expands $0, $1... in a replacement string.
func substitute(repl string, m *matchResult) string {
	var b strings.Builder
	position := 0
	index := strings.IndexByte(repl, '$')
	for index != -1 && position < len(repl) {
		b.WriteString(repl[position:index])
		position = index + 1
		var dollarVal byte
		if position < len(repl) {
			dollarVal = repl[position]
		}
		switch {
		case dollarVal == '$':
			b.WriteByte('$')
			position++
		case dollarVal == '0':
			b.WriteString(m.match)
			position++
		default:
			maxDigits := 1
			if len(m.groups) > 0 {
				maxDigits = int(math.Floor(math.Log(float64(len(m.groups)))*math.Log10E)) + 1
			}
			idx, ok := parseIntPrefix(repl[position:], maxDigits)
			if maxDigits > 1 && idx > len(m.groups) {
				idx, ok = parseIntPrefix(repl[position:], maxDigits-1)
			}
			if ok {
				if len(m.groups) > 0 && idx >= 1 && idx <= len(m.groups) {
					if g, ok := m.groups[idx-1].(string); ok {
						b.WriteString(g)
					}
				}
				position += len(strconv.Itoa(idx))
			} else {
				b.WriteByte('$')
			}
		}
		next := strings.IndexByte(repl[position:], '$')
		if next < 0 {
			index = -1
		} else {
			index = position + next
		}
	}
	if position < len(repl) {
		b.WriteString(repl[position:])
	}
	return b.String()
}

// parseIntPrefix is parseInt of the first n characters of s: the leading
// decimal digits, if any.
func parseIntPrefix(s string, n int) (int, bool) {
	if n > len(s) {
		n = len(s)
	}
	v, digits := 0, 0
	for i := 0; i < n && s[i] >= '0' && s[i] <= '9'; i++ {
		v = v*10 + int(s[i]-'0')
		digits++
	}
	return v, digits > 0
}

func fnReplace(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	pattern := args[1]
	if p, ok := pattern.(string); ok && p == "" {
		return nil, newError("D3010", withValue(p), withIndex(2))
	}
	limit, hasLimit := toNumber(args[3])
	if hasLimit && limit < 0 {
		return nil, newError("D3011", withValue(args[3]), withIndex(4))
	}
	if hasLimit && limit == 0 {
		return s, nil
	}
	replacement := args[2]
	replace := func(m *matchResult) (string, error) {
		if r, ok := replacement.(string); ok {
			return substitute(r, m), nil
		}
		obj := aslrt.NewObject(4)
		obj.Set("match", m.match)
		obj.Set("start", int64(byteToUnits(s, m.start)))
		obj.Set("end", int64(byteToUnits(s, m.end)))
		groups := make([]Value, len(m.groups))
		for i, g := range m.groups {
			if IsUndefined(g) {
				groups[i] = nil
			} else {
				groups[i] = g
			}
		}
		obj.Set("groups", groups)
		r, err := ev.callFn(cc, replacement, []Value{obj})
		if err != nil {
			return "", err
		}
		str, ok := r.(string)
		if !ok {
			return "", newError("D3012", withValue(r))
		}
		return str, nil
	}
	var b strings.Builder
	if p, ok := pattern.(string); ok {
		position, count := 0, 0
		for !hasLimit || float64(count) < limit {
			i := strings.Index(s[position:], p)
			if i < 0 {
				break
			}
			i += position
			b.WriteString(s[position:i])
			if r, ok := replacement.(string); ok {
				b.WriteString(r)
			} else {
				r, err := replace(&matchResult{match: p, start: i, end: i + len(p)})
				if err != nil {
					return nil, err
				}
				b.WriteString(r)
			}
			position = i + len(p)
			count++
		}
		b.WriteString(s[position:])
		return b.String(), nil
	}
	it := ev.newMatchIter(pattern, s, cc.env)
	m, err := it.next()
	if err != nil {
		return nil, err
	}
	if m == nil {
		return s, nil
	}
	position, count := 0, 0
	for m != nil && (!hasLimit || float64(count) < limit) {
		if m.start >= position {
			b.WriteString(s[position:m.start])
		}
		r, err := replace(m)
		if err != nil {
			return nil, err
		}
		b.WriteString(r)
		position = m.start + len(m.match)
		if position > len(s) {
			position = len(s)
		}
		count++
		if m, err = it.next(); err != nil {
			return nil, err
		}
	}
	b.WriteString(s[position:])
	return b.String(), nil
}

func fnSplit(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	limit, hasLimit := toNumber(args[2])
	if hasLimit && limit < 0 {
		return nil, newError("D3020", withValue(args[2]), withIndex(3))
	}
	result := []Value{}
	if hasLimit && limit == 0 {
		return result, nil
	}
	maxParts := -1
	if hasLimit {
		maxParts = jsIndex(limit)
	}
	if sep, ok := args[1].(string); ok {
		var parts []string
		if sep == "" {
			parts = codePoints(s)
		} else {
			parts = strings.Split(s, sep)
		}
		for _, p := range parts {
			if maxParts >= 0 && len(result) >= maxParts {
				break
			}
			result = append(result, p)
		}
		return result, nil
	}
	it := ev.newMatchIter(args[1], s, cc.env)
	m, err := it.next()
	if err != nil {
		return nil, err
	}
	if m == nil {
		return []Value{s}, nil
	}
	start, count := 0, 0
	for m != nil && (!hasLimit || float64(count) < limit) {
		if m.start >= start {
			result = append(result, s[start:m.start])
		} else {
			result = append(result, "")
		}
		start = m.end
		if m, err = it.next(); err != nil {
			return nil, err
		}
		count++
	}
	if !hasLimit || float64(count) < limit {
		if start > len(s) {
			start = len(s)
		}
		result = append(result, s[start:])
	}
	return result, nil
}

func fnJoin(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	items, ok := arrayItems(args[0])
	if !ok {
		return Undefined, nil
	}
	sep, _ := args[1].(string)
	parts := make([]string, len(items))
	total := len(sep) * len(items)
	for i, it := range items {
		parts[i], _ = it.(string)
		total += len(parts[i])
	}
	if total > maxStringLength {
		return nil, memoryError("$join() would make a string of more than 2^26 bytes")
	}
	return strings.Join(parts, sep), nil
}

// latin1 returns the bytes of s as Node's "binary" encoding takes them:
// the low byte of each UTF-16 code unit.
func latin1(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if r >= 0x10000 {
			a, b := utf16.EncodeRune(r)
			out = append(out, byte(a), byte(b))
		} else {
			out = append(out, byte(r))
		}
	}
	return out
}

func fnBase64Encode(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	return base64.StdEncoding.EncodeToString(latin1(s)), nil
}

func fnBase64Decode(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	// Node decodes leniently: it ignores characters outside the alphabet
	// and stops at padding.
	var clean strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/':
			clean.WriteByte(c)
		case c == '-':
			clean.WriteByte('+')
		case c == '_':
			clean.WriteByte('/')
		case c == '=':
			i = len(s)
		}
	}
	data, err := base64.RawStdEncoding.DecodeString(trimBase64(clean.String()))
	if err != nil {
		return nil, newError("D3137", withMessage("Invalid base64 text passed to $base64decode()"))
	}
	var b strings.Builder
	for _, c := range data {
		b.WriteRune(rune(c))
	}
	return b.String(), nil
}

// trimBase64 drops a final partial character group that cannot encode a byte.
func trimBase64(s string) string {
	if len(s)%4 == 1 {
		return s[:len(s)-1]
	}
	return s
}

const (
	uriUnreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()"
	uriReserved   = ";/?:@&=+$,#"
)

func encodeURI(fnName, s string, keep string) (Value, error) {
	if !utf8.ValidString(s) {
		return nil, malformedURL(fnName, s)
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (strings.IndexByte(uriUnreserved, c) >= 0 || strings.IndexByte(keep, c) >= 0) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte("0123456789ABCDEF"[c>>4])
		b.WriteByte("0123456789ABCDEF"[c&15])
	}
	return b.String(), nil
}

func malformedURL(fnName, s string) *Error {
	e := newError("D3140", withValue(s))
	e.functionName = fnName
	return e
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func decodeURI(fnName, s string, reserved string) (Value, error) {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c != '%' {
			b.WriteByte(c)
			i++
			continue
		}
		readByte := func(at int) (byte, bool) {
			if at+2 >= len(s) || s[at] != '%' {
				return 0, false
			}
			h, ok1 := unhex(s[at+1])
			l, ok2 := unhex(s[at+2])
			if !ok1 || !ok2 {
				return 0, false
			}
			return h<<4 | l, true
		}
		first, ok := readByte(i)
		if !ok {
			return nil, malformedURL(fnName, s)
		}
		if first < 0x80 {
			if strings.IndexByte(reserved, first) >= 0 {
				b.WriteString(s[i : i+3])
			} else {
				b.WriteByte(first)
			}
			i += 3
			continue
		}
		n := 0
		switch {
		case first&0xE0 == 0xC0:
			n = 2
		case first&0xF0 == 0xE0:
			n = 3
		case first&0xF8 == 0xF0:
			n = 4
		default:
			return nil, malformedURL(fnName, s)
		}
		buf := []byte{first}
		for k := 1; k < n; k++ {
			cb, ok := readByte(i + 3*k)
			if !ok || cb&0xC0 != 0x80 {
				return nil, malformedURL(fnName, s)
			}
			buf = append(buf, cb)
		}
		r, size := utf8.DecodeRune(buf)
		if r == utf8.RuneError || size != n {
			return nil, malformedURL(fnName, s)
		}
		b.Write(buf)
		i += 3 * n
	}
	return b.String(), nil
}

func fnEncodeURLComponent(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	return encodeURI("encodeUrlComponent", s, "")
}

func fnEncodeURL(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	return encodeURI("encodeUrl", s, uriReserved)
}

func fnDecodeURLComponent(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	return decodeURI("decodeUrlComponent", s, "")
}

func fnDecodeURL(ev *evaluator, cc callCtx, args []Value) (Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return Undefined, nil
	}
	return decodeURI("decodeUrl", s, uriReserved)
}
