package jsonata

import "strconv"

// processor turns the raw parse tree into the evaluator's tree: location
// paths become lists of steps carrying their predicates, the parent
// operator is resolved to the step it refers to, and tail calls in lambda
// bodies are marked for the trampoline.
type processor struct {
	ancestorLabel int
	ancestorIndex int
	ancestry      []*node
}

var kindNames = [...]string{
	nPath: "path", nBinary: "binary", nNegate: "unary", nArray: "unary", nObject: "unary",
	nName: "name", nString: "string", nNumber: "number", nValue: "value", nWildcard: "wildcard",
	nDescendant: "descendant", nParent: "parent", nCondition: "condition", nBlock: "block",
	nBind: "bind", nRegex: "regex", nFunction: "function", nPartial: "partial",
	nVariable: "variable", nLambda: "lambda", nThunk: "lambda", nApply: "apply", nSort: "sort",
	nTransform: "transform", nPlaceholder: "operator",
}

func kindName(n *node) string {
	if int(n.kind) < len(kindNames) {
		return kindNames[n.kind]
	}
	return "unknown"
}

// maxProcessDepth bounds the depth of the tree, which chains of left
// associative operators (a.b.c..., 1 + 2 + 3 ...) make deep without
// nesting in the source.
const maxProcessDepth = 10000

func (pr *processor) process(e *pnode, depth int) (*node, error) {
	if depth > maxProcessDepth {
		return nil, newError("S0600", withPos(e.pos), withValue(int64(maxProcessDepth)))
	}
	depth++
	var result *node
	var err error
	switch e.typ {
	case "binary":
		result, err = pr.binary(e, depth)
		if err != nil {
			return nil, err
		}
	case "unary":
		switch e.value {
		case "[":
			result = &node{kind: nArray, pos: e.pos}
			for _, it := range e.expressions {
				v, err := pr.process(it, depth)
				if err != nil {
					return nil, err
				}
				pushAncestry(result, v)
				result.items = append(result.items, v)
			}
		case "{":
			result = &node{kind: nObject, pos: e.pos}
			for _, pp := range e.pairs {
				k, err := pr.process(pp[0], depth)
				if err != nil {
					return nil, err
				}
				pushAncestry(result, k)
				v, err := pr.process(pp[1], depth)
				if err != nil {
					return nil, err
				}
				pushAncestry(result, v)
				result.pairs = append(result.pairs, pair{k, v})
			}
		default: // unary minus
			x, err := pr.process(e.expression, depth)
			if err != nil {
				return nil, err
			}
			if x.kind == nNumber {
				x.num = -x.num
				x.val = num(x.num)
				result = x
			} else {
				result = &node{kind: nNegate, pos: e.pos, expr: x}
				pushAncestry(result, x)
			}
		}
	case "function", "partial":
		kind := nFunction
		if e.typ == "partial" {
			kind = nPartial
		}
		result = &node{kind: kind, pos: e.pos}
		for _, a := range e.arguments {
			an, err := pr.process(a, depth)
			if err != nil {
				return nil, err
			}
			pushAncestry(result, an)
			result.args = append(result.args, an)
		}
		if result.proc, err = pr.process(e.procedure, depth); err != nil {
			return nil, err
		}
	case "lambda":
		result = &node{kind: nLambda, pos: e.pos, sig: e.signature}
		for _, a := range e.arguments {
			result.params = append(result.params, a.value)
		}
		body, err := pr.process(e.body, depth)
		if err != nil {
			return nil, err
		}
		result.body = tailCallOptimize(body)
	case "condition":
		result = &node{kind: nCondition, pos: e.pos}
		if result.cond, err = pr.process(e.condition, depth); err != nil {
			return nil, err
		}
		pushAncestry(result, result.cond)
		if result.then, err = pr.process(e.then, depth); err != nil {
			return nil, err
		}
		pushAncestry(result, result.then)
		if e.els != nil {
			if result.els, err = pr.process(e.els, depth); err != nil {
				return nil, err
			}
			pushAncestry(result, result.els)
		}
	case "transform":
		result = &node{kind: nTransform, pos: e.pos}
		if result.pattern, err = pr.process(e.pattern, depth); err != nil {
			return nil, err
		}
		if result.update, err = pr.process(e.update, depth); err != nil {
			return nil, err
		}
		if e.del != nil {
			if result.del, err = pr.process(e.del, depth); err != nil {
				return nil, err
			}
		}
	case "block":
		result = &node{kind: nBlock, pos: e.pos}
		for _, it := range e.expressions {
			part, err := pr.process(it, depth)
			if err != nil {
				return nil, err
			}
			pushAncestry(result, part)
			if part.consarray || (part.kind == nPath && part.steps[0].consarray) {
				result.consarray = true
			}
			result.items = append(result.items, part)
		}
		for _, it := range result.items {
			if bindsIn(it) {
				result.needsFrame = true
			}
		}
	case "name":
		step := &node{kind: nName, pos: e.pos, str: e.value}
		result = &node{kind: nPath, pos: e.pos, steps: []*node{step}}
		if e.keepArray {
			step.keepArray = true
			result.keepSingletonArray = true
		}
	case "parent":
		result = &node{kind: nParent, pos: e.pos, slot: &slot{
			label: "!" + strconv.Itoa(pr.ancestorLabel), level: 1, index: pr.ancestorIndex}}
		pr.ancestorLabel++
		pr.ancestorIndex++
		pr.ancestry = append(pr.ancestry, result)
	case "string":
		result = &node{kind: nString, pos: e.pos, str: e.value, val: e.lit}
	case "number":
		result = &node{kind: nNumber, pos: e.pos, num: e.num, val: e.lit}
	case "value":
		result = &node{kind: nValue, pos: e.pos, val: e.lit, str: e.value}
	case "wildcard":
		result = &node{kind: nWildcard, pos: e.pos}
	case "descendant":
		result = &node{kind: nDescendant, pos: e.pos}
	case "variable":
		result = &node{kind: nVariable, pos: e.pos, str: e.value}
	case "regex":
		result = &node{kind: nRegex, pos: e.pos}
		result.val = &regexFn{lit: e.regex, pos: e.pos}
	case "operator":
		switch e.value {
		case "and", "or", "in":
			// the keywords may be used as field names
			e.typ = "name"
			return pr.process(e, depth)
		case "?":
			result = &node{kind: nPlaceholder, pos: e.pos}
		default:
			return nil, newError("S0201", withPos(e.pos), withToken(e.value))
		}
	default:
		code := "S0206"
		if e.id == "(end)" {
			code = "S0207"
		}
		return nil, newError(code, withPos(e.pos), withToken(e.value))
	}
	if e.keepArray {
		result.keepArray = true
	}
	return result, nil
}

func (pr *processor) binary(e *pnode, depth int) (*node, error) {
	switch e.value {
	case ".":
		lstep, err := pr.process(e.lhs, depth)
		if err != nil {
			return nil, err
		}
		var result *node
		if lstep.kind == nPath {
			result = lstep
		} else {
			result = &node{kind: nPath, pos: lstep.pos, steps: []*node{lstep}}
		}
		if lstep.kind == nParent {
			result.seekingParent = []*slot{lstep.slot}
		}
		rest, err := pr.process(e.rhs, depth)
		if err != nil {
			return nil, err
		}
		if rest.kind == nPath {
			result.steps = append(result.steps, rest.steps...)
		} else {
			if rest.predicate != nil {
				rest.stages = rest.predicate
				rest.predicate = nil
			}
			result.steps = append(result.steps, rest)
		}
		for _, step := range result.steps {
			switch step.kind {
			case nNumber, nValue:
				return nil, newError("S0213", withPos(step.pos), withValue(step.val))
			case nString:
				step.kind = nName
			}
			if step.keepArray {
				result.keepSingletonArray = true
			}
		}
		if first := result.steps[0]; first.kind == nArray {
			first.consarray = true
		}
		if last := result.steps[len(result.steps)-1]; last.kind == nArray {
			last.consarray = true
		}
		if err := pr.resolveAncestry(result); err != nil {
			return nil, err
		}
		return result, nil
	case "[":
		result, err := pr.process(e.lhs, depth)
		if err != nil {
			return nil, err
		}
		step := result
		inPath := false
		if result.kind == nPath {
			step = result.steps[len(result.steps)-1]
			inPath = true
		}
		if step.group != nil {
			return nil, newError("S0209", withPos(e.pos))
		}
		pred, err := pr.process(e.rhs, depth)
		if err != nil {
			return nil, err
		}
		if pred.seekingParent != nil {
			for _, s := range pred.seekingParent {
				if s.level == 1 {
					if _, err := pr.seekParent(step, s); err != nil {
						return nil, err
					}
				} else {
					s.level--
				}
			}
			pushAncestry(step, pred)
		}
		st := stage{kind: stageFilter, expr: pred}
		if inPath {
			step.stages = append(step.stages, st)
		} else {
			step.predicate = append(step.predicate, st)
		}
		return result, nil
	case "{":
		result, err := pr.process(e.lhs, depth)
		if err != nil {
			return nil, err
		}
		if result.group != nil {
			return nil, newError("S0210", withPos(e.pos))
		}
		g := &group{pos: e.pos}
		for _, pp := range e.pairs {
			k, err := pr.process(pp[0], depth)
			if err != nil {
				return nil, err
			}
			v, err := pr.process(pp[1], depth)
			if err != nil {
				return nil, err
			}
			g.pairs = append(g.pairs, pair{k, v})
		}
		result.group = g
		return result, nil
	case "^":
		result, err := pr.process(e.lhs, depth)
		if err != nil {
			return nil, err
		}
		if result.kind != nPath {
			result = &node{kind: nPath, pos: result.pos, steps: []*node{result}}
		}
		sortStep := &node{kind: nSort, pos: e.pos}
		for _, t := range e.terms {
			x, err := pr.process(t.expr, depth)
			if err != nil {
				return nil, err
			}
			pushAncestry(sortStep, x)
			sortStep.terms = append(sortStep.terms, sortTerm{descending: t.descending, expr: x})
		}
		result.steps = append(result.steps, sortStep)
		if err := pr.resolveAncestry(result); err != nil {
			return nil, err
		}
		return result, nil
	case ":=":
		result := &node{kind: nBind, pos: e.pos}
		lhs, err := pr.process(e.lhs, depth)
		if err != nil {
			return nil, err
		}
		result.lhs = lhs
		result.str = lhs.str
		if result.rhs, err = pr.process(e.rhs, depth); err != nil {
			return nil, err
		}
		pushAncestry(result, result.rhs)
		return result, nil
	case "@":
		result, err := pr.process(e.lhs, depth)
		if err != nil {
			return nil, err
		}
		step := result
		if result.kind == nPath {
			step = result.steps[len(result.steps)-1]
		}
		if step.stages != nil || step.predicate != nil {
			return nil, newError("S0215", withPos(e.pos))
		}
		if step.kind == nSort {
			return nil, newError("S0216", withPos(e.pos))
		}
		if e.keepArray {
			step.keepArray = true
		}
		step.focus = e.rhs.value
		step.hasFocus = true
		step.tuple = true
		return result, nil
	case "#":
		result, err := pr.process(e.lhs, depth)
		if err != nil {
			return nil, err
		}
		step := result
		if result.kind == nPath {
			step = result.steps[len(result.steps)-1]
		} else {
			result = &node{kind: nPath, pos: result.pos, steps: []*node{result}}
			if step.predicate != nil {
				step.stages = step.predicate
				step.predicate = nil
			}
		}
		if step.stages == nil {
			step.index = e.rhs.value
			step.hasIndex = true
		} else {
			step.stages = append(step.stages, stage{kind: stageIndex, name: e.rhs.value})
		}
		step.tuple = true
		return result, nil
	case "~>":
		result := &node{kind: nApply, pos: e.pos, op: "~>"}
		var err error
		if result.lhs, err = pr.process(e.lhs, depth); err != nil {
			return nil, err
		}
		if result.rhs, err = pr.process(e.rhs, depth); err != nil {
			return nil, err
		}
		result.keepArray = result.lhs.keepArray || result.rhs.keepArray
		return result, nil
	}
	result := &node{kind: nBinary, pos: e.pos, op: e.value}
	var err error
	if result.lhs, err = pr.process(e.lhs, depth); err != nil {
		return nil, err
	}
	if result.rhs, err = pr.process(e.rhs, depth); err != nil {
		return nil, err
	}
	pushAncestry(result, result.lhs)
	pushAncestry(result, result.rhs)
	return result, nil
}

// tailCallOptimize marks the function calls in tail position of a lambda
// body, so that the evaluator runs them in its trampoline loop instead of
// growing the stack.
func tailCallOptimize(e *node) *node {
	switch e.kind {
	case nFunction:
		if e.predicate == nil {
			return &node{kind: nThunk, pos: e.pos, body: e}
		}
	case nCondition:
		e.then = tailCallOptimize(e.then)
		if e.els != nil {
			e.els = tailCallOptimize(e.els)
		}
	case nBlock:
		if n := len(e.items); n > 0 {
			e.items[n-1] = tailCallOptimize(e.items[n-1])
		}
	}
	return e
}

func (pr *processor) seekParent(n *node, s *slot) (*slot, error) {
	switch n.kind {
	case nName, nWildcard:
		s.level--
		if s.level == 0 {
			if n.ancestor == nil {
				n.ancestor = s
			} else {
				// reuse the existing label
				pr.ancestry[s.index].slot.label = n.ancestor.label
				n.ancestor = s
			}
			n.tuple = true
		}
	case nParent:
		s.level++
	case nBlock:
		if len(n.items) > 0 {
			n.tuple = true
			return pr.seekParent(n.items[len(n.items)-1], s)
		}
	case nPath:
		n.tuple = true
		index := len(n.steps) - 1
		var err error
		s, err = pr.seekParent(n.steps[index], s)
		if err != nil {
			return nil, err
		}
		index--
		for s.level > 0 && index >= 0 {
			if s, err = pr.seekParent(n.steps[index], s); err != nil {
				return nil, err
			}
			index--
		}
	default:
		return nil, newError("S0217", withPos(n.pos), withToken(kindName(n)))
	}
	return s, nil
}

func pushAncestry(result, value *node) {
	if value.seekingParent == nil && value.kind != nParent {
		return
	}
	slots := append([]*slot(nil), value.seekingParent...)
	if value.kind == nParent {
		slots = append(slots, value.slot)
	}
	result.seekingParent = append(result.seekingParent, slots...)
}

func (pr *processor) resolveAncestry(path *node) error {
	last := path.steps[len(path.steps)-1]
	slots := append([]*slot(nil), last.seekingParent...)
	if last.kind == nParent {
		slots = append(slots, last.slot)
	}
	for _, s := range slots {
		index := len(path.steps) - 2
		for s.level > 0 {
			if index < 0 {
				path.seekingParent = append(path.seekingParent, s)
				break
			}
			step := path.steps[index]
			index--
			for index >= 0 && step.focus != "" && path.steps[index].focus != "" {
				step = path.steps[index]
				index--
			}
			var err error
			if s, err = pr.seekParent(step, s); err != nil {
				return err
			}
		}
	}
	return nil
}

// bindsIn reports whether evaluating n may bind a variable in the frame it
// is evaluated in: it contains := or a call of $eval outside nested blocks
// and lambdas, which have frames of their own.
func bindsIn(n *node) bool {
	if n == nil {
		return false
	}
	switch n.kind {
	case nBind:
		return true
	case nBlock, nLambda:
		return false
	case nFunction, nPartial:
		if n.proc.kind == nVariable && n.proc.str == "eval" {
			return true
		}
	}
	for _, c := range []*node{n.lhs, n.rhs, n.expr, n.proc, n.body, n.cond, n.then, n.els, n.pattern, n.update, n.del} {
		if bindsIn(c) {
			return true
		}
	}
	for _, list := range [][]*node{n.steps, n.items, n.args} {
		for _, c := range list {
			if bindsIn(c) {
				return true
			}
		}
	}
	for _, p := range n.pairs {
		if bindsIn(p.key) || bindsIn(p.value) {
			return true
		}
	}
	for _, t := range n.terms {
		if bindsIn(t.expr) {
			return true
		}
	}
	for _, st := range append(append([]stage(nil), n.stages...), n.predicate...) {
		if bindsIn(st.expr) {
			return true
		}
	}
	if n.group != nil {
		for _, p := range n.group.pairs {
			if bindsIn(p.key) || bindsIn(p.value) {
				return true
			}
		}
	}
	return false
}

// markConstants sets constant on the nodes whose value depends on neither
// the context nor any variable: literals, and constructors and operators
// over them.
func markConstants(n *node) bool {
	if n == nil {
		return true
	}
	c := false
	switch n.kind {
	case nString, nNumber, nValue:
		c = true
	case nBinary:
		l, r := markConstants(n.lhs), markConstants(n.rhs)
		c = l && r
	case nNegate:
		c = markConstants(n.expr)
	case nArray:
		c = true
		for _, it := range n.items {
			if !markConstants(it) {
				c = false
			}
		}
	case nObject:
		c = true
		for _, p := range n.pairs {
			k, v := markConstants(p.key), markConstants(p.value)
			if !k || !v {
				c = false
			}
		}
	default:
		markChildren(n)
		return false
	}
	if len(n.predicate) > 0 || len(n.stages) > 0 || n.group != nil || n.keepArray {
		markChildren(n)
		c = false
	}
	n.constant = c
	return c
}

// markChildren runs markConstants over the sub-expressions of n.
func markChildren(n *node) {
	for _, c := range []*node{n.lhs, n.rhs, n.expr, n.proc, n.body, n.cond, n.then, n.els, n.pattern, n.update, n.del} {
		if c != nil {
			markConstants(c)
		}
	}
	for _, list := range [][]*node{n.steps, n.items, n.args} {
		for _, c := range list {
			markConstants(c)
		}
	}
	for _, p := range n.pairs {
		markConstants(p.key)
		markConstants(p.value)
	}
	for _, t := range n.terms {
		markConstants(t.expr)
	}
	for _, st := range n.stages {
		if st.expr != nil {
			markConstants(st.expr)
		}
	}
	for _, st := range n.predicate {
		if st.expr != nil {
			markConstants(st.expr)
		}
	}
	if n.group != nil {
		for _, p := range n.group.pairs {
			markConstants(p.key)
			markConstants(p.value)
		}
	}
}
