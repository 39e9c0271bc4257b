// Command imagebatch runs the image batch workflow once with the
// example's Go tasks (a studio that resizes in memory) and prints the
// execution's output as JSON:
//
//	go run ./examples/imagebatch/cmd/imagebatch [FILE|-]
//
// The input is the batch in FILE, or on stdin for "-", or else the
// example's sample batch. It exits 1 when the execution fails.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/aslc/aslc/examples/imagebatch"
	aslrt "github.com/aslc/aslc/runtime"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "imagebatch:", err)
		stop()
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	in := imagebatch.SampleInput()
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
		return fmt.Errorf("usage: imagebatch [FILE|-]")
	}
	m := imagebatch.New(imagebatch.NewStudio())
	out, err := m.Run(ctx, in)
	if err != nil {
		return fmt.Errorf("%s: %w", aslrt.StatusOf(err), err)
	}
	fmt.Println(aslrt.EncodeString(out))
	return nil
}
