// Command processitems runs the item processing workflow once with the
// example's Go tasks (a database whose first write of item-2 fails, so
// its Retry waits 2 s) and prints the execution's output as JSON:
//
//	go run ./examples/processitems/cmd/processitems [FILE|-]
//
// The input is {"items": [...]} in FILE, or on stdin for "-", or else
// the example's sample items. It exits 1 when the execution fails.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/aslc/aslc/examples/processitems"
	aslrt "github.com/aslc/aslc/runtime"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "processitems:", err)
		stop()
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	in := processitems.SampleInput()
	switch len(args) {
	case 0:
	case 1:
		var text []byte
		var err error
		if args[0] == "-" {
			text, err = io.ReadAll(os.Stdin)
		} else {
			text, err = os.ReadFile(args[0])
		}
		if err != nil {
			return err
		}
		if in, err = aslrt.Decode(text); err != nil {
			return fmt.Errorf("the input is not JSON: %w", err)
		}
	default:
		return fmt.Errorf("usage: processitems [FILE|-]")
	}
	m := processitems.New(processitems.NewDatabase(map[string]int{"item-2": 1}))
	out, err := m.Run(ctx, in)
	if err != nil {
		return fmt.Errorf("%s: %w", aslrt.StatusOf(err), err)
	}
	fmt.Println(aslrt.EncodeString(out))
	return nil
}
