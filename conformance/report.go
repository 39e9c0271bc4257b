package conformance

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"os"
	"slices"
	"strings"
	"unicode"
)

// Report is the outcome of a run: every case with its result and verdict.
type Report struct {
	Entries []Entry
}

// Entry is one case of a report.
type Entry struct {
	Case    *Case
	Result  *Result
	Verdict Verdict
}

// NewReport compares every result with its case. results may be in any
// order; a case without a result fails.
func NewReport(cases []*Case, results []*Result) *Report {
	byID := make(map[string]*Result, len(results))
	for _, r := range results {
		byID[r.Case] = r
	}
	rep := &Report{}
	for _, c := range cases {
		r := byID[c.ID]
		rep.Entries = append(rep.Entries, Entry{Case: c, Result: r, Verdict: Compare(c, r)})
	}
	return rep
}

// WriteResults writes the results file: one JSON line per case, in report
// order.
func (r *Report) WriteResults(path string) error {
	var buf bytes.Buffer
	for _, e := range r.Entries {
		res := e.Result
		if res == nil {
			continue
		}
		buf.Write(res.AppendJSON(nil))
		buf.WriteByte('\n')
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// Tally counts cases and passes.
type Tally struct {
	Cases, Pass, PassIgnoringCause int
}

func (t *Tally) add(v Verdict) {
	t.Cases++
	if v.Pass {
		t.Pass++
	}
	if v.PassIgnoringCause {
		t.PassIgnoringCause++
	}
}

// Totals counts every case of the report.
func (r *Report) Totals() Tally {
	var t Tally
	for _, e := range r.Entries {
		t.add(e.Verdict)
	}
	return t
}

// Summary is the one-line verdict of a run, for example
// "conformance: 600 of 657 cases pass, 57 known failures".
func (r *Report) Summary(known KnownFailures) string {
	t := r.Totals()
	listed := 0
	for _, e := range r.Entries {
		if _, ok := known[e.Case.ID]; ok {
			listed++
		}
	}
	return fmt.Sprintf("conformance: %d of %d cases pass, %d known failures", t.Pass, t.Cases, listed)
}

// group is one row of a table.
type group struct {
	label string
	tally Tally
}

// Tiers tallies the cases by tier, with tier 1 also split by whether the
// case uses JSONata.
func (r *Report) Tiers() []group {
	rows := map[string]*Tally{}
	for _, e := range r.Entries {
		labels := []string{e.Case.Tier()}
		if e.Case.Kind == Execution && e.Case.Meta.Tier == 1 {
			if e.Case.HasFeature("jsonata") {
				labels = append(labels, "1, JSONata")
			} else {
				labels = append(labels, "1, without JSONata")
			}
		}
		for _, l := range labels {
			if rows[l] == nil {
				rows[l] = &Tally{}
			}
			rows[l].add(e.Verdict)
		}
	}
	order := []string{"1", "1, without JSONata", "1, JSONata", "2", "invalid"}
	var out []group
	for _, l := range order {
		if t := rows[l]; t != nil {
			out = append(out, group{l, *t})
			delete(rows, l)
		}
	}
	var rest []string
	for l := range rows {
		rest = append(rest, l)
	}
	slices.Sort(rest)
	for _, l := range rest {
		out = append(out, group{l, *rows[l]})
	}
	return out
}

// Features tallies the cases by feature tag, most used first.
func (r *Report) Features() []group {
	rows := map[string]*Tally{}
	for _, e := range r.Entries {
		for _, f := range e.Case.Meta.Features {
			if rows[f] == nil {
				rows[f] = &Tally{}
			}
			rows[f].add(e.Verdict)
		}
	}
	var out []group
	for l, t := range rows {
		out = append(out, group{l, *t})
	}
	slices.SortFunc(out, func(a, b group) int {
		return cmp.Or(cmp.Compare(b.tally.Cases, a.tally.Cases), cmp.Compare(a.label, b.label))
	})
	return out
}

// Tables renders the per-tier and per-feature tables as Markdown.
func (r *Report) Tables() string {
	var b strings.Builder
	write := func(title string, rows []group) {
		fmt.Fprintf(&b, "| %s | cases | pass | fail | pass ignoring cause |\n|---|---:|---:|---:|---:|\n", title)
		for _, g := range rows {
			fmt.Fprintf(&b, "| %s | %d | %d | %d | %d |\n", g.label, g.tally.Cases, g.tally.Pass, g.tally.Cases-g.tally.Pass, g.tally.PassIgnoringCause)
		}
	}
	all := r.Totals()
	write("tier", append(r.Tiers(), group{"all", all}))
	b.WriteString("\n")
	write("feature", r.Features())
	agree, invalid := 0, 0
	for _, e := range r.Entries {
		if e.Case.Kind == Invalid {
			invalid++
			if e.Verdict.MessageAgrees {
				agree++
			}
		}
	}
	if invalid > 0 {
		fmt.Fprintf(&b, "\nInvalid definitions whose rejection carries AWS's code and message: %d of %d (information).\n", agree, invalid)
	}
	return b.String()
}

// KnownFailures maps the ID of each case expected to fail to the reason.
type KnownFailures map[string]string

// ParseKnownFailures reads a known-failures file: one case per line,
// "<case id>  <one-line reason>"; blank lines and lines starting with '#'
// are ignored.
func ParseKnownFailures(name string, text []byte) (KnownFailures, error) {
	known := KnownFailures{}
	sc := bufio.NewScanner(bytes.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, reason := line, ""
		if i := strings.IndexFunc(line, unicode.IsSpace); i >= 0 {
			id, reason = line[:i], strings.TrimSpace(line[i:])
		}
		if reason == "" {
			return nil, fmt.Errorf("%s:%d: known failure %s has no reason", name, n, id)
		}
		if _, dup := known[id]; dup {
			return nil, fmt.Errorf("%s:%d: %s is listed twice", name, n, id)
		}
		known[id] = reason
	}
	return known, sc.Err()
}

// LoadKnownFailures reads the known-failures file at path; a missing file
// lists nothing.
func LoadKnownFailures(path string) (KnownFailures, error) {
	text, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return KnownFailures{}, nil
	}
	if err != nil {
		return nil, err
	}
	return ParseKnownFailures(path, text)
}

// Deviations compares the report with the known failures and lists every
// disagreement: a failing case that is not listed (with what went wrong),
// and a listed case that passes. When complete is set (the whole corpus
// ran), a listed case that the corpus does not have is reported too.
func (r *Report) Deviations(known KnownFailures, complete bool) []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range r.Entries {
		id := e.Case.ID
		seen[id] = true
		reason, listed := known[id]
		switch {
		case listed && e.Verdict.Pass:
			out = append(out, fmt.Sprintf("%s passes now; remove it from known-failures.txt (listed: %s)", id, reason))
		case !listed && !e.Verdict.Pass:
			out = append(out, fmt.Sprintf("%s fails:\n\t%s", id, strings.Join(e.Verdict.Problems, "\n\t")))
		}
	}
	if complete {
		var stale []string
		for id := range known {
			if !seen[id] {
				stale = append(stale, id)
			}
		}
		slices.Sort(stale)
		for _, id := range stale {
			out = append(out, fmt.Sprintf("%s is listed in known-failures.txt but the corpus has no such case", id))
		}
	}
	return out
}
