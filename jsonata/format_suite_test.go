package jsonata

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	aslrt "github.com/aslc/aslc/runtime"
)

// The picture-string cases of the JSONata 2.0.6 test suite
// (../shared/jsonata-suite relative to the module root), run against the
// formatting functions directly. Their expressions are calls of $fromMillis,
// $toMillis, $formatNumber, $formatInteger, $parseInteger and $formatBase on
// literal arguments, sometimes chained with ~> or through a variable; a
// small reader below evaluates exactly those forms, so every expectation is
// the suite's own.

// pictureGroups are the suite groups of the picture functions, with the
// number of cases each holds.
var pictureGroups = map[string]int{
	"function-fromMillis":    93,
	"function-formatInteger": 65,
	"function-parseInteger":  61,
	"function-tomillis":      58,
	"function-formatNumber":  37,
	"function-formatBase":    8,
}

// pictureSuiteNow is the evaluation timestamp the suite cases run at
// (cases that read the clock compare it with itself).
const pictureSuiteNow = 1700000000000

type pictureCase struct {
	id   string
	expr string
	raw  map[string]json.RawMessage
}

func pictureSuiteRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
	suite := filepath.Join(dir, "..", "shared", "jsonata-suite", "groups")
	if _, err := os.Stat(suite); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("JSONata test suite not found at ../shared/jsonata-suite: %v", err)
		}
		t.Skip("JSONata test suite not found at ../shared/jsonata-suite")
	}
	return suite
}

func loadPictureCases(t *testing.T, group string) []pictureCase {
	dir := filepath.Join(pictureSuiteRoot(t), group)
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []pictureCase
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var raws []map[string]json.RawMessage
		array := len(data) > 0 && strings.TrimSpace(string(data))[0] == '['
		if array {
			err = json.Unmarshal(data, &raws)
		} else {
			var one map[string]json.RawMessage
			err = json.Unmarshal(data, &one)
			raws = append(raws, one)
		}
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for i, raw := range raws {
			id := group + "/" + filepath.Base(file)
			if array {
				id += "#" + strconv.Itoa(i)
			}
			var expr string
			if err := json.Unmarshal(raw["expr"], &expr); err != nil {
				t.Fatalf("%s: expr: %v", id, err)
			}
			cases = append(cases, pictureCase{id: id, expr: expr, raw: raw})
		}
	}
	return cases
}

// TestPictureStepFunctions runs the Step Functions cases of the suite that
// call the picture functions on literals (stepfunctions.json; the others
// read $states or need the evaluator's arithmetic).
func TestPictureStepFunctions(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(pictureSuiteRoot(t), "..", "stepfunctions.json"))
	if err != nil {
		t.Fatal(err)
	}
	var raws []map[string]json.RawMessage
	if err := json.Unmarshal(data, &raws); err != nil {
		t.Fatal(err)
	}
	n := 0
	for i, raw := range raws {
		var expr string
		_ = json.Unmarshal(raw["expr"], &expr)
		if strings.Contains(expr, "$states") || strings.Contains(expr, " + ") || !regexp.MustCompile(`^\$(fromMillis|toMillis|formatNumber|formatInteger|parseInteger|formatBase)\(`).MatchString(expr) {
			continue
		}
		n++
		t.Run(fmt.Sprintf("stepfunctions.json#%d", i), func(t *testing.T) {
			runPictureCase(t, pictureCase{id: strconv.Itoa(i), expr: expr, raw: raw})
		})
	}
	if n != 7 {
		t.Errorf("%d Step Functions picture cases, want 7", n)
	}
}

func TestPictureSuite(t *testing.T) {
	for group, want := range pictureGroups {
		cases := loadPictureCases(t, group)
		if len(cases) != want {
			t.Errorf("%s: %d cases, want %d", group, len(cases), want)
		}
		for _, c := range cases {
			t.Run(c.id, func(t *testing.T) { runPictureCase(t, c) })
		}
	}
}

func runPictureCase(t *testing.T, c pictureCase) {
	got, err := evalPictureExpr(c.expr)
	var jerr *Error
	if err != nil && !errors.As(err, &jerr) {
		t.Fatalf("%s: %v", c.expr, err) // the reader could not evaluate it
	}
	switch {
	case c.raw["code"] != nil:
		var code string
		_ = json.Unmarshal(c.raw["code"], &code)
		if jerr == nil || jerr.Code != code {
			t.Fatalf("%s = %v, %v; want error %s", c.expr, got, err, code)
		}
	case c.raw["undefinedResult"] != nil:
		if err != nil || got != pictureUndefined {
			t.Fatalf("%s = %v, %v; want undefined", c.expr, got, err)
		}
	default:
		if err != nil {
			t.Fatalf("%s: %v", c.expr, err)
		}
		var want any
		if err := json.Unmarshal(c.raw["result"], &want); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%s (-want +got):\n%s", c.expr, diff)
		}
	}
}

// pictureUndefined is the reader's "no value".
var pictureUndefined = &struct{ undefined bool }{true}

// evalPictureExpr evaluates the expression forms of the picture cases:
// function calls on literals, ~> chains, blocks with $variable := and a
// trailing .[…] array of calls on the context value $. Numbers come out as
// float64, strings as string, arrays as []any.
func evalPictureExpr(expr string) (any, error) {
	r := &pictureReader{src: expr, vars: map[string]any{}, ctx: pictureUndefined}
	v, err := r.expr()
	if err != nil {
		return nil, err
	}
	r.space()
	if r.pos != len(r.src) {
		return nil, fmt.Errorf("unexpected %q", r.src[r.pos:])
	}
	return v, nil
}

type pictureReader struct {
	src  string
	pos  int
	vars map[string]any
	ctx  any
}

func (r *pictureReader) space() {
	for r.pos < len(r.src) && strings.ContainsRune(" \t\n\r", rune(r.src[r.pos])) {
		r.pos++
	}
}

func (r *pictureReader) eat(s string) bool {
	r.space()
	if strings.HasPrefix(r.src[r.pos:], s) {
		r.pos += len(s)
		return true
	}
	return false
}

// expr: chain ['=' chain]
func (r *pictureReader) expr() (any, error) {
	v, err := r.chain()
	if err != nil {
		return nil, err
	}
	if r.eat("=") {
		w, err := r.chain()
		if err != nil {
			return nil, err
		}
		return cmp.Equal(v, w), nil
	}
	return v, nil
}

// chain: product {'~>' call}, the value going in as the first argument.
func (r *pictureReader) chain() (any, error) {
	v, err := r.product()
	if err != nil {
		return nil, err
	}
	for r.eat("~>") {
		name, args, err := r.call()
		if err != nil {
			return nil, err
		}
		if v, err = callPicture(name, append([]any{v}, args...)); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// product: postfix {'*' postfix}
func (r *pictureReader) product() (any, error) {
	v, err := r.postfix()
	if err != nil {
		return nil, err
	}
	for r.eat("*") {
		w, err := r.postfix()
		if err != nil {
			return nil, err
		}
		a, ok1 := v.(float64)
		b, ok2 := w.(float64)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("* on %v and %v", v, w)
		}
		v = a * b
	}
	return v, nil
}

// postfix: primary ['.' '[' expr {',' expr} ']'], the list evaluated with
// the primary as $.
func (r *pictureReader) postfix() (any, error) {
	v, err := r.primary()
	if err != nil {
		return nil, err
	}
	if r.eat(".[") {
		saved := r.ctx
		r.ctx = v
		var items []any
		for {
			item, err := r.expr()
			if err != nil {
				return nil, err
			}
			items = append(items, item)
			if r.eat("]") {
				break
			}
			if !r.eat(",") {
				return nil, fmt.Errorf("expected , at %d", r.pos)
			}
		}
		r.ctx = saved
		return items, nil
	}
	return v, nil
}

func (r *pictureReader) primary() (any, error) {
	r.space()
	if r.pos >= len(r.src) {
		return nil, errors.New("unexpected end")
	}
	switch c := r.src[r.pos]; {
	case c == '(':
		r.pos++
		if r.eat(")") {
			return pictureUndefined, nil
		}
		var v any
		for {
			var err error
			if v, err = r.statement(); err != nil {
				return nil, err
			}
			if r.eat(")") {
				return v, nil
			}
			if !r.eat(";") {
				return nil, fmt.Errorf("expected ; at %d", r.pos)
			}
		}
	case c == '-':
		r.pos++
		v, err := r.primary()
		if f, ok := v.(float64); ok && err == nil {
			return -f, nil
		}
		return nil, fmt.Errorf("- on %v", v)
	case c == '"' || c == '\'':
		return r.str()
	case c == '{':
		return r.object()
	case c >= '0' && c <= '9':
		start := r.pos
		for r.pos < len(r.src) && strings.ContainsRune("0123456789.eE+-", rune(r.src[r.pos])) {
			if (r.src[r.pos] == '+' || r.src[r.pos] == '-') && !strings.ContainsRune("eE", rune(r.src[r.pos-1])) {
				break
			}
			r.pos++
		}
		return strconv.ParseFloat(r.src[start:r.pos], 64)
	case c == '$':
		if r.pos+1 < len(r.src) && !isPictureIdent(r.src[r.pos+1]) {
			r.pos++
			return r.ctx, nil
		}
		save := r.pos
		name := r.ident()
		if r.eat("(") {
			r.pos = save
			name, args, err := r.call()
			if err != nil {
				return nil, err
			}
			if len(args) == 0 && r.ctx != pictureUndefined {
				args = []any{r.ctx} // the context value stands for a missing first argument
			}
			return callPicture(name, args)
		}
		if v, ok := r.vars[name]; ok {
			return v, nil
		}
		return pictureUndefined, nil
	case isPictureIdent(c):
		r.ident() // a path into an input without that field
		return pictureUndefined, nil
	}
	return nil, fmt.Errorf("unexpected %q", r.src[r.pos:])
}

// statement: '$name' ':=' expr | expr
func (r *pictureReader) statement() (any, error) {
	save := r.pos
	r.space()
	if strings.HasPrefix(r.src[r.pos:], "$") {
		name := r.ident()
		if r.eat(":=") {
			v, err := r.expr()
			if err != nil {
				return nil, err
			}
			r.vars[name] = v
			return v, nil
		}
	}
	r.pos = save
	return r.expr()
}

func isPictureIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (r *pictureReader) ident() string {
	r.space()
	start := r.pos
	if r.pos < len(r.src) && r.src[r.pos] == '$' {
		r.pos++
	}
	for r.pos < len(r.src) && isPictureIdent(r.src[r.pos]) {
		r.pos++
	}
	return strings.TrimPrefix(r.src[start:r.pos], "$")
}

func (r *pictureReader) call() (string, []any, error) {
	name := r.ident()
	if !r.eat("(") {
		return "", nil, fmt.Errorf("expected ( after %s", name)
	}
	var args []any
	if r.eat(")") {
		return name, args, nil
	}
	for {
		v, err := r.expr()
		if err != nil {
			return "", nil, err
		}
		args = append(args, v)
		if r.eat(")") {
			return name, args, nil
		}
		if !r.eat(",") {
			return "", nil, fmt.Errorf("expected , at %d", r.pos)
		}
	}
}

func (r *pictureReader) str() (string, error) {
	quote := r.src[r.pos]
	r.pos++
	var b strings.Builder
	for r.pos < len(r.src) {
		c := r.src[r.pos]
		r.pos++
		switch c {
		case quote:
			return b.String(), nil
		case '\\':
			// the cases only escape quotes and backslashes
			b.WriteByte(r.src[r.pos])
			r.pos++
		default:
			b.WriteByte(c)
		}
	}
	return "", errors.New("unterminated string")
}

func (r *pictureReader) object() (*aslrt.Object, error) {
	r.pos++
	o := aslrt.NewObject(2)
	for !r.eat("}") {
		r.space()
		k, err := r.str()
		if err != nil {
			return nil, err
		}
		if !r.eat(":") {
			return nil, errors.New("expected :")
		}
		v, err := r.expr()
		if err != nil {
			return nil, err
		}
		o.Set(k, v)
		r.eat(",")
	}
	return o, nil
}

// callPicture calls a function of the suite's expressions as the evaluator's
// built-ins do: an undefined first argument gives undefined, an undefined
// optional argument is absent.
func callPicture(name string, args []any) (any, error) {
	for len(args) > 0 && args[len(args)-1] == pictureUndefined {
		args = args[:len(args)-1]
	}
	arg := func(i int) any {
		if i < len(args) {
			return args[i]
		}
		return pictureUndefined
	}
	str := func(i int) string {
		s, _ := arg(i).(string)
		return s
	}
	if arg(0) == pictureUndefined && name != "now" {
		return pictureUndefined, nil
	}
	switch name {
	case "formatNumber":
		var opts *aslrt.Object
		if o, ok := arg(2).(*aslrt.Object); ok {
			opts = o
		}
		return formatNumber(arg(0).(float64), str(1), opts)
	case "formatBase":
		radix := 10.0
		if r, ok := arg(1).(float64); ok {
			radix = roundHalfEven(r, 0)
		}
		return formatBase(arg(0).(float64), int(radix))
	case "formatInteger":
		return formatInteger(arg(0).(float64), str(1))
	case "parseInteger":
		return parseInteger(str(0), str(1))
	case "fromMillis":
		return formatDateTime(int64(math.Trunc(arg(0).(float64))), str(1), str(2))
	case "toMillis":
		ms, ok, err := parseDateTimeAt(str(0), str(1), pictureSuiteNow)
		if err != nil || !ok {
			return pictureUndefined, err
		}
		return float64(ms), nil
	case "now":
		return formatDateTime(pictureSuiteNow, "", "")
	case "substringBefore", "substringAfter":
		s, sep := str(0), str(1)
		before, after, found := strings.Cut(s, sep)
		switch {
		case !found:
			return s, nil
		case name == "substringBefore":
			return before, nil
		}
		return after, nil
	}
	return nil, fmt.Errorf("no function $%s", name)
}

// TestPictureReader checks the reader on the shapes it must accept, so that
// a suite case cannot pass by being misread.
func TestPictureReader(t *testing.T) {
	tests := []struct {
		expr string
		want any
	}{
		{`$formatBase(100, 2)`, "1100100"},
		{`$formatNumber(2392.14*(-36.58), "0.0")`, "-87504.5"},
		{`($ts := $toMillis('2018-01-01', '[Y]-[M]-[D]'); $fromMillis($ts, '[Y0001]') )`, "2018"},
		{`$toMillis('1970-01-01T00:00:00.001Z').[$fromMillis(), $fromMillis($, (), '+0100')]`, []any{"1970-01-01T00:00:00.001Z", "1970-01-01T01:00:00.001+01:00"}},
		{`$toMillis('1970-01-01T00:00:00.001Z') ~> $fromMillis() ~> $substringAfter('T')`, "00:00:00.001Z"},
		{`$formatInteger(nothing, '0')`, pictureUndefined},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			got, err := evalPictureExpr(tt.expr)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b *struct{ undefined bool }) bool { return a == b })); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
