package emit

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
)

// maxCommentText bounds the length of definition text copied into a
// comment, so that a huge Comment field does not make a huge line.
const maxCommentText = 200

// commentText makes s safe for one line comment: control characters and
// line and paragraph separators become spaces, runs of spaces shrink to
// one, "*/" is broken up, invalid UTF-8 is replaced, and very long text is
// cut with an ellipsis. Nothing in the result can end the comment or start
// a directive.
func commentText(s string) string {
	var b strings.Builder
	space := false
	n := 0
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if unicode.IsControl(r) || unicode.IsSpace(r) || r == '\u2028' || r == '\u2029' || r == '\u0085' || r == '\uFEFF' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
			n++
		}
		space = false
		if n >= maxCommentText {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
		n++
	}
	return strings.ReplaceAll(b.String(), "*/", "* /")
}

// quoted renders s as a quoted name inside a comment: "ValidateOrder".
func quoted(s string) string {
	return `"` + strings.ReplaceAll(commentText(s), `"`, `\"`) + `"`
}

// lineComment is a // comment of text, which callers build from fixed
// words and commentText/quoted pieces. It is rendered as written (jennifer
// would otherwise reformat text that starts with // or /*).
func lineComment(text string) jen.Code {
	return jen.Comment("// " + text)
}

// comments renders paragraphs as one block of // lines, wrapping words at
// about 76 columns, with a lone // between paragraphs; empty paragraphs
// are left out.
func comments(paragraphs ...string) *jen.Statement {
	var lines []string
	for _, p := range paragraphs {
		if p == "" {
			continue
		}
		if len(lines) > 0 {
			lines = append(lines, "//")
		}
		for _, l := range wrap(p, 76) {
			lines = append(lines, "// "+l)
		}
	}
	return jen.Comment(strings.Join(lines, "\n"))
}

// wrap cuts text into lines of about width characters at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
