package graph_test

import (
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/aslc/aslc/compiler/ast"
	"github.com/aslc/aslc/compiler/graph"
)

// mermaidGraph is what a Mermaid flowchart says, read back.
type mermaidGraph struct {
	// labels maps a node or subgraph id to its label (unescaped, lines
	// joined with "\n"); parent to the id of the subgraph holding it.
	labels, parent map[string]string
	subgraphs      map[string]bool
	edges          []string // "from -> to [label]" or "from -.-> to [label]"
}

var (
	subgraphLine = regexp.MustCompile(`^subgraph ([A-Za-z0-9_]+) \["([^"]*)"\]$`)
	nodeLine     = regexp.MustCompile(`^([A-Za-z0-9_]+)(\(\(|\(\[|\[|\{)"([^"]*)"(\)\)|\]\)|\]|\})$`)
	edgeLine     = regexp.MustCompile(`^([A-Za-z0-9_]+) (-->|-\.->)(?:\|"([^"]*)"\|)? ([A-Za-z0-9_]+)$`)
)

func unescape(s string) string {
	return strings.NewReplacer("<br/>", "\n", "#quot;", `"`, "#35;", "#", "#lt;", "<", "#gt;", ">", "#amp;", "&", "#124;", "|", "#96;", "`").Replace(s)
}

// readMermaid parses the subset of Mermaid that graph writes, failing on
// any line outside it, on unbalanced subgraphs and on redefined ids.
func readMermaid(t *testing.T, text string) *mermaidGraph {
	t.Helper()
	g := &mermaidGraph{labels: map[string]string{}, parent: map[string]string{}, subgraphs: map[string]bool{}}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if lines[0] == "---" {
		i := 1
		for i < len(lines) && lines[i] != "---" {
			i++
		}
		lines = lines[i+1:]
	}
	if len(lines) == 0 || lines[0] != "flowchart TD" {
		t.Fatalf("no flowchart header: %q", lines)
	}
	var stack []string
	define := func(id, label string) {
		if _, dup := g.labels[id]; dup {
			t.Errorf("id %s defined twice", id)
		}
		g.labels[id] = unescape(label)
		if len(stack) > 0 {
			g.parent[id] = stack[len(stack)-1]
		}
	}
	for _, line := range lines[1:] {
		line = strings.TrimSpace(line)
		switch m := subgraphLine.FindStringSubmatch(line); {
		case m != nil:
			define(m[1], m[2])
			g.subgraphs[m[1]] = true
			stack = append(stack, m[1])
		case line == "end":
			if len(stack) == 0 {
				t.Fatal("end without subgraph")
			}
			stack = stack[:len(stack)-1]
		case nodeLine.MatchString(line):
			n := nodeLine.FindStringSubmatch(line)
			define(n[1], n[3])
		case edgeLine.MatchString(line):
			e := edgeLine.FindStringSubmatch(line)
			for _, id := range []string{e[1], e[4]} {
				if _, ok := g.labels[id]; !ok {
					t.Errorf("edge %q names %s, which is not defined before it", line, id)
				}
			}
			g.edges = append(g.edges, e[1]+" "+e[2]+" "+e[4]+" ["+unescape(e[3])+"]")
		default:
			t.Fatalf("line outside the flowchart subset: %q", line)
		}
	}
	if len(stack) > 0 {
		t.Fatalf("subgraphs left open: %v", stack)
	}
	return g
}

// TestMermaidStructure reads each Mermaid graph back and checks it against
// the definition: balanced subgraphs, every state a node (or, for
// Parallel and Map, a subgraph) inside the subgraph of the state that
// holds it, and exactly one edge per transition.
func TestMermaidStructure(t *testing.T) {
	for stem, m := range definitions(t) {
		t.Run(stem, func(t *testing.T) {
			g := readMermaid(t, graph.Render(m, graph.Mermaid))
			// The node of each state, found by its label.
			ids := map[string]string{}
			for id, label := range g.labels {
				name := strings.SplitN(label, "\n", 2)[0]
				if g.subgraphs[id] {
					i := strings.LastIndex(name, " (")
					if i < 0 {
						continue // a branch or item processor
					}
					name = name[:i]
				}
				ids[name] = id
			}
			id := func(name string) string {
				v, ok := ids[name]
				if !ok {
					t.Fatalf("no node for state %q", name)
				}
				return v
			}
			var want []string
			want = append(want, "start --> "+id(m.StartAt.Value)+" []")
			var walk func(mm *ast.Machine, container string, top bool)
			walk = func(mm *ast.Machine, container string, top bool) {
				for _, s := range mm.States {
					b := s.Base()
					from := id(b.Name)
					if got := g.parent[from]; container != "" && !within(g, from, container) {
						t.Errorf("state %q is in %q, not inside %q", b.Name, got, container)
					}
					flow := func(tr *ast.Transition) {
						if tr.Next != nil {
							want = append(want, from+" --> "+id(tr.Next.Value)+" []")
						} else if top {
							want = append(want, from+" --> stop []")
						}
					}
					catch := func(h *ast.ErrorHandling) {
						for _, c := range h.Catch {
							var errs []string
							for _, e := range c.ErrorEquals {
								errs = append(errs, e.Value)
							}
							want = append(want, from+" -.-> "+id(c.Next.Value)+" [Catch "+strings.Join(errs, ", ")+"]")
						}
					}
					switch s := s.(type) {
					case *ast.Task:
						flow(&s.Transition)
						catch(&s.ErrorHandling)
					case *ast.Pass:
						flow(&s.Transition)
					case *ast.Wait:
						flow(&s.Transition)
					case *ast.Choice:
						for _, r := range s.Choices {
							want = append(want, from+" --> "+id(r.Next.Value)+" [*]")
						}
						if s.Default != nil {
							want = append(want, from+" --> "+id(s.Default.Value)+" [Default]")
						}
					case *ast.Succeed, *ast.Fail:
						if top {
							want = append(want, from+" --> stop []")
						}
					case *ast.Parallel:
						flow(&s.Transition)
						catch(&s.ErrorHandling)
						if !g.subgraphs[from] {
							t.Errorf("Parallel %q is not a subgraph", b.Name)
						}
						for _, br := range s.Branches {
							walk(br, from, false)
						}
					case *ast.Map:
						flow(&s.Transition)
						catch(&s.ErrorHandling)
						if !g.subgraphs[from] {
							t.Errorf("Map %q is not a subgraph", b.Name)
						}
						walk(s.ItemProcessor, from, false)
					}
				}
			}
			walk(m, "", true)
			// Choice rule labels are conditions; compare them as "*".
			got := make([]string, len(g.edges))
			for i, e := range g.edges {
				got[i] = e
				if j := strings.LastIndex(e, " ["); j >= 0 && !strings.HasPrefix(e[j:], " [Default]") && !strings.HasPrefix(e[j:], " [Catch") && e[j:] != " []" {
					got[i] = e[:j] + " [*]"
				}
			}
			if diff := cmp.Diff(want, got, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
				t.Errorf("edges (-transitions +drawn):\n%s", diff)
			}
		})
	}
}

func within(g *mermaidGraph, id, container string) bool {
	for p := g.parent[id]; p != ""; p = g.parent[p] {
		if p == container {
			return true
		}
	}
	return false
}

// TestDOTParses runs Graphviz over each DOT graph when it is installed.
func TestDOTParses(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("Graphviz is not installed")
	}
	for stem, m := range definitions(t) {
		cmd := exec.Command(dot, "-Tcanon")
		cmd.Stdin = strings.NewReader(graph.Render(m, graph.DOT))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: dot: %v\n%s", stem, err, out)
		}
	}
}

// TestLabelsAreText: no state name or condition can break out of its
// label, in either notation.
func TestLabelsAreText(t *testing.T) {
	for stem, m := range definitions(t) {
		mmd := graph.Render(m, graph.Mermaid)
		readMermaid(t, mmd) // every line is in the subset: nothing escaped
		dot := graph.Render(m, graph.DOT)
		// Outside quoted strings, DOT text holds only ids, keywords and
		// punctuation.
		inQuote, escaped := false, false
		var outside strings.Builder
		for _, r := range dot {
			switch {
			case escaped:
				escaped = false
			case inQuote && r == '\\':
				escaped = true
			case r == '"':
				inQuote = !inQuote
			case !inQuote:
				outside.WriteRune(r)
			}
		}
		if inQuote {
			t.Errorf("%s: unterminated DOT string", stem)
		}
		if bad := regexp.MustCompile(`[^A-Za-z0-9=;,\[\]{}\s\->]`).FindString(outside.String()); bad != "" {
			t.Errorf("%s: %q outside DOT strings:\n%s", stem, bad, outside.String())
		}
	}
}
