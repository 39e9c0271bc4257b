// Command etl runs the ETL pipeline once with the example's Go tasks
// (three in-memory sources and a warehouse table) and prints the
// execution's output as JSON:
//
//	go run ./examples/etl/cmd/etl [FILE|-]
//
// The input is the run's JSON in FILE, or on stdin for "-", or else the
// example's sample input. It exits 1 when the execution fails.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/aslc/aslc/examples/etl"
	aslrt "github.com/aslc/aslc/runtime"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "etl:", err)
		stop()
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	in := etl.SampleInput()
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
		return fmt.Errorf("usage: etl [FILE|-]")
	}
	m := etl.New(etl.NewPipeline(etl.SampleSources()))
	out, err := m.Run(ctx, in)
	if err != nil {
		return fmt.Errorf("%s: %w", aslrt.StatusOf(err), err)
	}
	fmt.Println(aslrt.EncodeString(out))
	return nil
}
