package check

import (
	"github.com/aslc/aslc/compiler/ast"
	aslrt "github.com/aslc/aslc/runtime"
)

// Retrier bounds (A2.27).
const (
	maxRetryInterval = maxSeconds
	maxRetryAttempts = maxSeconds
	maxRetryDelay    = 31622401
)

// errorHandling checks Retry and Catch (A2.26, A2.27, A11.1).
func (c *checker) errorHandling(b *ast.BaseState, h *ast.ErrorHandling) {
	for i, r := range h.Retry {
		c.errorEquals(r.Raw, r.ErrorEquals, i == len(h.Retry)-1, "retrier")
		if f := r.IntervalSeconds; f != nil {
			c.intRange(f.Pos, f.Pointer, "IntervalSeconds", f.Text, 1, maxRetryInterval)
		}
		if f := r.MaxAttempts; f != nil {
			c.intRange(f.Pos, f.Pointer, "MaxAttempts", f.Text, 0, maxRetryAttempts)
		}
		if f := r.MaxDelaySeconds; f != nil {
			c.intRange(f.Pos, f.Pointer, "MaxDelaySeconds", f.Text, 1, maxRetryDelay)
		}
		if f := r.BackoffRate; f != nil {
			if v, _ := f.Float(); v < 1 {
				c.schema(f.Pos, f.Pointer, "Minimum value is 1.0")
			}
		}
		if f := r.JitterStrategy; f != nil && f.Value != "FULL" && f.Value != "NONE" {
			c.schema(f.Pos, f.Pointer, "The field 'JitterStrategy' should have one of these values: [FULL, NONE]")
		}
	}
	for i, k := range h.Catch {
		c.errorEquals(k.Raw, k.ErrorEquals, i == len(h.Catch)-1, "catcher")
		if b.JSONata() {
			if m := k.Raw.Member("ResultPath"); m != nil {
				c.wrongLanguage(m.KeyPos, &ast.BaseState{Pointer: k.Pointer}, "ResultPath", ast.JSONPath)
			}
			c.jsonataValue(b, k.Output)
		} else {
			if m := k.Raw.Member("Output"); m != nil {
				c.wrongLanguage(m.KeyPos, &ast.BaseState{Pointer: k.Pointer}, "Output", ast.JSONata)
			}
			c.resultPath(b, k.ResultPath)
		}
		c.assign(b, k.Assign)
	}
}

// errorEquals checks the error names of a retrier or catcher: at least
// one, and States.ALL only alone and only in the last entry (A2.26).
func (c *checker) errorEquals(raw *ast.JSON, names []*ast.StringField, last bool, what string) {
	list := raw.Get("ErrorEquals")
	if list == nil || list.Kind != ast.Array {
		return
	}
	if len(list.Elems) == 0 {
		c.schema(list.Pos, list.Pointer, "Value cannot be empty")
		return
	}
	for _, n := range names {
		if n.Value != aslrt.ErrAll {
			continue
		}
		if len(list.Elems) > 1 {
			c.schema(n.Pos, list.Pointer, "States.ALL must be the only error name in its ErrorEquals")
		}
		if !last {
			c.schema(n.Pos, list.Pointer, "A "+what+" whose ErrorEquals holds States.ALL must be the last one")
		}
	}
}
