// Package graph draws a state machine's graph for code review: states as
// nodes, transitions as edges, Parallel branches and Map item processors
// as nested subgraphs, in Mermaid (for Markdown on GitHub and GitLab) or
// Graphviz DOT.
//
// The graph is built from the syntax tree of a definition that
// compiler/check accepted. Every state is drawn, labelled with its name
// and, for a Task, the function or integration it calls; its shape says
// its type (a rhombus for Choice, a stadium for Succeed and Fail, a box
// otherwise). A Parallel or Map state is a subgraph that holds its
// branches or its item processor. Edges:
//
//   - Next and End (to the final node) are plain arrows;
//   - each Choice rule is an arrow labelled with its condition, in
//     Choices order, and the Default arrow is labelled "Default";
//   - each Catch is a dotted arrow labelled with the errors it catches.
//
// Node names come from the state names, made safe for either notation
// (and unique), so that adding a state leaves the rest of the graph's text
// as it was. Labels are escaped: any state name or condition text renders
// as text, never as markup. Output is deterministic.
package graph

import (
	"fmt"
	"strings"

	"github.com/aslc/aslc/compiler/ast"
)

// Format is a graph notation.
type Format int

const (
	// Mermaid is a Mermaid flowchart, for a ```mermaid block in Markdown.
	Mermaid Format = iota
	// DOT is Graphviz's language.
	DOT
)

// ParseFormat reads a format name: "mermaid" or "dot".
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "mermaid", "mmd":
		return Mermaid, nil
	case "dot", "graphviz":
		return DOT, nil
	}
	return 0, fmt.Errorf("unknown graph format %q (mermaid or dot)", s)
}

func (f Format) String() string {
	if f == DOT {
		return "dot"
	}
	return "mermaid"
}

// Render draws m in format f.
func Render(m *ast.Machine, f Format) string {
	g := build(m)
	if f == DOT {
		return g.dot()
	}
	return g.mermaid()
}

// shape is how a node is drawn.
type shape int

const (
	box shape = iota
	rhombus
	stadium
	circle
)

// node is a state (or the start or end marker) drawn as a node.
type node struct {
	id    string
	lines []string // label, one entry a line
	shape shape
}

// cluster is a Parallel or Map state, or one of its branches.
type cluster struct {
	id    string
	label string
	items []item
}

// item is a node or a nested cluster, in source order.
type item struct {
	node    *node
	cluster *cluster
}

type edgeKind int

const (
	plain edgeKind = iota
	dotted
)

type edge struct {
	from, to string
	label    string
	kind     edgeKind
}

// graph is a machine ready to render.
type graph struct {
	title string
	top   []item
	edges []edge
	// leaf is, for each cluster id, a node inside it (for DOT, whose
	// edges must end at nodes).
	leaf map[string]string
	ids  map[string]bool
	// suffix is, for an id base that is taken, the next number to try.
	suffix map[string]int
}

const (
	startID = "start"
	endID   = "stop"
)

func build(m *ast.Machine) *graph {
	g := &graph{leaf: map[string]string{}, ids: map[string]bool{startID: true, endID: true}, suffix: map[string]int{}}
	if m == nil {
		return g
	}
	if m.Comment != nil {
		g.title = m.Comment.Value
	}
	names := map[string]string{} // state name → id, across the whole definition
	assignIDs(g, m, names)
	g.top = append(g.top, item{node: &node{id: startID, lines: []string{"Start"}, shape: circle}})
	g.top = append(g.top, g.machine(m, "", names)...)
	g.top = append(g.top, item{node: &node{id: endID, lines: []string{"End"}, shape: circle}})
	if m.StartAt != nil {
		if id, ok := names[m.StartAt.Value]; ok {
			g.edges = append([]edge{{from: startID, to: id}}, g.edges...)
		}
	}
	return g
}

// assignIDs gives every state of m, at any depth, its node id, in source
// order.
func assignIDs(g *graph, m *ast.Machine, names map[string]string) {
	for _, s := range m.States {
		b := s.Base()
		if _, ok := names[b.Name]; !ok {
			names[b.Name] = g.newID("s_" + sanitize(b.Name))
		}
		switch s := s.(type) {
		case *ast.Parallel:
			for _, br := range s.Branches {
				assignIDs(g, br, names)
			}
		case *ast.Map:
			if s.ItemProcessor != nil {
				assignIDs(g, s.ItemProcessor, names)
			}
		}
	}
}

// newID returns base, or base_2, base_3, ... when that is taken. Names
// that sanitize alike resume counting where the last one stopped, so
// that many of them take linear time.
func (g *graph) newID(base string) string {
	id := base
	for n := max(g.suffix[base], 2); g.ids[id]; n++ {
		id = fmt.Sprintf("%s_%d", base, n)
		g.suffix[base] = n + 1
	}
	g.ids[id] = true
	return id
}

// sanitize keeps the ASCII letters and digits of a state name, writes
// spaces, dashes and dots as underscores and every other byte as _<hex>,
// so the id is safe in Graphviz and Mermaid alike and says which state it
// is; newID makes it unique.
func sanitize(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			b.WriteByte(c)
		case c == ' ' || c == '-' || c == '.':
			b.WriteByte('_')
		default:
			fmt.Fprintf(&b, "_%02x", c)
		}
	}
	return b.String()
}

// machine builds the items and edges of one machine (the top level, a
// branch or an item processor). Terminal states of the top level lead to
// the end node; those of branches and processors end their subgraph.
func (g *graph) machine(m *ast.Machine, parent string, names map[string]string) []item {
	var items []item
	top := parent == ""
	for _, s := range m.States {
		b := s.Base()
		id := names[b.Name]
		target := func(f *ast.StringField) (string, bool) {
			if f == nil {
				return "", false
			}
			t, ok := names[f.Value]
			return t, ok
		}
		next := func(t *ast.Transition) {
			if to, ok := target(t.Next); ok {
				g.edges = append(g.edges, edge{from: id, to: to})
			} else if t.Terminal() && top {
				g.edges = append(g.edges, edge{from: id, to: endID})
			}
		}
		catches := func(h *ast.ErrorHandling) {
			for _, c := range h.Catch {
				if to, ok := target(c.Next); ok {
					g.edges = append(g.edges, edge{from: id, to: to, label: "Catch " + errorList(c.ErrorEquals), kind: dotted})
				}
			}
		}
		terminal := func() {
			if top {
				g.edges = append(g.edges, edge{from: id, to: endID})
			}
		}
		switch s := s.(type) {
		case *ast.Task:
			items = append(items, item{node: &node{id: id, lines: taskLines(s), shape: box}})
			next(&s.Transition)
			catches(&s.ErrorHandling)
		case *ast.Pass:
			items = append(items, item{node: &node{id: id, lines: []string{b.Name, "Pass"}, shape: box}})
			next(&s.Transition)
		case *ast.Wait:
			items = append(items, item{node: &node{id: id, lines: []string{b.Name, waitText(s)}, shape: box}})
			next(&s.Transition)
		case *ast.Choice:
			items = append(items, item{node: &node{id: id, lines: []string{b.Name}, shape: rhombus}})
			for i, r := range s.Choices {
				if to, ok := target(r.Next); ok {
					g.edges = append(g.edges, edge{from: id, to: to, label: ruleLabel(r, i)})
				}
			}
			if to, ok := target(s.Default); ok {
				g.edges = append(g.edges, edge{from: id, to: to, label: "Default"})
			}
		case *ast.Succeed:
			items = append(items, item{node: &node{id: id, lines: []string{b.Name, "Succeed"}, shape: stadium}})
			terminal()
		case *ast.Fail:
			items = append(items, item{node: &node{id: id, lines: []string{b.Name, failText(s)}, shape: stadium}})
			terminal()
		case *ast.Parallel:
			c := &cluster{id: id, label: b.Name + " (Parallel)"}
			for i, br := range s.Branches {
				bc := &cluster{id: g.newID(id + "_branch" + fmt.Sprint(i+1)), label: fmt.Sprintf("Branch %d", i+1)}
				bc.items = g.machine(br, bc.id, names)
				c.items = append(c.items, item{cluster: bc})
			}
			items = append(items, item{cluster: c})
			next(&s.Transition)
			catches(&s.ErrorHandling)
		case *ast.Map:
			c := &cluster{id: id, label: b.Name + " (" + mapText(s) + ")"}
			if s.ItemProcessor != nil {
				pc := &cluster{id: g.newID(id + "_items"), label: processorText(s)}
				pc.items = g.machine(s.ItemProcessor, pc.id, names)
				c.items = append(c.items, item{cluster: pc})
			}
			items = append(items, item{cluster: c})
			next(&s.Transition)
			catches(&s.ErrorHandling)
		default:
			items = append(items, item{node: &node{id: id, lines: []string{b.Name}, shape: box}})
		}
	}
	for _, it := range items {
		if it.cluster != nil {
			g.leaf[it.cluster.id] = g.firstLeaf(it.cluster)
		}
	}
	return items
}

// firstLeaf is the first node inside c, at any depth.
func (g *graph) firstLeaf(c *cluster) string {
	for _, it := range c.items {
		if it.node != nil {
			return it.node.id
		}
		if l := g.firstLeaf(it.cluster); l != "" {
			g.leaf[it.cluster.id] = l
			return l
		}
	}
	return ""
}

func errorList(fs []*ast.StringField) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Value
	}
	return strings.Join(names, ", ")
}

// taskLines labels a Task with its name and what it calls: the function
// of a Lambda ARN, or the service and API of an integration.
func taskLines(t *ast.Task) []string {
	lines := []string{t.Name}
	if t.Resource == nil {
		return lines
	}
	r := t.Resource.Value
	parts := strings.Split(r, ":")
	switch {
	case len(parts) >= 7 && parts[2] == "lambda" && parts[5] == "function":
		lines = append(lines, "λ "+strings.Join(parts[6:], ":"))
	case len(parts) >= 7 && parts[2] == "states" && parts[3] == "" && parts[4] == "":
		lines = append(lines, strings.Join(parts[5:], ":"))
	case len(parts) >= 7 && parts[2] == "states" && parts[5] == "activity":
		lines = append(lines, "activity "+strings.Join(parts[6:], ":"))
	default:
		lines = append(lines, r)
	}
	return lines
}

func waitText(w *ast.Wait) string {
	switch {
	case w.Seconds != nil:
		if e, ok := w.Seconds.Expr(); ok {
			return "Wait {% " + strings.TrimSpace(e) + " %} s"
		}
		return "Wait " + w.Seconds.Text + " s"
	case w.SecondsPath != nil:
		return "Wait " + w.SecondsPath.Value + " s"
	case w.Timestamp != nil:
		if w.Timestamp.Kind == ast.String {
			return "Wait until " + w.Timestamp.Text
		}
	case w.TimestampPath != nil:
		return "Wait until " + w.TimestampPath.Value
	}
	return "Wait"
}

func failText(f *ast.Fail) string {
	switch {
	case f.Error != nil && f.Error.Kind == ast.String:
		return "Fail " + f.Error.Text
	case f.ErrorPath != nil:
		return "Fail " + f.ErrorPath.Value
	}
	return "Fail"
}

func mapText(m *ast.Map) string {
	s := "Map"
	if m.MaxConcurrency != nil {
		if n, ok := m.MaxConcurrency.Int(); ok && n > 0 {
			s += fmt.Sprintf(", %d at a time", n)
		}
	}
	if m.ItemsPath != nil {
		s += ", items " + m.ItemsPath.Value
	}
	return s
}

func processorText(m *ast.Map) string {
	if p := m.ItemProcessor; p != nil && p.ProcessorConfig != nil && p.ProcessorConfig.Distributed() {
		return "Item processor, distributed"
	}
	return "Item processor"
}
