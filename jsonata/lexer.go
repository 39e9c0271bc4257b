package jsonata

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// tokenKind classifies the tokens of an expression.
type tokenKind uint8

const (
	tokEnd tokenKind = iota
	tokOperator
	tokName
	tokVariable
	tokString
	tokNumber
	tokValue // true, false, null
	tokRegex
)

// token is one lexical token. Its position is where it ends, counted in
// UTF-16 code units as jsonata-js counts it.
type token struct {
	kind  tokenKind
	text  string // operator, name, variable name or string value
	num   float64
	value Value // true, false or nil for tokValue
	regex *regexLiteral
	pos   int
}

// isOperatorChar reports whether c stands alone as an operator; such
// characters also end names.
func isOperatorChar(c byte) bool {
	switch c {
	case '.', '[', ']', '{', '}', '(', ')', ',', '@', '#', ';', ':', '?',
		'+', '-', '*', '/', '%', '|', '=', '<', '>', '^', '&', '!', '~':
		return true
	}
	return false
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v'
}

// lexer splits an expression into tokens, one at a time.
type lexer struct {
	src   string
	pos   int // byte offset
	ascii bool
	// incremental conversion of byte offsets to UTF-16 positions
	convByte, convUnit int
}

func newLexer(src string) *lexer {
	ascii := true
	for i := 0; i < len(src); i++ {
		if src[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	return &lexer{src: src, ascii: ascii}
}

// unit converts a byte offset into a UTF-16 position.
func (l *lexer) unit(b int) int {
	if l.ascii {
		return b
	}
	if b < l.convByte {
		l.convByte, l.convUnit = 0, 0
	}
	for l.convByte < b && l.convByte < len(l.src) {
		r, size := utf8.DecodeRuneInString(l.src[l.convByte:])
		l.convByte += size
		if r >= 0x10000 {
			l.convUnit += 2
		} else {
			l.convUnit++
		}
	}
	return l.convUnit + (b - l.convByte)
}

func (l *lexer) errorAt(code string, byteOff int, opts ...errOpt) *Error {
	e := newError(code, opts...)
	e.Position = l.unit(byteOff)
	return e
}

func (l *lexer) make(kind tokenKind, text string) token {
	return token{kind: kind, text: text, pos: l.unit(l.pos)}
}

// next returns the next token. With prefix set, a '/' is the division
// operator; otherwise it starts a regular expression.
func (l *lexer) next(prefix bool) (token, error) {
	src := l.src
	for {
		for l.pos < len(src) && isSpace(src[l.pos]) {
			l.pos++
		}
		if l.pos+1 < len(src) && src[l.pos] == '/' && src[l.pos+1] == '*' {
			start := l.pos
			end := strings.Index(src[l.pos+2:], "*/")
			if end < 0 {
				return token{}, l.errorAt("S0106", start)
			}
			l.pos += 2 + end + 2
			continue
		}
		break
	}
	if l.pos >= len(src) {
		return token{kind: tokEnd, pos: l.unit(len(src))}, nil
	}
	c := src[l.pos]
	if !prefix && c == '/' {
		l.pos++
		re, err := l.scanRegex()
		if err != nil {
			return token{}, err
		}
		t := l.make(tokRegex, "")
		t.regex = re
		return t, nil
	}
	if l.pos+1 < len(src) {
		two := src[l.pos : l.pos+2]
		switch two {
		case "..", ":=", "!=", ">=", "<=", "**", "~>":
			l.pos += 2
			return l.make(tokOperator, two), nil
		}
	}
	if isOperatorChar(c) {
		l.pos++
		return l.make(tokOperator, src[l.pos-1:l.pos]), nil
	}
	if c == '"' || c == '\'' {
		return l.scanString(c)
	}
	if c >= '0' && c <= '9' {
		if n := numberPrefix(src[l.pos:]); n > 0 {
			text := src[l.pos : l.pos+n]
			f, err := strconv.ParseFloat(text, 64)
			if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
				return token{}, l.errorAt("S0102", l.pos, withToken(text))
			}
			l.pos += n
			t := l.make(tokNumber, text)
			t.num = f
			return t, nil
		}
	}
	if c == '`' {
		end := strings.IndexByte(src[l.pos+1:], '`')
		if end < 0 {
			l.pos = len(src)
			return token{}, l.errorAt("S0105", l.pos)
		}
		name := src[l.pos+1 : l.pos+1+end]
		l.pos += end + 2
		return l.make(tokName, name), nil
	}
	i := l.pos
	for i < len(src) && !isSpace(src[i]) && !isOperatorChar(src[i]) {
		i++
	}
	start := l.pos
	l.pos = i
	if src[start] == '$' {
		return l.make(tokVariable, src[start+1:i]), nil
	}
	name := src[start:i]
	switch name {
	case "or", "in", "and":
		return l.make(tokOperator, name), nil
	case "true":
		t := l.make(tokValue, name)
		t.value = true
		return t, nil
	case "false":
		t := l.make(tokValue, name)
		t.value = false
		return t, nil
	case "null":
		t := l.make(tokValue, name)
		t.value = nil
		return t, nil
	}
	if name == "" {
		return token{kind: tokEnd, pos: l.unit(len(src))}, nil
	}
	return l.make(tokName, name), nil
}

// numberPrefix returns the length of the JSON-style number at the start of
// s (0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)?, or 0.
func numberPrefix(s string) int {
	i := 0
	if i < len(s) && s[i] == '0' {
		i++
	} else {
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	if i == 0 {
		return 0
	}
	if i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' {
		i += 2
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			i = j
		}
	}
	return i
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// scanString reads a string literal whose opening quote is at l.pos.
func (l *lexer) scanString(quote byte) (token, error) {
	src := l.src
	l.pos++
	var b strings.Builder
	start := l.pos
	for l.pos < len(src) {
		c := src[l.pos]
		switch {
		case c == '\\':
			b.WriteString(src[start:l.pos])
			l.pos++
			if l.pos >= len(src) {
				return token{}, l.errorAt("S0101", l.pos)
			}
			e := src[l.pos]
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				if l.pos+4 >= len(src) || !isHex(src[l.pos+1]) || !isHex(src[l.pos+2]) || !isHex(src[l.pos+3]) || !isHex(src[l.pos+4]) {
					return token{}, l.errorAt("S0104", l.pos)
				}
				u, _ := strconv.ParseUint(src[l.pos+1:l.pos+5], 16, 16)
				l.pos += 4
				r := rune(u)
				if utf16.IsSurrogate(r) {
					// a pair of \u escapes may encode one character
					if r < 0xDC00 && l.pos+6 < len(src) && src[l.pos+1] == '\\' && src[l.pos+2] == 'u' &&
						isHex(src[l.pos+3]) && isHex(src[l.pos+4]) && isHex(src[l.pos+5]) && isHex(src[l.pos+6]) {
						u2, _ := strconv.ParseUint(src[l.pos+3:l.pos+7], 16, 16)
						if r2 := rune(u2); r2 >= 0xDC00 && r2 <= 0xDFFF {
							b.WriteRune(utf16.DecodeRune(r, r2))
							l.pos += 6
							break
						}
					}
					// a lone surrogate: kept as its three-byte (WTF-8) form,
					// which is not valid UTF-8
					b.WriteByte(byte(0xE0 | (u >> 12)))
					b.WriteByte(byte(0x80 | ((u >> 6) & 0x3F)))
					b.WriteByte(byte(0x80 | (u & 0x3F)))
					break
				}
				b.WriteRune(r)
			default:
				_, size := utf8.DecodeRuneInString(src[l.pos:])
				return token{}, l.errorAt("S0103", l.pos, withToken(src[l.pos:l.pos+size]))
			}
			l.pos++
			start = l.pos
		case c == quote:
			b.WriteString(src[start:l.pos])
			l.pos++
			return l.make(tokString, b.String()), nil
		default:
			l.pos++
		}
	}
	return token{}, l.errorAt("S0101", l.pos)
}

// scanRegex reads a regular expression literal after its opening '/'.
func (l *lexer) scanRegex() (*regexLiteral, error) {
	src := l.src
	start := l.pos
	depth := 0
	for l.pos < len(src) {
		c := src[l.pos]
		if c == '/' && depth == 0 {
			backslashes := 0
			for k := l.pos - 1; k >= start && src[k] == '\\'; k-- {
				backslashes++
			}
			if backslashes%2 == 0 {
				pattern := src[start:l.pos]
				if pattern == "" {
					return nil, l.errorAt("S0301", l.pos)
				}
				patEnd := l.pos
				l.pos++
				fstart := l.pos
				for l.pos < len(src) && (src[l.pos] == 'i' || src[l.pos] == 'm') {
					l.pos++
				}
				re, err := compileRegex(pattern, src[fstart:l.pos])
				if err != nil {
					return nil, l.errorAt("S0303", patEnd, withMessage(
						"Unsupported regular expression /"+pattern+"/: "+err.Error()))
				}
				return re, nil
			}
		}
		prevEscaped := l.pos > 0 && src[l.pos-1] == '\\'
		if (c == '(' || c == '[' || c == '{') && !prevEscaped {
			depth++
		}
		if (c == ')' || c == ']' || c == '}') && !prevEscaped {
			depth--
		}
		l.pos++
	}
	return nil, l.errorAt("S0302", l.pos)
}
