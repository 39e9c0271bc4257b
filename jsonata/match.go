package jsonata

import (
	"unicode/utf8"

	aslrt "github.com/aslc/aslc/runtime"
)

// A matcher is what $match, $contains, $replace and $split take besides a
// string: a regular expression, or any function that, called with the
// string, returns a match object {match, start, end, groups, next} whose
// next() returns the following match.

// matchResult is one match, with byte offsets into the string.
type matchResult struct {
	match      string
	start, end int
	groups     []Value // strings, Undefined for groups that did not take part
	next       Value   // for custom matchers: the next function
}

// matchIter yields the successive matches of a matcher on a string.
type matchIter struct {
	ev  *evaluator
	env *frame
	s   string
	// regular expression
	re      *regexFn
	all     [][]int
	i       int
	started bool
	// custom matcher
	fn   Value
	prev *matchResult
}

func (ev *evaluator) newMatchIter(m Value, s string, env *frame) *matchIter {
	m = unwrap(m)
	it := &matchIter{ev: ev, env: env, s: s}
	if re, ok := m.(*regexFn); ok {
		it.re = re
	} else {
		it.fn = m
	}
	return it
}

func (it *matchIter) zeroLength() error {
	pos := 0
	source := ""
	if it.re != nil {
		pos = it.re.pos
		source = it.re.lit.source
	}
	return newError("D1004", withPos(pos), withValue(source))
}

// next returns the next match, or nil when there are no more.
func (it *matchIter) next() (*matchResult, error) {
	if it.re != nil {
		// evaluateMatcher; the first call goes through the argument's
		// wrapper and apply
		if !it.started {
			it.ev.vt += 4
		} else {
			it.ev.vt++
		}
		return it.nextRegex()
	}
	it.ev.vt += 3
	var r Value
	var err error
	if it.prev == nil {
		if it.started {
			return nil, nil
		}
		it.started = true
		r, err = it.ev.apply(it.fn, []Value{it.s}, nil, it.env, "")
	} else {
		if it.prev.next == nil || !isFunction(it.prev.next) {
			return nil, nil
		}
		r, err = it.ev.apply(it.prev.next, nil, nil, it.env, "")
	}
	if err != nil {
		return nil, err
	}
	m, err := matchFromObject(r, it.s)
	if err != nil {
		return nil, err
	}
	it.prev = m
	return m, nil
}

func (it *matchIter) nextRegex() (*matchResult, error) {
	re := it.re.lit.re
	if !it.started {
		it.started = true
		loc := re.FindStringSubmatchIndex(it.s)
		if loc == nil {
			return nil, nil
		}
		it.all = [][]int{loc}
		it.i = 0
		return it.result(loc), nil
	}
	prev := it.all[it.i]
	if prev[1] >= len(it.s) {
		return nil, nil
	}
	if prev[0] == prev[1] {
		// an empty match would be found again at the same place
		return nil, it.zeroLength()
	}
	if it.i == 0 && len(it.all) == 1 {
		it.all = re.FindAllStringSubmatchIndex(it.s, -1)
		// find the first match again
		for it.i = 0; it.i < len(it.all) && it.all[it.i][0] != prev[0]; it.i++ {
		}
	}
	it.i++
	if it.i >= len(it.all) {
		return nil, nil
	}
	loc := it.all[it.i]
	if loc[0] == loc[1] {
		return nil, it.zeroLength()
	}
	return it.result(loc), nil
}

func (it *matchIter) result(loc []int) *matchResult {
	m := &matchResult{match: it.s[loc[0]:loc[1]], start: loc[0], end: loc[1]}
	for g := 2; g+1 < len(loc); g += 2 {
		if loc[g] < 0 {
			m.groups = append(m.groups, Undefined)
		} else {
			m.groups = append(m.groups, it.s[loc[g]:loc[g+1]])
		}
	}
	return m
}

// matchFromObject reads the match object a custom matcher returned.
func matchFromObject(r Value, s string) (*matchResult, error) {
	o, ok := r.(*aslrt.Object)
	if !ok {
		if !jsTruthy(r) {
			return nil, nil
		}
		return nil, newError("T1010")
	}
	start, sok := o.Get("start")
	end, _ := o.Get("end")
	groups, gok := o.Get("groups")
	next, nok := o.Get("next")
	_, isNum := toNumber(start)
	_, isArr := arrayItems(groups)
	if !((sok && isNum) || (gok && isArr) || (nok && isFunction(next))) {
		return nil, newError("T1010")
	}
	m := &matchResult{next: next}
	if mv, ok := o.Get("match"); ok {
		m.match, _ = mv.(string)
	}
	if f, ok := toNumber(start); ok {
		m.start = unitsToByte(s, int(f))
	}
	if f, ok := toNumber(end); ok {
		m.end = unitsToByte(s, int(f))
	} else {
		m.end = m.start + len(m.match)
	}
	if items, ok := arrayItems(groups); ok {
		m.groups = append([]Value(nil), items...)
	}
	return m, nil
}

// unitsToByte converts a position in UTF-16 code units into a byte offset.
func unitsToByte(s string, u int) int {
	if u <= 0 {
		return 0
	}
	units := 0
	for i, r := range s {
		if units >= u {
			return i
		}
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
	}
	return len(s)
}

// byteToUnits converts a byte offset into a position in UTF-16 code units.
func byteToUnits(s string, b int) int {
	if b > len(s) {
		b = len(s)
	}
	ascii := true
	for i := 0; i < b; i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return b
	}
	return utf16Len(s[:b])
}

// callRegex calls a regular expression as a function: (str, [from]) to
// the match object of its first match at or after from.
func (ev *evaluator) callRegex(f *regexFn, args []Value) (Value, error) {
	s, ok := argOr(args, 0).(string)
	if !ok {
		return Undefined, nil
	}
	from := 0
	if n, ok := toNumber(argOr(args, 1)); ok {
		from = unitsToByte(s, int(n))
	}
	return regexMatchObject(f, s, from), nil
}

// regexMatchObject is the match object of the first match of f in s at or
// after byte offset from, with a next function for the following one.
func regexMatchObject(f *regexFn, s string, from int) Value {
	if from > len(s) {
		return Undefined
	}
	if from == 0 {
		loc := f.lit.re.FindStringSubmatchIndex(s)
		if loc == nil {
			return Undefined
		}
		return newRegexMatch(f, s, loc, nil, 0)
	}
	return regexMatchAfter(f, s, f.lit.re.FindAllStringSubmatchIndex(s, -1), 0, from)
}

// regexMatchAfter is the match object of the first of the matches all[i:]
// (every match of f in s, in order) that starts at or after byte offset
// from.
func regexMatchAfter(f *regexFn, s string, all [][]int, i, from int) Value {
	for ; i < len(all); i++ {
		if all[i][0] >= from {
			return newRegexMatch(f, s, all[i], all, i)
		}
	}
	return Undefined
}

// newRegexMatch builds the match object of the match loc of f in s. all is
// every match of f in s, loc being all[i], or nil when not yet computed: the
// objects that next returns share one list, so that following a chain of
// matches finds them only once.
func newRegexMatch(f *regexFn, s string, loc []int, all [][]int, i int) Value {
	groups := make([]Value, 0, len(loc)/2-1)
	for g := 2; g+1 < len(loc); g += 2 {
		if loc[g] >= 0 {
			groups = append(groups, s[loc[g]:loc[g+1]])
		} else {
			groups = append(groups, "")
		}
	}
	end := loc[1]
	o := aslrt.NewObject(5)
	o.Set("match", s[loc[0]:loc[1]])
	o.Set("start", int64(byteToUnits(s, loc[0])))
	o.Set("end", int64(byteToUnits(s, loc[1])))
	o.Set("groups", groups)
	o.Set("next", &builtin{name: "next", length: 0, closure: true, fn: func(ev *evaluator, cc callCtx, args []Value) (Value, error) {
		if end >= len(s) {
			return Undefined, nil
		}
		list, from := all, i
		if list == nil {
			list, from = f.lit.re.FindAllStringSubmatchIndex(s, -1), 0
		}
		// the matches before loc start before end; an empty loc is
		// found again
		r := regexMatchAfter(f, s, list, from, end)
		if ro, ok := r.(*aslrt.Object); ok {
			if m, _ := ro.Get("match"); m == "" {
				return nil, newError("D1004", withPos(f.pos), withValue(f.lit.source))
			}
		}
		return r, nil
	}})
	return o
}

func argOr(args []Value, i int) Value {
	if i < len(args) {
		return args[i]
	}
	return Undefined
}
