package jsonata

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	aslrt "github.com/aslc/aslc/runtime"
)

// TestJSReference evaluates the expressions of testdata/jsonata-js-2.0.6.json
// and compares each outcome with the one jsonata-js 2.0.6 gave (see
// testdata/README.md).
func TestJSReference(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "jsonata-js-2.0.6.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Inputs map[string]struct {
			Data    json.RawMessage `json:"data"`
			Dataset string          `json:"dataset"`
			None    bool            `json:"none"` // no input document
		} `json:"inputs"`
		Cases []struct {
			Expr      string `json:"expr"`
			Suite     string `json:"suite"` // the expression of this suite case instead`
			Input     string `json:"input"`
			Result    string `json:"result"`
			Undefined bool   `json:"undefined"`
			Error     *struct {
				Code     string `json:"code"`
				Message  string `json:"message"`
				Token    string `json:"token"`
				Position *int   `json:"position"`
			} `json:"error"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	inputs := map[string]Value{}
	for name, in := range ref.Inputs {
		if in.None {
			inputs[name] = Undefined
			continue
		}
		raw := []byte(in.Data)
		if in.Dataset != "" {
			raw, err = os.ReadFile(filepath.Join(suiteDir(t), "datasets", in.Dataset+".json"))
			if err != nil {
				t.Fatal(err)
			}
		}
		inputs[name] = decodeJSON(t, raw)
	}
	suiteExprs := map[string]string{}
	for _, c := range loadCases(t, suiteDir(t)) {
		suiteExprs[c.id] = c.expr
	}
	for _, c := range ref.Cases {
		if c.Suite != "" {
			src, ok := suiteExprs[c.Suite]
			if !ok {
				t.Errorf("no suite case %s", c.Suite)
				continue
			}
			c.Expr = src
		}
		var got string
		expr, err := Parse(c.Expr)
		var v Value
		if err == nil {
			v, err = expr.Evaluate(inputs[c.Input], nil)
		}
		switch je, _ := err.(*Error); {
		case je != nil:
			got = "error " + je.Code + ": " + je.Message
			if je.hasToken {
				got += " token " + je.Token
			}
			if je.Position >= 0 {
				got += " at " + strconv.Itoa(je.Position)
			}
		case err != nil:
			got = "Go error " + err.Error()
		case IsUndefined(v):
			got = "undefined"
		default:
			s, err := stringify(markFunctions(v), false, false)
			if err != nil {
				s = "unprintable: " + err.Error()
			}
			got = "result " + s
		}
		var want string
		switch {
		case c.Error != nil:
			want = "error " + c.Error.Code + ": " + c.Error.Message
			if c.Error.Token != "" {
				want += " token " + c.Error.Token
			}
			if c.Error.Position != nil {
				want += " at " + strconv.Itoa(*c.Error.Position)
			}
		case c.Undefined:
			want = "undefined"
		default:
			want = "result " + c.Result
		}
		if got != want {
			t.Errorf("%s (on %s)\n got: %s\nwant: %s", c.Expr, c.Input, got, want)
		}
	}
	t.Logf("%d expressions compared with jsonata-js 2.0.6", len(ref.Cases))
}

// markFunctions replaces the functions in v by "<function>", as the
// reference outcomes show them.
func markFunctions(v Value) Value {
	switch x := v.(type) {
	case []Value:
		out := make([]Value, len(x))
		for i, it := range x {
			out[i] = markFunctions(it)
		}
		return out
	case *aslrt.Object:
		out := aslrt.NewObject(x.Len())
		for _, m := range x.Members() {
			out.Set(m.Key, markFunctions(m.Value))
		}
		return out
	}
	if isFunction(v) {
		return "<function>"
	}
	return v
}
