package jsonata

import (
	"errors"
	"math"
	"testing"
)

// TestFormatInteger covers what the suite leaves out; the expected values
// are the results of jsonata-js 2.0.6 (including its grouping of numbers
// shorter than the picture).
func TestFormatInteger(t *testing.T) {
	tests := []struct {
		n        float64
		picture  string
		want     string
		wantCode string
	}{
		{1e+21, "0", "1e+21", ""},
		{1e+21, "#,##0", "1e,+21", ""},
		{12, "#:###,##0", ",:12", ""},
		{123, "#:##,0", ":12,3", ""},
		{1, "#:#0", "1", ""},
		{-1234, "#,##0;o", "-1,234th", ""},
		{111, "0;o", "111th", ""},
		{112, "0;o", "112th", ""},
		{1011, "#,##0;o", "1,011th", ""},
		{0, "w;o", "zeroth", ""},
		{-5, "a", "-e", ""},
		{0, "a", "", ""},
		{702, "A", "ZZ", ""},
		{703, "A", "AAA", ""},
		{3999, "I", "MMMCMXCIX", ""},
		{4000, "i", "mmmm", ""},
		{-12, "I", "-XII", ""},
		{1000000000000000, "w", "one thousand trillion", ""},
		{9007199254740992, "W", "NINE THOUSAND AND SEVEN TRILLION, ONE HUNDRED AND NINETY-NINE BILLION, TWO HUNDRED AND FIFTY-FOUR MILLION, SEVEN HUNDRED AND FORTY THOUSAND, NINE HUNDRED AND NINETY-TWO", ""},
		{101, "Ww;o", "One Hundred and First", ""},
		{1000000, "w;o", "one millionth", ""},
		{12.9, "0", "12", ""},
		{-12.1, "0", "-13", ""},
		{123, "٠٠٠٠", "٠١٢٣", ""},
		{1234567, "#,##٠", "١,٢٣٤,٥٦٧", ""},
		{5, "00;c", "05", ""},
		{12, "0;o0", "12th", ""},
	}
	for _, tt := range tests {
		t.Run(tt.picture+"/"+jsNumber(tt.n).String(), func(t *testing.T) {
			got, err := formatInteger(tt.n, tt.picture)
			checkPicture(t, got, err, tt.want, tt.wantCode)
		})
	}
}

// TestFormatIntegerLimits: jsonata-js overflows its stack on roman numerals
// above about eight million and on words for NaN; both are errors here.
func TestFormatIntegerLimits(t *testing.T) {
	got, err := formatInteger(5_000_000, "I")
	if err != nil || len(got) != 5000 {
		t.Errorf("5e6 in roman numerals: %d characters, %v", len(got), err)
	}
	for _, n := range []float64{1e8, 1e300} {
		if _, err := formatInteger(n, "I"); !isCode(err, "D3130") {
			t.Errorf("%v in roman numerals: %v, want D3130", n, err)
		}
	}
	f, err := analyseIntegerPicture("w")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.format(math.NaN()); !isCode(err, "D3130") {
		t.Errorf("NaN in words: %v, want D3130", err)
	}
}

func isCode(err error, code string) bool {
	var jerr *Error
	return errors.As(err, &jerr) && jerr.Code == code
}

// TestParseInteger covers what the suite leaves out; the expected values
// are the results of jsonata-js 2.0.6, which reads digits with parseInt and
// does not check the text against the picture. Where jsonata-js returns NaN
// the result is error D3030.
func TestParseInteger(t *testing.T) {
	tests := []struct {
		s, picture string
		want       float64
		wantCode   string
	}{
		{"1,234", "0", 1, ""},
		{"0x1A", "0", 26, ""},
		{"  42", "0", 42, ""},
		{"42abc", "0", 42, ""},
		{"１２", "０", 12, ""},
		{"1.234", "#.##0", 1, ""},
		{"1,234", "#,##0", 1234, ""},
		{"1:234,567", "#:###,##0", 1234567, ""},
		{"12th", "0;o", 12, ""},
		{"Five Hundred and Fifty-Five", "Ww", 555, ""},
		{"one million, two hundred thousand and five", "w", 1200005, ""},
		{"nineteen hundred", "w", 1900, ""},
		{"MMXXIV", "I", 2024, ""},
		{"mmxxiv", "i", 2024, ""},
		{"mmxxiv", "I", 0, "D3030"},
		{"zz", "a", 702, ""},
		{"AAA", "A", 703, ""},
		{"", "a", 0, ""},
		{"abc", "0", 0, "D3030"},
		{"one zillion", "w", 0, "D3030"},
	}
	for _, tt := range tests {
		t.Run(tt.picture+"/"+tt.s, func(t *testing.T) {
			got, err := parseInteger(tt.s, tt.picture)
			switch {
			case tt.wantCode != "":
				if !isCode(err, tt.wantCode) {
					t.Fatalf("got %v, %v; want error %s", got, err, tt.wantCode)
				}
			case err != nil:
				t.Fatal(err)
			case got != tt.want:
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestIntegerRoundTrip: what formatInteger writes, parseInteger reads back.
func TestIntegerRoundTrip(t *testing.T) {
	pictures := []string{"0", "#,##0", "0000", "#,##0;o", "a", "A", "i", "I", "w", "W", "Ww", "w;o", "٠", "#,##０"}
	for _, picture := range pictures {
		for _, n := range []float64{1, 7, 12, 19, 20, 21, 99, 100, 101, 999, 1000, 1001, 3999, 12345, 1000000, 1234567890} {
			if (picture == "i" || picture == "I") && n > 4000 {
				continue
			}
			s, err := formatInteger(n, picture)
			if err != nil {
				t.Fatal(err)
			}
			got, err := parseInteger(s, picture)
			if err != nil || got != n {
				t.Errorf("%s: %v → %q → %v, %v", picture, n, s, got, err)
			}
		}
	}
}
