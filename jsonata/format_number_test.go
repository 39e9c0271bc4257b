package jsonata

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	aslrt "github.com/aslc/aslc/runtime"
)

// checkPicture compares a result or an error code with the expected one.
func checkPicture(t *testing.T, got string, err error, want, wantCode string) {
	t.Helper()
	var jerr *Error
	switch {
	case wantCode != "":
		if !errors.As(err, &jerr) || jerr.Code != wantCode {
			t.Fatalf("got %q, %v; want error %s", got, err, wantCode)
		}
	case err != nil:
		t.Fatalf("unexpected error: %v", err)
	default:
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	}
}

// TestFormatNumber covers what the suite leaves out: rounding of ties,
// numbers of 1e21 and more, the suffix read as a fractional part, the
// exponent position quirk, multi-character properties. The expected values
// are the results of jsonata-js 2.0.6.
func TestFormatNumber(t *testing.T) {
	tests := []struct {
		n        float64
		picture  string
		opts     string // JSON object, or none
		want     string
		wantCode string
	}{
		{0.5, "0", "", "0", ""},
		{1.5, "0", "", "2", ""},
		{2.5, "0", "", "2", ""},
		{-2.5, "0", "", "-2", ""},
		{0.125, "0.00", "", "0.12", ""},
		{0.375, "0.00", "", "0.38", ""},
		{1.005, "0.00", "", "1.00", ""},
		{2.675, "0.00", "", "2.68", ""},
		{9.995, "0.00", "", "10.00", ""},
		{1234567.891, "#,##0.00", "", "1,234,567.89", ""},
		{1234567.891, "#,###,##0.###", "", "1,234,567.891", ""},
		{-1234.5, "#,##0.00;(#,##0.00)", "", "(1,234.50)", ""},
		{0, "0.0", "", "0.0", ""},
		{0.0001234, "0.000e0", "", "1.234e-4", ""},
		{1e+21, "#,##0", "", "1e,+21", ""},
		{5e-07, "0.0000000", "", "0.0000005", ""},
		{123456789012345678, "#,##0", "", "123,456,789,012,345,680", ""},
		{12.5, "#%", "", "1250%", ""},
		{0.25, "00.0%", "", "25.0%", ""},
		{0.0123, "0.0‰", "", "12.3‰", ""},
		{1234.5, "0 kg", "", "1234 kg", ""},
		{1234.5, "#,##0 units", "", "1,234 units", ""},
		{99.5, "$#,##0", "", "$100", ""},
		{-99.5, "$#,##0", "", "-$100", ""},
		{3.14159, "#.##", "", "3.14", ""},
		{3.14159, ".0000", "", "3.1416", ""},
		{0.5, "#", "", "0", ""},
		{1234.5678, "#,##0.0#,#", "", "1,234.56,8", ""},
		{100, "0.0e0", "", "10.0e1", ""},
		{123, "00e00", "", "12e01", ""},
		{1, "0.00e0", "", "1.00e0", ""},
		{1e+100, "0.0e0", "", "1.0e100", ""},
		{1.5e-10, "0.00e00", "", "1.50e-10", ""},
		{42, "$#0.00e0", "", "", "D3093"},
		{1234.5, "#.##0,00", "{\"decimal-separator\": \",\", \"grouping-separator\": \".\"}", "1.234,50", ""},
		{1234.5, "#,##0.00", "{\"minus-sign\": \"~\"}", "1,234.50", ""},
		{-1234.5, "#,##0.00", "{\"minus-sign\": \"~\"}", "~1,234.50", ""},
		{0.5, "#pc", "{\"percent\": \"pc\"}", "50pc", ""},
		{1234.5, "٠٬٠٠٠٫٠", "{\"zero-digit\": \"٠\", \"grouping-separator\": \"٬\", \"decimal-separator\": \"٫\"}", "١٬٢٣٤٫٥", ""},
		{12, "XX0", "{\"digit\": \"X\"}", "12", ""},
		{12.5, "0|(0)", "{\"pattern-separator\": \"|\"}", "12", ""},
		{-12.5, "0|(0)", "{\"pattern-separator\": \"|\"}", "(12)", ""},
		{2, "0", "{\"other\": 1}", "2", ""},
		{1000000, "#,##0", "{\"grouping-separator\": \" \"}", "", "D3086"},
		{1234.5, "0.0E0", "{\"exponent-separator\": \"E\"}", "1.2E3", ""},
	}
	for _, tt := range tests {
		t.Run(tt.picture+"/"+jsNumber(tt.n).String()+tt.opts, func(t *testing.T) {
			var opts *aslrt.Object
			if tt.opts != "" {
				opts = aslrt.MustDecode(tt.opts).(*aslrt.Object)
			}
			got, err := formatNumber(tt.n, tt.picture, opts)
			checkPicture(t, got, err, tt.want, tt.wantCode)
		})
	}
}

// TestFormatNumberExponentSign: jsonata-js never returns for zero or a
// negative number under an exponent picture (its scaling loop runs
// forever). Here the magnitude is scaled, so a negative number formats as
// its magnitude behind the minus sign, and zero as a zero mantissa with a
// zero exponent (F&O 4.7.5).
func TestFormatNumberExponentSign(t *testing.T) {
	for _, picture := range []string{"0.0e0", "00.000e0", "#.00e0", "0e00", "#,##0.0##e0"} {
		for _, n := range []float64{1234.5678, 0.000123, 1, 99.99} {
			pos, err := formatNumber(n, picture, nil)
			if err != nil {
				t.Fatal(err)
			}
			neg, err := formatNumber(-n, picture, nil)
			if err != nil {
				t.Fatal(err)
			}
			if neg != "-"+pos {
				t.Errorf("%s: %v gives %q, -%v gives %q", picture, n, pos, n, neg)
			}
		}
	}
	for picture, want := range map[string]string{"0.0e0": "0.0e0", "00.000e0": "00.000e0", "#.00e0": "0.00e0", "0e00": "0e00"} {
		got, err := formatNumber(0, picture, nil)
		checkPicture(t, got, err, want, "")
	}
}

// TestFormatNumberOptions: decimal-format properties that are not
// characters. The results are those of jsonata-js 2.0.6, except that a
// property that is not a string, or an empty zero-digit where the picture
// is otherwise valid, is error T0410 (a TypeError, or digits written as
// "undefined", in jsonata-js).
func TestFormatNumberOptions(t *testing.T) {
	tests := []struct {
		picture, opts  string
		want, wantCode string
	}{
		{"#,##0.00", `{"zero-digit": 0}`, "", "T0410"},
		{"#,##0.00", `{"zero-digit": ""}`, "", "D3086"},
		{"#", `{"zero-digit": ""}`, "", "T0410"},
		{"#,##0.00", `{"grouping-separator": ""}`, "", "D3089"},
		{"#,##0.00", `{"percent": ""}`, "", "D3082"},
		{"#,##0.00", `{"pattern-separator": ""}`, "", "D3080"},
		{"#,##0.00", `{"decimal-separator": "ab"}`, "", "D3086"},
		{"#,##0", `{"decimal-separator": "ab"}`, "1,234a", ""},
		{"#,##0.00", `{"unrelated": [1, 2]}`, "1,234.50", ""},
	}
	for _, tt := range tests {
		t.Run(tt.picture+tt.opts, func(t *testing.T) {
			got, err := formatNumber(1234.5, tt.picture, aslrt.MustDecode(tt.opts).(*aslrt.Object))
			checkPicture(t, got, err, tt.want, tt.wantCode)
		})
	}
}

// TestFormatNumberNonFinite: jsonata never produces NaN or infinite numbers
// (arithmetic overflow is an error), but the formatter answers them with
// the decimal-format's NaN and infinity properties, as F&O 4.7.5 says.
func TestFormatNumberNonFinite(t *testing.T) {
	inf := 1e308
	inf *= 10
	for _, tt := range []struct {
		n    float64
		want string
	}{{inf, "$Infinity"}, {-inf, "-$Infinity"}, {inf - inf, "NaN"}} {
		got, err := formatNumber(tt.n, "$#,##0.00", nil)
		checkPicture(t, got, err, tt.want, "")
	}
}

// TestFormatBase: the expected values are the results of jsonata-js 2.0.6.
// The radix is rounded by the caller, half to even, as $round does.
func TestFormatBase(t *testing.T) {
	tests := []struct {
		n, radix float64
		want     string
		wantCode string
	}{
		{255, 16, "ff", ""},
		{-255, 16, "-ff", ""},
		{255, 16.5, "ff", ""},
		{255, 17.5, "e3", ""},
		{0.5, 2, "0", ""},
		{1.5, 2, "10", ""},
		{2.5, 10, "2", ""},
		{1e+21, 10, "1e+21", ""},
		{9007199254740994, 2, "100000000000000000000000000000000000000000000000000010", ""},
		{1e+21, 36, "5v1j4f4ds7c000", ""},
		{-0.4, 2, "0", ""},
		{35, 36, "z", ""},
		{255, 1, "", "D3100"},
		{255, 37, "", "D3100"},
	}
	for _, tt := range tests {
		t.Run(jsNumber(tt.n).String()+"/"+jsNumber(tt.radix).String(), func(t *testing.T) {
			got, err := formatBase(tt.n, int(roundHalfEven(tt.radix, 0)))
			checkPicture(t, got, err, tt.want, tt.wantCode)
		})
	}
}
