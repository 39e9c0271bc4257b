package awslambda_test

import (
	"context"
	"testing"

	"github.com/aslc/aslc/internal/lambdastub"
	aslrt "github.com/aslc/aslc/runtime"
)

// BenchmarkInvoke measures one task call through the SDK to the fake
// endpoint on loopback (request signing, HTTP, response decoding, the
// envelope): what the backend adds to a function's own time.
func BenchmarkInvoke(b *testing.B) {
	inv, _ := start(b, map[string]string{"id": lambdastub.IDFunction})
	for _, bc := range []struct {
		name string
		call aslrt.TaskCall
	}{
		{"function", aslrt.TaskCall{State: "T", Resource: fnPrefix + "id", Input: aslrt.MustDecode(`{"order":{"id":"o-1","items":[1,2,3]}}`)}},
		{"invoke", aslrt.TaskCall{State: "T", Resource: invokeARN, Input: aslrt.MustDecode(`{"FunctionName":"id","Payload":{"order":{"id":"o-1","items":[1,2,3]}}}`)}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := inv.Invoke(context.Background(), bc.call); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
