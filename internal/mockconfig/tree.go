package mockconfig

import (
	"encoding/json"
	"fmt"
)

// node is a JSON value of a mock configuration with the byte offsets of
// where it is written, so that a problem can be reported at its line and
// column. The text has already been checked to be valid JSON.
type node struct {
	off, end int    // the value's bytes are text[off:end]
	kind     byte   // '{', '[', '"', or the first byte of a number or literal
	members  []prop // kind '{'
	str      string // kind '"'
}

type prop struct {
	key    string
	keyOff int
	value  *node
}

type treeParser struct {
	text []byte
	pos  int
}

func parseTree(text []byte) (*node, error) {
	p := &treeParser{text: text}
	p.space()
	n, err := p.value()
	if err != nil {
		return nil, err
	}
	return n, nil
}

func (p *treeParser) space() {
	for p.pos < len(p.text) {
		switch p.text[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *treeParser) value() (*node, error) {
	if p.pos >= len(p.text) {
		return nil, fmt.Errorf("unexpected end of input")
	}
	n := &node{off: p.pos, kind: p.text[p.pos]}
	switch n.kind {
	case '{':
		p.pos++
		p.space()
		if p.pos < len(p.text) && p.text[p.pos] == '}' {
			p.pos++
			break
		}
		for {
			p.space()
			keyOff := p.pos
			key, err := p.string()
			if err != nil {
				return nil, err
			}
			p.space()
			p.pos++ // ':'
			p.space()
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			n.members = append(n.members, prop{key: key, keyOff: keyOff, value: v})
			p.space()
			if p.pos < len(p.text) && p.text[p.pos] == ',' {
				p.pos++
				continue
			}
			p.pos++ // '}'
			break
		}
	case '[':
		p.pos++
		p.space()
		if p.pos < len(p.text) && p.text[p.pos] == ']' {
			p.pos++
			break
		}
		for {
			p.space()
			if _, err := p.value(); err != nil {
				return nil, err
			}
			p.space()
			if p.pos < len(p.text) && p.text[p.pos] == ',' {
				p.pos++
				continue
			}
			p.pos++ // ']'
			break
		}
	case '"':
		s, err := p.string()
		if err != nil {
			return nil, err
		}
		n.str = s
	default:
		for p.pos < len(p.text) {
			switch p.text[p.pos] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				n.end = p.pos
				return n, nil
			}
			p.pos++
		}
	}
	n.end = p.pos
	return n, nil
}

// string reads a JSON string starting at the current position.
func (p *treeParser) string() (string, error) {
	start := p.pos
	if p.pos >= len(p.text) || p.text[p.pos] != '"' {
		return "", fmt.Errorf("expected a string at offset %d", p.pos)
	}
	p.pos++
	for p.pos < len(p.text) {
		switch p.text[p.pos] {
		case '\\':
			p.pos += 2
			continue
		case '"':
			p.pos++
			var s string
			if err := json.Unmarshal(p.text[start:p.pos], &s); err != nil {
				return "", err
			}
			return s, nil
		}
		p.pos++
	}
	return "", fmt.Errorf("unterminated string at offset %d", start)
}

// kindName names a node's JSON type for messages.
func (n *node) kindName() string {
	switch n.kind {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number"
	}
}
