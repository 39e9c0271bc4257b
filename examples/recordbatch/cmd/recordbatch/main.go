// Command recordbatch runs the record batch workflow once with the
// example's Go task (a ledger that throttles the first call for rec-03,
// so its Retry waits 1 s) and prints the execution's output as JSON:
//
//	go run ./examples/recordbatch/cmd/recordbatch [FILE|-]
//
// The input is {"records": [...]} in FILE, or on stdin for "-", or else
// the example's sample records, one of them invalid. It exits 1 when the execution fails.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/aslc/aslc/examples/recordbatch"
	aslrt "github.com/aslc/aslc/runtime"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "recordbatch:", err)
		stop()
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	in := recordbatch.SampleInput()
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
		return fmt.Errorf("usage: recordbatch [FILE|-]")
	}
	m := recordbatch.New(recordbatch.NewLedger(map[string]int{"rec-03": 1}))
	out, err := m.Run(ctx, in)
	if err != nil {
		return fmt.Errorf("%s: %w", aslrt.StatusOf(err), err)
	}
	fmt.Println(aslrt.EncodeString(out))
	return nil
}
