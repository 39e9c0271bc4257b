// Package compiler compiles Amazon States Language definitions to Go: it
// parses and checks a definition (compiler/parse, compiler/check), lowers
// it to the IR (package ir, compiler/lower) and emits one gofmt'd Go file
// (compiler/emit).
//
// The file is a package of its own. It declares
//
//	type Tasks interface { ... }            // one method per distinct Task resource
//	func TasksFrom(inv aslrt.Invoker) Tasks // Tasks that hand every call to inv
//	func New(t Tasks, opts ...aslrt.Option) *Machine
//	func (m *Machine) Run(ctx context.Context, input any) (any, error)
//
// and one function per state, named after it, with the state's type, name
// and source line in its comment. It links against the runtime
// (github.com/aslc/aslc/runtime, imported as aslrt) and refers to
// aslrt.APIVersion1, so that it fails to compile against a runtime with an
// incompatible execution API. The same definition and options always give
// the same bytes.
//
// A definition is compiled only when compiler/check accepts it, JSONPath
// and JSONata states alike. What aslc cannot compile yet is refused with
// the code UNSUPPORTED_FEATURE and a message naming the state: a Map
// state's ItemReader and ResultWriter, an ItemBatcher together with an
// ItemSelector, and an ItemBatcher's ...Path fields.
package compiler

import (
	"errors"
	"go/token"
	"path"
	"strings"

	"github.com/aslc/aslc/compiler/ast"
	"github.com/aslc/aslc/compiler/check"
	"github.com/aslc/aslc/compiler/emit"
	"github.com/aslc/aslc/compiler/lower"
	"github.com/aslc/aslc/internal/version"
)

// Options control a compilation.
type Options struct {
	// Package is the Go package name of the generated code; it must be a
	// Go identifier.
	Package string
	// Source is the definition's path as the user gave it: positions in
	// diagnostics and the generated header name it.
	Source string
	// Name is the machine's default name ($$.StateMachine.Name); empty
	// means the base name of Source without its extension, or the package
	// name when Source is empty.
	Name string
	// Express validates and compiles the definition as an EXPRESS state
	// machine: it refuses what EXPRESS machines cannot run, and its
	// executions have no history limit (the 25,000 events of A19.2 bound
	// STANDARD executions).
	Express bool
}

// Error is the error Compile returns for a definition with problems: every
// diagnostic, sorted, each "file:line:col: CODE: message".
type Error struct {
	Diagnostics ast.Diagnostics
}

func (e *Error) Error() string { return e.Diagnostics.Error() }

// Compile compiles the definition src (JSON or YAML) into the source of one
// Go file of package opts.Package. A definition with problems gives an
// *Error listing all of them.
func Compile(src []byte, opts Options) ([]byte, error) {
	if !token.IsIdentifier(opts.Package) || opts.Package == "_" {
		return nil, errors.New("compiler: the package name " + quote(opts.Package) + " is not a Go identifier")
	}
	m, diags := check.Source(opts.Source, src, check.Options{Express: opts.Express})
	if len(diags) > 0 {
		return nil, &Error{Diagnostics: diags}
	}
	p, diags := lower.Program(m, lower.Options{Package: opts.Package, Source: opts.Source})
	if len(diags) > 0 {
		return nil, &Error{Diagnostics: diags}
	}
	name := opts.Name
	if name == "" {
		name = DefaultName(opts.Source)
	}
	if name == "" {
		name = opts.Package
	}
	return emit.File(p, emit.Options{Version: version.Version, Name: name, Express: opts.Express})
}

// DefaultName is the machine name of a definition file: its base name
// without the .asl.json, .json, .asl.yaml, .yaml or .yml extension.
func DefaultName(source string) string {
	base := path.Base(strings.ReplaceAll(source, "\\", "/"))
	if base == "." || base == "/" {
		return ""
	}
	for _, ext := range []string{".asl.json", ".asl.yaml", ".asl.yml", ".json", ".yaml", ".yml"} {
		if strings.HasSuffix(base, ext) && len(base) > len(ext) {
			return strings.TrimSuffix(base, ext)
		}
	}
	return base
}

func quote(s string) string { return "\"" + strings.ReplaceAll(s, "\"", "\\\"") + "\"" }
