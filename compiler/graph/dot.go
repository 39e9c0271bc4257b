package graph

import (
	"strings"
)

// dot renders g in Graphviz's language. Subgraphs are clusters; an edge
// to or from a Parallel or Map state is drawn to the cluster's border
// (compound edges), anchored at a node inside it.
func (g *graph) dot() string {
	var b strings.Builder
	title := g.title
	if title == "" {
		title = "state machine"
	}
	b.WriteString("digraph " + dotQuote(title) + " {\n")
	b.WriteString("    compound=true;\n    rankdir=TB;\n    fontname=\"Helvetica\";\n")
	b.WriteString("    node [shape=box, style=rounded, fontname=\"Helvetica\"];\n")
	b.WriteString("    edge [fontname=\"Helvetica\", fontsize=10];\n")
	g.dotItems(&b, g.top, "    ")
	for _, e := range g.edges {
		from, to := e.from, e.to
		var attrs []string
		if leaf, ok := g.leaf[from]; ok {
			from = leaf
			attrs = append(attrs, "ltail="+dotQuote("cluster_"+e.from))
		}
		if leaf, ok := g.leaf[to]; ok {
			to = leaf
			attrs = append(attrs, "lhead="+dotQuote("cluster_"+e.to))
		}
		if e.label != "" {
			attrs = append(attrs, "label="+dotQuote(e.label))
		}
		if e.kind == dotted {
			attrs = append(attrs, "style=dashed")
		}
		b.WriteString("    " + dotQuote(from) + " -> " + dotQuote(to))
		if len(attrs) > 0 {
			b.WriteString(" [" + strings.Join(attrs, ", ") + "]")
		}
		b.WriteString(";\n")
	}
	b.WriteString("}\n")
	return b.String()
}

func (g *graph) dotItems(b *strings.Builder, items []item, indent string) {
	for _, it := range items {
		if n := it.node; n != nil {
			label := make([]string, len(n.lines))
			for i, l := range n.lines {
				label[i] = dotEscape(l)
			}
			attrs := `label="` + strings.Join(label, `\n`) + `"`
			switch n.shape {
			case rhombus:
				attrs += ", shape=diamond, style=solid"
			case stadium:
				attrs += ", shape=box, style=\"rounded,bold\""
			case circle:
				attrs += ", shape=circle, style=solid"
			}
			b.WriteString(indent + dotQuote(n.id) + " [" + attrs + "];\n")
			continue
		}
		c := it.cluster
		b.WriteString(indent + "subgraph " + dotQuote("cluster_"+c.id) + " {\n")
		b.WriteString(indent + "    label=" + dotQuote(c.label) + ";\n")
		g.dotItems(b, c.items, indent+"    ")
		b.WriteString(indent + "}\n")
	}
}

func dotQuote(s string) string {
	return `"` + dotEscape(s) + `"`
}

// dotEscape escapes a string for a double-quoted DOT string: backslashes
// (which would start escapes such as \N or \l) and quotes; control
// characters become spaces.
func dotEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
