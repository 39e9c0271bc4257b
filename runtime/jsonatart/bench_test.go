package jsonatart_test

import (
	"testing"

	aslrt "github.com/aslc/aslc/runtime"
	"github.com/aslc/aslc/runtime/jsonatart"
)

// The direct functions below are what aslc generates for these
// expressions (compare golden/jsonatachoice); the benchmarks run each
// expression with its direct function (Eval) and with the evaluator alone
// (Evaluate).

var benchInput = `{"order": {"id": "o-1", "kind": "express", "weight": 2, "lines": [1, 2, 3]}, "customer": {"name": "Ada", "tier": "gold"}}`

func directPath(s *jsonatart.States) (aslrt.Value, bool) {
	return jsonatart.Path(s.Input(), "order", "id")
}

func directCondition(s *jsonatart.States) (aslrt.Value, bool) {
	v0, ok := jsonatart.Path(s.Input(), "order", "kind")
	if !ok {
		return nil, false
	}
	v1, ok := jsonatart.Compare(jsonatart.Eq, v0, "express")
	if !ok {
		return nil, false
	}
	v2, ok := jsonatart.Bool(v1)
	if !ok {
		return nil, false
	}
	v3, ok := jsonatart.Path(s.Input(), "order", "weight")
	if !ok {
		return nil, false
	}
	v4, ok := jsonatart.Compare(jsonatart.Le, v3, int64(5))
	if !ok {
		return nil, false
	}
	v5, ok := jsonatart.Bool(v4)
	if !ok {
		return nil, false
	}
	return v2 && v5, true
}

func directObject(s *jsonatart.States) (aslrt.Value, bool) {
	v0, ok := jsonatart.Path(s.Input(), "order", "id")
	if !ok {
		return nil, false
	}
	v1, ok := jsonatart.Path(s.Input(), "customer", "name")
	if !ok {
		return nil, false
	}
	return jsonatart.ObjectOf(
		aslrt.Member{Key: "id", Value: v0},
		aslrt.Member{Key: "name", Value: v1},
		aslrt.Member{Key: "source", Value: "web"},
	), true
}

func BenchmarkExpr(b *testing.B) {
	exprs := []struct {
		name, text string
		direct     jsonatart.Direct
	}{
		{"path", "$states.input.order.id", directPath},
		{"condition", "$states.input.order.kind = 'express' and $states.input.order.weight <= 5", directCondition},
		{"object", "{'id': $states.input.order.id, 'name': $states.input.customer.name, 'source': 'web'}", directObject},
	}
	for _, tc := range exprs {
		e := jsonatart.MustExpr("Output", tc.text, tc.direct)
		x, in := scope(b, benchInput, "")
		st := jsonatart.NewStates(x, in)
		want, err := e.Evaluate(st)
		if err != nil {
			b.Fatal(err)
		}
		if got, err := e.Eval(st); err != nil || aslrt.EncodeString(got) != aslrt.EncodeString(want) {
			b.Fatalf("%s: direct %v (%v), evaluator %v", tc.name, got, err, want)
		}
		b.Run(tc.name+"/direct", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Eval(st); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(tc.name+"/evaluator", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Evaluate(st); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOutput is a state's Output field: an object of three
// expressions, as generated code evaluates it, with and without direct
// functions.
func BenchmarkOutput(b *testing.B) {
	build := func(direct bool) jsonatart.Node {
		d := func(f jsonatart.Direct) jsonatart.Direct {
			if direct {
				return f
			}
			return nil
		}
		return jsonatart.Object(
			jsonatart.M("id", jsonatart.MustExpr("Output/id", "$states.input.order.id", d(directPath))),
			jsonatart.M("express", jsonatart.MustExpr("Output/express", "$states.input.order.kind = 'express' and $states.input.order.weight <= 5", d(directCondition))),
			jsonatart.M("who", jsonatart.MustExpr("Output/who", "{'id': $states.input.order.id, 'name': $states.input.customer.name, 'source': 'web'}", d(directObject))),
			jsonatart.M("kind", jsonatart.Literal("order")),
		)
	}
	x, in := scope(b, benchInput, "")
	for _, direct := range []bool{true, false} {
		name := "evaluator"
		if direct {
			name = "direct"
		}
		n := build(direct)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := n.Eval(jsonatart.NewStates(x, in)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
