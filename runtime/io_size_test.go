package aslrt

import (
	"math/rand/v2"
	"testing"
)

// TestStringSize: the size of every string literal agrees with what
// appendString writes, for every byte alone and between letters, and for
// random strings of ASCII, control characters, multi-byte characters and
// invalid UTF-8.
func TestStringSize(t *testing.T) {
	var texts []string
	for c := range 256 {
		texts = append(texts, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"bc")
	}
	texts = append(texts, "", "plain text", "日本語", "\u2028\u2029", "é\xffe", "\xe6\x97", "tab\tquote\"back\\slash\x01")
	parts := []string{"a", "Z", " ", "\"", "\\", "\n", "\x00", "\x1f", "\x7f", "é", "日", "😀", "\xff", "\xe6\x97", "\u2028"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		s := ""
		for range r.IntN(20) {
			s += parts[r.IntN(len(parts))]
		}
		texts = append(texts, s)
	}
	for _, s := range texts {
		if got, want := stringSize(s), len(appendString(nil, s)); got != want {
			t.Errorf("stringSize(%q) = %d, want %d", s, got, want)
		}
	}
}
