// Package names turns the names of a state machine definition (state
// names, Task resources, paths) into Go identifiers. It is the one place
// where aslc decides how a name is spelled in Go: Ident sanitizes, applies
// Go's initialism conventions and avoids keywords; a Scope resolves
// collisions deterministically.
package names

import (
	"go/token"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// initialisms are the words Go spells in one case throughout (Go's own
// list, as golint knows it, plus the AWS words definitions are full of).
var initialisms = map[string]bool{
	"ACL": true, "API": true, "ARN": true, "ASCII": true, "AWS": true,
	"CPU": true, "CSS": true, "CSV": true, "DB": true, "DNS": true,
	"EOF": true, "ETL": true, "GUID": true, "HTML": true, "HTTP": true,
	"HTTPS": true, "IAM": true, "ID": true, "IP": true, "JSON": true,
	"KMS": true, "LHS": true, "QPS": true, "RAM": true, "RHS": true,
	"RPC": true, "S3": true, "SLA": true, "SMTP": true, "SNS": true,
	"SQL": true, "SQS": true, "SSH": true, "TCP": true, "TLS": true,
	"TTL": true, "UDP": true, "UI": true, "UID": true, "URI": true,
	"URL": true, "UTF8": true, "UUID": true, "VM": true, "XML": true,
	"XMPP": true, "XSRF": true, "XSS": true,
}

// Ident returns s as a Go identifier in MixedCaps: exported (the first
// letter upper case) or not.
//
// Every character that is neither a Unicode letter nor a digit separates
// words, and so does a lower-case letter or digit followed by an upper-case
// letter ("validate-payment", "validate_payment" and "validatePayment" are
// all the words validate, payment). Each word keeps its spelling except
// that its first letter becomes upper case, and a word that is an initialism
// (ID, URL, ARN, ...) is written in one case ("user-id" gives UserID). An
// unexported identifier starts with its first word in lower case
// ("HTTPServer" gives httpServer).
//
// The result is never empty and never a keyword: a name without letters
// or digits gives X (x), one starting with a digit gets an X (x) in front,
// an unexported one whose first letter has no lower case gets an x,
// and an unexported keyword gets a trailing underscore (map_). An exported
// identifier whose first letter has no upper case (for example a Chinese
// character) also gets an X in front, so that it is exported.
func Ident(s string, exported bool) string {
	words := split(s)
	var b strings.Builder
	b.Grow(len(s) + 1)
	for i, w := range words {
		if i == 0 && !exported {
			b.WriteString(lowerWord(w))
			continue
		}
		b.WriteString(upperWord(w))
	}
	id := b.String()
	first, _ := utf8.DecodeRuneInString(id)
	if exported {
		if id == "" || !unicode.IsUpper(first) {
			id = "X" + id
		}
		return id
	}
	switch {
	case id == "" || unicode.IsDigit(first) || unicode.IsUpper(first):
		id = "x" + id
	case token.Lookup(id).IsKeyword():
		id += "_"
	}
	return id
}

// split cuts s into words (see Ident).
func split(s string) []string {
	var words []string
	start := -1
	var prev rune
	for i, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if start >= 0 {
				words = append(words, s[start:i])
				start = -1
			}
			prev = 0
			continue
		}
		if start >= 0 && unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)) {
			words = append(words, s[start:i])
			start = i
		}
		if start < 0 {
			start = i
		}
		prev = r
	}
	if start >= 0 {
		words = append(words, s[start:])
	}
	return words
}

// initialism returns the one-case spelling of w when w is an initialism
// (or the plural of one), and "" otherwise.
func initialism(w string) string {
	u := strings.ToUpper(w)
	if initialisms[u] {
		return u
	}
	if len(w) > 2 && w[len(w)-1] == 's' && initialisms[u[:len(u)-1]] {
		return u[:len(u)-1] + "s"
	}
	return ""
}

func upperWord(w string) string {
	if in := initialism(w); in != "" {
		return in
	}
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

func lowerWord(w string) string {
	if in := initialism(w); in != "" {
		return strings.ToLower(in)
	}
	// Lower the leading run of capitals, but keep the last one when it
	// starts the next part of the word: HTTPServer → httpServer.
	runes := []rune(w)
	n := 0
	for n < len(runes) && unicode.IsUpper(runes[n]) {
		n++
	}
	if n > 1 && n < len(runes) && unicode.IsLower(runes[n]) {
		n--
	}
	if n == 0 {
		n = 1
	}
	for i := range n {
		runes[i] = unicode.ToLower(runes[i])
	}
	return string(runes)
}

// Scope is a set of identifiers in use in one Go name space (a package, a
// type's methods). Claim hands out names that are unique in it.
type Scope struct {
	taken map[string]bool
}

// NewScope returns a scope in which the reserved names are taken.
func NewScope(reserved ...string) *Scope {
	s := &Scope{taken: make(map[string]bool, len(reserved))}
	s.Reserve(reserved...)
	return s
}

// Reserve marks names as taken.
func (s *Scope) Reserve(names ...string) {
	for _, n := range names {
		s.taken[n] = true
	}
}

// Taken reports whether name is in use.
func (s *Scope) Taken(name string) bool { return s.taken[name] }

// Claim returns name, or, when name is taken, the first of name2, name3,
// ... that is not, and marks the result as taken. The same sequence of
// claims always gives the same names.
func (s *Scope) Claim(name string) string {
	id := name
	for i := 2; s.taken[id]; i++ {
		id = name + strconv.Itoa(i)
	}
	s.taken[id] = true
	return id
}

// Resource returns the exported Go name of a Task resource, the name of
// the Tasks method that calls it: the function name of a Lambda function
// ARN (arn:aws:lambda:…:function:validate-payment gives ValidatePayment),
// the activity name of an activity ARN, the service and API of a service
// integration (arn:aws:states:::lambda:invoke gives LambdaInvoke,
// arn:aws:states:::aws-sdk:s3:getObject gives S3GetObject, a .sync suffix
// adds Sync), and the last part of any other resource.
func Resource(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		return Ident(lastPart(arn), true)
	}
	service, rest := parts[2], parts[5]
	switch {
	case service == "lambda" && strings.HasPrefix(rest, "function:"):
		name, _, _ := strings.Cut(strings.TrimPrefix(rest, "function:"), ":")
		return Ident(name, true)
	case service == "states" && strings.HasPrefix(rest, "activity:"):
		return Ident(strings.TrimPrefix(rest, "activity:"), true)
	case service == "states" && parts[3] == "" && parts[4] == "":
		return Ident(strings.TrimPrefix(rest, "aws-sdk:"), true)
	}
	return Ident(lastPart(rest), true)
}

func lastPart(s string) string {
	if i := strings.LastIndexAny(s, ":/"); i >= 0 && i < len(s)-1 {
		return s[i+1:]
	}
	return s
}
