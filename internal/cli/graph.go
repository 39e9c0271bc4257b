package cli

import (
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/aslc/aslc/compiler/check"
	"github.com/aslc/aslc/compiler/graph"
)

func graphCommand() *Command {
	var format string
	var out string
	return &Command{
		Name:  "graph",
		Args:  "DEF",
		Short: "draw a definition's state graph (Mermaid or DOT)",
		Long: `Graph prints the state graph of a definition, for a pull request to show
the workflow beside its generated code: every state a node, labelled with
its name and what a Task calls; Parallel branches and Map item processors
as nested subgraphs; Choice rules labelled with their conditions, the
Default edge labelled Default, and Catch edges dotted and labelled with
the errors they catch.

The format is Mermaid (a flowchart for a mermaid code block in Markdown)
or, with --format dot, Graphviz DOT. The graph goes to stdout, or to the
file given with -o.

The definition is checked first, as "aslc check" does; when it has
problems, graph prints them to stderr and exits 1.`,
		Flags: func(fs *pflag.FlagSet) {
			fs.StringVar(&format, "format", "mermaid", "the notation: mermaid or dot")
			fs.StringVarP(&out, "out", "o", "", "write the graph to `FILE` instead of stdout")
		},
		Run: func(env *Env, args []string) int {
			if len(args) != 1 {
				return env.UsageError("graph needs exactly one definition file")
			}
			f, err := graph.ParseFormat(format)
			if err != nil {
				return env.UsageError("%v", err)
			}
			src, err := os.ReadFile(args[0])
			if err != nil {
				env.Errorf("%v", err)
				return ExitFailure
			}
			m, diags := check.Source(args[0], src, check.Options{})
			if len(diags) > 0 {
				for _, d := range diags {
					fmt.Fprintln(env.Stderr, d)
				}
				return ExitFailure
			}
			text := graph.Render(m, f)
			if out == "" {
				fmt.Fprint(env.Stdout, text)
				return ExitOK
			}
			if err := os.WriteFile(out, []byte(text), 0o644); err != nil {
				env.Errorf("%v", err)
				return ExitFailure
			}
			return ExitOK
		},
	}
}
