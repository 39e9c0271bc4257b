package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aslc/aslc/backend/awslambda/awslambdatest"
	"github.com/aslc/aslc/internal/gobuild"
	"github.com/aslc/aslc/internal/lambdastub"
	aslrt "github.com/aslc/aslc/runtime"
)

// The seed article's order-validation workflow.
var orderValidation = filepath.Join("..", "..", "compiler", "graph", "testdata", "order-validation.asl.json")

var built struct {
	sync.Mutex
	bins map[string]string
}

// buildOnce builds def with aslc build (once per test binary) and returns
// the executable.
func buildOnce(t *testing.T, def string) string {
	t.Helper()
	built.Lock()
	defer built.Unlock()
	if bin, ok := built.bins[def]; ok {
		return bin
	}
	if testing.Short() {
		t.Skip("building an executable takes a while")
	}
	dir, err := os.MkdirTemp("", "aslc-build-test-")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, strings.TrimSuffix(filepath.Base(def), ".asl.json"))
	if code, _, stderr := run("build", "-o", bin, def); code != 0 {
		t.Fatalf("aslc build: exit %d\n%s", code, stderr)
	}
	if built.bins == nil {
		built.bins = map[string]string{}
	}
	built.bins[def] = bin
	return bin
}

func TestMain(m *testing.M) {
	// aslc build keeps what it builds in the cache of aslc run: give the
	// tests one of their own.
	cache, err := os.MkdirTemp("", "aslc-cache-test-")
	if err != nil {
		panic(err)
	}
	os.Setenv(gobuild.CacheDirEnv, cache)
	code := m.Run()
	for _, bin := range built.bins {
		os.RemoveAll(filepath.Dir(bin))
	}
	os.RemoveAll(cache)
	os.Exit(code)
}

// runBinary runs bin with args and stdin in env, returning its exit
// status, stdout and stderr.
func runBinary(t *testing.T, bin string, env []string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errb.String()
}

// orderFunctions are the seed's functions, in its account.
func orderFunctions(stubs map[string]string) *awslambdatest.Server {
	return awslambdatest.New(&lambdastub.Lambda{Functions: stubs, Account: "123456789012"})
}

// TestBuildOrderValidation builds the seed's order-validation workflow and
// runs it as a subprocess against a fake Lambda endpoint.
func TestBuildOrderValidation(t *testing.T) {
	bin := buildOnce(t, orderValidation)
	const input = `{"orderId":"o-1","amount":42.5,"items":[{"sku":"A","qty":2}]}`
	okStubs := map[string]string{
		"validate-payment": lambdastub.IDFunction, "check-inventory": lambdastub.IDFunction,
		"verify-address": lambdastub.IDFunction, "process-validation": lambdastub.IDFunction,
	}

	t.Run("succeeded", func(t *testing.T) {
		srv := orderFunctions(okStubs)
		defer srv.Close()
		code, stdout, stderr := runBinary(t, bin, srv.Env(), input)
		if code != 0 {
			t.Fatalf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
		}
		// Parallel's branches each return their input; ResultPath puts
		// them under validationResults; process-validation echoes it.
		want := `{"status":"SUCCEEDED","output":{"orderId":"o-1","amount":42.5,"items":[{"sku":"A","qty":2}],"validationResults":[` +
			strings.Repeat(input+",", 2) + input + `]}}` + "\n"
		if diff := cmp.Diff(want, stdout); diff != "" {
			t.Errorf("stdout (-want +got):\n%s", diff)
		}
		var names []string
		for _, c := range srv.Calls() {
			names = append(names, c.FunctionName)
		}
		if len(names) != 4 || names[3] != "arn:aws:lambda:us-east-1:123456789012:function:process-validation" {
			t.Errorf("calls %v", names)
		}
	})

	t.Run("function error", func(t *testing.T) {
		stubs := map[string]string{}
		for k, v := range okStubs {
			stubs[k] = v
		}
		stubs["verify-address"] = lambdastub.RaiseException
		srv := orderFunctions(stubs)
		defer srv.Close()
		code, stdout, _ := runBinary(t, bin, srv.Env(), input)
		if code != 1 {
			t.Errorf("exit %d, want 1", code)
		}
		res, err := aslrt.DecodeString(strings.TrimSpace(stdout))
		if err != nil {
			t.Fatalf("stdout %q: %v", stdout, err)
		}
		obj := res.(*aslrt.Object)
		status, _ := obj.Get("status")
		name, _ := obj.Get("error")
		cause, _ := obj.Get("cause")
		if status != "FAILED" || name != "Exception" || !strings.HasPrefix(cause.(string), `{"errorMessage": "Some exception was raised.", "errorType": "Exception", "requestId": "`) {
			t.Errorf("result %s", stdout)
		}
	})

	t.Run("input file and debug log", func(t *testing.T) {
		srv := orderFunctions(okStubs)
		defer srv.Close()
		file := filepath.Join(t.TempDir(), "in.json")
		if err := os.WriteFile(file, []byte(input), 0o644); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := runBinary(t, bin, srv.Env(), "not json", "--log-level", "debug", "--input", file)
		if code != 0 || !strings.HasPrefix(stdout, `{"status":"SUCCEEDED"`) {
			t.Fatalf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
		}
		for _, s := range []string{"ValidateOrder", "ValidatePayment", "ProcessValidation"} {
			if !strings.Contains(stderr, `msg="state entered" state=`+s) || !strings.Contains(stderr, `msg="state exited" state=`+s) {
				t.Errorf("no entered/exited lines for %s:\n%s", s, stderr)
			}
		}
		if !strings.Contains(stderr, "duration=") {
			t.Errorf("no durations:\n%s", stderr)
		}
	})

	t.Run("mock config", func(t *testing.T) {
		mock := filepath.Join("testdata", "build", "order-validation.mock.json")
		// No endpoint at all: a mocked run makes no AWS call.
		code, stdout, stderr := runBinary(t, bin, []string{"AWS_ENDPOINT_URL_LAMBDA=http://127.0.0.1:9", "AWS_EC2_METADATA_DISABLED=true"}, input,
			"--mock-config", mock, "--test-case", "PaymentDeclined")
		if code != 1 {
			t.Errorf("exit %d, want 1; stderr %s", code, stderr)
		}
		if want := `{"status":"FAILED","error":"PaymentDeclined","cause":"card expired"}` + "\n"; stdout != want {
			t.Errorf("stdout %s, want %s", stdout, want)
		}
	})

	t.Run("usage", func(t *testing.T) {
		for _, args := range [][]string{{"--mock-config", "x.json"}, {"a.json", "b.json"}, {"--log-level", "loud"}, {"--frobnicate"}} {
			if code, _, stderr := runBinary(t, bin, nil, "{}", args...); code != 2 || !strings.Contains(stderr, "usage: order-validation") {
				t.Errorf("%v: exit %d, stderr %s", args, code, stderr)
			}
		}
	})
}

// TestBuildRetriesThrottling: a Retry on Lambda.TooManyRequestsException,
// written as for AWS, retries a throttled call in the built binary.
func TestBuildRetriesThrottling(t *testing.T) {
	bin := buildOnce(t, filepath.Join("testdata", "build", "throttled.asl.json"))
	srv := awslambdatest.New(&lambdastub.Lambda{Functions: map[string]string{"process-item": lambdastub.IDFunction}, Account: "123456789012"})
	defer srv.Close()
	srv.Throttle(2)
	code, stdout, stderr := runBinary(t, bin, srv.Env(), `{"id":7}`)
	if code != 0 {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	if want := `{"status":"SUCCEEDED","output":{"item":{"id":7},"attempt":2}}` + "\n"; stdout != want {
		t.Errorf("stdout %s, want %s", stdout, want)
	}
	if n := len(srv.Calls()); n != 3 {
		t.Errorf("%d invocations, want 3 (two throttled)", n)
	}
}

func TestBuildUsage(t *testing.T) {
	for _, args := range [][]string{{"build", orderValidation}, {"build", "-o", "x"}, {"build", "-o", "x", "a.json", "b.json"}} {
		if code, _, _ := run(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, stderr := run("build", "-o", filepath.Join(t.TempDir(), "x"), filepath.Join("testdata", "bad.yaml")); code != 1 || !strings.Contains(stderr, "MISSING_TRANSITION_TARGET") {
		t.Errorf("invalid definition: exit %d, stderr %s", code, stderr)
	}
}

// TestCopyExecutableLeavesNothingBehind: when BIN cannot be written (here
// a directory holds its name), build fails and leaves no temporary file.
func TestCopyExecutableLeavesNothingBehind(t *testing.T) {
	dir := t.TempDir()
	from := filepath.Join(dir, "built")
	if err := os.WriteFile(from, []byte("program"), 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "bin")
	if err := os.MkdirAll(filepath.Join(out, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := copyExecutable(from, out); err == nil {
		t.Error("copied over a directory")
	}
	if _, err := os.Stat(out + ".tmp"); !os.IsNotExist(err) {
		t.Errorf("temporary file left: %v", err)
	}
	good := filepath.Join(dir, "good")
	if err := copyExecutable(from, good); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(good); err != nil || st.Mode()&0o100 == 0 {
		t.Errorf("copy: %v, mode %v", err, st.Mode())
	}
}

// TestBuildUnsupportedResource: a Task whose resource the Lambda backend
// does not call fails the execution with States.Runtime naming the state
// and the resource, which a catcher on States.ALL does not catch; no call
// is made.
func TestBuildUnsupportedResource(t *testing.T) {
	bin := buildOnce(t, filepath.Join("testdata", "build", "unsupported.asl.json"))
	srv := awslambdatest.New(&lambdastub.Lambda{})
	defer srv.Close()
	code, stdout, stderr := runBinary(t, bin, srv.Env(), `{"id":7}`)
	if code != 1 {
		t.Errorf("exit %d, want 1; stderr %s", code, stderr)
	}
	want := `{"status":"FAILED","error":"States.Runtime","cause":"The state 'Notify' calls arn:aws:states:::sqs:sendMessage, the sqs service integration, which the Lambda backend does not run: it calls Lambda function ARNs and arn:aws:states:::lambda:invoke only"}` + "\n"
	if diff := cmp.Diff(want, stdout); diff != "" {
		t.Errorf("stdout (-want +got):\n%s", diff)
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d calls to Lambda", n)
	}
}
