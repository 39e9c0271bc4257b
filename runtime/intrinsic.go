package aslrt

import (
	"strconv"
	"strings"
)

// Intrinsic is a compiled intrinsic function call such as
// States.Format('Hello {}', $.name) (A5). It is parsed once and is safe for
// concurrent use.
type Intrinsic struct {
	text string
	fn   *intrinsicFunc
	args []intrinsicArg
}

type argKind uint8

const (
	argLiteral argKind = iota
	argPath
	argCall
)

type intrinsicArg struct {
	kind  argKind
	value Value // literal
	// raw is the text between the quotes of a string literal, escapes
	// kept, so States.Format can tell "\{" from "{".
	raw  string
	str  bool // the literal is a quoted string
	path *Path
	call *Intrinsic
}

// maxIntrinsicDepth is how deeply calls may nest, the outermost call
// counting as one (A5.4, A19.5).
const maxIntrinsicDepth = 10

// ParseIntrinsic compiles an intrinsic function call: "States.<Name>(" args
// ")" where each argument is a single-quoted string (escapes \' \{ \} \\
// only, A2.25, A5.5), a number, true, false, null, a path ($..., $$...,
// $name...) or a nested call, separated by commas with optional blanks
// around them (A5.3). The function must be one of the 18 AWS defines
// (A5.2) and get a number of arguments it accepts.
func ParseIntrinsic(s string) (*Intrinsic, error) {
	if len(s) > maxPathLength {
		return nil, &PathSyntaxError{Text: s, Msg: "intrinsic function call is longer than " + strconv.Itoa(maxPathLength) + " bytes"}
	}
	p := intrinsicParser{text: s}
	c, err := p.call(1)
	if err != nil {
		return nil, err
	}
	if p.pos != len(s) {
		return nil, p.errorf("unexpected text after the closing ')' of " + c.fn.name)
	}
	return c, nil
}

// MustIntrinsic is ParseIntrinsic for calls known to be valid, such as
// calls in generated code; it panics on a malformed call.
func MustIntrinsic(s string) *Intrinsic {
	c, err := ParseIntrinsic(s)
	if err != nil {
		panic("aslrt: invalid intrinsic function call " + strconv.Quote(s) + ": " + err.Error())
	}
	return c
}

// String returns the call as it was written.
func (c *Intrinsic) String() string { return c.text }

// Name returns the function name, for example "States.Format".
func (c *Intrinsic) Name() string { return c.fn.name }

// ReturnsString reports whether the function is one of those that Fail's
// ErrorPath and CausePath accept because they return strings (A5.27):
// Format, JsonToString, Base64Encode, Base64Decode, Hash and UUID always do,
// ArrayGetItem does when the item is a string.
func (c *Intrinsic) ReturnsString() bool { return c.fn.returnsString }

type intrinsicParser struct {
	text string
	pos  int
}

func (p *intrinsicParser) errorf(msg string) error {
	return &PathSyntaxError{Text: p.text, Offset: p.pos, Msg: msg}
}

func (p *intrinsicParser) skipSpace() {
	for p.pos < len(p.text) {
		switch p.text[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *intrinsicParser) call(depth int) (*Intrinsic, error) {
	if depth > maxIntrinsicDepth {
		return nil, p.errorf("intrinsic function calls are nested more than " + strconv.Itoa(maxIntrinsicDepth) + " deep")
	}
	s := p.text
	start := p.pos
	open := strings.IndexByte(s[p.pos:], '(')
	if open < 0 {
		return nil, p.errorf("expected a path starting with '$' or an intrinsic function call States.<Name>(...)")
	}
	name := s[p.pos : p.pos+open]
	fn := lookupIntrinsic(name)
	if fn == nil {
		if strings.HasPrefix(name, "States.") {
			return nil, p.errorf("unknown intrinsic function " + strconv.Quote(name))
		}
		return nil, p.errorf("expected a path starting with '$' or an intrinsic function call States.<Name>(...)")
	}
	p.pos += open + 1
	c := &Intrinsic{fn: fn}
	p.skipSpace()
	if p.pos < len(s) && s[p.pos] == ')' {
		p.pos++
	} else {
		for {
			arg, err := p.arg(depth)
			if err != nil {
				return nil, err
			}
			c.args = append(c.args, arg)
			p.skipSpace()
			if p.pos >= len(s) {
				return nil, p.errorf("missing ')' at the end of " + name)
			}
			if s[p.pos] == ',' {
				p.pos++
				continue
			}
			if s[p.pos] == ')' {
				p.pos++
				break
			}
			return nil, p.errorf("expected ',' or ')' in the arguments of " + name + " at position " + strconv.Itoa(p.pos))
		}
	}
	c.text = s[start:p.pos]
	if n := len(c.args); n < fn.minArgs || fn.maxArgs >= 0 && n > fn.maxArgs {
		return nil, &PathSyntaxError{Text: s, Offset: start, Msg: fn.name + " " + fn.arity() + ", got " + strconv.Itoa(n)}
	}
	return c, nil
}

func (p *intrinsicParser) arg(depth int) (intrinsicArg, error) {
	p.skipSpace()
	s := p.text
	if p.pos >= len(s) {
		return intrinsicArg{}, p.errorf("missing argument")
	}
	switch c := s[p.pos]; {
	case c == '\'':
		return p.stringArg()
	case c == '$':
		start := p.pos
		end := pathArgEnd(s, p.pos)
		text := strings.TrimRight(s[start:end], " \t\n\r")
		path, err := ParsePath(text)
		if err != nil {
			pe := err.(*PathSyntaxError)
			return intrinsicArg{}, &PathSyntaxError{Text: s, Offset: start + pe.Offset, Msg: "invalid path " + strconv.Quote(text) + ": " + pe.Msg}
		}
		p.pos = end
		return intrinsicArg{kind: argPath, path: path}, nil
	case c == '-' || c == '+' || c >= '0' && c <= '9':
		start := p.pos
		p.pos++
		for p.pos < len(s) && strings.IndexByte("0123456789.eE+-", s[p.pos]) >= 0 {
			p.pos++
		}
		text := s[start:p.pos]
		v, ok := ParseNumber(strings.TrimPrefix(text, "+"))
		if !ok || strings.HasPrefix(text, "+-") {
			p.pos = start
			return intrinsicArg{}, p.errorf("invalid number " + strconv.Quote(text))
		}
		return intrinsicArg{value: v}, nil
	case strings.HasPrefix(s[p.pos:], "States."):
		call, err := p.call(depth + 1)
		if err != nil {
			return intrinsicArg{}, err
		}
		return intrinsicArg{kind: argCall, call: call}, nil
	}
	for _, w := range []struct {
		text string
		v    Value
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if strings.HasPrefix(s[p.pos:], w.text) {
			end := p.pos + len(w.text)
			if end == len(s) || !isWordByte(s[end]) {
				p.pos = end
				return intrinsicArg{value: w.v}, nil
			}
		}
	}
	return intrinsicArg{}, p.errorf("invalid argument at position " + strconv.Itoa(p.pos) + ": expected a quoted string, a number, true, false, null, a path or an intrinsic function call")
}

// stringArg reads a single-quoted string; only \' \{ \} \\ are escapes.
func (p *intrinsicParser) stringArg() (intrinsicArg, error) {
	s := p.text
	p.pos++
	start := p.pos
	var b []byte
	plain := true
	for {
		if p.pos >= len(s) {
			return intrinsicArg{}, p.errorf("string argument is not closed by '")
		}
		c := s[p.pos]
		if c == '\'' {
			break
		}
		if c == '\\' {
			if p.pos+1 >= len(s) || strings.IndexByte(`'{}\`, s[p.pos+1]) < 0 {
				return intrinsicArg{}, p.errorf(`invalid escape in a string argument: only \' \{ \} and \\ are allowed`)
			}
			if plain {
				b = append(b, s[start:p.pos]...)
				plain = false
			}
			b = append(b, s[p.pos+1])
			p.pos += 2
			continue
		}
		if !plain {
			b = append(b, c)
		}
		p.pos++
	}
	raw := s[start:p.pos]
	p.pos++
	val := raw
	if !plain {
		val = string(b)
	}
	return intrinsicArg{value: val, raw: raw, str: true}, nil
}

// pathArgEnd returns where a path argument starting at i ends: at the first
// ',' or ')' outside brackets and quotes.
func pathArgEnd(s string, i int) int {
	depth := 0
	var quote byte
	for ; i < len(s); i++ {
		c := s[i]
		if quote != 0 {
			switch c {
			case '\\':
				i++
			case quote:
				quote = 0
			}
			continue
		}
		switch c {
		case '[':
			depth++
		case ']':
			if depth > 0 {
				depth--
			}
		case '\'', '"':
			if depth > 0 {
				quote = c
			}
		case ',', ')':
			if depth == 0 {
				return i
			}
		}
	}
	return len(s)
}

// Eval evaluates the call against input (what "$" reads). A path argument
// that selects nothing fails with States.Runtime; a function that cannot
// work with its arguments fails with States.IntrinsicFailure (A5.6, A5.7).
func (c *Intrinsic) Eval(input Value, s Scope) (Value, error) {
	return c.EvalField(input, s, "")
}

// EvalField is Eval for the value of the field named field (for example
// "name.$" or "ErrorPath"), which the cause of a failing path argument
// names: "The JSONPath '<arg>' specified for the field '<field>' could not
// be found in the input '<input>'".
func (c *Intrinsic) EvalField(input Value, s Scope, field string) (Value, error) {
	var buf [4]Value
	args := buf[:0]
	if len(c.args) > len(buf) {
		args = make([]Value, 0, len(c.args))
	}
	for i := range c.args {
		a := &c.args[i]
		switch a.kind {
		case argLiteral:
			args = append(args, a.value)
		case argPath:
			v, ok := a.path.Lookup(input, s)
			if !ok {
				if field == "" {
					return nil, NewError(ErrRuntime, "The JSONPath '"+a.path.text+"' specified in the intrinsic function "+c.fn.name+" could not be found in the input '"+string(AppendJSON(nil, input))+"'")
				}
				return nil, fieldNotFound(a.path.text, field, input)
			}
			args = append(args, v)
		case argCall:
			v, err := a.call.EvalField(input, s, field)
			if err != nil {
				return nil, err
			}
			args = append(args, v)
		}
	}
	return c.fn.call(c, args, s)
}

// intrinsicFailure returns the States.IntrinsicFailure error of a call.
func intrinsicFailure(c *Intrinsic, format string, args ...any) *Error {
	e := Errorf(ErrIntrinsicFailure, format, args...)
	e.Cause = "Invalid arguments in " + c.fn.name + ": " + e.Cause
	return e
}
