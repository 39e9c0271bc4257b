package aslrt

import (
	"errors"
	"testing"
)

// testScope is a Scope with a fixed context object, variables and a
// deterministic random sequence.
type testScope struct {
	ctx  Value
	vars map[string]Value
	n    uint64
}

func (s *testScope) ContextObject() Value { return s.ctx }

func (s *testScope) Variable(name string) (Value, bool) {
	v, ok := s.vars[name]
	return v, ok
}

func (s *testScope) Random() uint64 {
	// splitmix64
	s.n += 0x9E3779B97F4A7C15
	z := s.n
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

func newTestScope() *testScope {
	return &testScope{
		ctx: MustDecode(`{"Execution":{"Id":"arn:aws:states:us-east-1:111111111111:execution:my-machine:run-1","Input":{"x":1,"list":[1,2]},"Name":"run-1","StartTime":"2024-01-01T00:00:00.000Z","RoleArn":"arn:aws:iam::111111111111:role/r","RedriveCount":0},` +
			`"StateMachine":{"Id":"arn:aws:states:us-east-1:111111111111:stateMachine:my-machine","Name":"my-machine"},` +
			`"State":{"Name":"S","EnteredTime":"2024-01-01T00:00:00.000Z"},"Map":{"Item":{"Index":2,"Value":{"id":"i2"}}}}`),
		vars: map[string]Value{
			"answer": int64(42),
			"obj":    MustDecode(`{"a":{"b":"deep"},"n":null}`),
			"list":   MustDecode(`[10,20,30]`),
		},
	}
}

// errorOf returns err as an *Error, failing the test when it is not one.
func errorOf(t *testing.T, err error) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *aslrt.Error", err, err)
	}
	return e
}

// jsonText renders v compactly for comparisons in tests.
func jsonText(v Value) string { return string(AppendJSON(nil, v)) }
