package ast

import "strconv"

// Pos is a position in a definition's source text.
type Pos struct {
	// File is the name of the source, as the caller gave it.
	File string
	// Line and Col are 1-based; Col counts bytes, as Go tools do.
	Line, Col int
	// Offset is the 0-based byte offset.
	Offset int
}

// IsValid reports whether p names a line.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String renders p as file:line:col, leaving out the parts that are unknown.
func (p Pos) String() string {
	s := p.File
	if p.IsValid() {
		if s != "" {
			s += ":"
		}
		s += strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col)
	}
	if s == "" {
		s = "-"
	}
	return s
}

// Before reports whether p comes before q: by file name, then by offset.
func (p Pos) Before(q Pos) bool {
	if p.File != q.File {
		return p.File < q.File
	}
	if p.Offset != q.Offset {
		return p.Offset < q.Offset
	}
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Col < q.Col
}
