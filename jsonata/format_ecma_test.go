package jsonata

import (
	"math"
	"testing"
	"time"
)

// The JavaScript semantics the formatters rest on. The expected values are
// what Node.js computes for the same expressions.

func TestJSToFixed(t *testing.T) {
	tests := []struct {
		x    float64
		dp   int
		want string
	}{
		{0.5, 0, "1"}, {2.5, 0, "3"}, {1.5, 0, "2"}, {-2.5, 0, "-3"}, // ties away from zero
		{0.125, 2, "0.13"}, {0.375, 2, "0.38"},
		{1.005, 2, "1.00"}, {0.045, 2, "0.04"}, // not ties: the binary values are below
		{1e21, 2, "1e+21"}, {123.456, 10, "123.4560000000"}, {1e-7, 3, "0.000"},
		{0, 2, "0.00"}, {5e-324, 2, "0.00"}, {999.9999, 2, "1000.00"},
	}
	for _, tt := range tests {
		if got := jsNumber(tt.x).toFixed(tt.dp); got != tt.want {
			t.Errorf("(%v).toFixed(%d) = %q, want %q", tt.x, tt.dp, got, tt.want)
		}
	}
}

func TestJSNumberString(t *testing.T) {
	tests := []struct {
		x    float64
		want string
	}{
		{1e21, "1e+21"}, {1e-7, "1e-7"}, {123456789012345680000, "123456789012345680000"}, {0.1, "0.1"},
		{-1.5e-10, "-1.5e-10"}, {math.MaxFloat64, "1.7976931348623157e+308"}, {5e-324, "5e-324"},
		{100, "100"}, {1e20, "100000000000000000000"}, {123e-20, "1.23e-18"}, {0.000001, "0.000001"},
		{math.Copysign(0, -1), "0"}, {math.NaN(), "NaN"}, {math.Inf(-1), "-Infinity"},
	}
	for _, tt := range tests {
		if got := jsNumber(tt.x).String(); got != tt.want {
			t.Errorf("String(%v) = %q, want %q", tt.x, got, tt.want)
		}
	}
}

func TestJSToRadix(t *testing.T) {
	tests := []struct {
		x     float64
		radix int
		want  string
	}{
		{255, 16, "ff"}, {-255, 2, "-11111111"}, {1 << 53, 10, "9007199254740992"},
		{9007199254740994, 2, "100000000000000000000000000000000000000000000000000010"},
		{1e21, 36, "5v1j4f4ds7c000"}, {0, 2, "0"}, {35, 36, "z"},
		{1e300, 36, "fhgyjdfcg7s00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"},
	}
	for _, tt := range tests {
		if got := jsNumber(tt.x).toRadix(tt.radix); got != tt.want {
			t.Errorf("(%v).toString(%d) = %q, want %q", tt.x, tt.radix, got, tt.want)
		}
	}
}

func TestParseIntJS(t *testing.T) {
	tests := []struct {
		s    string
		want float64 // NaN for none
	}{
		{"42", 42}, {"  42abc", 42}, {"-0x1A", -26}, {"+7", 7}, {"", math.NaN()}, {"abc", math.NaN()},
		{"1e3", 1}, {"\u00a0 9", 9}, {"0x", math.NaN()}, {"99999999999999999999999", 1e23},
	}
	for _, tt := range tests {
		got := parseIntJS(tt.s)
		if got != tt.want && !(math.IsNaN(got) && math.IsNaN(tt.want)) {
			t.Errorf("parseInt(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// TestDateArithmetic checks the calendar arithmetic against Go's time
// package, which is proleptic Gregorian too.
func TestDateArithmetic(t *testing.T) {
	for y := int64(-300000); y <= 300000; y += 997 {
		for m := range int64(12) {
			want := time.Date(int(y), time.Month(m+1), 1, 0, 0, 0, 0, time.UTC).Unix() / 86400
			if got := daysFromCivil(y, m); got != want {
				t.Fatalf("daysFromCivil(%d, %d) = %d, want %d", y, m, got, want)
			}
		}
	}
	// Date.UTC: two-digit years, month and day overflow, the range limit.
	if got := dateUTC(18, 0, 1, 0, 0, 0, 0); got != float64(time.Date(1918, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()) {
		t.Errorf("Date.UTC(18, 0) = %v", got)
	}
	if got := dateUTC(2018, 13, 32, 25, 61, 61, 1001); got != float64(time.Date(2019, 3, 5, 2, 2, 2, 1e6, time.UTC).UnixMilli()) {
		t.Errorf("Date.UTC(2018, 13, 32, 25, 61, 61, 1001) = %v", got)
	}
	if got := dateUTC(275760, 8, 14, 0, 0, 0, 0); !math.IsNaN(got) {
		t.Errorf("Date.UTC past the range = %v, want NaN", got)
	}
}
