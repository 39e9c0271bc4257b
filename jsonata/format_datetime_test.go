package jsonata

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// TestFormatDateTime covers what the suite leaves out; the expected values
// are the results of jsonata-js 2.0.6: years before 1 and after 9999, Date's
// range ends, the two-digit-year rule of Date.UTC in week numbers, time
// zones split as floor(tz/100) hours and tz%100 minutes, unknown components
// written as "undefined", white space in markers.
func TestFormatDateTime(t *testing.T) {
	tests := []struct {
		millis            int64
		picture, timezone string
		want, wantCode    string
	}{
		{1521801216617, "[Y0001]-[M01]-[D01]", "", "2018-03-23", ""},
		{-62198755200000, "[Y0001]-[M01]-[D01] [FNn]", "", "-0001-01-01 Friday", ""},
		{-62198755200000, "[Y]", "", "-1", ""},
		{-1000000000000, "[Y,2]", "", "38", ""},
		{-60000000000000, "[W] [w] [X] [x]", "", "36 1 67 8", ""},
		{-62162035200000, "[d] [W]", "", "60 9", ""},
		{-8640000000000000, "[Y]-[M]-[D] [d] [W] [w] [X] [x]", "", "-271821-4-20 NaN NaN NaN -271821 4", ""},
		{8640000000000000, "[Y]-[M]-[D] [d] [W] [w]", "", "275760-9-13 257 37 2", ""},
		{0, "[Z0]", "-0530", "-6:-30", ""},
		{0, "[Z]", "-0530", "-06:30", ""},
		{0, "[z]", "+0100", "GMT+01:00", ""},
		{0, "[Z0]", "+0545", "+5:45", ""},
		{0, "[Z01:01t]", "0000", "Z", ""},
		{0, "[H]:[m]", "+1345", "13:45", ""},
		{1521801216617, "[MNn,3-3] [FNn,*-2] [MN,1-1]", "", "Mar Fr M", ""},
		{1521801216005, "[f1] [f001] [f01]", "", "5 005 05", ""},
		{1521763200000, "[h]:[m] [P] [PN] [Pn]", "", "12:00 am AM am", ""},
		{1521810000000, "[h] [P]", "", "1 pm", ""},
		{1521801216617, "[Mwo] [Dwo] [YI] [M#1] [D#1,2]", "", "third twenty-third MMXVIII 3 23", ""},
		{1521801216617, "[Y9,999,*]", "", "2,018", ""},
		{1521801216617, "[Y0001,2-2] [Y,2-*] [Y##1]", "", "18 18 18", ""},
		{1521801216617, "[q1] [C] [E] [k01]", "", "undefined ISO ISO undefined", ""},
		{1521801216617, "Literal ]] [[ ] text", "", "Literal ] [ ] text", ""},
		{1521801216617, "[ Y 0 0 0 1 ]-[M\t01]", "", "2018-03", ""},
		{1521801216617, "[Y٠٠٠١]-[M٠١]", "", "٢٠١٨-٠٣", ""},
		{1521801216617, "[D01:01]", "", "00:23", ""},
		{1521801216617, "[YWw]", "", "Two Thousand and Eighteen", ""},
		{1521801216617, "[Y]", " +0100", "2018", ""},
	}
	for _, tt := range tests {
		t.Run(tt.picture+"/"+tt.timezone, func(t *testing.T) {
			got, err := formatDateTime(tt.millis, tt.picture, tt.timezone)
			checkPicture(t, got, err, tt.want, tt.wantCode)
		})
	}
}

// TestFormatDateTimeErrors: where jsonata-js writes NaN into the result (an
// instant a Date cannot hold, a time zone that is not a number) the result
// is an error; picture errors come first, as they do in jsonata-js.
func TestFormatDateTimeErrors(t *testing.T) {
	tests := []struct {
		millis            int64
		picture, timezone string
		wantCode          string
	}{
		{9e15, "", "", "D3110"},
		{8.64e15, "[Y]", "+0100", "D3110"},
		{8.64e15, "[Y] [YN]", "+0100", "D3133"},
		{8.64e15, "[Y] [Z010101]", "+0100", "D3134"},
		{0, "[Y]", "abc", "D3030"},
		{0, "[Y]", "+", "D3030"},
		{0, "[Y", "", "D3135"},
		{0, "[]", "", "D3132"},
		{0, "[fN]", "", "D3133"}, // a TypeError in jsonata-js
		{0, "[Yα]", "", "D3130"},
	}
	for _, tt := range tests {
		t.Run(tt.picture+"/"+tt.timezone, func(t *testing.T) {
			got, err := formatDateTime(tt.millis, tt.picture, tt.timezone)
			checkPicture(t, got, err, "", tt.wantCode)
		})
	}
}

// TestFormatDateTimeCalendar checks the calendar fields against Go's time
// package (both proleptic Gregorian, UTC) across the range of dates.
func TestFormatDateTimeCalendar(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		ms := r.Int64N(2*8.64e15) - 8.64e15
		if r.IntN(2) == 0 {
			ms = r.Int64N(4e12) - 2e12
		}
		got, err := formatDateTime(ms, "[Y] [M] [D] [H] [m1] [s1] [f] [F1]", "")
		if err != nil {
			t.Fatal(err)
		}
		tm := time.UnixMilli(ms).UTC()
		wd := int(tm.Weekday())
		if wd == 0 {
			wd = 7
		}
		want := fmt.Sprintf("%d %d %d %d %d %d %d %d", tm.Year(), tm.Month(), tm.Day(), tm.Hour(), tm.Minute(), tm.Second(), tm.Nanosecond()/1e6, wd)
		if got != want {
			t.Fatalf("%d: got %q, want %q", ms, got, want)
		}
	}
}

// TestISOWeekDate checks [X]-W[W]-[F1] against Go's ISOWeek for dates from
// 1900 on (before that jsonata-js's week numbers use Date.UTC's two-digit
// years for the years 0 to 99).
func TestISOWeekDate(t *testing.T) {
	start := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	for d := 0; d < 200*366; d += 3 {
		tm := start.AddDate(0, 0, d)
		got, err := formatDateTime(tm.UnixMilli(), "[X]-[W]", "")
		if err != nil {
			t.Fatal(err)
		}
		y, w := tm.ISOWeek()
		if want := jsNumber(float64(y)).String() + "-" + jsNumber(float64(w)).String(); got != want {
			t.Fatalf("%s: got %s, want %s", tm.Format(time.DateOnly), got, want)
		}
	}
}

// TestParseISO8601 covers what the suite leaves out; the expected values
// are the results of jsonata-js 2.0.6 (Date.parse). Where Date.parse gives
// NaN, and for the shapes only its legacy parser accepts ("2018.5", a year
// below 100 with Z and no time), the result is error D3110. A time without
// an offset is read as UTC.
func TestParseISO8601(t *testing.T) {
	tests := []struct {
		s        string
		want     int64
		wantCode string
	}{
		{"2018-02-30", 1519948800000, ""},
		{"2018-02-29T24:00:00Z", 1519948800000, ""},
		{"2018-01-01T10:00:00+0530", 1514781000000, ""},
		{"2018-01-01T10:00:00-05:30", 1514820600000, ""},
		{"2018T10:00:00Z", 1514800800000, ""},
		{"2018-01T10:00:00Z", 1514800800000, ""},
		{"2018-01-01T10:00:00.123456Z", 1514800800123, ""},
		{"2018-01-01T10:00:00.5", 1514800800500, ""},
		{"0000", -62167219200000, ""},
		{"0050-01-01", -60589296000000, ""},
		{"2018Z", 1514764800000, ""},
		{"2018-01-01Z", 1514764800000, ""},
		{"9999-12-31T23:59:59.999Z", 253402300799999, ""},
		{"2018-13-01", 0, "D3110"},
		{"2018-01-01T25:00:00Z", 0, "D3110"},
		{"2018-01-01T24:00:01Z", 0, "D3110"},
		{"2018-01-01+05:00", 0, "D3110"},
		{"2018-01-01T10:00:00+24:00", 0, "D3110"},
		{"2018-01-01T10:00", 0, "D3110"},
		{"20180101", 0, "D3110"},
		{"", 0, "D3110"},
		{"2018.5", 0, "D3110"},
		{"0093-04-26Z", 0, "D3110"},
	}
	for _, tt := range tests {
		t.Run(tt.s, func(t *testing.T) {
			got, ok, err := parseDateTimeAt(tt.s, "", 0)
			switch {
			case tt.wantCode != "":
				if !isCode(err, tt.wantCode) {
					t.Fatalf("got %v, %v, %v; want error %s", got, ok, err, tt.wantCode)
				}
			case err != nil || !ok:
				t.Fatalf("got %v, %v, %v", got, ok, err)
			case got != tt.want:
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

// TestParseDateTime covers what the suite leaves out; the expected values
// are the results of jsonata-js 2.0.6, evaluated at the instant now:
// components left out at the front come from now, at the back they are
// zero; names are matched in any case but looked up exactly; a NaN result
// of jsonata-js (here for "mmxviii" read by [YI]) is undefined.
func TestParseDateTime(t *testing.T) {
	tests := []struct {
		s, picture string
		now, want  int64
		ok         bool
		wantCode   string
	}{
		{"12:06 am", "[h]:[m] [P]", 1796159067156, 1796083560000, true, ""},
		{"12:06 pm", "[h]:[m] [P]", 1796159067156, 1796126760000, true, ""},
		{"12:06 AM", "[h]:[m] [P]", 1796159067156, 1796083560000, true, ""},
		{"12:06 Am", "[h]:[m] [P]", 1796159067156, 1796083560000, true, ""},
		{"18", "[Y,2]", 1796159067156, -1640995200000, true, ""},
		{"MARCH 2018", "[MNn] [Y]", 1796159067156, 1514764800000, true, ""},
		{"March 2018", "[MNn] [Y]", 1796159067157, 1519862400000, true, ""},
		{"march 2018", "[Mn] [Y]", 1796159067157, 1514764800000, true, ""},
		{"2018-06", "[Y]-[M]", 1796159067157, 1527811200000, true, ""},
		{"2018-06-15 10", "[Y]-[M]-[D] [H]", 1796159067157, 1529056800000, true, ""},
		{"2018-06-15 10:30:15.5", "[Y]-[M]-[D] [H]:[m]:[s].[f]", 1796159067157, 1529058615005, true, ""},
		{"15 10:30", "[D] [H]:[m]", 1796159067157, 1797330600000, true, ""},
		{"2018-06-15 +0530", "[Y]-[M]-[D] [Z0101]", 1796159067157, 1529001000000, true, ""},
		{"2018-06-15 -0530", "[Y]-[M]-[D] [Z0101]", 1796159067157, 1529037000000, true, ""},
		{"2018-06-15 -05:30", "[Y]-[M]-[D] [Z]", 1796159067157, 1529037000000, true, ""},
		{"2018-06-15 GMT+2", "[Y]-[M]-[D] [z0]", 1796159067157, 1529013600000, true, ""},
		{"2018-366", "[Y]-[d]", 1796159067157, 1514764800000, true, ""},
		{"2018-400", "[Y]-[d]", 1796159067161, 1517702400000, true, ""},
		{"2018-02-31", "[Y]-[M]-[D]", 1796159067161, 1520035200000, true, ""},
		{"2018-14-01", "[Y]-[M]-[D]", 1796159067161, 1548979200000, true, ""},
		{"MMXVIII", "[YI]", 1796159067161, 1514764800000, true, ""},
		{"mmxviii", "[YI]", 1796159067161, 0, false, ""},
		{"twenty eighteen", "[Yw]", 1796159067161, -1009843200000, true, ""},
		{"2018 and", "[Y] [Dw]", 0, 0, false, "D3136"},
		{"201806", "[Y0001][M01]", 1796159067162, 1527811200000, true, ""},
		{"2018-6-5", "[Y]-[M01]-[D01]", 0, 0, false, ""},
		{"20180605", "[Y0001][M#1][D01]", 1796159067162, 1528156800000, true, ""},
		{"1st Jan 2018", "[D1o] [MNn,3-3] [Y]", 1796159067166, 1514764800000, true, ""},
		{"2018 Wednesday", "[Y] [FNn]", 1796159067166, 1514764800000, true, ""},
		{"x", "x", 0, 0, false, ""},
		{"", "[Y]", 0, 0, false, ""},
		{"2018-06-15T10:30:00", "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01]", 1796159067166, 1529058600000, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.picture+"/"+tt.s, func(t *testing.T) {
			got, ok, err := parseDateTimeAt(tt.s, tt.picture, tt.now)
			switch {
			case tt.wantCode != "":
				if !isCode(err, tt.wantCode) {
					t.Fatalf("got %v, %v, %v; want error %s", got, ok, err, tt.wantCode)
				}
			case err != nil:
				t.Fatal(err)
			case ok != tt.ok || got != tt.want:
				t.Errorf("got %d, %v; want %d, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestDateRoundTrip: what formatDateTime writes with a full picture,
// parseDateTime reads back, in any time zone.
func TestDateRoundTrip(t *testing.T) {
	pictures := []string{
		"[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01]",
		"[FNn], [D1o] [MNn] [Y0001] [h]:[m01]:[s01].[f001] [P] [z]",
		"[Y0001][M01][D01]T[H01]:[m01]:[s01].[f001]",
		"[Dwo] [MNn] [Yw] [H]:[m]:[s].[f] [Z0101]",
	}
	r := rand.New(rand.NewPCG(3, 4))
	for _, picture := range pictures {
		for range 300 {
			ms := r.Int64N(253402300799999-1e12) + 1e12/2 // years 1985 to 9999
			tz := []string{"", "+0100", "-0500", "+1000", "+0000"}[r.IntN(5)]
			if !strings.ContainsAny(picture, "Zz") {
				tz = ""
			}
			s, err := formatDateTime(ms, picture, tz)
			if err != nil {
				t.Fatal(err)
			}
			got, ok, err := parseDateTimeAt(s, picture, 0)
			if err != nil || !ok || got != ms {
				t.Fatalf("%s: %d → %q → %d, %v, %v", picture, ms, s, got, ok, err)
			}
		}
	}
}

// TestParseDateTimeToday: a time alone is a time today (the suite's
// function-tomillis/parseDateTime.json#28 and #29, at the clock).
func TestParseDateTimeToday(t *testing.T) {
	before := time.Now().UTC()
	ms, ok, err := parseDateTimeAt("13:45", "[H]:[m]", time.Now().UnixMilli())
	after := time.Now().UTC()
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	got := time.UnixMilli(ms).UTC()
	if got.Hour() != 13 || got.Minute() != 45 || got.Second() != 0 {
		t.Errorf("time of day %s", got.Format(time.TimeOnly))
	}
	if d := got.Format(time.DateOnly); d != before.Format(time.DateOnly) && d != after.Format(time.DateOnly) {
		t.Errorf("date %s, want today", d)
	}
}
