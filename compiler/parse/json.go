package parse

import (
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/aslc/aslc/compiler/ast"
)

// Limits that keep hostile input cheap. They follow the defaults of
// Jackson's StreamReadConstraints, the JSON parser behind the AWS service.
const (
	maxDepth        = 1000
	maxNumberLength = 1000
)

// The pointers of the values (ast.JSON.Pointer) may add up to
// maxPointerBytes plus pointerBytesPerByte for each byte of the text.
// Each pointer repeats the keys above its value, so text that nests
// deeply under long keys would otherwise need memory quadratic in its
// size; real definitions stay far below the bound.
const (
	maxPointerBytes     = 1 << 26
	pointerBytesPerByte = 32
)

// tooComplex is the message for text whose pointers exceed the bound.
const tooComplex = "The document nests too deeply under long field names: the locations of its values add up to more than %d bytes"

// pointerBudget is what is left of the bound on pointer bytes.
type pointerBudget struct{ left, limit int }

func newPointerBudget(srcLen int) pointerBudget {
	limit := maxPointerBytes + pointerBytesPerByte*srcLen
	return pointerBudget{left: limit, limit: limit}
}

// take charges a pointer of n bytes and reports whether it fits.
func (b *pointerBudget) take(n int) bool {
	b.left -= n
	return b.left >= 0
}

// syntaxError is a fatal problem in the JSON or YAML text.
type syntaxError struct {
	pos ast.Pos
	msg string
}

// duplicate is a repeated key: the first member is kept, the later one is
// reported once the parser knows what the object is (a States object gives
// DUPLICATE_STATE_NAME).
type duplicate struct {
	parent *ast.JSON
	key    string
	pos    ast.Pos
}

// jsonParser turns JSON text into positioned nodes. It stops at the first
// syntax error, as a JSON parser must, but collects repeated keys.
type jsonParser struct {
	file      string
	src       []byte
	off       int
	line      int
	lineStart int
	dups      []duplicate
	budget    pointerBudget
	err       *syntaxError
}

func parseJSON(file string, src []byte) (*ast.JSON, []duplicate, *syntaxError) {
	p := &jsonParser{file: file, src: src, line: 1, budget: newPointerBudget(len(src))}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		p.off = 3
		p.lineStart = 3
	}
	p.skipSpace()
	if p.off >= len(p.src) {
		return nil, nil, nil
	}
	n := p.value("", 0)
	if p.err != nil {
		return nil, nil, p.err
	}
	p.skipSpace()
	if p.off < len(p.src) {
		p.fail(p.pos(), "Unexpected character (%s): expected end of input after the definition", p.describe())
		return nil, nil, p.err
	}
	return n, p.dups, nil
}

func (p *jsonParser) pos() ast.Pos {
	return ast.Pos{File: p.file, Line: p.line, Col: p.off - p.lineStart + 1, Offset: p.off}
}

func (p *jsonParser) fail(pos ast.Pos, format string, args ...any) {
	if p.err == nil {
		p.err = &syntaxError{pos: pos, msg: fmt.Sprintf(format, args...)}
	}
}

// describe renders the character at the current offset as Jackson does:
// 'x' (code 120), (CTRL-CHAR, code 10).
func (p *jsonParser) describe() string {
	if p.off >= len(p.src) {
		return "end-of-input"
	}
	r, _ := utf8.DecodeRune(p.src[p.off:])
	return describeRune(r)
}

func describeRune(r rune) string {
	switch {
	case r < 0x20:
		return fmt.Sprintf("(CTRL-CHAR, code %d)", r)
	case r > 0x7f:
		return fmt.Sprintf("'%c' (code %d / 0x%x)", r, r, r)
	}
	return fmt.Sprintf("'%c' (code %d)", r, r)
}

func (p *jsonParser) skipSpace() {
	for p.off < len(p.src) {
		switch p.src[p.off] {
		case '\n':
			p.off++
			p.line++
			p.lineStart = p.off
		case '\r':
			p.off++
			if p.off < len(p.src) && p.src[p.off] == '\n' {
				p.off++
			}
			p.line++
			p.lineStart = p.off
		case ' ', '\t':
			p.off++
		default:
			return
		}
	}
}

const expectedValue = "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"

func (p *jsonParser) value(ptr string, depth int) *ast.JSON {
	start := p.pos()
	if p.off >= len(p.src) {
		p.fail(start, "Unexpected end-of-input: expected a value")
		return nil
	}
	switch c := p.src[p.off]; {
	case c == '{':
		return p.object(ptr, start, depth+1)
	case c == '[':
		return p.array(ptr, start, depth+1)
	case c == '"':
		s, ok := p.string("VALUE_STRING")
		if !ok {
			return nil
		}
		return &ast.JSON{Kind: ast.String, Pos: start, Pointer: ptr, Text: s}
	case c == '-' || c >= '0' && c <= '9':
		text, ok := p.number()
		if !ok {
			return nil
		}
		return &ast.JSON{Kind: ast.Number, Pos: start, Pointer: ptr, Text: text}
	case isTokenChar(c):
		word := p.token()
		switch word {
		case "true", "false":
			return &ast.JSON{Kind: ast.Bool, Pos: start, Pointer: ptr, Bool: word == "true"}
		case "null":
			return &ast.JSON{Kind: ast.Null, Pos: start, Pointer: ptr}
		}
		p.fail(start, "Unrecognized token '%s': %s", word, expectedValue)
		return nil
	case c >= 0x80:
		if !p.checkUTF8() {
			return nil
		}
		word := p.token()
		p.fail(start, "Unrecognized token '%s': %s", word, expectedValue)
		return nil
	}
	p.fail(start, "Unexpected character (%s): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')", p.describe())
	return nil
}

func isTokenChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
}

// token reads a run of identifier characters (what Jackson quotes in an
// "Unrecognized token" message), at most 256 bytes of it.
func (p *jsonParser) token() string {
	start := p.off
	for p.off < len(p.src) && p.off-start < 256 {
		c := p.src[p.off]
		if isTokenChar(c) {
			p.off++
			continue
		}
		if c >= 0x80 {
			r, size := utf8.DecodeRune(p.src[p.off:])
			if r != utf8.RuneError && (r > 0xff || isLetter(r)) {
				p.off += size
				continue
			}
		}
		break
	}
	return string(p.src[start:p.off])
}

func isLetter(r rune) bool { return r >= 0xc0 && r != 0xd7 && r != 0xf7 }

func (p *jsonParser) object(ptr string, start ast.Pos, depth int) *ast.JSON {
	if depth > maxDepth {
		p.fail(start, "Document nesting depth (%d) exceeds the maximum allowed (%d)", depth, maxDepth)
		return nil
	}
	n := &ast.JSON{Kind: ast.Object, Pos: start, Pointer: ptr}
	p.off++ // {
	p.skipSpace()
	if p.off < len(p.src) && p.src[p.off] == '}' {
		p.off++
		return n
	}
	var seen map[string]bool
	for {
		p.skipSpace()
		keyPos := p.pos()
		if p.off >= len(p.src) {
			p.fail(keyPos, "Unexpected end-of-input: expected close marker for Object (start marker at line: %d, column: %d)", start.Line, start.Col)
			return nil
		}
		if p.src[p.off] != '"' {
			p.fail(keyPos, "Unexpected character (%s): was expecting double-quote to start field name", p.describe())
			return nil
		}
		key, ok := p.string("field name")
		if !ok {
			return nil
		}
		p.skipSpace()
		if p.off >= len(p.src) {
			p.fail(p.pos(), "Unexpected end-of-input: expected close marker for Object (start marker at line: %d, column: %d)", start.Line, start.Col)
			return nil
		}
		if p.src[p.off] != ':' {
			p.fail(p.pos(), "Unexpected character (%s): was expecting a colon to separate field name and value", p.describe())
			return nil
		}
		p.off++
		p.skipSpace()
		if !p.budget.take(len(ptr) + 1 + len(key)) {
			p.fail(keyPos, tooComplex, p.budget.limit)
			return nil
		}
		v := p.value(ptr+"/"+key, depth)
		if v == nil {
			return nil
		}
		// Small objects are scanned for a repeated key; big ones indexed.
		dup := false
		if seen != nil {
			dup = seen[key]
		} else {
			for _, m := range n.Members {
				if m.Key == key {
					dup = true
					break
				}
			}
		}
		if dup {
			p.dups = append(p.dups, duplicate{parent: n, key: key, pos: keyPos})
		} else {
			if n.Members == nil {
				n.Members = make([]*ast.Member, 0, 4)
			}
			n.Members = append(n.Members, &ast.Member{Key: key, KeyPos: keyPos, Value: v})
			if seen != nil {
				seen[key] = true
			} else if len(n.Members) > 8 {
				seen = make(map[string]bool, 2*len(n.Members))
				for _, m := range n.Members {
					seen[m.Key] = true
				}
			}
		}
		p.skipSpace()
		if p.off >= len(p.src) {
			p.fail(p.pos(), "Unexpected end-of-input: expected close marker for Object (start marker at line: %d, column: %d)", start.Line, start.Col)
			return nil
		}
		switch p.src[p.off] {
		case ',':
			p.off++
		case '}':
			p.off++
			return n
		default:
			p.fail(p.pos(), "Unexpected character (%s): was expecting comma to separate Object entries", p.describe())
			return nil
		}
	}
}

func (p *jsonParser) array(ptr string, start ast.Pos, depth int) *ast.JSON {
	if depth > maxDepth {
		p.fail(start, "Document nesting depth (%d) exceeds the maximum allowed (%d)", depth, maxDepth)
		return nil
	}
	n := &ast.JSON{Kind: ast.Array, Pos: start, Pointer: ptr}
	p.off++ // [
	p.skipSpace()
	if p.off < len(p.src) && p.src[p.off] == ']' {
		p.off++
		return n
	}
	for {
		p.skipSpace()
		if p.off >= len(p.src) {
			p.fail(p.pos(), "Unexpected end-of-input: expected close marker for Array (start marker at line: %d, column: %d)", start.Line, start.Col)
			return nil
		}
		index := strconv.Itoa(len(n.Elems))
		if !p.budget.take(len(ptr) + 2 + len(index)) {
			p.fail(p.pos(), tooComplex, p.budget.limit)
			return nil
		}
		v := p.value(ptr+"["+index+"]", depth)
		if v == nil {
			return nil
		}
		n.Elems = append(n.Elems, v)
		p.skipSpace()
		if p.off >= len(p.src) {
			p.fail(p.pos(), "Unexpected end-of-input: expected close marker for Array (start marker at line: %d, column: %d)", start.Line, start.Col)
			return nil
		}
		switch p.src[p.off] {
		case ',':
			p.off++
		case ']':
			p.off++
			return n
		default:
			p.fail(p.pos(), "Unexpected character (%s): was expecting comma to separate Array entries", p.describe())
			return nil
		}
	}
}

// checkUTF8 reports whether a valid UTF-8 sequence starts at the current
// offset, failing with Jackson's message otherwise.
func (p *jsonParser) checkUTF8() bool {
	r, size := utf8.DecodeRune(p.src[p.off:])
	if r == utf8.RuneError && size <= 1 {
		c := p.src[p.off]
		if c >= 0x80 && c < 0xc0 || c >= 0xf8 {
			p.fail(p.pos(), "Invalid UTF-8 start byte 0x%x", c)
		} else {
			p.fail(p.pos(), "Invalid UTF-8 middle byte")
		}
		return false
	}
	return true
}

// string reads a quoted string; what names the context in messages
// ("field name" or "VALUE_STRING").
func (p *jsonParser) string(what string) (string, bool) {
	p.off++ // opening quote
	start := p.off
	// Fast path: no escapes, plain ASCII or valid UTF-8.
	for p.off < len(p.src) {
		c := p.src[p.off]
		if c == '"' {
			s := string(p.src[start:p.off])
			p.off++
			return s, true
		}
		if c == '\\' || c < 0x20 {
			break
		}
		if c >= 0x80 {
			if !p.checkUTF8() {
				return "", false
			}
			_, size := utf8.DecodeRune(p.src[p.off:])
			p.off += size
			continue
		}
		p.off++
	}
	buf := append([]byte(nil), p.src[start:p.off]...)
	for {
		if p.off >= len(p.src) {
			if what == "field name" {
				p.fail(p.pos(), "Unexpected end-of-input in field name")
			} else {
				p.fail(p.pos(), "Unexpected end-of-input: was expecting closing quote for a string value")
			}
			return "", false
		}
		c := p.src[p.off]
		switch {
		case c == '"':
			p.off++
			return string(buf), true
		case c < 0x20:
			where := "string value"
			if what == "field name" {
				where = "name"
			}
			p.fail(p.pos(), "Illegal unquoted character (%s): has to be escaped using backslash to be included in %s", describeRune(rune(c)), where)
			return "", false
		case c == '\\':
			escPos := p.pos()
			p.off++
			if p.off >= len(p.src) {
				p.fail(p.pos(), "Unexpected end-of-input in character escape sequence")
				return "", false
			}
			e := p.src[p.off]
			p.off++
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
				r, ok := p.hex4()
				if !ok {
					return "", false
				}
				if utf16.IsSurrogate(r) && r < 0xdc00 && p.off+6 <= len(p.src) && p.src[p.off] == '\\' && p.src[p.off+1] == 'u' {
					save := p.off
					p.off += 2
					r2, ok := p.hex4()
					if !ok {
						return "", false
					}
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						r = d
					} else {
						p.off = save
					}
				}
				buf = utf8.AppendRune(buf, r)
			default:
				p.off--
				r, _ := utf8.DecodeRune(p.src[p.off:])
				p.fail(escPos, "Unrecognized character escape %s", describeRune(r))
				return "", false
			}
		case c >= 0x80:
			if !p.checkUTF8() {
				return "", false
			}
			_, size := utf8.DecodeRune(p.src[p.off:])
			buf = append(buf, p.src[p.off:p.off+size]...)
			p.off += size
		default:
			buf = append(buf, c)
			p.off++
		}
	}
}

func (p *jsonParser) hex4() (rune, bool) {
	var r rune
	for i := 0; i < 4; i++ {
		if p.off >= len(p.src) {
			p.fail(p.pos(), "Unexpected end-of-input in character escape sequence")
			return 0, false
		}
		c := p.src[p.off]
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			p.fail(p.pos(), "Unexpected character (%s): expected a hex-digit for character escape sequence", p.describe())
			return 0, false
		}
		r = r<<4 | rune(d)
		p.off++
	}
	return r, true
}

// number reads a JSON number and returns its text.
func (p *jsonParser) number() (string, bool) {
	start := p.off
	digits := func() int {
		n := 0
		for p.off < len(p.src) && p.src[p.off] >= '0' && p.src[p.off] <= '9' {
			p.off++
			n++
		}
		return n
	}
	if p.src[p.off] == '-' {
		p.off++
	}
	intStart := p.off
	if digits() == 0 {
		p.fail(p.pos(), "Unexpected character (%s) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value", p.describe())
		return "", false
	}
	if p.src[intStart] == '0' && p.off-intStart > 1 {
		p.fail(ast.Pos{File: p.file, Line: p.line, Col: intStart - p.lineStart + 1, Offset: intStart}, "Invalid numeric value: Leading zeroes not allowed")
		return "", false
	}
	if p.off < len(p.src) && p.src[p.off] == '.' {
		p.off++
		if digits() == 0 {
			p.fail(p.pos(), "Unexpected character (%s) in numeric value: Decimal point not followed by a digit", p.describe())
			return "", false
		}
	}
	if p.off < len(p.src) && (p.src[p.off] == 'e' || p.src[p.off] == 'E') {
		p.off++
		if p.off < len(p.src) && (p.src[p.off] == '+' || p.src[p.off] == '-') {
			p.off++
		}
		if digits() == 0 {
			p.fail(p.pos(), "Unexpected character (%s) in numeric value: Exponent indicator not followed by a digit", p.describe())
			return "", false
		}
	}
	if p.off < len(p.src) && isTokenChar(p.src[p.off]) {
		p.fail(p.pos(), "Unexpected character (%s) in numeric value: expected digit (0-9) or end of number", p.describe())
		return "", false
	}
	if p.off-start > maxNumberLength {
		p.fail(ast.Pos{File: p.file, Line: p.line, Col: start - p.lineStart + 1, Offset: start}, "Number value length (%d) exceeds the maximum allowed (%d)", p.off-start, maxNumberLength)
		return "", false
	}
	return string(p.src[start:p.off]), true
}
