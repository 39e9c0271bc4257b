// Package cli is the aslc command line: Main parses the arguments, runs a
// command and returns the process exit status.
//
// Exit status: 0 on success; 1 when a command found problems (diagnostics,
// a failed compile or execution); 2 for a usage error, after printing the
// usage to stderr. Results go to stdout, diagnostics and errors to stderr.
//
// # Adding a command
//
// A command lives in its own file, as a function returning a *Command
// (see checkCommand in check.go), and is registered by adding that
// function to the list in commands. Register only commands that work. Its
// manual entry goes in cmd/aslc/doc.go.
package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// Exit statuses.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// Command is one aslc subcommand.
type Command struct {
	// Name is the word that selects the command.
	Name string
	// Args describes the arguments after the flags, e.g. "DEF...".
	Args string
	// Short is a one-line description for the command list.
	Short string
	// Long is the text of "aslc help <name>"; it may span paragraphs.
	Long string
	// Flags defines the command's flags on fs; nil for none.
	Flags func(fs *pflag.FlagSet)
	// Run runs the command with the arguments left after the flags and
	// returns the exit status. It returns ExitUsage (after calling
	// env.UsageError) when the arguments are wrong.
	Run func(env *Env, args []string) int
}

// commands lists the registered commands, in the order "aslc help"
// shows them. Each call builds fresh commands, so flag values never
// leak from one Main call to the next.
func commands() []*Command {
	return []*Command{
		buildCommand(),
		checkCommand(),
		genCommand(),
		graphCommand(),
		helpCommand(),
		runCommand(),
		versionCommand(),
	}
}

// Env is what a running command writes to.
type Env struct {
	Stdout, Stderr io.Writer
	// cmd is the running command, for usage messages.
	cmd *Command
}

// Errorf prints an error message to stderr, prefixed with "aslc: ".
func (e *Env) Errorf(format string, args ...any) {
	fmt.Fprintf(e.Stderr, "aslc: "+format+"\n", args...)
}

// UsageError prints a usage error and the command's usage line to stderr
// and returns ExitUsage.
func (e *Env) UsageError(format string, args ...any) int {
	e.Errorf(format, args...)
	if e.cmd != nil {
		fmt.Fprintf(e.Stderr, "usage: %s\nRun 'aslc help %s' for details.\n", usageLine(e.cmd), e.cmd.Name)
	}
	return ExitUsage
}

// Main runs the aslc command line with args (without the program name)
// and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	env := &Env{Stdout: stdout, Stderr: stderr}
	cmds := commands()
	if len(args) == 0 {
		fmt.Fprint(stderr, mainUsage(cmds))
		return ExitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		fmt.Fprint(stdout, mainUsage(cmds))
		return ExitOK
	}
	cmd := lookup(cmds, name)
	if cmd == nil {
		fmt.Fprintf(stderr, "aslc: unknown command %q\n", name)
		fmt.Fprintf(stderr, "Run 'aslc help' for usage.\n")
		return ExitUsage
	}
	env.cmd = cmd
	fs := pflag.NewFlagSet("aslc "+cmd.Name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SetInterspersed(true)
	if cmd.Flags != nil {
		cmd.Flags(fs)
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fmt.Fprint(stdout, commandHelp(cmd))
			return ExitOK
		}
		return env.UsageError("%s", err)
	}
	return cmd.Run(env, fs.Args())
}

func lookup(cmds []*Command, name string) *Command {
	for _, c := range cmds {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func usageLine(c *Command) string {
	s := "aslc " + c.Name
	if c.Flags != nil {
		s += " [flags]"
	}
	if c.Args != "" {
		s += " " + c.Args
	}
	return s
}

func mainUsage(cmds []*Command) string {
	var b strings.Builder
	b.WriteString("aslc compiles Amazon States Language definitions (AWS Step Functions) to Go.\n\n")
	b.WriteString("Usage:\n\n\taslc <command> [arguments]\n\nThe commands are:\n\n")
	width := 0
	for _, c := range cmds {
		width = max(width, len(c.Name))
	}
	for _, c := range cmds {
		fmt.Fprintf(&b, "\t%-*s  %s\n", width, c.Name, c.Short)
	}
	b.WriteString("\nUse \"aslc help <command>\" for more information about a command.\n")
	return b.String()
}

func commandHelp(c *Command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "usage: %s\n\n%s\n", usageLine(c), strings.TrimSpace(c.Long))
	if c.Flags != nil {
		fs := pflag.NewFlagSet(c.Name, pflag.ContinueOnError)
		c.Flags(fs)
		b.WriteString("\nFlags:\n")
		fs.VisitAll(func(f *pflag.Flag) {
			name, usage := pflag.UnquoteUsage(f)
			line := "  "
			if f.Shorthand != "" {
				line += "-" + f.Shorthand + ", "
			}
			line += "--" + f.Name
			if f.Value.Type() != "bool" {
				line += " " + name
				if f.DefValue != "" && f.DefValue != "[]" {
					usage += " (default " + f.DefValue + ")"
				}
			}
			fmt.Fprintf(&b, "%s\n      %s\n", line, usage)
		})
	}
	return b.String()
}
