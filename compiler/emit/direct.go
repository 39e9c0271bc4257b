package emit

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/aslc/aslc/ir"
	aslrt "github.com/aslc/aslc/runtime"
)

// Direct code for JSONPath constructs (runtime/direct.go): a payload
// template whose ".$" values are definite paths of names and indexes and
// calls of pure intrinsic functions, with literal scalars beside them, is
// also written as Go that builds its value member by member. The Go
// returns false at the first path that selects nothing or call that fails,
// and the parsed template then evaluates it again and reports the failure
// with AWS's cause.

// directTemplate is the direct form of t, a function literal of type
// aslrt.DirectTemplate, or nil when a part of t is not of a shape direct
// code handles.
//
// Templates that differ only in their literal scalars, such as the
// Parameters of a chain of states that each add their own index, share
// one function that builds them from those scalars (a shape): the
// program then holds the code once rather than once per state.
func (e *emitter) directTemplate(t *ir.Template) jen.Code {
	if sh := e.shapeOf[t]; sh != nil && sh.users > 1 {
		if !sh.declared {
			sh.declared = true
			d := &directBuilder{e: e, t: t, params: true}
			fn, _ := d.function()
			params := make([]jen.Code, len(d.consts))
			for i := range params {
				params[i] = jen.Id("c" + strconv.Itoa(i))
			}
			if len(params) > 0 {
				params[len(params)-1] = jen.Add(params[len(params)-1]).Add(value())
			}
			n := 0
			text := commentText(shapeText(t.Value, &n))
			given := ""
			switch {
			case n == 1:
				given = ", given their literal value c0"
			case n > 1:
				given = ", given their literal values c0 to c" + strconv.Itoa(n-1)
			}
			e.shapeFuncs = append(e.shapeFuncs,
				comments(sh.name+" is the direct form of the "+strconv.Itoa(sh.users)+" payload templates of the shape "+text+given+". It is not inlined, so that they share its code."),
				jen.Comment("//go:noinline"),
				jen.Func().Id(sh.name).Params(params...).Add(rt("DirectTemplate")).Block(jen.Return(fn)),
				jen.Line(),
			)
		}
		return jen.Id(sh.name).Call(e.shapeArgs[t]...)
	}
	d := &directBuilder{e: e, t: t}
	fn, ok := d.function()
	if !ok {
		return nil
	}
	return fn
}

// function is the function literal of the builder's template.
func (d *directBuilder) function() (jen.Code, bool) {
	if d.t.Literal {
		return nil, false
	}
	v, ok := d.node(d.t.Value)
	if !ok {
		return nil, false
	}
	body := append(d.stmts, jen.Return(v, jen.True()))
	return jen.Func().Params(jen.Id("in").Add(value()), jen.Id("s").Add(rt("Scope"))).Params(value(), jen.Bool()).Block(body...), true
}

// shapeText is the compact JSON text of the template v with its literal
// scalars, the parameters of its shape, written c0, c1, ...; n counts
// them.
func shapeText(v aslrt.Value, n *int) string {
	if !hasExpr(v) {
		if _, ok := scalar(v); ok {
			*n++
			return "c" + strconv.Itoa(*n-1)
		}
		return aslrt.EncodeString(v)
	}
	var b strings.Builder
	switch x := v.(type) {
	case *aslrt.Object:
		b.WriteByte('{')
		for i, m := range x.Members() {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(aslrt.EncodeString(m.Key) + ":")
			if strings.HasSuffix(m.Key, ".$") {
				b.WriteString(aslrt.EncodeString(m.Value))
			} else {
				b.WriteString(shapeText(m.Value, n))
			}
		}
		b.WriteByte('}')
	case []aslrt.Value:
		b.WriteByte('[')
		for i, el := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(shapeText(el, n))
		}
		b.WriteByte(']')
	}
	return b.String()
}

// templateShape is the direct code that templates of one shape share.
type templateShape struct {
	name     string
	users    int
	declared bool
}

// findShapes groups the program's templates that have a direct form by
// their shape: the code of that form with each literal scalar a
// parameter. It declares nothing; directTemplate declares a shape's
// function when a second template has it.
func (e *emitter) findShapes() {
	byCode := map[string]*templateShape{}
	e.shapeOf = map[*ir.Template]*templateShape{}
	e.shapeArgs = map[*ir.Template][]jen.Code{}
	for _, t := range e.prog.Templates {
		d := &directBuilder{e: e, t: t, params: true, dry: true}
		fn, ok := d.function()
		if !ok {
			continue
		}
		key := fmt.Sprintf("%#v", jen.Var().Id("_").Op("=").Add(fn))
		sh := byCode[key]
		if sh == nil {
			// named after its first template, so that adding a state
			// elsewhere renames no other shape
			sh = &templateShape{name: t.Shape}
			byCode[key] = sh
		}
		sh.users++
		e.shapeOf[t] = sh
		e.shapeArgs[t] = d.consts
	}
}

// directBuilder writes the body of a direct function: statements that
// compute the values of the ".$" members into v0, v1, ..., returning false
// when one cannot be computed.
type directBuilder struct {
	e     *emitter
	t     *ir.Template
	stmts []jen.Code
	n     int
	// fail is the give-up return when it is not "return nil, false".
	fail jen.Code
	// params makes each literal scalar of the template a parameter
	// c0, c1, ...; consts are their values, in order.
	params bool
	consts []jen.Code
	// dry builds code without declaring the variables it uses.
	dry bool
}

func (d *directBuilder) temp() *jen.Statement {
	v := jen.Id("v" + strconv.Itoa(d.n))
	d.n++
	return v
}

// giveUp is the return of a direct function that leaves the work to the
// parsed form: "return nil, false", or the builder's own (a rule's).
func (d *directBuilder) giveUp() jen.Code {
	if d.fail != nil {
		return d.fail
	}
	return jen.Return(jen.Nil(), jen.False())
}

// node returns the expression of a template node's value. A literal
// object or array is left to the parsed template, which shares it between
// evaluations rather than building it each time.
func (d *directBuilder) node(v aslrt.Value) (jen.Code, bool) {
	if !hasExpr(v) {
		c, ok := scalar(v)
		if !ok || !d.params {
			return c, ok
		}
		d.consts = append(d.consts, c)
		return jen.Id("c" + strconv.Itoa(len(d.consts)-1)), true
	}
	switch x := v.(type) {
	case *aslrt.Object:
		// Up to eight members: ObjectN(k1, v1, ...), which stores them in
		// place; more: NewObjectOf(members...).
		small := x.Len() <= 8
		args := make([]jen.Code, 0, 2*x.Len()+1)
		for _, m := range x.Members() {
			key, isExpr := strings.CutSuffix(m.Key, ".$")
			var val jen.Code
			var ok bool
			if isExpr {
				s, _ := m.Value.(string)
				val, ok = d.expr(s)
			} else {
				val, ok = d.node(m.Value)
			}
			if !ok {
				return nil, false
			}
			if small {
				args = append(args, jen.Line().Lit(key), val)
			} else {
				args = append(args, jen.Line().Add(rt("Member")).Values(jen.Id("Key").Op(":").Lit(key), jen.Id("Value").Op(":").Add(val)))
			}
		}
		args = append(args, jen.Line())
		if small {
			return rt("Object" + strconv.Itoa(x.Len())).Call(args...), true
		}
		return rt("NewObjectOf").Call(args...), true
	case []aslrt.Value:
		elems := make([]jen.Code, 0, len(x))
		for _, el := range x {
			val, ok := d.node(el)
			if !ok {
				return nil, false
			}
			elems = append(elems, val)
		}
		return jen.Index().Add(value()).Values(elems...), true
	}
	return scalar(v)
}

// hasExpr reports whether a template node has a ".$" member at some
// depth.
func hasExpr(v aslrt.Value) bool {
	switch x := v.(type) {
	case *aslrt.Object:
		for _, m := range x.Members() {
			if strings.HasSuffix(m.Key, ".$") || hasExpr(m.Value) {
				return true
			}
		}
	case []aslrt.Value:
		for _, e := range x {
			if hasExpr(e) {
				return true
			}
		}
	}
	return false
}

// scalar is the Go expression of a literal string, number, boolean or
// null, which converts to the same Value; false for containers (shared
// literals the parsed template keeps) and numbers a Go constant cannot
// spell (negative zero).
func scalar(v aslrt.Value) (jen.Code, bool) {
	switch x := v.(type) {
	case nil:
		return jen.Nil(), true
	case bool:
		return jen.Lit(x), true
	case string:
		return jen.Lit(x), true
	case int64:
		return jen.Lit(x), true
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) || x == 0 && math.Signbit(x) {
			return nil, false
		}
		text := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(text, ".e") {
			text += ".0"
		}
		return jen.Id("float64").Call(jen.Op(text)), true
	}
	return nil, false
}

// expr returns the value of a ".$" member: a path or an intrinsic call.
func (d *directBuilder) expr(s string) (jen.Code, bool) {
	if aslrt.IsPathExpression(s) {
		p, err := aslrt.ParsePath(s)
		if err != nil {
			return nil, false
		}
		return d.path(p)
	}
	c, err := aslrt.ParseIntrinsic(s)
	if err != nil {
		return nil, false
	}
	return d.call(c)
}

// path adds the lookup of a definite path and returns the variable that
// holds its value.
func (d *directBuilder) path(p *aslrt.Path) (jen.Code, bool) {
	steps, ok := p.SimpleSteps()
	if !ok {
		return nil, false
	}
	var cur jen.Code
	switch p.Root() {
	case aslrt.RootInput:
		cur = jen.Id("in")
	case aslrt.RootContext:
		if len(steps) == 3 && !steps[0].IsIndex && steps[0].Name == "Map" && !steps[1].IsIndex && steps[1].Name == "Item" && !steps[2].IsIndex {
			fn := ""
			switch steps[2].Name {
			case "Index":
				fn = "MapItemIndex"
			case "Value":
				fn = "MapItemValue"
			}
			if fn != "" {
				return d.decided(rt(fn).Call(jen.Id("s"))), true
			}
		}
		cur = jen.Id("s").Dot("ContextObject").Call()
	case aslrt.RootVariable:
		cur = d.decided(jen.Id("s").Dot("Variable").Call(jen.Lit(p.Variable())))
	}
	// The steps one after the other, ok false from the first that
	// selects nothing.
	v := d.temp()
	var first jen.Code
	var rest []jen.Code
	for i, st := range steps {
		var call jen.Code
		if st.IsIndex {
			call = rt("Elem").Call(cur, jen.Lit(st.Index))
		} else {
			call = rt("Field").Call(cur, jen.Lit(st.Name))
		}
		if i == 0 {
			first = call
		} else {
			rest = append(rest, jen.List(v, jen.Id("ok")).Op("=").Add(call))
		}
		cur = v
	}
	if first == nil {
		return cur, true
	}
	d.stmts = append(d.stmts, jen.List(v, jen.Id("ok")).Op(":=").Add(first))
	for _, r := range rest {
		d.stmts = append(d.stmts, jen.If(jen.Id("ok")).Block(r))
	}
	d.stmts = append(d.stmts, jen.If(jen.Op("!").Id("ok")).Block(d.giveUp()))
	return v, true
}

// decided adds "vN, ok := call; if !ok { return nil, false }" and returns
// vN.
func (d *directBuilder) decided(call jen.Code) jen.Code {
	v := d.temp()
	d.stmts = append(d.stmts,
		jen.List(v, jen.Id("ok")).Op(":=").Add(call),
		jen.If(jen.Op("!").Id("ok")).Block(d.giveUp()),
	)
	return v
}

// call adds the call of a pure intrinsic function on its arguments and
// returns the variable that holds its result.
func (d *directBuilder) call(c *aslrt.Intrinsic) (jen.Code, bool) {
	if !c.Pure() {
		return nil, false
	}
	ic := d.t.Calls[c.String()]
	if ic == nil {
		return nil, false
	}
	args := []jen.Code{jen.Id("s")}
	for _, a := range c.Args() {
		var v jen.Code
		var ok bool
		switch {
		case a.Path != nil:
			v, ok = d.path(a.Path)
		case a.Call != nil:
			v, ok = d.call(a.Call)
		default:
			v, ok = scalar(a.Literal)
		}
		if !ok {
			return nil, false
		}
		args = append(args, v)
	}
	if fn := directCalls[c.Name()]; fn != "" && len(args) == 3 {
		return d.decided(rt(fn).Call(args...)), true
	}
	if c.Name() == "States.Format" {
		if as := c.Args(); len(as) > 0 && as[0].Quoted {
			// the template as written, escapes kept
			args[1] = jen.Lit(as[0].Raw)
			return d.decided(rt("Format").Call(args[1:]...)), true
		}
	}
	if !d.dry && !d.e.named[ic] {
		d.e.named[ic] = true
		d.e.addVar(ic.GoName, rt("MustIntrinsic").Call(jen.Lit(ic.Text)))
	}
	v := d.temp()
	d.stmts = append(d.stmts,
		jen.List(v, jen.Err()).Op(":=").Id(ic.GoName).Dot("Apply").Call(args...),
		jen.If(jen.Err().Op("!=").Nil()).Block(d.giveUp()),
	)
	return v, true
}

// directCalls are the runtime functions that compute an intrinsic
// function of two arguments in a scope in the usual case, false
// otherwise, by the function's name.
var directCalls = map[string]string{
	"States.MathAdd": "MathAdd",
}

// directComparisons are the runtime functions that direct code of Choice
// rules compares with, by operator; the ...Path forms compare the same
// way with a value read from the input.
var directComparisons = map[string]string{
	"NumericEquals":            "NumberEqual",
	"NumericLessThan":          "NumberLess",
	"NumericLessThanEquals":    "NumberLessEqual",
	"NumericGreaterThan":       "NumberGreater",
	"NumericGreaterThanEquals": "NumberGreaterEqual",
	"StringEquals":             "StringEqual",
	"BooleanEquals":            "BooleanEqual",
}

// directRule is the direct form of a Choice rule, a function literal of
// type aslrt.DirectRule, or nil when a part of r is not of a shape direct
// code handles: comparisons of the operators above on definite paths from
// the input, and And, Or and Not of them. It reads every path first and
// gives up at the first that selects nothing, so that the parsed rule
// reports the failure, or finds that And or Or never reached it.
func (e *emitter) directRule(r *ir.Rule) jen.Code {
	d := &directBuilder{e: e, fail: jen.Return(jen.False(), jen.False())}
	expr, ok := d.rule(r)
	if !ok {
		return nil
	}
	body := append(d.stmts, jen.Return(expr, jen.True()))
	return jen.Func().Params(jen.Id("in").Add(value())).Params(jen.Bool(), jen.Bool()).Block(body...)
}

// rule returns the boolean expression of r.
func (d *directBuilder) rule(r *ir.Rule) (jen.Code, bool) {
	switch r.Kind {
	case ir.And, ir.Or:
		op := "&&"
		if r.Kind == ir.Or {
			op = "||"
		}
		var expr *jen.Statement
		for _, sub := range r.Rules {
			x, ok := d.rule(sub)
			if !ok {
				return nil, false
			}
			if expr == nil {
				expr = jen.Parens(x)
			} else {
				expr = expr.Op(op).Parens(x)
			}
		}
		return expr, expr != nil
	case ir.Not:
		x, ok := d.rule(r.Rules[0])
		if !ok {
			return nil, false
		}
		return jen.Op("!").Parens(x), true
	}
	op, isPath := strings.CutSuffix(r.Operator, "Path")
	fn, known := directComparisons[op]
	if !known || r.Variable == nil || r.Variable.Parsed.Root() != aslrt.RootInput {
		return nil, false
	}
	v, ok := d.path(r.Variable.Parsed)
	if !ok {
		return nil, false
	}
	var w jen.Code
	switch {
	case isPath:
		if r.OperandPath == nil || r.OperandPath.Parsed.Root() != aslrt.RootInput {
			return nil, false
		}
		if w, ok = d.path(r.OperandPath.Parsed); !ok {
			return nil, false
		}
	default:
		switch x := r.Operand.(type) {
		case string, bool:
			w = jen.Lit(x)
		case int64:
			// the value the rule's constructor keeps of its float64
			w = jen.Lit(aslrt.NumberValue(float64(x)))
		case float64:
			w = jen.Lit(aslrt.NumberValue(x))
		default:
			return nil, false
		}
	}
	return rt(fn).Call(v, w), true
}
