package emit

import (
	"strings"
	"testing"
)

func TestCommentText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"two\nlines", "two lines"},
		{"end */ here", "end * / here"},
		{"//go:generate rm", "//go:generate rm"},
		{"a\r\n\tb", "a b"},
		{"sep\u2028line", "sep line"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"  trim  ", "trim"},
		{strings.Repeat("x", 300), strings.Repeat("x", 200) + "…"},
	}
	for _, tt := range tests {
		if got := commentText(tt.in); got != tt.want {
			t.Errorf("commentText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
