package jsonata

import "strings"

// A signature such as <s-nn?:s> declares the argument types of a function
// (s string, n number, b boolean, l null, a array, o object, f function,
// j any JSON value, x anything, (sn) a choice, a<n> an array of numbers)
// with the modifiers ? (optional), + (one or more) and - (use the context
// value when the argument is missing). Arguments are checked against it on
// each call; a value given where an array is expected is wrapped in one.

type sigParam struct {
	accept   string // the value symbols the parameter accepts, 'm' (missing) included when it may be undefined
	typ      string // s n b l o a f j x or (choice)
	subtype  string // for a<...> and f<...>
	optional bool   // ?
	variadic bool   // +
	context  bool   // -
	base     string // accept before - added the optional marker
}

type signature struct {
	text   string
	params []sigParam
}

var arrayTypeNames = map[string]string{
	"a": "arrays", "b": "booleans", "f": "functions", "n": "numbers", "o": "objects", "s": "strings",
}

// parseSignature parses a signature such as <s-nn?:s>. The error's
// Position is the offset of the problem within the signature.
func parseSignature(sig string) (*signature, *Error) {
	s := &signature{text: sig}
	var cur *sigParam
	for pos := 1; pos < len(sig); pos++ {
		c := sig[pos]
		if c == ':' {
			break // the return type is not checked
		}
		switch c {
		case 's', 'n', 'b', 'l', 'o':
			s.params = append(s.params, sigParam{accept: string(c) + "m", typ: string(c)})
		case 'a':
			s.params = append(s.params, sigParam{accept: "asnblfom", typ: "a"})
		case 'f':
			s.params = append(s.params, sigParam{accept: "f", typ: "f"})
		case 'j':
			s.params = append(s.params, sigParam{accept: "asnblom", typ: "j"})
		case 'x':
			s.params = append(s.params, sigParam{accept: "asnblfom", typ: "x"})
		case '-':
			if cur != nil {
				cur.context = true
				cur.base = cur.accept
				cur.optional = true
			}
			continue
		case '?':
			if cur != nil {
				cur.optional = true
			}
			continue
		case '+':
			if cur != nil {
				cur.variadic = true
			}
			continue
		case '(':
			end := closing(sig, pos, '(', ')')
			choice := sig[pos+1 : end]
			if strings.Contains(choice, "<") {
				return nil, newError("S0402", withPos(pos), withValue(choice))
			}
			s.params = append(s.params, sigParam{accept: choice + "m", typ: "(" + choice + ")"})
			pos = end
		case '<':
			if cur == nil || (cur.typ != "a" && cur.typ != "f") {
				typ := ""
				if cur != nil {
					typ = cur.typ
				}
				return nil, newError("S0401", withPos(pos), withValue(typ))
			}
			end := closing(sig, pos, '<', '>')
			cur.subtype = sig[pos+1 : end]
			pos = end
			continue
		default:
			continue
		}
		cur = &s.params[len(s.params)-1]
	}
	return s, nil
}

// closing returns the position of the bracket that closes the one at start.
func closing(s string, start int, open, close byte) int {
	depth := 1
	pos := start
	for pos < len(s) {
		pos++
		if pos >= len(s) {
			break
		}
		if s[pos] == close {
			depth--
			if depth == 0 {
				break
			}
		} else if s[pos] == open {
			depth++
		}
	}
	if pos > len(s) {
		pos = len(s)
	}
	return pos
}

// arity is the number of declared parameters.
func (s *signature) arity() int {
	return len(s.params)
}

// symbolOf is the signature symbol of a value's type.
func symbolOf(v Value) byte {
	switch v.(type) {
	case UndefinedValue:
		return 'm'
	case string:
		return 's'
	case int64, float64, int:
		return 'n'
	case bool:
		return 'b'
	case nil:
		return 'l'
	case []Value, *sequence:
		return 'a'
	}
	if isFunction(v) {
		return 'f'
	}
	return 'o'
}

// match finds how many symbols each of the first params parameters takes,
// trying the alternatives in the order a backtracking regular expression
// would. With whole set, all symbols must be used; otherwise a prefix is
// enough. It fills counts and returns the number of symbols matched.
func (s *signature) match(syms []byte, params int, whole bool, counts []int) (int, bool) {
	return s.try(syms, 0, 0, params, whole, counts)
}

func (s *signature) try(syms []byte, p, i, params int, whole bool, counts []int) (int, bool) {
	if p == params {
		if whole && i != len(syms) {
			return 0, false
		}
		return i, true
	}
	sp := &s.params[p]
	accepts := func(k int) bool {
		return k < len(syms) && strings.IndexByte(sp.accept, syms[k]) >= 0
	}
	switch {
	case sp.variadic:
		n := 0
		for accepts(i + n) {
			n++
		}
		least := 1
		if sp.optional {
			least = 0
		}
		for k := n; k >= least; k-- {
			counts[p] = k
			if end, ok := s.try(syms, p+1, i+k, params, whole, counts); ok {
				return end, true
			}
		}
		return 0, false
	case sp.optional:
		if accepts(i) {
			counts[p] = 1
			if end, ok := s.try(syms, p+1, i+1, params, whole, counts); ok {
				return end, true
			}
		}
		counts[p] = 0
		return s.try(syms, p+1, i, params, whole, counts)
	default:
		if !accepts(i) {
			return 0, false
		}
		counts[p] = 1
		return s.try(syms, p+1, i+1, params, whole, counts)
	}
}

// validate checks args against the signature and returns the arguments
// the function receives: the context value substituted for a missing one
// marked -, single values wrapped in arrays where arrays are expected.
func (s *signature) validate(args []Value, context Value) ([]Value, error) {
	var symBuf [8]byte
	syms := symBuf[:0]
	for _, a := range args {
		syms = append(syms, symbolOf(a))
	}
	var countBuf [8]int
	var counts []int
	if len(s.params) <= len(countBuf) {
		counts = countBuf[:len(s.params)]
	} else {
		counts = make([]int, len(s.params))
	}
	if _, ok := s.match(syms, len(s.params), true, counts); !ok {
		return nil, s.validationError(args, syms)
	}
	// the common case: one argument per parameter, nothing to substitute
	// or wrap
	if len(args) == len(s.params) {
		same := true
		for p := range s.params {
			if counts[p] != 1 || (s.params[p].typ == "a" && syms[p] != 'a' && syms[p] != 'm') || (s.params[p].typ == "a" && s.params[p].subtype != "") {
				same = false
				break
			}
		}
		if same {
			return args, nil
		}
	}
	out := make([]Value, 0, len(s.params))
	argIndex := 0
	arg := func(i int) Value {
		if i < len(args) {
			return args[i]
		}
		return Undefined
	}
	for p := range s.params {
		sp := &s.params[p]
		if counts[p] == 0 {
			if sp.context {
				if strings.IndexByte(sp.base, symbolOf(context)) >= 0 {
					out = append(out, context)
				} else {
					return nil, newError("T0411", withValue(context), withIndex(argIndex+1))
				}
			} else {
				out = append(out, arg(argIndex))
				argIndex++
			}
			continue
		}
		matched := syms[argIndex : argIndex+counts[p]]
		for _, single := range matched {
			a := arg(argIndex)
			if sp.typ == "a" {
				if single == 'm' {
					a = Undefined
				} else {
					arrayOK := true
					if sp.subtype != "" {
						if single != 'a' && string(matched) != sp.subtype {
							arrayOK = false
						} else if single == 'a' {
							items, _ := arrayItems(a)
							if len(items) > 0 {
								itemType := symbolOf(items[0])
								if itemType != sp.subtype[0] {
									arrayOK = false
								} else {
									for _, it := range items {
										if symbolOf(it) != itemType {
											arrayOK = false
											break
										}
									}
								}
							}
						}
					}
					if !arrayOK {
						e := newError("T0412", withValue(a), withIndex(argIndex+1))
						e.typ = arrayTypeNames[sp.subtype]
						return nil, e
					}
					if single != 'a' {
						a = []Value{a}
					}
				}
			}
			out = append(out, a)
			argIndex++
		}
	}
	return out, nil
}

// validationError finds the first argument that does not fit, as
// jsonata-js does by matching ever longer prefixes of the signature.
func (s *signature) validationError(args []Value, syms []byte) error {
	goodTo := 0
	counts := make([]int, len(s.params))
	for k := 1; k <= len(s.params); k++ {
		end, ok := s.match(syms, k, false, counts)
		if !ok {
			break
		}
		goodTo = end
	}
	var v Value = Undefined
	if goodTo < len(args) {
		v = args[goodTo]
	}
	return newError("T0410", withValue(v), withIndex(goodTo+1))
}
