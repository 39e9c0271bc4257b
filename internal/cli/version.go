package cli

import (
	"fmt"

	"github.com/aslc/aslc/internal/version"
)

func versionCommand() *Command {
	return &Command{
		Name:  "version",
		Short: "print the aslc version",
		Long:  `Version prints the version of aslc, as "aslc v<version>".`,
		Run: func(env *Env, args []string) int {
			if len(args) > 0 {
				return env.UsageError("version takes no arguments")
			}
			fmt.Fprintf(env.Stdout, "aslc v%s\n", version.Version)
			return ExitOK
		},
	}
}
