package parse

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/aslc/aslc/compiler/ast"
)

// maxYAMLNodes bounds the number of values the aliases of a YAML document
// may expand to, so an alias bomb ("billion laughs") is refused instead of
// exhausting memory. Values written out are bounded by the text's size
// alone, as in JSON.
const maxYAMLNodes = 1 << 18

// yamlParser converts a YAML document into the same positioned JSON nodes
// the JSON parser builds, so the rest of the compiler sees no difference.
type yamlParser struct {
	file       string
	src        []byte
	lineStarts []int
	// lineChars holds the offset of each character of the lines that pos
	// has met which are not plain ASCII.
	lineChars map[int][]int
	// expanded counts the values built while expanding aliases.
	expanded  int
	expanding map[*yaml.Node]bool
	// outerAlias is the outermost alias being expanded, where a document
	// that expands too far is reported.
	outerAlias *yaml.Node
	dups       []duplicate
	budget     pointerBudget
	err        *syntaxError
}

var yamlLineError = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func parseYAML(file string, src []byte) (root *ast.JSON, dups []duplicate, serr *syntaxError) {
	p := &yamlParser{file: file, src: src, expanding: map[*yaml.Node]bool{}, lineChars: map[int][]int{}, budget: newPointerBudget(len(src))}
	p.lineStarts = append(p.lineStarts, 0)
	for i, c := range src {
		if c == '\n' {
			p.lineStarts = append(p.lineStarts, i+1)
		}
	}
	defer func() {
		// The YAML library is third-party code; a panic on malformed input
		// must not take the compiler down.
		if r := recover(); r != nil {
			root, dups = nil, nil
			serr = &syntaxError{pos: p.pos(1, 1), msg: fmt.Sprintf("malformed YAML: %v", r)}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil, nil
		}
		return nil, nil, p.yamlError(err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, nil, &syntaxError{pos: p.pos(extra.Line, extra.Column), msg: "a definition is a single YAML document, but another one starts here"}
	} else if !errors.Is(err, io.EOF) {
		return nil, nil, p.yamlError(err)
	}
	n := &doc
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return nil, nil, nil
		}
		n = n.Content[0]
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" && n.Value == "" {
		return nil, nil, nil
	}
	v := p.value(n, "", 0)
	if p.err != nil {
		return nil, nil, p.err
	}
	return v, p.dups, nil
}

func (p *yamlParser) yamlError(err error) *syntaxError {
	msg := err.Error()
	line := 1
	if m := yamlLineError.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	line = p.problemLine(line, msg)
	return &syntaxError{pos: p.firstNonBlank(line), msg: "YAML: " + msg}
}

// maxProblemSearch and maxProblemBytes bound the extra parses problemLine
// makes: their number and the text they read in all.
const (
	maxProblemSearch = 64
	maxProblemBytes  = 1 << 21
)

// problemLine finds the line a YAML syntax error is on. The YAML library
// reports the line where the enclosing construct starts, which can be far
// above the problem; the problem is on the first line from there on at
// which the text, cut after that line, fails with the same message.
func (p *yamlParser) problemLine(from int, msg string) int {
	if from < 1 {
		from = 1
	}
	read := 0
	for line, tries := from, 0; line < len(p.lineStarts) && tries < maxProblemSearch; line, tries = line+1, tries+1 {
		prefix := p.src[:p.lineStarts[line]]
		if read += len(prefix); read > maxProblemBytes {
			break
		}
		dec := yaml.NewDecoder(bytes.NewReader(prefix))
		var n yaml.Node
		err := dec.Decode(&n)
		if err == nil {
			err = dec.Decode(&n)
		}
		if err != nil && !errors.Is(err, io.EOF) && strings.HasSuffix(err.Error(), msg) {
			return line
		}
	}
	return from
}

// firstNonBlank is the position of the first character of line that is not
// a space or a tab.
func (p *yamlParser) firstNonBlank(line int) ast.Pos {
	pos := p.pos(line, 1)
	off := pos.Offset
	for off < len(p.src) && (p.src[off] == ' ' || p.src[off] == '\t') {
		off++
	}
	pos.Col += off - pos.Offset
	pos.Offset = off
	return pos
}

// pos converts the YAML library's line and column (which counts
// characters) into a byte-based position.
func (p *yamlParser) pos(line, col int) ast.Pos {
	if line < 1 {
		line = 1
	}
	if line > len(p.lineStarts) {
		line = len(p.lineStarts)
	}
	start := p.lineStarts[line-1]
	off := p.offset(line, max(col, 1))
	return ast.Pos{File: p.file, Line: line, Col: off - start + 1, Offset: off}
}

// offset is the byte offset of the col-th character of line, or of the
// line's end when it is shorter. It takes constant time, however long the
// line: a YAML document written on one line has every value on it.
func (p *yamlParser) offset(line, col int) int {
	start, end := p.lineStarts[line-1], len(p.src)
	if line < len(p.lineStarts) {
		end = p.lineStarts[line] - 1 // the '\n'
	}
	chars, seen := p.lineChars[line]
	if !seen {
		// nil for a line of ASCII, where characters are bytes.
		for i := start; i < end; i++ {
			if p.src[i] >= utf8.RuneSelf {
				for off := start; off < end; {
					chars = append(chars, off)
					_, size := utf8.DecodeRune(p.src[off:end])
					off += size
				}
				break
			}
		}
		p.lineChars[line] = chars
	}
	switch {
	case chars == nil:
		return min(start+col-1, end)
	case col <= len(chars):
		return chars[col-1]
	}
	return end
}

func (p *yamlParser) fail(n *yaml.Node, format string, args ...any) {
	if p.err == nil {
		p.err = &syntaxError{pos: p.pos(n.Line, n.Column), msg: fmt.Sprintf(format, args...)}
	}
}

func (p *yamlParser) value(n *yaml.Node, ptr string, depth int) *ast.JSON {
	if p.err != nil {
		return nil
	}
	if depth > maxDepth {
		p.fail(n, "Document nesting depth (%d) exceeds the maximum allowed (%d)", depth, maxDepth)
		return nil
	}
	if p.outerAlias != nil {
		p.expanded++
		if p.expanded > maxYAMLNodes {
			p.fail(p.outerAlias, "YAML: the aliases of the document expand to more than %d values", maxYAMLNodes)
			return nil
		}
	}
	pos := p.pos(n.Line, n.Column)
	switch n.Kind {
	case yaml.AliasNode:
		target := n.Alias
		if target == nil {
			p.fail(n, "YAML: unknown alias *%s", n.Value)
			return nil
		}
		if p.expanding[target] {
			p.fail(n, "YAML: alias *%s refers to a value that contains it", n.Value)
			return nil
		}
		p.expanding[target] = true
		if p.outerAlias == nil {
			p.outerAlias = n
			defer func() { p.outerAlias = nil }()
		}
		v := p.value(target, ptr, depth+1)
		delete(p.expanding, target)
		if v != nil {
			// The copy has the pointers of the place the alias stands
			// (value built it there) and the alias's position; the values
			// inside keep the positions of the anchored text.
			v.Pos = pos
		}
		return v
	case yaml.MappingNode:
		obj := &ast.JSON{Kind: ast.Object, Pos: pos, Pointer: ptr}
		p.mapping(obj, n, ptr, depth, map[string]bool{})
		return obj
	case yaml.SequenceNode:
		arr := &ast.JSON{Kind: ast.Array, Pos: pos, Pointer: ptr}
		for i, e := range n.Content {
			index := strconv.Itoa(i)
			if !p.budget.take(len(ptr) + 2 + len(index)) {
				p.fail(e, tooComplex, p.budget.limit)
				return nil
			}
			v := p.value(e, ptr+"["+index+"]", depth+1)
			if v == nil {
				return nil
			}
			arr.Elems = append(arr.Elems, v)
		}
		return arr
	case yaml.ScalarNode:
		return p.scalar(n, pos, ptr)
	case yaml.DocumentNode:
		if len(n.Content) == 1 {
			return p.value(n.Content[0], ptr, depth+1)
		}
	}
	p.fail(n, "YAML: unsupported node")
	return nil
}

// mapping adds the members of the YAML mapping n to obj; seen holds the
// keys already present. Merge keys (<<) add the members of the merged
// mappings that are not given explicitly.
func (p *yamlParser) mapping(obj *ast.JSON, n *yaml.Node, ptr string, depth int, seen map[string]bool) {
	if len(n.Content)%2 != 0 {
		p.fail(n, "YAML: malformed mapping")
		return
	}
	explicit := map[string]bool{}
	for i := 0; i < len(n.Content); i += 2 {
		k := resolveAlias(n.Content[i])
		if k.Kind == yaml.ScalarNode && k.ShortTag() != "!!merge" {
			explicit[k.Value] = true
		}
	}
	for i := 0; i < len(n.Content) && p.err == nil; i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		k := resolveAlias(kn)
		if k.Kind != yaml.ScalarNode {
			p.fail(kn, "YAML: a mapping key must be a string, not a %s", kindWord(k))
			return
		}
		if k.ShortTag() == "!!merge" {
			p.merge(obj, vn, ptr, depth, seen, explicit)
			continue
		}
		key := k.Value
		keyPos := p.pos(kn.Line, kn.Column)
		if !p.budget.take(len(ptr) + 1 + len(key)) {
			p.fail(kn, tooComplex, p.budget.limit)
			return
		}
		v := p.value(vn, ptr+"/"+key, depth+1)
		if v == nil {
			return
		}
		if seen[key] {
			p.dups = append(p.dups, duplicate{parent: obj, key: key, pos: keyPos})
			continue
		}
		seen[key] = true
		obj.Members = append(obj.Members, &ast.Member{Key: key, KeyPos: keyPos, Value: v})
	}
}

func (p *yamlParser) merge(obj *ast.JSON, vn *yaml.Node, ptr string, depth int, seen, explicit map[string]bool) {
	target := resolveAlias(vn)
	var sources []*yaml.Node
	switch target.Kind {
	case yaml.MappingNode:
		sources = []*yaml.Node{vn}
	case yaml.SequenceNode:
		sources = target.Content
	default:
		p.fail(vn, "YAML: a merge key (<<) takes a mapping or a list of mappings")
		return
	}
	for _, src := range sources {
		m := p.value(src, ptr, depth+1)
		if m == nil {
			return
		}
		if m.Kind != ast.Object {
			p.fail(src, "YAML: a merge key (<<) takes a mapping or a list of mappings")
			return
		}
		for _, mem := range m.Members {
			if explicit[mem.Key] || seen[mem.Key] {
				continue
			}
			seen[mem.Key] = true
			obj.Members = append(obj.Members, mem)
		}
	}
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func kindWord(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "sequence"
	}
	return "value"
}

var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

func (p *yamlParser) scalar(n *yaml.Node, pos ast.Pos, ptr string) *ast.JSON {
	node := &ast.JSON{Pos: pos, Pointer: ptr}
	switch tag := n.ShortTag(); tag {
	case "!!null":
		node.Kind = ast.Null
	case "!!bool":
		b, ok := yamlBool(n.Value)
		if !ok {
			p.fail(n, "YAML: %q is not a boolean", n.Value)
			return nil
		}
		node.Kind, node.Bool = ast.Bool, b
	case "!!int", "!!float":
		text, ok := yamlNumber(n.Value, tag == "!!int")
		if !ok {
			p.fail(n, "YAML: %s is not a number JSON can represent", n.Value)
			return nil
		}
		if len(text) > maxNumberLength {
			p.fail(n, "Number value length (%d) exceeds the maximum allowed (%d)", len(text), maxNumberLength)
			return nil
		}
		node.Kind, node.Text = ast.Number, text
	case "!!str", "!!timestamp", "!!binary":
		// Unquoted timestamps stay strings: ASL timestamps are strings.
		node.Kind, node.Text = ast.String, n.Value
	default:
		p.fail(n, "YAML: the tag %s is not supported; a definition holds plain JSON values", tag)
		return nil
	}
	return node
}

func yamlBool(s string) (bool, bool) {
	switch s {
	case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y":
		return true, true
	case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N":
		return false, true
	}
	return false, false
}

// yamlNumber converts a YAML number to JSON number text, keeping the text
// when it already is one (so big integers stay exact).
func yamlNumber(s string, integer bool) (string, bool) {
	t := strings.TrimPrefix(s, "+")
	if jsonNumber.MatchString(t) {
		return t, true
	}
	plain := strings.ReplaceAll(t, "_", "")
	if integer {
		var b big.Int
		if _, ok := b.SetString(plain, 0); ok {
			return b.String(), true
		}
		// 1.1-style octal, 0777.
		if len(plain) > 1 && plain[0] == '0' {
			if _, ok := b.SetString(plain[1:], 8); ok {
				return b.String(), true
			}
		}
		return "", false
	}
	f, err := strconv.ParseFloat(plain, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return "", false
	}
	return strconv.FormatFloat(f, 'g', -1, 64), true
}
