package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aslc/aslc/internal/gobuild"
)

// runCache points aslc run at a build cache of the test's own and keeps
// the go command from downloading anything.
func runCache(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv(gobuild.CacheDirEnv, dir)
	t.Setenv("GOTOOLCHAIN", "local")
	return dir
}

func TestRun(t *testing.T) {
	runCache(t)
	dir := t.TempDir()
	orders := filepath.Join("testdata", "run", "orders.asl.json")
	mocks := filepath.Join("testdata", "run", "mocks.json")
	input := filepath.Join("testdata", "run", "input.json")
	succeed := writeDef(t, dir, "done.asl.json", `{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}`)
	fail := writeDef(t, dir, "reject.asl.json", `{"StartAt": "Reject", "States": {
	  "Reject": {"Type": "Fail", "Error": "OrderRejected", "Cause": "the order is empty"}}}`)
	timeout := writeDef(t, dir, "slow.asl.json", `{"TimeoutSeconds": 60, "StartAt": "Nap", "States": {
	  "Nap": {"Type": "Wait", "Seconds": 3600, "End": true}}}`)
	wait := writeDef(t, dir, "wait.asl.json", `{"StartAt": "Nap", "States": {
	  "Nap": {"Type": "Wait", "Seconds": 86400, "Next": "When"},
	  "When": {"Type": "Pass", "Parameters": {"name.$": "$$.StateMachine.Name", "in.$": "$"}, "End": true}}}`)
	invalid := writeDef(t, dir, "broken.asl.json", `{"StartAt": "A", "States": {
  "A": {"Type": "Pass", "Next": "B"}}}`)
	notJSON := writeDef(t, dir, "input.txt", `{"id": `)

	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string // the whole of stderr, unless stderrHas is set
		has    []string
	}{
		// The execution's outcomes (DESIGN.md "CLI").
		{name: "succeed", args: []string{succeed, "--input", input}, code: 0,
			stdout: `{"status":"SUCCEEDED","output":{"id":"order-42","total":19.5}}`},
		{name: "succeed without input", args: []string{succeed}, code: 0,
			stdout: `{"status":"SUCCEEDED","output":{}}`},
		{name: "fail", args: []string{fail, "--input", input}, code: 1,
			stdout: `{"status":"FAILED","error":"OrderRejected","cause":"the order is empty"}`},
		{name: "timed out on the virtual clock", args: []string{timeout, "--virtual-time"}, code: 1,
			stdout: `{"status":"TIMED_OUT"}`},
		{name: "a day's wait on the virtual clock", args: []string{wait, "--virtual-time", "--input", input, "--name", "nightly"}, code: 0,
			stdout: `{"status":"SUCCEEDED","output":{"name":"nightly","in":{"id":"order-42","total":19.5}}}`},

		// Tasks answered by a mock configuration (CHECKLIST A9.3 for the
		// unmocked states).
		{name: "mocked return", args: []string{orders, "--input", input, "--mock-config", mocks, "--test-case", "HappyPath"}, code: 0,
			stdout: `{"status":"SUCCEEDED","output":{"id":"order-42","total":19.5,"charge":{"status":"paid"},"shipping":{"trackingId":"T-1001"}}}`},
		{name: "mocked throw caught", args: []string{orders, "--input", input, "--mock-config", mocks, "--test-case", "Declined"}, code: 0,
			stdout: `{"status":"SUCCEEDED","output":{"id":"order-42","rejected":"card expired"}}`},
		{name: "mocked throw retried then return", args: []string{orders, "--input", input, "--mock-config", mocks, "--test-case", "Flaky", "--virtual-time"}, code: 0,
			stdout: `{"status":"SUCCEEDED","output":{"id":"order-42","total":19.5,"charge":{"status":"paid","retried":true},"shipping":{"trackingId":"T-1001"}}}`},
		{name: "mocked throws exhaust the retries", args: []string{orders, "--input", input, "--mock-config", mocks, "--test-case", "GatewayDown", "--virtual-time"}, code: 1,
			stdout: `{"status":"FAILED","error":"Payment.Timeout","cause":"the gateway did not answer"}`},
		{name: "state without a mock", args: []string{orders, "--input", input, "--mock-config", mocks, "--test-case", "NoShipping"}, code: 1,
			stdout: `{"status":"FAILED","error":"States.Runtime","cause":"mockconfig: test case \"NoShipping\" of state machine \"orders\" in ` + mocks + ` has no mocked response for state \"Ship\""}`},
		{name: "no mock configuration", args: []string{orders, "--input", input}, code: 1,
			stdout: `{"status":"FAILED","error":"States.Runtime","cause":"Task state \"Charge\" (resource arn:aws:lambda:us-east-1:123456789012:function:charge) has no mocked response: aslc run calls no real resources; answer Task states with --mock-config FILE --test-case NAME"}`},
		{name: "name selects the mocked machine", args: []string{orders, "--input", input, "--mock-config", mocks, "--test-case", "HappyPath", "--name", "checkout"}, code: 0,
			stdout: `{"status":"SUCCEEDED","output":{"id":"order-42","total":19.5,"charge":{"status":"paid"},"shipping":{"trackingId":"T-2002"}}}`},

		// Problems before the execution.
		{name: "invalid definition", args: []string{invalid, "--input", input}, code: 1,
			stderr: invalid + ":1:28: MISSING_END_STATE: Workflow has no terminal state\n" +
				invalid + ":2:33: MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next\n"},
		{name: "unknown test case", args: []string{orders, "--mock-config", mocks, "--test-case", "Nope"}, code: 1,
			has: []string{"aslc: ", "Nope", "HappyPath"}},
		{name: "missing mock configuration", args: []string{orders, "--mock-config", filepath.Join(dir, "none.json"), "--test-case", "HappyPath"}, code: 1,
			has: []string{"aslc: ", "none.json"}},
		{name: "input not JSON", args: []string{succeed, "--input", notJSON}, code: 1,
			has: []string{"aslc: the input in " + notJSON + " is not JSON"}},
		{name: "missing input", args: []string{succeed, "--input", filepath.Join(dir, "none.json")}, code: 1,
			has: []string{"aslc: ", "none.json"}},
		{name: "missing definition", args: []string{filepath.Join(dir, "none.asl.json")}, code: 1,
			has: []string{"aslc: ", "none.asl.json"}},
		{name: "no definition", args: nil, code: 2,
			has: []string{"aslc: run needs exactly one definition file", "usage: aslc run [flags] DEF"}},
		{name: "two definitions", args: []string{succeed, fail}, code: 2,
			has: []string{"aslc: run needs exactly one definition file"}},
		{name: "test case without mock configuration", args: []string{orders, "--test-case", "HappyPath"}, code: 2,
			has: []string{"--mock-config and --test-case go together"}},
		{name: "mock configuration without test case", args: []string{orders, "--mock-config", mocks}, code: 2,
			has: []string{"--mock-config and --test-case go together"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(append([]string{"run", "--offline"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			want := ""
			if tt.stdout != "" {
				want = tt.stdout + "\n"
			}
			if diff := cmp.Diff(want, stdout); diff != "" {
				t.Errorf("stdout (-want +got):\n%s", diff)
			}
			if tt.has == nil {
				if diff := cmp.Diff(tt.stderr, stderr); diff != "" {
					t.Errorf("stderr (-want +got):\n%s", diff)
				}
			}
			for _, s := range tt.has {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
		})
	}
}

// TestRunCache: the first run builds the program, the second finds it in
// the cache, and the cache holds one program for the definition.
func TestRunCache(t *testing.T) {
	cache := runCache(t)
	def := writeDef(t, t.TempDir(), "hello.asl.json", `{"StartAt": "Hi", "States": {"Hi": {"Type": "Pass", "Result": "hello", "End": true}}}`)
	var binaries []string
	for i, how := range []string{"built", "cached", "cached"} {
		code, stdout, stderr := run("run", "--offline", "-v", def)
		if code != 0 || stdout != `{"status":"SUCCEEDED","output":"hello"}`+"\n" {
			t.Fatalf("run %d: exit %d, stdout %q, stderr %q", i, code, stdout, stderr)
		}
		prefix := "aslc: " + def + ": " + how + " program "
		bin, ok := strings.CutPrefix(strings.TrimSuffix(stderr, "\n"), prefix)
		if !ok {
			t.Fatalf("run %d: stderr %q, want %q and the program's path", i, stderr, prefix)
		}
		binaries = append(binaries, bin)
	}
	if binaries[0] != binaries[1] || binaries[1] != binaries[2] {
		t.Errorf("programs %q, want one", binaries)
	}
	entries, err := os.ReadDir(filepath.Join(cache, "bin"))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || filepath.Join(cache, "bin", entries[0].Name()) != binaries[0] {
		t.Errorf("cache holds %v, want only %s", entries, binaries[0])
	}
}

// TestRunStdin: --input - reads the input from stdin.
func TestRunStdin(t *testing.T) {
	runCache(t)
	dir := t.TempDir()
	def := writeDef(t, dir, "echo.asl.json", `{"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "InputPath": "$.order", "End": true}}}`)
	in := writeDef(t, dir, "in.json", `{"order": {"b": 2, "a": [1, 2.50, 1e2]}}`)
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	saved := os.Stdin
	os.Stdin = f
	defer func() { os.Stdin = saved }()
	code, stdout, stderr := run("run", "--offline", def, "--input", "-")
	if code != 0 || stdout != `{"status":"SUCCEEDED","output":{"b":2,"a":[1,2.5,100.0]}}`+"\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// TestRunExampleOrder: the order example run with its mock configuration,
// as the README shows it; each test case gives what the example's Go
// tasks give for the sample order.
func TestRunExampleOrder(t *testing.T) {
	runCache(t)
	dir := filepath.Join("..", "..", "examples", "order")
	for _, tt := range []struct{ testCase, output string }{
		{"HappyPath", `{"orderId":"ORD-1001","status":"CONFIRMED","authorizationId":"AUTH-ORD-1001-4242","units":3,"total":28.25,"shipTo":"1 Main St, Springfield 12345, US"}`},
		{"PaymentDeclined", `{"orderId":"ORD-1001","status":"REJECTED","reason":"PaymentDeclined: card 4242 was declined by the issuer"}`},
	} {
		t.Run(tt.testCase, func(t *testing.T) {
			code, stdout, stderr := run("run", "--offline", filepath.Join(dir, "order.asl.json"),
				"--input", filepath.Join(dir, "input.json"),
				"--mock-config", filepath.Join(dir, "mock-config.json"), "--test-case", tt.testCase)
			want := `{"status":"SUCCEEDED","output":` + tt.output + "}\n"
			if code != 0 || stdout != want || stderr != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want %q", code, stdout, stderr, want)
			}
		})
	}
}
