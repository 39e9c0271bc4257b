package jsonata

// nodeKind is the kind of a node of a processed expression tree.
type nodeKind uint8

const (
	nPath        nodeKind = iota // steps
	nBinary                      // op, lhs, rhs
	nNegate                      // -expr
	nArray                       // [items]
	nObject                      // {pairs}
	nName                        // field name (a path step)
	nString                      // string literal
	nNumber                      // number literal
	nValue                       // true, false, null
	nWildcard                    // *
	nDescendant                  // **
	nParent                      // %
	nCondition                   // cond ? then : els
	nBlock                       // (items; ...)
	nBind                        // $var := rhs
	nRegex                       // /re/
	nFunction                    // proc(args)
	nPartial                     // proc(args with ?)
	nVariable                    // $name
	nLambda                      // function($params){body}
	nThunk                       // tail call in a lambda body
	nApply                       // lhs ~> rhs
	nSort                        // ^(terms), a path step
	nTransform                   // | pattern | update, del |
	nPlaceholder                 // ? in a partial application
)

// node is one node of a processed expression tree. The tree is built once
// by Parse and never changed afterwards, so it may be evaluated from many
// goroutines at once.
type node struct {
	kind nodeKind
	pos  int
	op   string // operator of nBinary
	str  string // name, string value, variable name
	val  Value  // literal value of nString, nNumber, nValue
	num  float64

	lhs, rhs *node
	expr     *node   // nNegate
	steps    []*node // nPath
	items    []*node // nArray, nBlock
	pairs    []pair  // nObject
	terms    []sortTerm

	proc *node // nFunction, nPartial
	args []*node
	body *node // nLambda, nThunk (the call)

	params []string
	sig    *signature

	cond, then, els      *node
	pattern, update, del *node

	slot *slot // nParent

	// annotations of path steps and other nodes
	stages             []stage // filters and index bindings of a step
	predicate          []stage // filters of a node outside a path
	group              *group
	focus              string
	index              string
	hasFocus, hasIndex bool
	tuple              bool
	ancestor           *slot
	keepArray          bool
	consarray          bool
	keepSingletonArray bool
	needsFrame         bool // a block that binds variables
	constant           bool // depends on neither the context nor variables

	// only during processing
	seekingParent []*slot
}

type pair struct {
	key, value *node
}

type sortTerm struct {
	descending bool
	expr       *node
}

type stageKind uint8

const (
	stageFilter stageKind = iota
	stageIndex
)

type stage struct {
	kind stageKind
	expr *node  // filter
	name string // index variable
}

type group struct {
	pairs []pair
	pos   int
}

// slot names the binding of an ancestor for the parent operator %.
type slot struct {
	label string
	level int
	index int
}
