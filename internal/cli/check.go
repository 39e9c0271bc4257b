package cli

import (
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/aslc/aslc/backend/awslambda"
	"github.com/aslc/aslc/compiler/ast"
	"github.com/aslc/aslc/compiler/check"
)

func checkCommand() *Command {
	var opts check.Options
	var backend string
	return &Command{
		Name:  "check",
		Args:  "DEF...",
		Short: "validate definitions and report every problem",
		Long: `Check validates each definition (JSON, or YAML for .yaml and .yml files
and for text that does not start with '{' or '[') as AWS Step Functions
does when a state machine is created, and prints every problem to stderr,
sorted by file and position, as

	file:line:col: CODE: message at /location

where CODE is AWS's diagnostic code (SCHEMA_VALIDATION_FAILED,
MISSING_TRANSITION_TARGET, ...) and the text after it is the message AWS
gives for the same problem. File names are printed as given.

Check prints nothing and exits 0 when every definition is valid; it exits
1 when it reports a problem or cannot read a file.

With --backend lambda, check also reports every Task state whose resource
the Lambda backend of "aslc build" cannot call (anything but a Lambda
function ARN and arn:aws:states:::lambda:invoke) or that sets Credentials
(a role the backend does not assume), and lambda:invoke parameters that
Invoke does not take, with the code UNSUPPORTED_RESOURCE.`,
		Flags: func(fs *pflag.FlagSet) {
			fs.StringVar(&backend, "backend", "", "also check that the task backend `NAME` can run every Task state (lambda)")
			fs.BoolVar(&opts.Express, "express", false, "validate as EXPRESS state machines, which refuse .sync and .waitForTaskToken integrations and activities")
		},
		Run: func(env *Env, args []string) int {
			if len(args) == 0 {
				return env.UsageError("check needs at least one definition file")
			}
			if backend != "" && backend != "lambda" {
				return env.UsageError("unknown backend %q (the backend is lambda)", backend)
			}
			status := ExitOK
			var all ast.Diagnostics
			for _, name := range args {
				src, err := os.ReadFile(name)
				if err != nil {
					env.Errorf("%v", err)
					status = ExitFailure
					continue
				}
				m, diags := check.Source(name, src, opts)
				all = append(all, diags...)
				if backend == "lambda" && m != nil {
					all = append(all, awslambda.CheckResources(m)...)
				}
			}
			all.Sort()
			for _, d := range all {
				fmt.Fprintln(env.Stderr, d)
			}
			if len(all) > 0 {
				status = ExitFailure
			}
			return status
		},
	}
}
