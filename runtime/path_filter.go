package aslrt

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Filter expressions ([?(...)]) follow Jayway JsonPath, which AWS runs:
// comparisons ==, !=, <, <=, >, >=, regular expressions =~ /re/flags,
// list operators in, nin, subsetof, anyof, noneof, the size and empty
// tests, existence tests (@.a, !@.a), && and || with parentheses. Operands
// are @-relative paths, $-rooted paths (into the document the outer path is
// applied to), quoted strings, numbers, true, false, null, JSON arrays and
// objects, and regular expressions.

type filterKind uint8

const (
	filterOr filterKind = iota
	filterAnd
	filterNot    // l negated
	filterExists // the operand path selects something
	filterCmpNode
)

// filterExpr is one node of a filter expression.
type filterExpr struct {
	kind filterKind
	l, r *filterExpr
	o    filterOperand
	cmp  filterCmp
}

type filterOp uint8

const (
	opEq filterOp = iota
	opNe
	opLt
	opLe
	opGt
	opGe
	opRegex
	opIn
	opNin
	opSubsetOf
	opAnyOf
	opNoneOf
	opSize
	opEmpty
)

var filterOps = []struct {
	text string
	op   filterOp
	word bool
}{
	{"==", opEq, false}, {"!=", opNe, false}, {"<=", opLe, false}, {">=", opGe, false},
	{"=~", opRegex, false}, {"<", opLt, false}, {">", opGt, false},
	{"subsetof", opSubsetOf, true}, {"anyof", opAnyOf, true}, {"noneof", opNoneOf, true},
	{"nin", opNin, true}, {"in", opIn, true}, {"size", opSize, true}, {"empty", opEmpty, true},
}

type filterCmp struct {
	op   filterOp
	l, r filterOperand
}

type operandKind uint8

const (
	operandLiteral operandKind = iota
	operandItem                // @...
	operandRoot                // $...
	operandRegex
)

type filterOperand struct {
	kind  operandKind
	value Value
	path  *Path // steps of an @ or $ operand, rooted at the item or the root
	re    *regexp.Regexp
}

func (e *filterExpr) test(es *evalState, item Value) bool {
	switch e.kind {
	case filterOr:
		return e.l.test(es, item) || e.r.test(es, item)
	case filterAnd:
		return e.l.test(es, item) && e.r.test(es, item)
	case filterNot:
		return !e.l.test(es, item)
	case filterExists:
		return e.exists(es, item)
	}
	return e.cmp.test(es, item)
}

func (e *filterExpr) exists(es *evalState, item Value) bool {
	v, ok := e.o.eval(es, item)
	if !ok {
		return false
	}
	if !e.o.path.definite {
		// An indefinite path exists when it selects something.
		arr, _ := v.([]Value)
		return len(arr) > 0
	}
	return true
}

// eval returns the operand's value; ok is false when a path selects nothing.
func (o *filterOperand) eval(es *evalState, item Value) (Value, bool) {
	switch o.kind {
	case operandItem:
		return o.path.lookupIn(es, item)
	case operandRoot:
		return o.path.lookupIn(es, es.root)
	}
	return o.value, true
}

func (e *filterCmp) test(es *evalState, item Value) bool {
	if e.op == opRegex {
		l, ok := e.l.eval(es, item)
		if !ok {
			return false
		}
		var s string
		switch x := l.(type) {
		case string:
			s = x
		case int64, float64:
			s = FormatNumber(x)
		case bool:
			s = strconv.FormatBool(x)
		default:
			return false
		}
		return e.r.re.MatchString(s)
	}
	l, lok := e.l.eval(es, item)
	r, rok := e.r.eval(es, item)
	switch e.op {
	case opEq:
		return lok && rok && filterEqual(l, r)
	case opNe:
		return !(lok && rok && filterEqual(l, r))
	case opLt, opLe, opGt, opGe:
		if !lok || !rok {
			return false
		}
		c, ok := filterCompare(l, r)
		if !ok {
			return false
		}
		switch e.op {
		case opLt:
			return c < 0
		case opLe:
			return c <= 0
		case opGt:
			return c > 0
		}
		return c >= 0
	case opIn, opNin:
		in := false
		if lok && rok {
			if list, ok := r.([]Value); ok && es.charge(len(list)) {
				in = listHas(list, l)
			}
		}
		if e.op == opIn {
			return in
		}
		return !in
	case opSubsetOf, opAnyOf, opNoneOf:
		if !lok || !rok {
			return false
		}
		ll, ok1 := l.([]Value)
		rl, ok2 := r.([]Value)
		if !ok1 || !ok2 || !es.charge(len(ll)*len(rl)) {
			return false
		}
		switch e.op {
		case opSubsetOf:
			for _, a := range ll {
				if !listHas(rl, a) {
					return false
				}
			}
			return true
		case opAnyOf:
			for _, a := range ll {
				if listHas(rl, a) {
					return true
				}
			}
			return false
		}
		for _, a := range ll {
			if listHas(rl, a) {
				return false
			}
		}
		return true
	case opSize:
		if !lok || !rok || !IsNumber(r) {
			return false
		}
		f, _ := Float(r)
		want := int(f)
		switch x := l.(type) {
		case string:
			return utf16Len(x) == want
		case []Value:
			return len(x) == want
		case *Object:
			return x.Len() == want
		}
		return false
	case opEmpty:
		if !lok || !rok {
			return false
		}
		b, ok := r.(bool)
		if !ok {
			return false
		}
		switch x := l.(type) {
		case string:
			return (x == "") == b
		case []Value:
			return (len(x) == 0) == b
		case *Object:
			return (x.Len() == 0) == b
		}
		return false
	}
	return false
}

func listHas(list []Value, v Value) bool {
	for _, x := range list {
		if filterEqual(v, x) {
			return true
		}
	}
	return false
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// filterEqual is Jayway's == : numbers by value, and a string equals a
// number when the texts agree (left string) or the string parses to the
// same number (left number).
func filterEqual(l, r Value) bool {
	switch x := l.(type) {
	case nil:
		return r == nil
	case bool:
		y, ok := r.(bool)
		return ok && x == y
	case string:
		switch y := r.(type) {
		case string:
			return x == y
		case int64, float64:
			return x == FormatNumber(y)
		}
		return false
	case int64, float64:
		switch y := r.(type) {
		case int64, float64:
			c, _ := compareNumbers(x, y)
			return c == 0
		case string:
			n, ok := ParseNumber(strings.TrimSpace(y))
			if !ok {
				return false
			}
			c, _ := compareNumbers(x, n)
			return c == 0
		}
		return false
	case []Value, *Object:
		switch r.(type) {
		case []Value, *Object:
			return Equal(l, r)
		}
	}
	return false
}

// filterCompare orders two numbers or two strings.
func filterCompare(l, r Value) (int, bool) {
	switch x := l.(type) {
	case int64, float64:
		return compareNumbers(x, r)
	case string:
		if y, ok := r.(string); ok {
			return strings.Compare(x, y), true
		}
	}
	return 0, false
}

// filter parses the expression after "[?(" up to (not including) ")".
func (p *pathParser) filter() (*filterExpr, error) {
	return p.filterOr(0)
}

const maxFilterDepth = 100

func (p *pathParser) filterOr(depth int) (*filterExpr, error) {
	l, err := p.filterAnd(depth)
	if err != nil {
		return nil, err
	}
	for {
		p.skipSpace()
		if !strings.HasPrefix(p.text[p.pos:], "||") {
			return l, nil
		}
		p.pos += 2
		r, err := p.filterAnd(depth)
		if err != nil {
			return nil, err
		}
		l = &filterExpr{kind: filterOr, l: l, r: r}
	}
}

func (p *pathParser) filterAnd(depth int) (*filterExpr, error) {
	l, err := p.filterUnary(depth)
	if err != nil {
		return nil, err
	}
	for {
		p.skipSpace()
		if !strings.HasPrefix(p.text[p.pos:], "&&") {
			return l, nil
		}
		p.pos += 2
		r, err := p.filterUnary(depth)
		if err != nil {
			return nil, err
		}
		l = &filterExpr{kind: filterAnd, l: l, r: r}
	}
}

func (p *pathParser) filterUnary(depth int) (*filterExpr, error) {
	if depth > maxFilterDepth {
		return nil, p.errorf("filter expression nested too deeply")
	}
	p.skipSpace()
	s := p.text
	if p.pos >= len(s) {
		return nil, p.errorf("Filter expression is not closed")
	}
	switch s[p.pos] {
	case '!':
		if !strings.HasPrefix(s[p.pos:], "!=") {
			p.pos++
			e, err := p.filterUnary(depth + 1)
			if err != nil {
				return nil, err
			}
			return &filterExpr{kind: filterNot, l: e}, nil
		}
	case '(':
		p.pos++
		e, err := p.filterOr(depth + 1)
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.pos >= len(s) || s[p.pos] != ')' {
			return nil, p.errorf("Expected ')' in the filter at position " + strconv.Itoa(p.pos))
		}
		p.pos++
		return e, nil
	}
	l, err := p.operand(depth)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	rest := s[p.pos:]
	for _, o := range filterOps {
		if !strings.HasPrefix(rest, o.text) {
			continue
		}
		if o.word && len(rest) > len(o.text) && isWordByte(rest[len(o.text)]) {
			continue
		}
		p.pos += len(o.text)
		r, err := p.operand(depth)
		if err != nil {
			return nil, err
		}
		if o.op == opRegex {
			if r.kind != operandRegex {
				return nil, p.errorf("The right side of '=~' must be a regular expression /.../")
			}
		} else if r.kind == operandRegex || l.kind == operandRegex {
			return nil, p.errorf("A regular expression can only be used with '=~'")
		}
		return &filterExpr{kind: filterCmpNode, cmp: filterCmp{op: o.op, l: l, r: r}}, nil
	}
	if l.kind != operandItem && l.kind != operandRoot {
		return nil, p.errorf("Expected a comparison operator at position " + strconv.Itoa(p.pos))
	}
	return &filterExpr{kind: filterExists, o: l}, nil
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

func (p *pathParser) operand(depth int) (filterOperand, error) {
	p.skipSpace()
	s := p.text
	if p.pos >= len(s) {
		return filterOperand{}, p.errorf("Filter expression is not closed")
	}
	switch c := s[p.pos]; {
	case c == '@' || c == '$':
		start := p.pos
		p.pos++
		if c == '$' && p.pos < len(s) && s[p.pos] == '$' {
			return filterOperand{}, p.errorf("The context object ($$) cannot be used inside a filter")
		}
		steps, err := p.steps(true)
		if err != nil {
			return filterOperand{}, err
		}
		path := &Path{text: s[start:p.pos], steps: steps, definite: true}
		for i := range steps {
			if !steps[i].definite(i == len(steps)-1) {
				path.definite = false
			}
		}
		if len(steps) > 0 {
			path.steps[len(steps)-1].leaf = true
		}
		kind := operandItem
		if c == '$' {
			kind = operandRoot
		}
		return filterOperand{kind: kind, path: path}, nil
	case c == '\'' || c == '"':
		str, err := p.filterString(c)
		if err != nil {
			return filterOperand{}, err
		}
		return filterOperand{value: str}, nil
	case c == '/':
		return p.regexOperand()
	case c == '[' || c == '{':
		v, err := p.literal(depth + 1)
		if err != nil {
			return filterOperand{}, err
		}
		return filterOperand{value: v}, nil
	case c == '-' || c >= '0' && c <= '9':
		start := p.pos
		p.pos++
		for p.pos < len(s) && (s[p.pos] >= '0' && s[p.pos] <= '9' || s[p.pos] == '.' || s[p.pos] == 'e' || s[p.pos] == 'E' ||
			(s[p.pos] == '-' || s[p.pos] == '+') && (s[p.pos-1] == 'e' || s[p.pos-1] == 'E')) {
			p.pos++
		}
		v, ok := ParseNumber(s[start:p.pos])
		if !ok {
			p.pos = start
			return filterOperand{}, p.errorf("Invalid number in the filter at position " + strconv.Itoa(start))
		}
		return filterOperand{value: v}, nil
	}
	for _, w := range []struct {
		text string
		v    Value
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if strings.HasPrefix(s[p.pos:], w.text) && (len(s) == p.pos+len(w.text) || !isWordByte(s[p.pos+len(w.text)])) {
			p.pos += len(w.text)
			return filterOperand{value: w.v}, nil
		}
	}
	return filterOperand{}, p.errorf("Unexpected character '" + string(s[p.pos]) + "' in the filter at position " + strconv.Itoa(p.pos))
}

// filterString reads a quoted string literal of a filter; a backslash
// escapes the next character.
func (p *pathParser) filterString(q byte) (string, error) {
	s := p.text
	p.pos++
	var b strings.Builder
	for {
		if p.pos >= len(s) {
			return "", p.errorf("String literal in the filter is not closed")
		}
		c := s[p.pos]
		switch c {
		case q:
			p.pos++
			return b.String(), nil
		case '\\':
			if p.pos+1 >= len(s) {
				return "", p.errorf("String literal in the filter is not closed")
			}
			b.WriteByte(s[p.pos+1])
			p.pos += 2
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
}

// regexOperand reads /pattern/flags. Jayway matches the whole string
// (Matcher.matches), so the pattern is anchored.
func (p *pathParser) regexOperand() (filterOperand, error) {
	s := p.text
	start := p.pos
	p.pos++
	for {
		if p.pos >= len(s) {
			p.pos = start
			return filterOperand{}, p.errorf("Regular expression in the filter is not closed")
		}
		if s[p.pos] == '\\' {
			p.pos += 2
			continue
		}
		if s[p.pos] == '/' {
			break
		}
		p.pos++
	}
	pattern := s[start+1 : p.pos]
	p.pos++
	flags := ""
	for p.pos < len(s) && strings.IndexByte("imsxuU", s[p.pos]) >= 0 {
		switch s[p.pos] {
		case 'i', 'm', 's':
			if !strings.Contains(flags, string(s[p.pos])) {
				flags += string(s[p.pos])
			}
		}
		p.pos++
	}
	expr := "^(?:" + pattern + ")$"
	if flags != "" {
		expr = "(?" + flags + ")" + expr
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		p.pos = start
		return filterOperand{}, p.errorf("Unsupported regular expression /" + pattern + "/: " + err.Error())
	}
	return filterOperand{kind: operandRegex, re: re}, nil
}

// literal reads a JSON-like array or object literal of a filter, whose
// strings may use single or double quotes, as Jayway's parser allows.
func (p *pathParser) literal(depth int) (Value, error) {
	if depth > maxFilterDepth {
		return nil, p.errorf("filter literal nested too deeply")
	}
	p.skipSpace()
	s := p.text
	if p.pos >= len(s) {
		return nil, p.errorf("Filter expression is not closed")
	}
	switch c := s[p.pos]; c {
	case '[':
		p.pos++
		arr := []Value{}
		p.skipSpace()
		if p.pos < len(s) && s[p.pos] == ']' {
			p.pos++
			return arr, nil
		}
		for {
			v, err := p.literal(depth + 1)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
			p.skipSpace()
			if p.pos < len(s) && s[p.pos] == ',' {
				p.pos++
				continue
			}
			if p.pos < len(s) && s[p.pos] == ']' {
				p.pos++
				return arr, nil
			}
			return nil, p.errorf("Expected ',' or ']' in the filter literal at position " + strconv.Itoa(p.pos))
		}
	case '{':
		p.pos++
		obj := NewObject(0)
		p.skipSpace()
		if p.pos < len(s) && s[p.pos] == '}' {
			p.pos++
			return obj, nil
		}
		for {
			p.skipSpace()
			if p.pos >= len(s) || s[p.pos] != '"' && s[p.pos] != '\'' {
				return nil, p.errorf("Expected a quoted member name in the filter literal at position " + strconv.Itoa(p.pos))
			}
			key, err := p.filterString(s[p.pos])
			if err != nil {
				return nil, err
			}
			p.skipSpace()
			if p.pos >= len(s) || s[p.pos] != ':' {
				return nil, p.errorf("Expected ':' in the filter literal at position " + strconv.Itoa(p.pos))
			}
			p.pos++
			v, err := p.literal(depth + 1)
			if err != nil {
				return nil, err
			}
			obj.Set(key, v)
			p.skipSpace()
			if p.pos < len(s) && s[p.pos] == ',' {
				p.pos++
				continue
			}
			if p.pos < len(s) && s[p.pos] == '}' {
				p.pos++
				return obj, nil
			}
			return nil, p.errorf("Expected ',' or '}' in the filter literal at position " + strconv.Itoa(p.pos))
		}
	}
	o, err := p.operand(depth)
	if err != nil {
		return nil, err
	}
	if o.kind != operandLiteral {
		return nil, p.errorf("Only literals can appear in a filter literal")
	}
	return o.value, nil
}
