package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/spf13/pflag"

	"github.com/aslc/aslc/compiler"
	"github.com/aslc/aslc/internal/version"
)

// aslcModule is the module path of aslc, whose runtime, Lambda backend and
// binary main program a built executable links.
const aslcModule = "github.com/aslc/aslc"

// buildDir is where, inside the aslc module, the go command sees a build's
// generated packages (through -overlay; nothing is written there).
const buildDir = "internal/aslcbuild"

func buildCommand() *Command {
	var out, name string
	var express bool
	return &Command{
		Name:  "build",
		Args:  "DEF",
		Short: "build a standalone executable that runs a definition",
		Long: `Build compiles a definition and links it with a main program into a
standalone executable, written to the file given with -o, using the Go
toolchain on PATH. The binary reads the execution input (JSON) from a
file or stdin, runs the workflow, prints the result as one JSON object,
{"status":"SUCCEEDED","output":...} or {"status":"FAILED","error":"...",
"cause":"..."}, and exits 0 when the execution succeeded, 1 otherwise:

	BIN [--input FILE|-] [--mock-config FILE --test-case NAME] [--log-level LEVEL] [FILE]

Its Task states call AWS Lambda (function ARNs and
arn:aws:states:::lambda:invoke) with the default AWS configuration:
credentials and region from the usual chain, and the endpoint from
AWS_ENDPOINT_URL_LAMBDA or AWS_ENDPOINT_URL when set. Other resources fail
the execution with States.Runtime ("aslc check --backend lambda" finds them
beforehand). With --mock-config and --test-case the binary answers its
tasks from a Step Functions Local mock configuration instead; the machine
name in that file is NAME (--name), by default the definition's file name
without its extensions.

Logs go to stderr through log/slog at --log-level: at debug, one line per
state entered and exited with its duration; a Map over more than a few
hundred items shows a progress line when stderr is a terminal.

Build needs the source of the aslc module: it runs the go command in the
directory "go list -m github.com/aslc/aslc" reports from the current
directory (a module that requires aslc, for example as a tool, or the aslc
source tree itself).`,
		Flags: func(fs *pflag.FlagSet) {
			fs.StringVarP(&out, "out", "o", "", "write the executable to `BIN` (required)")
			fs.StringVar(&name, "name", "", "the state machine `NAME` ($$.StateMachine.Name, and the machine of a mock configuration)")
			fs.BoolVar(&express, "express", false, "compile for an EXPRESS state machine")
		},
		Run: func(env *Env, args []string) int {
			if len(args) != 1 {
				return env.UsageError("build needs exactly one definition file")
			}
			if out == "" {
				return env.UsageError("build needs the executable's name: -o BIN")
			}
			return build(env, args[0], out, name, express)
		},
	}
}

func build(env *Env, def, out, name string, express bool) int {
	text, err := os.ReadFile(def)
	if err != nil {
		env.Errorf("%v", err)
		return ExitFailure
	}
	if name == "" {
		name = compiler.DefaultName(filepath.Base(def))
	}
	src, err := compiler.Compile(text, compiler.Options{Package: "machine", Source: def, Name: name, Express: express})
	var ce *compiler.Error
	switch {
	case errors.As(err, &ce):
		for _, d := range ce.Diagnostics {
			fmt.Fprintln(env.Stderr, d)
		}
		return ExitFailure
	case err != nil:
		env.Errorf("%s: %v", def, err)
		return ExitFailure
	}
	bin, err := filepath.Abs(out)
	if err != nil {
		env.Errorf("%v", err)
		return ExitFailure
	}
	if err := BuildExecutable(bin, name, def, src); err != nil {
		env.Errorf("%v", err)
		return ExitFailure
	}
	return ExitOK
}

// BuildExecutable links a compiled machine (the Go source of package
// "machine", as compiler.Compile made it) with the standalone main program
// into the executable bin, with the go command on PATH. name is the
// machine's name; source names the definition in the generated header.
//
// The packages are shown to the go command inside the aslc module through
// an -overlay file, so that the build uses the module's own requirements
// and go.sum, and writes nothing into the module.
func BuildExecutable(bin, name, source string, machineSrc []byte) error {
	root, err := aslcModuleDir()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "aslc-build-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	mainSrc, err := standaloneMain(name, source)
	if err != nil {
		return err
	}
	files := map[string][]byte{
		filepath.Join(buildDir, "main.go"):               mainSrc,
		filepath.Join(buildDir, "machine", "machine.go"): machineSrc,
	}
	overlay := map[string]map[string]string{"Replace": {}}
	i := 0
	for rel, data := range files {
		i++
		f := filepath.Join(tmp, fmt.Sprintf("%d.go", i))
		if err := os.WriteFile(f, data, 0o644); err != nil {
			return err
		}
		overlay["Replace"][filepath.Join(root, rel)] = f
	}
	ov, err := json.Marshal(overlay)
	if err != nil {
		return err
	}
	ovFile := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(ovFile, ov, 0o644); err != nil {
		return err
	}
	cmd := exec.Command("go", "build", "-overlay", ovFile, "-trimpath", "-o", bin, "./"+filepath.ToSlash(buildDir))
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly -buildvcs=false")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// aslcModuleDir finds the source of the aslc module as the go command
// sees it from the current directory.
func aslcModuleDir() (string, error) {
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", aslcModule)
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	outb, err := cmd.Output()
	dir := strings.TrimSpace(string(outb))
	if err != nil || dir == "" {
		return "", fmt.Errorf("cannot find the source of %s (needed to link the executable): run aslc build inside a module that requires it, e.g. after \"go get -tool %s/cmd/aslc\": %s",
			aslcModule, aslcModule, strings.TrimSpace(stderr.String()))
	}
	return dir, nil
}

// standaloneMain is the main package of a built executable.
func standaloneMain(name, source string) ([]byte, error) {
	f := jen.NewFile("main")
	f.HeaderComment(fmt.Sprintf("Code generated by aslc v%s. DO NOT EDIT.", version.Version))
	f.HeaderComment("source: " + filepath.ToSlash(source))
	f.ImportAlias(aslcModule+"/runtime", "aslrt")
	f.PackageComment(fmt.Sprintf("Command %s runs the state machine %s with its tasks on AWS Lambda.", strings.ReplaceAll(name, "\n", " "), fmt.Sprintf("%q", name)))
	machine := aslcModule + "/" + buildDir + "/machine"
	f.Func().Id("main").Params().Block(
		jen.Qual("os", "Exit").Call(jen.Qual(aslcModule+"/backend/awslambda/standalone", "Main").Call(
			jen.Lit(name),
			jen.Func().Params(
				jen.Id("ctx").Qual("context", "Context"),
				jen.Id("inv").Qual(aslcModule+"/runtime", "Invoker"),
				jen.Id("in").Qual(aslcModule+"/runtime", "Value"),
				jen.Id("opts").Op("...").Qual(aslcModule+"/runtime", "Option"),
			).Params(jen.Qual(aslcModule+"/runtime", "Value"), jen.Error()).Block(
				jen.Return(jen.Qual(machine, "New").Call(jen.Qual(machine, "TasksFrom").Call(jen.Id("inv")), jen.Id("opts").Op("...")).Dot("Run").Call(jen.Id("ctx"), jen.Id("in"))),
			),
		)),
	)
	var b bytes.Buffer
	if err := f.Render(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
