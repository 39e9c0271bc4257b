package aslrt

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// PathRoot says which document a path starts from.
type PathRoot uint8

const (
	// RootInput is "$": the value the path is applied to.
	RootInput PathRoot = iota
	// RootContext is "$$": the context object.
	RootContext
	// RootVariable is "$name": the workflow variable name.
	RootVariable
)

// Path is a compiled JSONPath in the dialect AWS Step Functions accepts
// (Jayway JsonPath): "$" followed by dot or bracket child steps, numeric
// indexes, wildcards, slices, deep scans and filter expressions, rooted at
// the input ("$"), the context object ("$$") or a variable ("$name").
//
// A Path is parsed once and is safe for concurrent use. A path is definite
// when it can select at most one node: single names and single indexes,
// and as its last step several names, which select one object of those
// members; evaluating a definite path yields that node or fails, while an
// indefinite path always yields a JSON array of its matches, which may be
// empty.
type Path struct {
	text     string
	root     PathRoot
	variable string
	steps    []pathStep
	definite bool
	null     bool
	// item is set for $$.Map.Item.Index and $$.Map.Item.Value, which a
	// scope that knows its Map item answers without its context object.
	item mapItemField
	// inItem is set for a definite path into $$.Map.Item.Value, whose
	// value is part of the Map item (itemBound).
	inItem bool
	// setCost bounds what writing a value at the path adds to a
	// document besides the value (mergeBound).
	setCost int
	// names is set for a path of names from "$", whose lookup only reads
	// members (lookupNames).
	names bool
}

// mapItemField says which member of $$.Map.Item a path names.
type mapItemField uint8

const (
	noMapItem mapItemField = iota
	mapItemIndex
	mapItemValue
)

type stepKind uint8

const (
	stepName     stepKind = iota // ['a'] or .a
	stepNames                    // ['a','b']
	stepIndex                    // [0]
	stepIndexes                  // [0,1]
	stepWildcard                 // [*] or .*
	stepSlice                    // [a:b]
	stepScan                     // ..
	stepFilter                   // [?(...)]
)

type pathStep struct {
	kind    stepKind
	name    string
	names   []string
	index   int
	indexes []int
	// slice bounds; hasFrom/hasTo are false for omitted bounds
	from, to       int
	hasFrom, hasTo bool
	filter         *filterExpr
	// leaf is true for the last step (Jayway's isLeaf).
	leaf bool
}

// PathSyntaxError reports a malformed path or intrinsic function call. Its
// message has no prefix, so a validator can embed it in its own wording
// (for reference-path fields AWS writes "Value is not a Reference Path: "
// before it, A2.13).
type PathSyntaxError struct {
	Text   string // the text that was parsed
	Offset int    // byte offset of the problem in Text
	Msg    string
}

func (e *PathSyntaxError) Error() string { return e.Msg }

// ParsePath compiles a JSONPath as accepted by InputPath, OutputPath,
// ItemsPath and the ".$" values of payload templates (A4).
func ParsePath(s string) (*Path, error) {
	p := pathParser{text: s}
	return p.parse()
}

// MustPath is ParsePath for paths known to be valid, such as paths in
// generated code; it panics on a malformed path.
func MustPath(s string) *Path {
	p, err := ParsePath(s)
	if err != nil {
		panic("aslrt: invalid path " + strconv.Quote(s) + ": " + err.Error())
	}
	return p
}

// ParseReferencePath compiles a reference path: a path that selects a
// single node, made only of names and indexes, with no "@", ",", ":", "?",
// "*" or "..", as AWS requires for ResultPath, Choice
// Variable and ...Path operands, ItemsPath, SecondsPath, TimestampPath,
// TimeoutSecondsPath, HeartbeatSecondsPath, ErrorPath/CausePath and the Map
// ...Path fields (A4.7, A4.8, A2.13).
func ParseReferencePath(s string) (*Path, error) {
	if !strings.HasPrefix(s, "$") {
		return nil, &PathSyntaxError{Text: s, Msg: "Reference path didn't start with '$'"}
	}
	p, err := ParsePath(s)
	if err != nil {
		return nil, err
	}
	for _, st := range p.steps {
		switch st.kind {
		case stepName, stepIndex:
		default:
			return nil, &PathSyntaxError{Text: s, Msg: "Reference path must select a single node: '" + st.fragment() + "' is not allowed"}
		}
	}
	return p, nil
}

// MustReferencePath is ParseReferencePath for paths known to be valid; it
// panics on a malformed path.
func MustReferencePath(s string) *Path {
	p, err := ParseReferencePath(s)
	if err != nil {
		panic("aslrt: invalid reference path " + strconv.Quote(s) + ": " + err.Error())
	}
	return p
}

// nullPath is the shared value returned by NullPath.
var nullPath = &Path{text: "null", null: true, definite: true}

// NullPath stands for a path field (InputPath, OutputPath, ResultPath) set
// to JSON null in the definition, as opposed to a nil *Path, which stands
// for an absent field. It is not a path: evaluating it is an error.
func NullPath() *Path { return nullPath }

// String returns the path as it was written.
func (p *Path) String() string { return p.text }

// IsNull reports whether p is NullPath().
func (p *Path) IsNull() bool { return p != nil && p.null }

// Root says which document the path starts from.
func (p *Path) Root() PathRoot { return p.root }

// Variable returns the variable name of a "$name" path, "" otherwise.
func (p *Path) Variable() string { return p.variable }

// Definite reports whether the path can select at most one node.
func (p *Path) Definite() bool { return p.definite }

// IsReference reports whether the path satisfies the reference path rules
// (see ParseReferencePath).
func (p *Path) IsReference() bool {
	if p.null {
		return false
	}
	for _, st := range p.steps {
		if st.kind != stepName && st.kind != stepIndex {
			return false
		}
	}
	return true
}

// IsRoot reports whether the path is a bare root ("$", "$$" or "$name").
func (p *Path) IsRoot() bool { return !p.null && len(p.steps) == 0 }

// IsPathExpression reports whether the ".$" value s is read as a path
// (it starts with "$": input, context object or variable); any other value
// must be an intrinsic function call (A3.6).
func IsPathExpression(s string) bool { return strings.HasPrefix(s, "$") }

// fragment renders the step as Jayway renders path tokens in messages.
func (st *pathStep) fragment() string {
	switch st.kind {
	case stepName:
		return "['" + st.name + "']"
	case stepNames:
		return "['" + strings.Join(st.names, "','") + "']"
	case stepIndex:
		return "[" + strconv.Itoa(st.index) + "]"
	case stepIndexes:
		var b strings.Builder
		b.WriteByte('[')
		for i, n := range st.indexes {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(n))
		}
		b.WriteByte(']')
		return b.String()
	case stepWildcard:
		return "[*]"
	case stepSlice:
		var b strings.Builder
		b.WriteByte('[')
		if st.hasFrom {
			b.WriteString(strconv.Itoa(st.from))
		}
		b.WriteByte(':')
		if st.hasTo {
			b.WriteString(strconv.Itoa(st.to))
		}
		b.WriteByte(']')
		return b.String()
	case stepScan:
		return ".."
	case stepFilter:
		return "[?]"
	}
	return ""
}

// rootText renders the root as it appears in Jayway messages: the context
// object and variables are evaluated as documents of their own, so "$".
func (p *Path) rootText() string {
	if p.root == RootVariable {
		return "$" + p.variable
	}
	return "$"
}

// jaywayText renders the first n steps as Jayway renders a path.
func (p *Path) jaywayText(n int) string {
	var b strings.Builder
	b.WriteString(p.rootText())
	for i := 0; i < n && i < len(p.steps); i++ {
		b.WriteString(p.steps[i].fragment())
	}
	return b.String()
}

// maxPathLength bounds the text of a path so hostile definitions cannot
// make parsing or rendering expensive.
const maxPathLength = 1 << 16

type pathParser struct {
	text string
	pos  int
	nest int // filters being parsed, one inside the other
}

func (p *pathParser) errorf(msg string) error {
	return &PathSyntaxError{Text: p.text, Offset: p.pos, Msg: msg}
}

func (p *pathParser) parse() (*Path, error) {
	s := p.text
	if len(s) > maxPathLength {
		return nil, p.errorf("path is longer than " + strconv.Itoa(maxPathLength) + " bytes")
	}
	if !utf8.ValidString(s) {
		return nil, p.errorf("path is not valid UTF-8")
	}
	if !strings.HasPrefix(s, "$") {
		return nil, p.errorf("Path must start with '$'")
	}
	path := &Path{text: s, definite: true}
	p.pos = 1
	switch {
	case p.pos < len(s) && s[p.pos] == '$':
		path.root = RootContext
		p.pos++
	case p.pos < len(s) && isVarStart(s[p.pos:]):
		start := p.pos
		for p.pos < len(s) {
			r, size := utf8.DecodeRuneInString(s[p.pos:])
			if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			p.pos += size
		}
		path.root = RootVariable
		path.variable = s[start:p.pos]
	}
	steps, err := p.steps(false)
	if err != nil {
		return nil, err
	}
	path.steps = steps
	path.names = path.root == RootInput
	for i := range path.steps {
		st := &path.steps[i]
		if !st.definite(i == len(path.steps)-1) {
			path.definite = false
		}
		if st.kind == stepName {
			// a new member: its key, a colon and a comma; and the braces
			// of an object created on the way
			path.setCost += 6 + 6*len(st.name)
		} else {
			path.names = false
		}
	}
	path.names = path.names && path.definite
	if len(path.steps) > 0 {
		path.steps[len(path.steps)-1].leaf = true
	}
	if st := path.steps; path.root == RootContext && path.definite && len(st) >= 3 && st[0].isName("Map") && st[1].isName("Item") && st[2].isName("Value") {
		path.inItem = true
	}
	if st := path.steps; path.root == RootContext && len(st) == 3 && st[0].isName("Map") && st[1].isName("Item") {
		switch {
		case st[2].isName("Index"):
			path.item = mapItemIndex
		case st[2].isName("Value"):
			path.item = mapItemValue
		}
	}
	return path, nil
}

// isName reports whether the step selects the one member name.
func (st *pathStep) isName(name string) bool { return st.kind == stepName && st.name == name }

func isVarStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '_' || unicode.IsLetter(r)
}

// definite reports whether the step selects at most one node (Jayway's
// isTokenDefinite): several names are definite only as the last step,
// where they build one object.
func (st *pathStep) definite(last bool) bool {
	switch st.kind {
	case stepName, stepIndex:
		return true
	case stepNames:
		return last
	}
	return false
}

// maxPathSteps bounds the number of steps of one path.
const maxPathSteps = 1000

// steps parses steps until the end of the text, or, when inFilter is set,
// until a character that cannot continue a path inside a filter.
func (p *pathParser) steps(inFilter bool) ([]pathStep, error) {
	var steps []pathStep
	s := p.text
	for p.pos < len(s) {
		if len(steps) >= maxPathSteps {
			return nil, p.errorf("path has more than " + strconv.Itoa(maxPathSteps) + " steps")
		}
		c := s[p.pos]
		switch c {
		case '.':
			if strings.HasPrefix(s[p.pos:], "..") {
				p.pos += 2
				if p.pos >= len(s) {
					return nil, p.errorf("Path must not end with a '..'")
				}
				steps = append(steps, pathStep{kind: stepScan})
				if s[p.pos] == '[' {
					continue
				}
			} else {
				p.pos++
				if p.pos >= len(s) {
					return nil, p.errorf("Path must not end with a '.'")
				}
				if s[p.pos] == '[' {
					continue
				}
			}
			if s[p.pos] == '.' {
				return nil, p.errorf("Character '.' on position " + strconv.Itoa(p.pos) + " is not valid.")
			}
			if s[p.pos] == '*' {
				p.pos++
				steps = append(steps, pathStep{kind: stepWildcard})
				continue
			}
			name, err := p.dotName(inFilter)
			if err != nil {
				return nil, err
			}
			steps = append(steps, pathStep{kind: stepName, name: name})
		case '[':
			st, err := p.bracket()
			if err != nil {
				return nil, err
			}
			steps = append(steps, st)
		default:
			if inFilter {
				return steps, nil
			}
			return nil, p.errorf("Unexpected character '" + string(rune(c)) + "' at position " + strconv.Itoa(p.pos))
		}
	}
	return steps, nil
}

// dotName reads a name after ".": Jayway takes everything up to the next
// "." or "[" and refuses blanks and function calls.
func (p *pathParser) dotName(inFilter bool) (string, error) {
	s := p.text
	start := p.pos
	for p.pos < len(s) {
		c := s[p.pos]
		if c == '.' || c == '[' {
			break
		}
		if inFilter && strings.IndexByte(" )=!<>&|,~", c) >= 0 {
			break
		}
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			return "", p.errorf("Use bracket notation ['my prop'] if your property contains blank characters. position: " + strconv.Itoa(p.pos))
		}
		if c == '(' {
			return "", p.errorf("Path functions such as '" + s[start:p.pos] + "()' are not supported")
		}
		p.pos++
	}
	if p.pos == start {
		return "", p.errorf("Empty property name at position " + strconv.Itoa(p.pos))
	}
	return s[start:p.pos], nil
}

func (p *pathParser) skipSpace() {
	for p.pos < len(p.text) && p.text[p.pos] == ' ' {
		p.pos++
	}
}

// bracket parses "[...]" starting at "[".
func (p *pathParser) bracket() (pathStep, error) {
	s := p.text
	open := p.pos
	p.pos++
	p.skipSpace()
	if p.pos >= len(s) {
		return pathStep{}, p.errorf("Path must not end with a '['")
	}
	var st pathStep
	switch c := s[p.pos]; {
	case c == '*':
		p.pos++
		st = pathStep{kind: stepWildcard}
	case c == '\'' || c == '"':
		names, err := p.quotedNames()
		if err != nil {
			return pathStep{}, err
		}
		if len(names) == 1 {
			st = pathStep{kind: stepName, name: names[0]}
		} else {
			st = pathStep{kind: stepNames, names: names}
		}
	case c == '?':
		p.pos++
		if p.pos >= len(s) || s[p.pos] != '(' {
			return pathStep{}, p.errorf("Expected '(' after '?' at position " + strconv.Itoa(p.pos))
		}
		p.pos++
		if p.nest >= maxFilterDepth {
			return pathStep{}, p.errorf("filters nested too deeply")
		}
		p.nest++
		f, err := p.filter()
		p.nest--
		if err != nil {
			return pathStep{}, err
		}
		p.skipSpace()
		if p.pos >= len(s) || s[p.pos] != ')' {
			return pathStep{}, p.errorf("Expected ')' to close the filter at position " + strconv.Itoa(p.pos))
		}
		p.pos++
		st = pathStep{kind: stepFilter, filter: f}
	case c == '-' || c == ':' || c >= '0' && c <= '9':
		var err error
		st, err = p.indexesOrSlice()
		if err != nil {
			return pathStep{}, err
		}
	default:
		return pathStep{}, p.errorf("Unexpected character '" + string(rune(c)) + "' after '[' at position " + strconv.Itoa(p.pos) + ": expected a quoted name, a number, '*' or '?('")
	}
	p.skipSpace()
	if p.pos >= len(s) || s[p.pos] != ']' {
		p.pos = max(p.pos, open)
		return pathStep{}, p.errorf("Expected ']' at position " + strconv.Itoa(p.pos))
	}
	p.pos++
	return st, nil
}

// quotedNames reads 'a' or 'a','b' (either quote). As in the Jayway version
// AWS runs, a backslash keeps the next character from closing the name but
// is itself kept: ['a\'b'] names the key a\'b (A4.2).
func (p *pathParser) quotedNames() ([]string, error) {
	s := p.text
	var names []string
	for {
		p.skipSpace()
		if p.pos >= len(s) || (s[p.pos] != '\'' && s[p.pos] != '"') {
			return nil, p.errorf("Expected a quoted property name at position " + strconv.Itoa(p.pos))
		}
		q := s[p.pos]
		p.pos++
		start := p.pos
		for {
			if p.pos >= len(s) {
				return nil, p.errorf("Property name is not closed by " + string(rune(q)))
			}
			c := s[p.pos]
			if c == '\\' {
				p.pos += 2
				continue
			}
			if c == q {
				break
			}
			p.pos++
		}
		names = append(names, s[start:p.pos])
		p.pos++
		p.skipSpace()
		if p.pos < len(s) && s[p.pos] == ',' {
			p.pos++
			continue
		}
		return names, nil
	}
}

func (p *pathParser) integer() (int, bool) {
	s := p.text
	start := p.pos
	if p.pos < len(s) && s[p.pos] == '-' {
		p.pos++
	}
	digits := p.pos
	for p.pos < len(s) && s[p.pos] >= '0' && s[p.pos] <= '9' {
		p.pos++
	}
	if p.pos == digits {
		p.pos = start
		return 0, false
	}
	n, err := strconv.Atoi(s[start:p.pos])
	if err != nil || n > 1<<31-1 || n < -(1<<31) {
		p.pos = start
		return 0, false
	}
	return n, true
}

// indexesOrSlice reads [0], [0,1,2], [1:3], [1:], [:3], [-2:].
func (p *pathParser) indexesOrSlice() (pathStep, error) {
	s := p.text
	var st pathStep
	first, hasFirst := p.integer()
	p.skipSpace()
	if p.pos < len(s) && s[p.pos] == ':' {
		p.pos++
		p.skipSpace()
		st = pathStep{kind: stepSlice, from: first, hasFrom: hasFirst}
		if p.pos < len(s) && s[p.pos] != ']' {
			to, ok := p.integer()
			if !ok {
				return pathStep{}, p.errorf("Invalid slice at position " + strconv.Itoa(p.pos))
			}
			st.to, st.hasTo = to, true
			p.skipSpace()
			if p.pos < len(s) && s[p.pos] == ':' {
				return pathStep{}, p.errorf("Slice steps ([from:to:step]) are not supported, at position " + strconv.Itoa(p.pos))
			}
		}
		if !st.hasFrom && !st.hasTo {
			return pathStep{}, p.errorf("Slice needs a start or an end index, at position " + strconv.Itoa(p.pos))
		}
		return st, nil
	}
	if !hasFirst {
		return pathStep{}, p.errorf("Invalid array index at position " + strconv.Itoa(p.pos))
	}
	idx := []int{first}
	for p.pos < len(s) && s[p.pos] == ',' {
		p.pos++
		p.skipSpace()
		n, ok := p.integer()
		if !ok {
			return pathStep{}, p.errorf("Invalid array index at position " + strconv.Itoa(p.pos))
		}
		idx = append(idx, n)
		p.skipSpace()
	}
	if len(idx) == 1 {
		return pathStep{kind: stepIndex, index: first}, nil
	}
	return pathStep{kind: stepIndexes, indexes: idx}, nil
}
