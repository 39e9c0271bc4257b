package graph

import (
	"strings"
)

// mermaid renders g as a Mermaid flowchart: every node and subgraph first,
// then every edge, so that an edge never pulls a node into the subgraph
// it is written in.
func (g *graph) mermaid() string {
	var b strings.Builder
	if g.title != "" {
		b.WriteString("---\ntitle: " + mermaidTitle(g.title) + "\n---\n")
	}
	b.WriteString("flowchart TD\n")
	g.mermaidItems(&b, g.top, "    ")
	for _, e := range g.edges {
		arrow := "-->"
		if e.kind == dotted {
			arrow = "-.->"
		}
		b.WriteString("    " + e.from + " " + arrow)
		if e.label != "" {
			b.WriteString("|" + mermaidText(e.label) + "|")
		}
		b.WriteString(" " + e.to + "\n")
	}
	return b.String()
}

func (g *graph) mermaidItems(b *strings.Builder, items []item, indent string) {
	for _, it := range items {
		if n := it.node; n != nil {
			label := make([]string, len(n.lines))
			for i, l := range n.lines {
				label[i] = mermaidEscape(l)
			}
			text := `"` + strings.Join(label, "<br/>") + `"`
			open, close := "[", "]"
			switch n.shape {
			case rhombus:
				open, close = "{", "}"
			case stadium:
				open, close = "([", "])"
			case circle:
				open, close = "((", "))"
			}
			b.WriteString(indent + n.id + open + text + close + "\n")
			continue
		}
		c := it.cluster
		b.WriteString(indent + "subgraph " + c.id + " [" + mermaidText(c.label) + "]\n")
		g.mermaidItems(b, c.items, indent+"    ")
		b.WriteString(indent + "end\n")
	}
}

// mermaidText is a quoted Mermaid label.
func mermaidText(s string) string {
	return `"` + mermaidEscape(s) + `"`
}

// mermaidEscape writes the characters that Mermaid labels treat as markup
// (quotes, HTML, entity codes) as entity codes, and line breaks as spaces.
func mermaidEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString("#quot;")
		case '#':
			b.WriteString("#35;")
		case '<':
			b.WriteString("#lt;")
		case '>':
			b.WriteString("#gt;")
		case '&':
			b.WriteString("#amp;")
		case '|':
			b.WriteString("#124;")
		case '`':
			b.WriteString("#96;")
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 {
				b.WriteByte(' ')
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mermaidTitle is the front-matter title, a YAML double-quoted string.
func mermaidTitle(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
