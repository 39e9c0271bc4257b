package jsonata

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
)

// regexLiteral is a compiled regular expression literal such as /ab+c/i.
// JavaScript's syntax is translated to Go's (RE2); the few constructs RE2
// lacks (backreferences, lookaround) are rejected when the expression is
// parsed.
type regexLiteral struct {
	re     *regexp.Regexp
	source string
	flags  string
}

// jsSpace is the set of characters JavaScript's \s matches.
const jsSpace = `\t\n\v\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}`

// compileRegex compiles a JavaScript regular expression with flags i and m.
func compileRegex(pattern, flags string) (*regexLiteral, error) {
	goPattern, err := translateRegex(pattern)
	if err != nil {
		return nil, err
	}
	prefix := ""
	if strings.Contains(flags, "i") {
		prefix += "i"
	}
	if strings.Contains(flags, "m") {
		prefix += "m"
	}
	if prefix != "" {
		goPattern = "(?" + prefix + ")" + goPattern
	}
	re, err := regexp.Compile(goPattern)
	if err != nil {
		return nil, err
	}
	return &regexLiteral{re: re, source: pattern, flags: flags}, nil
}

func hex4(s string) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	for i := 0; i < 4; i++ {
		if !isHex(s[i]) {
			return 0, false
		}
	}
	u, _ := strconv.ParseUint(s[:4], 16, 16)
	return rune(u), true
}

// translateRegex rewrites JavaScript regular expression syntax as RE2
// syntax.
func translateRegex(p string) (string, error) {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\':
			if i+1 >= len(p) {
				return "", errors.New("trailing backslash")
			}
			e := p[i+1]
			switch {
			case e == 'u':
				r, ok := hex4(p[i+2:])
				if !ok {
					b.WriteString("u")
					i++
					continue
				}
				i += 5
				if utf16.IsSurrogate(r) && strings.HasPrefix(p[i+1:], `\u`) {
					if r2, ok := hex4(p[i+3:]); ok {
						if d := utf16.DecodeRune(r, r2); d != 0xFFFD {
							r = d
							i += 6
						}
					}
				}
				b.WriteString(`\x{` + strconv.FormatInt(int64(r), 16) + `}`)
			case e == '0':
				b.WriteString(`\x00`)
				i++
			case e >= '1' && e <= '9':
				if inClass {
					// an octal-like escape in a class: the digit itself
					b.WriteByte(e)
					i++
					continue
				}
				return "", errors.New("backreferences are not supported")
			case e == 'c' && i+2 < len(p) && (p[i+2]|0x20 >= 'a' && p[i+2]|0x20 <= 'z'):
				b.WriteString(`\x{` + strconv.FormatInt(int64(p[i+2]%32), 16) + `}`)
				i += 2
			case e == 's':
				if inClass {
					b.WriteString(jsSpace)
				} else {
					b.WriteString("[" + jsSpace + "]")
				}
				i++
			case e == 'S' && !inClass:
				b.WriteString("[^" + jsSpace + "]")
				i++
			case e == '/':
				b.WriteString("/")
				i++
			case e == '-' && !inClass:
				b.WriteString(`\-`)
				i++
			default:
				b.WriteByte('\\')
				b.WriteByte(e)
				i++
			}
		case inClass:
			if c == ']' {
				inClass = false
			}
			if c == '[' {
				b.WriteString(`\[`)
				continue
			}
			b.WriteByte(c)
		case c == '[':
			if strings.HasPrefix(p[i:], "[^]") {
				b.WriteString(`[\x{0}-\x{10FFFF}]`)
				i += 2
				continue
			}
			if strings.HasPrefix(p[i:], "[]") {
				b.WriteString(`[^\x{0}-\x{10FFFF}]`)
				i++
				continue
			}
			inClass = true
			b.WriteByte('[')
			if i+1 < len(p) && p[i+1] == '^' {
				b.WriteByte('^')
				i++
			}
		case c == '(':
			if strings.HasPrefix(p[i:], "(?=") || strings.HasPrefix(p[i:], "(?!") ||
				strings.HasPrefix(p[i:], "(?<=") || strings.HasPrefix(p[i:], "(?<!") {
				return "", errors.New("lookaround assertions are not supported")
			}
			b.WriteByte('(')
		case c == '.':
			b.WriteString(`[^\n\r\x{2028}\x{2029}]`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}
