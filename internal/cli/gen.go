package cli

import (
	"errors"
	"fmt"
	gobuild "go/build"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/aslc/aslc/compiler"
	"github.com/aslc/aslc/compiler/ast"
	"github.com/aslc/aslc/compiler/names"
)

func genCommand() *Command {
	var outDir, pkg string
	var express, withGraph bool
	return &Command{
		Name:  "gen",
		Args:  "DEF...",
		Short: "generate Go from definitions",
		Long: `Gen compiles each definition to one Go file: <stem>.go beside the
definition, or in the directory given with -o, where the stem is the file
name without .asl.json, .asl.yaml, .json, .yaml or .yml. The package is
named with --pkg; by default it is the package of the Go files already in
the output directory, or else the stem made into a package name
("order-validation" gives ordervalidation).

A stem the go command would not build as it is keeps its Go file out of
reach: leading dots and underscores are dropped, and one that ends in
_test or names an operating system or architecture (_linux, _arm64) gets
_asl added, so order_test.asl.json gives order_test_asl.go.

Gen first checks every definition as "aslc check" does. When any has a
problem it prints all of them to stderr, writes nothing and exits 1. Each
definition becomes a package of its own, so two definitions may not be
written to the same directory.

In a Go package, a go:generate line keeps the code up to date:

	//go:generate go tool aslc gen order.asl.json

after "go get -tool github.com/aslc/aslc/cmd/aslc" has added aslc as a
tool of the module.`,
		Flags: func(fs *pflag.FlagSet) {
			fs.StringVarP(&outDir, "out", "o", "", "write the Go files into `DIR` instead of beside each definition")
			fs.StringVar(&pkg, "pkg", "", "the Go package `NAME` of the generated code")
			fs.BoolVar(&withGraph, "graph", false, "also write <stem>.md beside each Go file, with the state graph as a Mermaid block")
			fs.BoolVar(&express, "express", false, "compile for EXPRESS state machines, which refuse .sync and .waitForTaskToken integrations and activities")
		},
		Run: func(env *Env, args []string) int {
			if len(args) == 0 {
				return env.UsageError("gen needs at least one definition file")
			}
			if pkg != "" && !isPackageName(pkg) {
				return env.UsageError("--pkg %q is not a Go package name", pkg)
			}
			return generate(env, args, outDir, pkg, express, withGraph)
		},
	}
}

// output is one definition to compile and where its Go goes: text is the
// definition as read, src the Go compiled from it.
type output struct {
	def, file, pkg string
	text, src      []byte
}

func generate(env *Env, defs []string, outDir, pkg string, express, withGraph bool) int {
	outs := make([]*output, 0, len(defs))
	byDir := map[string]string{}
	for _, def := range defs {
		dir := outDir
		if dir == "" {
			dir = filepath.Dir(def)
		}
		stem := compiler.DefaultName(filepath.Base(def))
		o := &output{def: def, file: filepath.Join(dir, goFileStem(stem)+".go"), pkg: pkg}
		key := filepath.Clean(dir)
		if prev, dup := byDir[key]; dup {
			return env.UsageError("%s and %s would both be written to %s; each definition needs a directory (a package) of its own", prev, def, dir)
		}
		byDir[key] = def
		if o.pkg == "" {
			o.pkg = directoryPackage(dir, o.file)
		}
		if o.pkg == "" {
			o.pkg = packageName(stem)
		}
		outs = append(outs, o)
	}

	status := ExitOK
	var diags ast.Diagnostics
	for _, o := range outs {
		text, err := os.ReadFile(o.def)
		if err != nil {
			env.Errorf("%v", err)
			status = ExitFailure
			continue
		}
		src, err := compiler.Compile(text, compiler.Options{Package: o.pkg, Source: o.def, Express: express})
		var ce *compiler.Error
		switch {
		case errors.As(err, &ce):
			diags = append(diags, ce.Diagnostics...)
		case err != nil:
			env.Errorf("%s: %v", o.def, err)
			status = ExitFailure
		}
		o.text, o.src = text, src
	}
	diags.Sort()
	for _, d := range diags {
		fmt.Fprintln(env.Stderr, d)
	}
	if len(diags) > 0 || status != ExitOK {
		return ExitFailure
	}
	for _, o := range outs {
		if err := writeFile(o.file, o.src); err != nil {
			env.Errorf("%v", err)
			status = ExitFailure
		}
		if withGraph {
			if err := writeGraphMarkdown(o.def, o.text, o.file); err != nil {
				env.Errorf("%v", err)
				status = ExitFailure
			}
		}
	}
	return status
}

// writeFile replaces name with data through a temporary file in the same
// directory, so that a reader never sees half a file.
func writeFile(name string, data []byte) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".aslc-*.go.tmp")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), 0o644)
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), name)
	}
	if werr != nil {
		os.Remove(tmp.Name())
	}
	return werr
}

// directoryPackage returns the package of the Go files in dir other than
// the one gen is about to write (and tests), or "" when there are none or
// they disagree.
func directoryPackage(dir, skip string) string {
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	sort.Strings(files)
	found := ""
	for _, f := range files {
		if filepath.Clean(f) == filepath.Clean(skip) || strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.PackageClauseOnly)
		if err != nil {
			continue
		}
		switch name := af.Name.Name; {
		case found == "":
			found = name
		case found != name:
			return ""
		}
	}
	if found == "main" || !isPackageName(found) {
		return ""
	}
	return found
}

// goFileStem returns the name, without ".go", of the Go file generated
// from a definition whose stem is stem: one the go command builds on every
// system. It would ignore a name starting with '.' or '_', compile one
// ending in _test only for tests, and one ending in an operating system or
// architecture only there.
func goFileStem(stem string) string {
	s := strings.TrimLeft(stem, "._")
	if s == "" {
		s = "machine"
	}
	if strings.HasSuffix(s, "_test") || !everywhere(s+".go") {
		s += "_asl"
	}
	return s
}

// everywhere reports whether the go command builds a Go file named name
// whatever the target: a name constrained to an operating system or an
// architecture matches at most one of two targets that share neither.
func everywhere(name string) bool {
	for _, target := range [][2]string{{"linux", "amd64"}, {"windows", "arm64"}} {
		ctx := gobuild.Default
		ctx.GOOS, ctx.GOARCH = target[0], target[1]
		ctx.BuildTags, ctx.ToolTags, ctx.ReleaseTags = nil, nil, nil
		ctx.OpenFile = func(string) (io.ReadCloser, error) {
			return io.NopCloser(strings.NewReader("package p\n")), nil
		}
		if ok, err := ctx.MatchFile(".", name); err != nil || !ok {
			return false
		}
	}
	return true
}

// packageName makes a definition's stem into a package name: lower case,
// letters and digits only.
func packageName(stem string) string {
	name := strings.ToLower(names.Ident(stem, false))
	if name == "main" {
		// A package main without a main function does not build.
		name = "mainmachine"
	}
	return name
}

func isPackageName(s string) bool {
	return token.IsIdentifier(s) && s != "_"
}
