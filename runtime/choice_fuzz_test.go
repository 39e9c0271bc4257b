package aslrt

import (
	"strings"
	"testing"
)

// FuzzParseTimestamp: parsing never panics, and an accepted timestamp
// round-trips through RFC 3339.
func FuzzParseTimestamp(f *testing.F) {
	for _, s := range []string{"2016-03-14T01:59:00Z", "2016-03-05T21:29:29.243167252+01:00", "2016-13-05T21:29:29Z", "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ts, ok := ParseTimestamp(s)
		if !ok {
			return
		}
		again, ok := ParseTimestamp(ts.Format("2006-01-02T15:04:05.999999999Z07:00"))
		if !ok || !again.Equal(ts) {
			t.Errorf("%q parsed to %v, which does not round-trip", s, ts)
		}
	})
}

// FuzzStringMatches: a pattern without stars matches only itself, and
// every string matches a pattern made of it with stars around.
func FuzzStringMatches(f *testing.F) {
	for _, s := range []string{"abc", "a*b", `a\*b`, `\\`, "***", ""} {
		f.Add(s, "abc")
	}
	f.Fuzz(func(t *testing.T, pattern, s string) {
		glob := compileGlob(pattern)
		got := matchGlob(glob, s)
		if !strings.ContainsAny(pattern, `*\`) && got != (pattern == s) {
			t.Errorf("matchGlob(%q, %q) = %v", pattern, s, got)
		}
		if lit := strings.NewReplacer(`\`, `\\`, "*", `\*`).Replace(s); !matchGlob(compileGlob("*"+lit+"*"), "x"+s+"y") {
			t.Errorf("%q does not match *%s*", "x"+s+"y", lit)
		}
	})
}
