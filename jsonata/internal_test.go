package jsonata

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFormatNumberJS(t *testing.T) {
	a, b := 0.1, 0.2
	tests := []struct {
		f    float64
		want string
	}{
		{0, "0"}, {1, "1"}, {-1, "-1"}, {1.5, "1.5"}, {a + b, "0.30000000000000004"},
		{1e21, "1e+21"}, {1e20, "100000000000000000000"}, {123456789012345680000, "123456789012345680000"},
		{1e-7, "1e-7"}, {1.5e-7, "1.5e-7"}, {0.000001, "0.000001"}, {-2.5e-8, "-2.5e-8"},
		{math.Pow(2, 60), "1152921504606847000"}, {9007199254740992, "9007199254740992"},
		{1.7976931348623157e308, "1.7976931348623157e+308"}, {5e-324, "5e-324"},
		{math.Inf(1), "Infinity"}, {math.NaN(), "NaN"},
	}
	for _, tc := range tests {
		if got := formatNumberJS(tc.f); got != tc.want {
			t.Errorf("formatNumberJS(%v) = %q, want %q", tc.f, got, tc.want)
		}
	}
}

func TestRoundHalfEven(t *testing.T) {
	tests := []struct{ x, p, want float64 }{
		{2.5, 0, 2}, {3.5, 0, 4}, {-2.5, 0, -2}, {1.005, 2, 1}, {1.015, 2, 1.02},
		{3.14159, 2, 3.14}, {12345, -2, 12300}, {12350, -2, 12400}, {-0.4, 0, 0},
	}
	for _, tc := range tests {
		if got := roundHalfEven(tc.x, tc.p); got != tc.want || got == 0 && math.Signbit(got) {
			t.Errorf("roundHalfEven(%v, %v) = %v, want %v", tc.x, tc.p, got, tc.want)
		}
	}
}

func TestRegexTranslation(t *testing.T) {
	tests := []struct {
		expr string
		want string
	}{
		{`$match("a\u00e9b", /\u00e9/).index`, `1`},
		{`$contains("x/y", /x\/y/)`, `true`},
		{`$contains("a\u000bb", /a\sb/)`, `true`}, // \s includes \v in JavaScript
		{`$contains("a\rb", /a.b/)`, `false`},     // . does not match \r in JavaScript
		{`$replace("2024-05-06", /(?<y>\d+)-(\d+)/, "$2")`, `"05-06"`},
		{`$split("a1b2c", /[^a-z]/)`, `["a","b","c"]`},
		{`$contains("AbC", /abc/i)`, `true`},
		{`$match("a\nb", /^b/m).index`, `2`},
		{`$match("😀x", /x/).index`, `2`}, // UTF-16 positions
	}
	for _, tc := range tests {
		t.Run(tc.expr, func(t *testing.T) {
			v, err := MustParse(tc.expr).Evaluate(Undefined, nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, mustJSON(t, v)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
	for _, src := range []string{`/(a)\1/`, `/a(?=b)/`, `/(?<!x)y/`} {
		_, err := Parse(src)
		var je *Error
		if !errors.As(err, &je) || je.Code != "S0303" {
			t.Errorf("Parse(%s) = %v, want S0303", src, err)
		}
	}
}

func TestSignatures(t *testing.T) {
	tests := []struct {
		sig   string
		args  []Value
		want  []Value
		code  string
		index int
	}{
		{sig: "<s-nn?:s>", args: []Value{"abc", int64(1)}, want: []Value{"abc", int64(1), Undefined}},
		{sig: "<s-nn?:s>", args: []Value{int64(1)}, want: []Value{"ctx", int64(1), Undefined}},
		{sig: "<a<n>:n>", args: []Value{int64(5)}, want: []Value{[]Value{int64(5)}}},
		{sig: "<a<n>:n>", args: []Value{[]Value{"x"}}, code: "T0412", index: 1},
		{sig: "<nn:n>", args: []Value{int64(1), "x"}, code: "T0410", index: 2},
		{sig: "<nn:n>", args: []Value{int64(1), int64(2), int64(3)}, code: "T0410", index: 3},
		{sig: "<a+>", args: []Value{int64(1), []Value{int64(2)}}, want: []Value{[]Value{int64(1)}, []Value{int64(2)}}},
		{sig: "<n-:n>", args: nil, code: "T0411", index: 1},
	}
	for _, tc := range tests {
		s, err := parseSignature(tc.sig)
		if err != nil {
			t.Fatalf("%s: %v", tc.sig, err)
		}
		ctx := Value("ctx")
		got, verr := s.validate(tc.args, ctx)
		if tc.code != "" {
			var je *Error
			if !errors.As(verr, &je) || je.Code != tc.code || je.Index != tc.index {
				t.Errorf("%s %v: got %v, want %s at %d", tc.sig, tc.args, verr, tc.code, tc.index)
			}
			continue
		}
		if verr != nil {
			t.Errorf("%s %v: %v", tc.sig, tc.args, verr)
			continue
		}
		if diff := cmp.Diff(tc.want, got, cmp.Comparer(func(a, b UndefinedValue) bool { return true })); diff != "" {
			t.Errorf("%s %v (-want +got)\n%s", tc.sig, tc.args, diff)
		}
	}
	for _, bad := range []string{"<n<s>>", "<(a<s>)>"} {
		if _, err := parseSignature(bad); err == nil {
			t.Errorf("parseSignature(%s) accepted", bad)
		}
	}
}

func TestURLFunctions(t *testing.T) {
	tests := []struct{ expr, want string }{
		{`$encodeUrlComponent("a b&c=d/é")`, `"a%20b%26c%3Dd%2F%C3%A9"`},
		{`$encodeUrl("https://x.io/a b?q=é#f")`, `"https://x.io/a%20b?q=%C3%A9#f"`},
		{`$decodeUrlComponent("a%20b%26%C3%A9")`, `"a b&é"`},
		{`$decodeUrl("a%20b%26c%2F")`, `"a b%26c%2F"`},
	}
	for _, tc := range tests {
		v, err := MustParse(tc.expr).Evaluate(Undefined, nil)
		if err != nil {
			t.Errorf("%s: %v", tc.expr, err)
			continue
		}
		if got := mustJSON(t, v); got != tc.want {
			t.Errorf("%s = %s, want %s", tc.expr, got, tc.want)
		}
	}
	for _, bad := range []string{`$decodeUrlComponent("%E0%A4%A")`, `$decodeUrl("%")`, `$decodeUrlComponent("%C0%80")`} {
		_, err := MustParse(bad).Evaluate(Undefined, nil)
		var je *Error
		if !errors.As(err, &je) || je.Code != "D3140" {
			t.Errorf("%s: got %v, want D3140", bad, err)
		}
	}
}

func TestCompareStrings(t *testing.T) {
	// JavaScript orders by UTF-16 code units: U+FF5E sorts after U+1F600
	// in UTF-8 byte order but before it in UTF-16.
	if compareStrings("\uff5e", "\U0001f600") <= 0 {
		t.Error("U+FF5E should sort after U+1F600 (its UTF-16 unit 0xFF5E > 0xD83D)")
	}
	if compareStrings("abc", "abd") >= 0 || compareStrings("ab", "abc") >= 0 || compareStrings("b", "a") <= 0 {
		t.Error("ASCII order")
	}
}

func TestStringOfLargeIntegers(t *testing.T) {
	for _, tc := range []struct {
		v    Value
		want string
	}{
		{int64(123456789012345678), `123456789012346000`},
		{int64(999999999999999), `999999999999999`},
		{int64(-1234567890123456789), `-1234567890123460000`},
	} {
		got, err := toJSONataString(tc.v, false)
		if err != nil || got != tc.want {
			t.Errorf("$string(%v) = %q, %v; want %q", tc.v, got, err, tc.want)
		}
	}
}
