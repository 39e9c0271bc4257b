package jsonata

// The parser implements Pratt's top-down operator precedence algorithm, as
// jsonata-js does, so that expressions parse (and fail to parse) the same
// way. It builds a raw tree of pnodes, which process (process.go) turns
// into the evaluator's tree of nodes.

// maxParseDepth bounds the nesting of an expression, so that hostile or
// broken input cannot exhaust the stack.
const maxParseDepth = 500

// pnode is a node of the raw parse tree.
type pnode struct {
	id    string // symbol: an operator, "(name)", "(literal)", "(regex)", "(end)"
	typ   string // name, variable, string, number, value, regex, operator, binary, unary, ...
	value string
	lit   Value
	num   float64
	regex *regexLiteral
	pos   int

	lhs, rhs    *pnode
	expression  *pnode
	expressions []*pnode
	pairs       [][2]*pnode
	terms       []pterm
	procedure   *pnode
	arguments   []*pnode
	body        *pnode
	signature   *signature
	condition   *pnode
	then, els   *pnode
	pattern     *pnode
	update, del *pnode
	keepArray   bool
}

type pterm struct {
	descending bool
	expr       *pnode
}

type parser struct {
	src   string
	lex   *lexer
	node  *pnode
	depth int
}

// lbp returns the left binding power of a symbol.
func lbp(id string) int {
	switch id {
	case ".":
		return 75
	case "[", "(", "@", "#":
		return 80
	case "{":
		return 70
	case "*", "/", "%":
		return 60
	case "+", "-", "&":
		return 50
	case "=", "<", ">", "!=", "<=", ">=", "~>", "in", "^":
		return 40
	case "and":
		return 30
	case "or":
		return 25
	case "?":
		return 20
	case ":=":
		return 10
	}
	return 0
}

// knownSymbol reports whether the parser has a symbol for an operator.
func knownSymbol(op string) bool {
	switch op {
	case ".", "[", "]", "{", "}", "(", ")", ",", "@", "#", ";", ":", "?",
		"+", "-", "*", "/", "%", "|", "=", "<", ">", "^", "**", "..", ":=",
		"!=", "<=", ">=", "~>", "and", "or", "in", "&":
		return true
	}
	return false
}

func (p *parser) advance(id string, infix bool) (*pnode, error) {
	if id != "" && p.node.id != id {
		code := "S0202"
		if p.node.id == "(end)" {
			code = "S0203"
		}
		return nil, tokenError(newError(code, withPos(p.node.pos), withToken(p.node.value), withValue(id)), p.node)
	}
	t, err := p.lex.next(infix)
	if err != nil {
		return nil, err
	}
	n := &pnode{pos: t.pos}
	switch t.kind {
	case tokEnd:
		n.id, n.value, n.pos = "(end)", "(end)", t.pos
	case tokName:
		n.id, n.typ, n.value = "(name)", "name", t.text
	case tokVariable:
		n.id, n.typ, n.value = "(name)", "variable", t.text
	case tokOperator:
		if !knownSymbol(t.text) {
			return nil, newError("S0204", withPos(t.pos), withToken(t.text))
		}
		n.id, n.typ, n.value = t.text, "operator", t.text
	case tokString:
		n.id, n.typ, n.value, n.lit = "(literal)", "string", t.text, t.text
	case tokNumber:
		n.id, n.typ, n.value, n.num = "(literal)", "number", t.text, t.num
		n.lit = num(t.num)
	case tokValue:
		n.id, n.typ, n.value, n.lit = "(literal)", "value", t.text, t.value
	case tokRegex:
		n.id, n.typ, n.regex = "(regex)", "regex", t.regex
		n.value = "/" + t.regex.source + "/" + t.regex.flags
	}
	p.node = n
	return n, nil
}

func (p *parser) expression(rbp int) (*pnode, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxParseDepth {
		return nil, newError("S0600", withPos(p.node.pos), withValue(int64(maxParseDepth)))
	}
	t := p.node
	if _, err := p.advance("", true); err != nil {
		return nil, err
	}
	left, err := p.nud(t)
	if err != nil {
		return nil, err
	}
	for rbp < lbp(p.node.id) {
		t = p.node
		if _, err := p.advance("", false); err != nil {
			return nil, err
		}
		left, err = p.led(t, left)
		if err != nil {
			return nil, err
		}
	}
	return left, nil
}

// nud is the null denotation: a symbol at the start of an expression.
func (p *parser) nud(t *pnode) (*pnode, error) {
	var err error
	switch t.id {
	case "(end)", "(name)", "(literal)", "(regex)", "and", "or", "in":
		return t, nil
	case "-":
		if t.expression, err = p.expression(70); err != nil {
			return nil, err
		}
		t.typ = "unary"
		return t, nil
	case "*":
		t.typ = "wildcard"
		return t, nil
	case "**":
		t.typ = "descendant"
		return t, nil
	case "%":
		t.typ = "parent"
		return t, nil
	case "(":
		var exprs []*pnode
		for p.node.id != ")" {
			e, err := p.expression(0)
			if err != nil {
				return nil, err
			}
			exprs = append(exprs, e)
			if p.node.id != ";" {
				break
			}
			if _, err := p.advance(";", false); err != nil {
				return nil, err
			}
		}
		if _, err := p.advance(")", true); err != nil {
			return nil, err
		}
		t.typ = "block"
		t.expressions = exprs
		return t, nil
	case "[":
		var items []*pnode
		if p.node.id != "]" {
			for {
				item, err := p.expression(0)
				if err != nil {
					return nil, err
				}
				if p.node.id == ".." {
					r := &pnode{typ: "binary", value: "..", pos: p.node.pos, lhs: item}
					if _, err := p.advance("..", false); err != nil {
						return nil, err
					}
					if r.rhs, err = p.expression(0); err != nil {
						return nil, err
					}
					item = r
				}
				items = append(items, item)
				if p.node.id != "," {
					break
				}
				if _, err := p.advance(",", false); err != nil {
					return nil, err
				}
			}
		}
		if _, err := p.advance("]", true); err != nil {
			return nil, err
		}
		t.expressions = items
		t.typ = "unary"
		return t, nil
	case "{":
		return p.object(t, nil)
	case "|":
		t.typ = "transform"
		if t.pattern, err = p.expression(0); err != nil {
			return nil, err
		}
		if _, err := p.advance("|", false); err != nil {
			return nil, err
		}
		if t.update, err = p.expression(0); err != nil {
			return nil, err
		}
		if p.node.id == "," {
			if _, err := p.advance(",", false); err != nil {
				return nil, err
			}
			if t.del, err = p.expression(0); err != nil {
				return nil, err
			}
		}
		if _, err := p.advance("|", false); err != nil {
			return nil, err
		}
		return t, nil
	}
	// any other symbol cannot start an expression
	return nil, newError("S0211", withPos(t.pos), withToken(t.value))
}

func (p *parser) object(t, left *pnode) (*pnode, error) {
	var pairs [][2]*pnode
	if p.node.id != "}" {
		for {
			k, err := p.expression(0)
			if err != nil {
				return nil, err
			}
			if _, err := p.advance(":", false); err != nil {
				return nil, err
			}
			v, err := p.expression(0)
			if err != nil {
				return nil, err
			}
			pairs = append(pairs, [2]*pnode{k, v})
			if p.node.id != "," {
				break
			}
			if _, err := p.advance(",", false); err != nil {
				return nil, err
			}
		}
	}
	if _, err := p.advance("}", true); err != nil {
		return nil, err
	}
	if left == nil {
		t.pairs = pairs
		t.typ = "unary"
	} else {
		t.lhs = left
		t.pairs = pairs
		t.typ = "binary"
	}
	return t, nil
}

// led is the left denotation: a symbol following an expression.
func (p *parser) led(t, left *pnode) (*pnode, error) {
	var err error
	switch t.id {
	case ".", "+", "-", "*", "/", "%", "=", "<", ">", "!=", "<=", ">=", "&", "and", "or", "in", "~>":
		t.lhs = left
		if t.rhs, err = p.expression(lbp(t.id)); err != nil {
			return nil, err
		}
		t.typ = "binary"
		return t, nil
	case "(":
		return p.call(t, left)
	case "[":
		if p.node.id == "]" {
			// an empty predicate keeps singleton arrays in the result
			step := left
			for step != nil && step.typ == "binary" && step.value == "[" {
				step = step.lhs
			}
			step.keepArray = true
			if _, err := p.advance("]", false); err != nil {
				return nil, err
			}
			return left, nil
		}
		t.lhs = left
		if t.rhs, err = p.expression(0); err != nil {
			return nil, err
		}
		t.typ = "binary"
		if _, err := p.advance("]", true); err != nil {
			return nil, err
		}
		return t, nil
	case "^":
		if _, err := p.advance("(", false); err != nil {
			return nil, err
		}
		var terms []pterm
		for {
			var term pterm
			switch p.node.id {
			case "<":
				if _, err := p.advance("<", false); err != nil {
					return nil, err
				}
			case ">":
				term.descending = true
				if _, err := p.advance(">", false); err != nil {
					return nil, err
				}
			}
			if term.expr, err = p.expression(0); err != nil {
				return nil, err
			}
			terms = append(terms, term)
			if p.node.id != "," {
				break
			}
			if _, err := p.advance(",", false); err != nil {
				return nil, err
			}
		}
		if _, err := p.advance(")", false); err != nil {
			return nil, err
		}
		t.lhs = left
		t.terms = terms
		t.typ = "binary"
		return t, nil
	case "{":
		return p.object(t, left)
	case ":=":
		if left.typ != "variable" {
			return nil, tokenError(newError("S0212", withPos(left.pos), withToken(left.value)), left)
		}
		t.lhs = left
		if t.rhs, err = p.expression(lbp(":=") - 1); err != nil {
			return nil, err
		}
		t.typ = "binary"
		return t, nil
	case "@", "#":
		t.lhs = left
		if t.rhs, err = p.expression(lbp(t.id)); err != nil {
			return nil, err
		}
		if t.rhs.typ != "variable" {
			return nil, newError("S0214", withPos(t.rhs.pos), withToken(t.id))
		}
		t.typ = "binary"
		return t, nil
	case "?":
		t.typ = "condition"
		t.condition = left
		if t.then, err = p.expression(0); err != nil {
			return nil, err
		}
		if p.node.id == ":" {
			if _, err := p.advance(":", false); err != nil {
				return nil, err
			}
			if t.els, err = p.expression(0); err != nil {
				return nil, err
			}
		}
		return t, nil
	}
	return nil, newError("S0201", withPos(t.pos), withToken(t.value))
}

// call parses a function call, a partial application or a lambda
// definition after its opening parenthesis.
func (p *parser) call(t, left *pnode) (*pnode, error) {
	t.procedure = left
	t.typ = "function"
	if p.node.id != ")" {
		for {
			if p.node.typ == "operator" && p.node.id == "?" {
				t.typ = "partial"
				t.arguments = append(t.arguments, p.node)
				if _, err := p.advance("?", false); err != nil {
					return nil, err
				}
			} else {
				a, err := p.expression(0)
				if err != nil {
					return nil, err
				}
				t.arguments = append(t.arguments, a)
			}
			if p.node.id != "," {
				break
			}
			if _, err := p.advance(",", false); err != nil {
				return nil, err
			}
		}
	}
	if _, err := p.advance(")", true); err != nil {
		return nil, err
	}
	if left.typ == "name" && (left.value == "function" || left.value == "\u03BB") {
		for i, a := range t.arguments {
			if a.typ != "variable" {
				return nil, tokenError(newError("S0208", withPos(a.pos), withToken(a.value), withValue(int64(i+1))), a)
			}
		}
		t.typ = "lambda"
		if p.node.id == "<" {
			sigPos := p.node.pos
			depth := 1
			sig := "<"
			for depth > 0 && p.node.id != "{" && p.node.id != "(end)" {
				tok, err := p.advance("", false)
				if err != nil {
					return nil, err
				}
				if tok.id == ">" {
					depth--
				} else if tok.id == "<" {
					depth++
				}
				sig += tok.value
			}
			if _, err := p.advance(">", false); err != nil {
				return nil, err
			}
			s, err := parseSignature(sig)
			if err != nil {
				err.Position = sigPos + err.Position
				return nil, err
			}
			t.signature = s
		}
		if _, err := p.advance("{", false); err != nil {
			return nil, err
		}
		body, err := p.expression(0)
		if err != nil {
			return nil, err
		}
		t.body = body
		if _, err := p.advance("}", false); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// parse parses an expression into a processed tree.
func parse(src string) (*node, error) {
	p := &parser{src: src, lex: newLexer(src), node: &pnode{id: "(start)"}}
	if _, err := p.advance("", false); err != nil {
		return nil, err
	}
	raw, err := p.expression(0)
	if err != nil {
		return nil, err
	}
	if p.node.id != "(end)" {
		return nil, tokenError(newError("S0201", withPos(p.node.pos), withToken(p.node.value)), p.node)
	}
	pr := &processor{}
	n, err := pr.process(raw, 0)
	if err != nil {
		return nil, err
	}
	if n.kind == nParent || n.seekingParent != nil {
		return nil, newError("S0217", withPos(n.pos), withToken(kindName(n)))
	}
	markConstants(n)
	return n, nil
}

// tokenError makes the message of a parse error show a literal token as
// jsonata-js does: numbers, booleans and null as JSON values.
func tokenError(e *Error, t *pnode) *Error {
	if t.typ == "number" || t.typ == "value" {
		e.tokenValue = t.lit
		if t.lit == nil {
			e.tokenValue = jsonNull{}
		}
	}
	return e
}

// jsonNull stands for a null token in a message.
type jsonNull struct{}
