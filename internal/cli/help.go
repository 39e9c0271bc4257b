package cli

import "fmt"

func helpCommand() *Command {
	return &Command{
		Name:  "help",
		Args:  "[command]",
		Short: "show help for aslc or one of its commands",
		Long: `Help prints the list of commands or, given a command name, that
command's usage, description and flags.`,
		Run: func(env *Env, args []string) int {
			cmds := commands()
			switch len(args) {
			case 0:
				fmt.Fprint(env.Stdout, mainUsage(cmds))
				return ExitOK
			case 1:
				c := lookup(cmds, args[0])
				if c == nil {
					return env.UsageError("unknown command %q", args[0])
				}
				fmt.Fprint(env.Stdout, commandHelp(c))
				return ExitOK
			}
			return env.UsageError("help takes at most one command name")
		},
	}
}
