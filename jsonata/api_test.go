package jsonata

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	aslrt "github.com/aslc/aslc/runtime"
	"github.com/google/go-cmp/cmp"
)

func mustJSON(t *testing.T, v Value) string {
	t.Helper()
	if IsUndefined(v) {
		return "undefined"
	}
	s, err := stringify(v, false, false)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustJSONValue(v Value) string {
	s, _ := stringify(v, false, false)
	return s
}

func TestEvaluateValues(t *testing.T) {
	input := aslrt.MustDecode(`{"a": 1, "b": 2.5, "big": 9007199254740993, "n": null, "z": {"y": 1, "x": 2}}`)
	tests := []struct {
		name  string
		expr  string
		input Value
		want  string
	}{
		{"integral results are int64", "a + 2", input, "3"},
		{"fractions are float64", "b * 3", input, "7.5"},
		{"null is a value", "n", input, "null"},
		{"missing is undefined", "missing", input, "undefined"},
		{"member order is kept", "z", input, `{"y":1,"x":2}`},
		{"$keys in order", "$keys(z)", input, `["y","x"]`},
		{"$string in order", "$string(z)", input, `"{\"y\":1,\"x\":2}"`},
		{"undefined input", "$exists($)", Undefined, "false"},
		{"null input", "$type($)", nil, `"null"`},
		{"array input is one value", "$count($)", aslrt.MustDecode(`[1,2,3]`), "3"},
		{"array input path", "$[1]", aslrt.MustDecode(`[1,2,3]`), "2"},
		{"sequence of one is the value", "z.y", input, "1"},
		{"keep array with []", "z.y[]", input, "[1]"},
		{"1e21 prints like JavaScript", "$string(1e21)", input, `"1e+21"`},
		{"0.1 + 0.2", "0.1 + 0.2", input, "0.30000000000000004"},
		{"constructed array in a path is one item", "a.[b,c].$string()", aslrt.MustDecode(`{"a":{"b":1,"c":2}}`), `"[1,2]"`},
		{"constructed array in a path over an array", "a.[b,c].$string()", aslrt.MustDecode(`[{"a":{"b":1,"c":2}}]`), `"[1,2]"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := MustParse(tc.expr).Evaluate(tc.input, nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, mustJSON(t, v)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
	// integers beyond 2^53 keep their exact value
	if v, err := MustParse("big").Evaluate(input, nil); err != nil || v != int64(9007199254740993) {
		t.Errorf("big = %v, %v", v, err)
	}
	// integral numbers come back as int64, others as float64
	v, _ := MustParse("a + 2").Evaluate(input, nil)
	if _, ok := v.(int64); !ok {
		t.Errorf("a + 2 gave a %T, want int64", v)
	}
	v, _ = MustParse("b * 3").Evaluate(input, nil)
	if _, ok := v.(float64); !ok {
		t.Errorf("b * 3 gave a %T, want float64", v)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		expr, code, message string
		position            int
	}{
		{"$undefinedFn(1)", "T1006", "Attempted to invoke a non-function", 13},
		{"'a' + 1", "T2001", `The left side of the "+" operator must evaluate to a number`, 5},
		{"$min(2, 3)", "T0410", `Argument 2 of function "min" does not match function signature`, 5},
		{"$number('abc')", "D3030", `Unable to cast value to a number: "abc"`, 8},
		{"$error('boom')", "D3137", "boom", 7},
		{"{'a': 1, 'a': 2}", "D1009", `Multiple key definitions evaluate to same key: "a"`, 1},
		{"1 +", "S0207", "Unexpected end of expression", 3},
		{"$x ?: 1", "S0211", `The symbol ":" cannot be used as a unary operator`, 5},
		{"$x ?? 1", "S0211", `The symbol "?" cannot be used as a unary operator`, 5},
		{"'unterminated", "S0101", "String literal must be terminated by a matching quote", 13},
	}
	for _, tc := range tests {
		t.Run(tc.expr, func(t *testing.T) {
			var err error
			if e, perr := Parse(tc.expr); perr != nil {
				err = perr
			} else {
				_, err = e.Evaluate(Undefined, nil)
			}
			var je *Error
			if !errors.As(err, &je) {
				t.Fatalf("got %v, want an *Error", err)
			}
			got := struct {
				Code, Message string
				Position      int
			}{je.Code, je.Message, je.Position}
			want := struct {
				Code, Message string
				Position      int
			}{tc.code, tc.message, tc.position}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestParseDepthLimit(t *testing.T) {
	for _, src := range []string{
		strings.Repeat("(", 100000) + "1" + strings.Repeat(")", 100000),
		strings.Repeat("-", 100000) + "1",
		strings.Repeat("[", 100000) + strings.Repeat("]", 100000),
		strings.Repeat("a.", 100000) + "b",
	} {
		_, err := Parse(src)
		var je *Error
		if !errors.As(err, &je) || je.Code != "S0600" {
			t.Errorf("Parse(%.20q...) = %v, want S0600", src, err)
		}
	}
	// moderately deep expressions parse, and long chains
	for _, src := range []string{
		strings.Repeat("(", 200) + "1" + strings.Repeat(")", 200),
		strings.Repeat("a.", 3000) + "b",
		strings.Repeat("1 + ", 3000) + "1",
	} {
		if _, err := Parse(src); err != nil {
			t.Errorf("Parse(%.20q...): %v", src, err)
		}
	}
}

func TestLimits(t *testing.T) {
	deep, err := NewEnv(WithMaxDepth(100))
	if err != nil {
		t.Fatal(err)
	}
	recursive := MustParse(`($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(1000))`)
	_, err = recursive.EvaluateWith(context.Background(), deep, Undefined, nil)
	var je *Error
	if !errors.As(err, &je) || je.Code != "U1001" || !strings.HasPrefix(je.Message, "Stack overflow error") {
		t.Errorf("deep recursion: got %v, want U1001 stack overflow", err)
	}
	// tail calls do not count against the depth
	tail := MustParse(`($f := function($n, $acc){ $n = 0 ? $acc : $f($n - 1, $acc + 1) }; $f(100000, 0))`)
	v, err := tail.EvaluateWith(context.Background(), deep, Undefined, nil)
	if err != nil || v != int64(100000) {
		t.Errorf("tail recursion: got %v, %v; want 100000", v, err)
	}
	// a runaway loop stops at the time limit
	quick, err := NewEnv(WithTimeLimit(50 * time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	loop := MustParse(`($f := function(){ $f() }; $f())`)
	start := time.Now()
	_, err = loop.EvaluateWith(context.Background(), quick, Undefined, nil)
	if !errors.As(err, &je) || je.Code != "U1001" || !strings.Contains(je.Message, "timeout") {
		t.Errorf("endless loop: got %v, want U1001 timeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("endless loop ran for %v", d)
	}
	// runaway memory stops too
	for _, src := range []string{
		`$reduce([1..40], function($a, $b){ $a & $a }, "x")`,
		`$count([1..200].[1..100000])`,
		`$pad("x", 1e9)`,
	} {
		_, err := MustParse(src).Evaluate(Undefined, nil)
		if !errors.As(err, &je) || je.Code != "U1001" || !strings.HasPrefix(je.Message, "Expression evaluation memory limit exceeded") {
			t.Errorf("%s: got %v, want U1001 memory limit", src, err)
		}
	}
	// values nested too deeply to walk
	for _, src := range []string{`$string($v)`, `$clone($v)`, `$count($v.**)`} {
		deepV := Value(int64(1))
		for i := 0; i < 20000; i++ {
			deepV = []Value{deepV}
		}
		_, err := MustParse(src).Evaluate(Undefined, map[string]Value{"v": aslrt.ObjectOf(aslrt.Member{Key: "a", Value: deepV})})
		if !errors.As(err, &je) || je.Code != "U1001" {
			t.Errorf("%s of a deep value: got %v, want U1001", src, err)
		}
	}
	// and at the context's cancellation
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = loop.EvaluateWith(ctx, nil, Undefined, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: got %v, want context.Canceled", err)
	}
}

func TestRegisteredFunctions(t *testing.T) {
	env, err := NewEnv(
		WithFunction("greet", "<s-s?:s>", func(c *Call, args []Value) (Value, error) {
			greeting := "Hello"
			if s, ok := args[1].(string); ok {
				greeting = s
			}
			return greeting + ", " + args[0].(string), nil
		}),
		WithFunction("twice", "<f>", func(c *Call, args []Value) (Value, error) {
			f := args[0]
			return c.Apply(f, []Value{int64(1), int64(2)}...)
		}),
		WithFunction("fail", "", func(c *Call, args []Value) (Value, error) {
			return nil, errors.New("plain Go error")
		}),
		WithFunction("concat", "", func(c *Call, args []Value) (Value, error) {
			s := ""
			for _, a := range args {
				s += mustJSONValue(a)
			}
			return s, nil
		}),
		WithoutFunctions("eval"),
	)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ expr, want string }{
		{`$greet("Ada")`, `"Hello, Ada"`},
		{`name.$greet()`, `"Hello, Grace"`},
		{`$greet("Ada", "Hi")`, `"Hi, Ada"`},
		{`$twice(function($a, $b){ $a + $b })`, `3`},
		{`$map(["x", "y"], function($v){ $greet($v) })`, `["Hello, x","Hello, y"]`},
		{`$concat(?, "-", ?)("a", "b")`, `"\"a\"\"-\"\"b\""`},
	}
	input := aslrt.MustDecode(`{"name": "Grace"}`)
	for _, tc := range tests {
		t.Run(tc.expr, func(t *testing.T) {
			v, err := MustParse(tc.expr).EvaluateWith(context.Background(), env, input, nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, mustJSON(t, v)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
	_, err = MustParse(`$greet(1)`).EvaluateWith(context.Background(), env, input, nil)
	var je *Error
	if !errors.As(err, &je) || je.Code != "T0410" || je.Token != "greet" {
		t.Errorf("$greet(1): got %v, want T0410 for greet", err)
	}
	_, err = MustParse(`$eval("1")`).EvaluateWith(context.Background(), env, input, nil)
	if !errors.As(err, &je) || je.Code != "T1006" {
		t.Errorf("$eval removed: got %v, want T1006", err)
	}
	_, err = MustParse(`$fail()`).EvaluateWith(context.Background(), env, input, nil)
	if err == nil || err.Error() != "plain Go error" {
		t.Errorf("$fail(): got %v", err)
	}
	// the default environment is unchanged
	if v, err := MustParse(`$eval("1 + 1")`).Evaluate(Undefined, nil); err != nil || v != int64(2) {
		t.Errorf("default $eval: %v, %v", v, err)
	}
	if _, err := NewEnv(WithFunction("bad", "<q", nil)); err == nil {
		t.Error("a function without implementation was accepted")
	}
}

func TestFunctionResults(t *testing.T) {
	v, err := MustParse(`function($x){ $x }`).Evaluate(Undefined, nil)
	if err != nil || !IsFunction(v) {
		t.Errorf("lambda result: %v (%T), %v", v, v, err)
	}
	if Arity(v) != 1 {
		t.Errorf("Arity = %d, want 1", Arity(v))
	}
	v, err = MustParse(`$uppercase`).Evaluate(Undefined, nil)
	if err != nil || !IsFunction(v) {
		t.Errorf("built-in result: %v (%T), %v", v, v, err)
	}
}

func TestStepFunctionsFunctions(t *testing.T) {
	seq := uint64(0)
	env, err := NewEnv(StepFunctionsFunctions(func() uint64 { seq += 0x9E3779B97F4A7C15; return seq }), WithoutFunctions("eval"))
	if err != nil {
		t.Fatal(err)
	}
	eval := func(src string) Value {
		t.Helper()
		v, err := MustParse(src).EvaluateWith(context.Background(), env, Undefined, nil)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		return v
	}
	tests := []struct{ expr, want string }{
		{`$partition([1,2,3,4,5], 2)`, `[[1,2],[3,4],[5]]`},
		{`$range(0, 10, 5)`, `[0,5,10]`},
		{`$range(1, 9, 9)`, `1`}, // A16.11: a single value is not an array
		{`$parse("-0")`, `0`},    // A16.11
		{`$hash("input data", "SHA-1")`, `"aaff4a450a104cd177d28d18d74485e8cae074b7"`},
		{`$random(7) = $random(7)`, `true`},
	}
	for _, tc := range tests {
		if got := mustJSON(t, eval(tc.expr)); got != tc.want {
			t.Errorf("%s = %s, want %s", tc.expr, got, tc.want)
		}
	}
	u, _ := eval(`$uuid()`).(string)
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(u) {
		t.Errorf("$uuid() = %q", u)
	}
	if r, _ := eval(`$random()`).(float64); r < 0 || r >= 1 {
		t.Errorf("$random() = %v", r)
	}
	for _, src := range []string{`$partition([1], 0)`, `$hash("x", "SHA-3")`, `$parse("{")`, `$range(1, 2, 0)`} {
		_, err := MustParse(src).EvaluateWith(context.Background(), env, Undefined, nil)
		var je *Error
		if !errors.As(err, &je) {
			t.Errorf("%s: got %v, want an *Error", src, err)
		}
	}
}

func TestConstructorsDoNotShareInput(t *testing.T) {
	// a transform changes a copy; the input stays as it was
	input := aslrt.MustDecode(`{"a": {"b": 1}}`)
	before := aslrt.EncodeString(input)
	v, err := MustParse(`$ ~> | a | {'b': 2, 'c': 3} |`).Evaluate(input, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := mustJSON(t, v); got != `{"a":{"b":2,"c":3}}` {
		t.Errorf("transform result %s", got)
	}
	if after := aslrt.EncodeString(input); after != before {
		t.Errorf("input changed from %s to %s", before, after)
	}
}

func TestZeroEnv(t *testing.T) {
	var env Env
	v, err := MustParse(`$millis() > 0 and $random() < 1 and $sum([1, 2]) = 3`).EvaluateWith(context.Background(), &env, Undefined, nil)
	if err != nil || v != true {
		t.Errorf("zero Env: %v, %v", v, err)
	}
}

func TestEnvWith(t *testing.T) {
	base, err := NewEnv(StepFunctionsFunctions(nil), WithoutFunctions("eval"))
	if err != nil {
		t.Fatal(err)
	}
	fixed := time.Date(2024, 5, 6, 7, 8, 9, 123e6, time.UTC)
	n := uint64(0)
	exec, err := base.With(WithClock(func() time.Time { return fixed }), WithRandomSource(func() uint64 { n++; return n << 40 }),
		WithFunction("double", "<n:n>", func(c *Call, args []Value) (Value, error) {
			f, _ := aslrt.Float(args[0])
			return aslrt.NumberValue(2 * f), nil
		}))
	if err != nil {
		t.Fatal(err)
	}
	v, err := MustParse(`[$now(), $millis(), $uuid(), $double(2)]`).EvaluateWith(context.Background(), exec, Undefined, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := `["2024-05-06T07:08:09.123Z",1714979289123,"00000000-0001-4000-8000-000000020000",4]`
	if got := mustJSON(t, v); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	// the base environment is unchanged
	if _, err := MustParse(`$double(2)`).EvaluateWith(context.Background(), base, Undefined, nil); err == nil {
		t.Error("$double leaked into the base Env")
	}
	if _, err := MustParse(`$eval("1")`).EvaluateWith(context.Background(), exec, Undefined, nil); err == nil {
		t.Error("$eval came back in the derived Env")
	}
}
