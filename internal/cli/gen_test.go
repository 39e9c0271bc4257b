package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aslc/aslc/compiler"
)

const genPass = `{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}`

func writeDef(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// wantGenerated checks that file holds what Compile makes of def.
func wantGenerated(t *testing.T, file, def, pkg string) {
	t.Helper()
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("gen wrote no %s: %v", file, err)
	}
	text, err := os.ReadFile(def)
	if err != nil {
		t.Fatal(err)
	}
	want, err := compiler.Compile(text, compiler.Options{Package: pkg, Source: def})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", file, diff)
	}
}

func TestGen(t *testing.T) {
	t.Run("beside the definition", func(t *testing.T) {
		dir := t.TempDir()
		def := writeDef(t, dir, "order-validation.asl.json", genPass)
		code, stdout, stderr := run("gen", def)
		if code != ExitOK || stdout != "" || stderr != "" {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
		}
		wantGenerated(t, filepath.Join(dir, "order-validation.go"), def, "ordervalidation")
	})
	t.Run("out dir and package", func(t *testing.T) {
		dir := t.TempDir()
		def := writeDef(t, dir, "defs/images.yaml", "StartAt: A\nStates:\n  A:\n    Type: Succeed\n")
		out := filepath.Join(dir, "gen", "img")
		code, _, stderr := run("gen", def, "-o", out, "--pkg", "imaging")
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		wantGenerated(t, filepath.Join(out, "images.go"), def, "imaging")
	})
	t.Run("package of the directory", func(t *testing.T) {
		dir := t.TempDir()
		writeDef(t, dir, "doc.go", "// Package orders ships orders.\npackage orders\n")
		writeDef(t, dir, "x_test.go", "package orders_test\n")
		def := writeDef(t, dir, "ship.json", genPass)
		if code, _, stderr := run("gen", def); code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		wantGenerated(t, filepath.Join(dir, "ship.go"), def, "orders")
		// Regenerating finds its own file's package and keeps it.
		if code, _, stderr := run("gen", def); code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		wantGenerated(t, filepath.Join(dir, "ship.go"), def, "orders")
	})
	t.Run("keyword and digit stems", func(t *testing.T) {
		dir := t.TempDir()
		def := writeDef(t, dir, "a/map.json", genPass)
		def2 := writeDef(t, dir, "b/2nd-try.json", genPass)
		if code, _, stderr := run("gen", def, def2); code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		wantGenerated(t, filepath.Join(dir, "a", "map.go"), def, "map_")
		wantGenerated(t, filepath.Join(dir, "b", "2nd-try.go"), def2, "x2ndtry")
	})
}

// TestGenFileNames: a stem the go command would ignore, build only for
// tests or only on one system gets a Go file name it builds everywhere.
func TestGenFileNames(t *testing.T) {
	tests := []struct{ def, file, pkg string }{
		{"order.asl.json", "order.go", "order"},
		{"unix_tools.json", "unix_tools.go", "unixtools"},
		{"order_test.asl.json", "order_test_asl.go", "ordertest"},
		{"flow_linux.json", "flow_linux_asl.go", "flowlinux"},
		{"flow_windows_arm64.yaml", "flow_windows_arm64_asl.go", "flowwindowsarm64"},
		{"flow_wasm.json", "flow_wasm_asl.go", "flowwasm"},
		{"_draft.json", "draft.go", "draft"},
		{".json", "json.go", "json"},
	}
	for _, tc := range tests {
		t.Run(tc.def, func(t *testing.T) {
			dir := t.TempDir()
			def := writeDef(t, dir, tc.def, genPass)
			if code, _, stderr := run("gen", def); code != ExitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			wantGenerated(t, filepath.Join(dir, tc.file), def, tc.pkg)
		})
	}
}

func TestGenWritesNothingOnDiagnostics(t *testing.T) {
	dir := t.TempDir()
	good := writeDef(t, dir, "good/good.json", genPass)
	bad := writeDef(t, dir, "bad/bad.json", `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}`)
	reader := writeDef(t, dir, "reader/r.json", `{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b", "Key": "k"}},
  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}}}`)
	code, stdout, stderr := run("gen", good, bad, reader)
	if code != ExitFailure || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	want := bad + ":1:28: MISSING_END_STATE: Workflow has no terminal state\n" +
		bad + ":1:59: MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next\n" +
		reader + ":2:17: UNSUPPORTED_FEATURE: the Map state \"M\" has an ItemReader, which reads its items from S3; aslc does not compile ItemReader at /States/M\n"
	if diff := cmp.Diff(want, stderr); diff != "" {
		t.Errorf("stderr (-want +got):\n%s", diff)
	}
	for _, f := range []string{"good/good.go", "bad/bad.go", "reader/r.go"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("gen wrote %s although a definition has problems", f)
		}
	}
}

func TestGenUsage(t *testing.T) {
	dir := t.TempDir()
	a := writeDef(t, dir, "a.json", genPass)
	b := writeDef(t, dir, "b.json", genPass)
	tests := []struct {
		name string
		args []string
		has  string
	}{
		{"no files", []string{"gen"}, "gen needs at least one definition file"},
		{"bad package", []string{"gen", "--pkg", "not-a-name", a}, `--pkg "not-a-name" is not a Go package name`},
		{"same directory", []string{"gen", a, b}, "would both be written to"},
		{"same out dir", []string{"gen", "-o", filepath.Join(dir, "out"), a, filepath.Join(dir, "x", "c.json")}, "would both be written to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(tt.args...)
			if code != ExitUsage || !strings.Contains(stderr, tt.has) || !strings.Contains(stderr, "usage: aslc gen") {
				t.Errorf("exit %d, stderr:\n%s", code, stderr)
			}
		})
	}
	if code, _, stderr := run("gen", filepath.Join(dir, "missing.json")); code != ExitFailure || !strings.Contains(stderr, "missing.json") {
		t.Errorf("missing file: exit %d, stderr %s", code, stderr)
	}
}
