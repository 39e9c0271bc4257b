package jsonata

import (
	"errors"
	"testing"

	aslrt "github.com/aslc/aslc/runtime"
)

func BenchmarkFormatNumber(b *testing.B) {
	opts := aslrt.MustDecode(`{"decimal-separator": ",", "grouping-separator": "."}`).(*aslrt.Object)
	cases := []struct {
		name, picture string
		n             float64
		opts          *aslrt.Object
	}{
		{"grouped", "#,##0.00", 1234567.891, nil},
		{"plain", "0.0", 3.14159, nil},
		{"percent", "#0.0%", 0.1234, nil},
		{"exponent", "0.000e00", 0.000123456, nil},
		{"options", "#.##0,00", 1234567.891, opts},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := formatNumber(c.n, c.picture, c.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkFormatDateTime(b *testing.B) {
	cases := []struct{ name, picture, timezone string }{
		{"iso", "", ""},
		{"iso-zone", "", "-0500"},
		{"names", "[FNn], [D1o] [MNn] [Y0001] [h]:[m01] [P]", ""},
		{"date", "[Y0001]-[M01]-[D01]", ""},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := formatDateTime(1521801216617, c.picture, c.timezone); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkFormatInteger(b *testing.B) {
	for _, picture := range []string{"#,##0", "w", "I"} {
		b.Run(picture, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := formatInteger(1984, picture); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParseDateTime(b *testing.B) {
	cases := []struct{ name, s, picture string }{
		{"iso", "2018-03-23T10:33:36.617Z", ""},
		{"picture", "2018-03-23 10:33:36", "[Y0001]-[M01]-[D01] [H01]:[m01]:[s01]"},
		{"names", "Friday, 23rd March 2018", "[FNn], [D1o] [MNn] [Y]"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, ok, err := parseDateTimeAt(c.s, c.picture, 0); err != nil || !ok {
					b.Fatal(ok, err)
				}
			}
		})
	}
}

// The fuzz targets check that no input makes the formatters panic or fail
// with anything but a JSONata error.

func checkFuzzError(t *testing.T, err error) {
	var jerr *Error
	if err != nil && !errors.As(err, &jerr) {
		t.Fatalf("not a JSONata error: %v", err)
	}
}

func FuzzFormatNumber(f *testing.F) {
	f.Add(1234.5, "#,##0.00;(#)", ".", "0")
	f.Add(-0.001, "0.0e0", ",", "٠")
	f.Add(0.5, "#%‰", "", "")
	f.Fuzz(func(t *testing.T, n float64, picture, sep, zero string) {
		opts := aslrt.NewObject(2)
		opts.Set("decimal-separator", sep)
		opts.Set("zero-digit", zero)
		_, err := formatNumber(n, picture, opts)
		checkFuzzError(t, err)
		_, err = formatNumber(n, picture, nil)
		checkFuzzError(t, err)
	})
}

func FuzzFormatInteger(f *testing.F) {
	f.Add(1234.0, "#,##0;o", "1,234th")
	f.Add(-5.5, "Ww", "Five")
	f.Add(1e300, "٠", "MMXX")
	f.Fuzz(func(t *testing.T, n float64, picture, s string) {
		_, err := formatInteger(n, picture)
		checkFuzzError(t, err)
		_, err = parseInteger(s, picture)
		checkFuzzError(t, err)
	})
}

func FuzzDateTime(f *testing.F) {
	f.Add(int64(1521801216617), "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]", "-0530", "2018-03-23")
	f.Add(int64(-8.64e15), "[FNn,*-3] [Dwo] [xNn] [X]-[W] [w] [d] [P]", "+1400", "2018-01-01T24:00:00+0530")
	f.Add(int64(0), "[[ ]] [Z0] [z] [Yw,2-2] [C] [E] [q1]", "0x10", "twenty-first")
	f.Fuzz(func(t *testing.T, ms int64, picture, timezone, s string) {
		_, err := formatDateTime(ms, picture, timezone)
		checkFuzzError(t, err)
		_, _, err = parseDateTimeAt(s, picture, ms)
		checkFuzzError(t, err)
		_, _, err = parseDateTimeAt(s, "", ms)
		checkFuzzError(t, err)
	})
}
