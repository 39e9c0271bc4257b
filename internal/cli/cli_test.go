package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aslc/aslc/internal/version"
)

func run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCheck(t *testing.T) {
	good := filepath.Join("testdata", "good.json")
	bad := filepath.Join("testdata", "bad.yaml")
	callback := filepath.Join("testdata", "callback.json")
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     string
		stderrHas  []string
		stderrWant *string
	}{
		{name: "valid", args: []string{"check", good}, code: 0, stderrWant: ptr("")},
		{name: "invalid", args: []string{"check", good, bad}, code: 1,
			stderrWant: ptr(bad + ":5:11: MISSING_TRANSITION_TARGET: Missing 'Next' target: C at /States/A/Next\n" +
				bad + ":6:3: MISSING_TRANSITION_TARGET: State \"B\" is not reachable. at /States/B\n")},
		{name: "express flag", args: []string{"check", "--express", callback}, code: 1,
			stderrWant: ptr(callback + ":1:63: SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration  at /States/A/Resource\n")},
		{name: "standard by default", args: []string{"check", callback}, code: 0, stderrWant: ptr("")},
		{name: "flag after file", args: []string{"check", callback, "--express"}, code: 1, stderrHas: []string{"Express state machine"}},
		{name: "lambda backend", args: []string{"check", "--backend", "lambda", good, callback}, code: 1,
			stderrWant: ptr(callback + ":1:63: UNSUPPORTED_RESOURCE: The state 'A' calls arn:aws:states:::sqs:sendMessage.waitForTaskToken, the callback integration pattern (.waitForTaskToken), which the Lambda backend does not run: it calls Lambda function ARNs and arn:aws:states:::lambda:invoke only at /States/A/Resource\n")},
		{name: "lambda backend, Lambda tasks", args: []string{"check", "--backend", "lambda", filepath.Join("testdata", "build", "throttled.asl.json")}, code: 0, stderrWant: ptr("")},
		{name: "unknown backend", args: []string{"check", "--backend", "temporal", good}, code: 2, stderrHas: []string{`unknown backend "temporal"`, "usage: aslc check"}},
		{name: "missing file", args: []string{"check", filepath.Join("testdata", "nope.json"), good}, code: 1, stderrHas: []string{"aslc: ", "nope.json"}},
		{name: "no files", args: []string{"check"}, code: 2, stderrHas: []string{"aslc: check needs at least one definition file", "usage: aslc check [flags] DEF..."}},
		{name: "unknown flag", args: []string{"check", "--frobnicate", good}, code: 2, stderrHas: []string{"unknown flag: --frobnicate", "usage: aslc check"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if stdout != tt.stdout {
				t.Errorf("stdout = %q, want %q", stdout, tt.stdout)
			}
			if tt.stderrWant != nil {
				if diff := cmp.Diff(*tt.stderrWant, stderr); diff != "" {
					t.Errorf("stderr (-want +got):\n%s", diff)
				}
			}
			for _, s := range tt.stderrHas {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
		})
	}
}

func ptr(s string) *string { return &s }

// TestCheckSortsAllFiles: diagnostics of several files come out sorted by
// file, then position.
func TestCheckSortsAllFiles(t *testing.T) {
	bad := filepath.Join("testdata", "bad.yaml")
	callback := filepath.Join("testdata", "callback.json")
	code, _, stderr := run("check", "--express", bad, callback)
	want := bad + ":5:11: MISSING_TRANSITION_TARGET: Missing 'Next' target: C at /States/A/Next\n" +
		bad + ":6:3: MISSING_TRANSITION_TARGET: State \"B\" is not reachable. at /States/B\n" +
		callback + ":1:63: SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration  at /States/A/Resource\n"
	if bad > callback {
		t.Fatal("test expects bad.yaml to sort first")
	}
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if diff := cmp.Diff(want, stderr); diff != "" {
		t.Errorf("stderr (-want +got):\n%s", diff)
	}
}

func TestVersion(t *testing.T) {
	code, stdout, stderr := run("version")
	if code != 0 || stderr != "" || stdout != "aslc v"+version.Version+"\n" {
		t.Errorf("version: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if code, _, stderr := run("version", "extra"); code != 2 || !strings.Contains(stderr, "usage: aslc version") {
		t.Errorf("version extra: exit %d, stderr %q", code, stderr)
	}
}

func TestHelpAndUsage(t *testing.T) {
	mainUsage := "aslc compiles Amazon States Language definitions (AWS Step Functions) to Go.\n\n" +
		"Usage:\n\n\taslc <command> [arguments]\n\nThe commands are:\n\n" +
		"\tbuild    build a standalone executable that runs a definition\n" +
		"\tcheck    validate definitions and report every problem\n" +
		"\tgen      generate Go from definitions\n" +
		"\tgraph    draw a definition's state graph (Mermaid or DOT)\n" +
		"\thelp     show help for aslc or one of its commands\n" +
		"\trun      generate, build (cached) and run a definition once\n" +
		"\tversion  print the aslc version\n\n" +
		"Use \"aslc help <command>\" for more information about a command.\n"
	tests := []struct {
		name           string
		args           []string
		code           int
		stdout, stderr string
	}{
		{"no arguments", nil, 2, "", mainUsage},
		{"help", []string{"help"}, 0, mainUsage, ""},
		{"--help", []string{"--help"}, 0, mainUsage, ""},
		{"-h", []string{"-h"}, 0, mainUsage, ""},
		{"unknown command", []string{"frob"}, 2, "", "aslc: unknown command \"frob\"\nRun 'aslc help' for usage.\n"},
		{"help unknown", []string{"help", "frob"}, 2, "", "aslc: unknown command \"frob\"\nusage: aslc help [command]\nRun 'aslc help help' for details.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d", code, tt.code)
			}
			if diff := cmp.Diff(tt.stdout, stdout); diff != "" {
				t.Errorf("stdout (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.stderr, stderr); diff != "" {
				t.Errorf("stderr (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCommandHelp: "help check" and "check --help" print the same manual
// entry to stdout.
func TestCommandHelp(t *testing.T) {
	code, stdout, stderr := run("help", "check")
	if code != 0 || stderr != "" {
		t.Fatalf("help check: exit %d, stderr %q", code, stderr)
	}
	for _, s := range []string{"usage: aslc check [flags] DEF...", "file:line:col: CODE: message at /location", "--express"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("help check lacks %q:\n%s", s, stdout)
		}
	}
	code2, stdout2, _ := run("check", "--help")
	if code2 != 0 || stdout2 != stdout {
		t.Errorf("check --help: exit %d, output differs from help check:\n%s", code2, stdout2)
	}
}

// TestFreshFlagsPerRun: a flag set in one Main call does not leak into the
// next.
func TestFreshFlagsPerRun(t *testing.T) {
	callback := filepath.Join("testdata", "callback.json")
	if code, _, _ := run("check", "--express", callback); code != 1 {
		t.Fatalf("with --express: exit %d, want 1", code)
	}
	if code, _, stderr := run("check", callback); code != 0 {
		t.Errorf("without --express: exit %d, stderr %s", code, stderr)
	}
}
