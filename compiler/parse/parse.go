// Package parse reads Amazon States Language definitions, written as JSON
// or YAML, into the syntax tree of package ast.
//
// The parser reports the problems that concern the text and the shape of
// the definition: malformed JSON or YAML and repeated keys
// (INVALID_JSON_DESCRIPTION; DUPLICATE_STATE_NAME for a key repeated in a
// States object), state names that are empty or longer than 80 characters
// (INVALID_STATE_NAME), fields of the wrong JSON type, fields a state type
// does not support, missing required fields (SCHEMA_VALIDATION_FAILED).
// Everything that needs the whole tree (transitions, reachability, paths,
// expressions, value ranges, query-language rules) is compiler/check's.
//
// YAML is read as the JSON it stands for: scalars resolve as YAML 1.2 does
// (unquoted timestamps stay strings, big integers keep their digits),
// anchors and aliases expand, merge keys (<<) merge, and tags other than
// the standard ones are refused. AWS reads only JSON, so a YAML syntax
// error is reported as INVALID_JSON_DESCRIPTION too, with the YAML
// library's message after "YAML: ".
//
// A definition with problems still yields as much of a tree as could be
// built, so one run reports every problem. Any input, however malformed,
// yields diagnostics or a tree; the parser never panics and bounds the work
// hostile input can cause (nesting depth, number length, the total length
// of the values' pointers, YAML alias expansion).
package parse

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/aslc/aslc/compiler/ast"
)

// Format is the notation of a definition.
type Format int

const (
	// Auto chooses by file name and content (see Detect).
	Auto Format = iota
	JSON
	YAML
)

func (f Format) String() string {
	switch f {
	case JSON:
		return "JSON"
	case YAML:
		return "YAML"
	}
	return "auto"
}

// Detect chooses the notation of a definition: .json files are JSON,
// .yaml and .yml files YAML; otherwise text whose first character is '{'
// or '[' is JSON and anything else YAML.
func Detect(name string, src []byte) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return JSON
	case ".yaml", ".yml":
		return YAML
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		return JSON
	}
	return YAML
}

// File parses a definition, choosing its notation with Detect. name is used
// in positions only.
func File(name string, src []byte) (*ast.Machine, ast.Diagnostics) {
	return Source(name, src, Auto)
}

// Source parses a definition in the given notation. The machine is nil
// when the text is not an object at all; the diagnostics are sorted.
func Source(name string, src []byte, f Format) (*ast.Machine, ast.Diagnostics) {
	root, dups, diags := value(name, src, f)
	if root == nil {
		return nil, diags
	}
	b := &builder{states: map[*ast.JSON]bool{}, diags: diags}
	m := b.machine(root, topLevel)
	b.duplicates(dups)
	b.diags.Sort()
	return m, b.diags
}

// Value parses JSON or YAML text into positioned JSON nodes, without
// reading it as a definition. Repeated keys are reported; the first
// occurrence is kept.
func Value(name string, src []byte, f Format) (*ast.JSON, ast.Diagnostics) {
	n, dups, diags := parseText(name, src, f)
	b := &builder{states: map[*ast.JSON]bool{}, diags: diags}
	b.duplicates(dups)
	b.diags.Sort()
	return n, b.diags
}

func parseText(name string, src []byte, f Format) (*ast.JSON, []duplicate, ast.Diagnostics) {
	if f == Auto {
		f = Detect(name, src)
	}
	var (
		n    *ast.JSON
		dups []duplicate
		serr *syntaxError
	)
	if f == YAML {
		n, dups, serr = parseYAML(name, src)
	} else {
		n, dups, serr = parseJSON(name, src)
	}
	if serr != nil {
		return nil, nil, ast.Diagnostics{{Pos: serr.pos, Code: ast.CodeInvalidJSON, Message: serr.msg}}
	}
	return n, dups, nil
}

// value parses the text and makes sure it is an object (A2.2).
func value(name string, src []byte, f Format) (*ast.JSON, []duplicate, ast.Diagnostics) {
	n, dups, diags := parseText(name, src, f)
	if diags != nil {
		return nil, nil, diags
	}
	if n == nil || n.Kind != ast.Object {
		pos := ast.Pos{File: name, Line: 1, Col: 1}
		if n != nil {
			pos = n.Pos
		}
		return nil, nil, ast.Diagnostics{{Pos: pos, Code: ast.CodeSchema, Message: "Definition must be a valid JSON object"}}
	}
	return n, dups, nil
}
