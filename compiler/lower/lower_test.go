package lower_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aslc/aslc/compiler/check"
	"github.com/aslc/aslc/compiler/lower"
	"github.com/aslc/aslc/ir"
)

func lowerText(t *testing.T, def string) (*ir.Program, []string) {
	t.Helper()
	m, diags := check.Source("def.json", []byte(def), check.Options{})
	if len(diags) > 0 {
		t.Fatalf("the validator refuses the definition: %v", diags)
	}
	p, diags := lower.Program(m, lower.Options{Package: "p", Source: "def.json"})
	var out []string
	for _, d := range diags {
		out = append(out, d.String())
	}
	return p, out
}

// TestUnsupported: what aslc cannot compile is a positioned diagnostic
// naming the state, never a silently different program.
func TestUnsupported(t *testing.T) {
	tests := []struct {
		name, def string
		want      []string
	}{
		{
			"ItemReader and ResultWriter",
			`{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
			  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b", "Key": "k"}},
			  "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "b", "Prefix": "p"}},
			  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
			    "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}}}`,
			[]string{
				`def.json:2:20: UNSUPPORTED_FEATURE: the Map state "M" has an ItemReader, which reads its items from S3; aslc does not compile ItemReader at /States/M`,
				`def.json:3:22: UNSUPPORTED_FEATURE: the Map state "M" has a ResultWriter, which writes its results to S3; aslc does not compile ResultWriter at /States/M`,
			},
		},
		{
			"ItemSelector with ItemBatcher",
			`{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemSelector": {"a.$": "$"},
			  "ItemBatcher": {"MaxItemsPerBatch": 2},
			  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
			    "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}}}`,
			[]string{`def.json:2:21: UNSUPPORTED_FEATURE: the Map state "M" has both an ItemSelector and an ItemBatcher; aslc does not compile that combination at /States/M`},
		},
		{
			"MaxItemsPerBatchPath",
			`{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
			  "ItemBatcher": {"MaxItemsPerBatchPath": "$.n"},
			  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
			    "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}}}`,
			[]string{`def.json:2:22: UNSUPPORTED_FEATURE: the Map state "M" reads its ItemBatcher's MaxItemsPerBatch from the input; aslc does not compile MaxItemsPerBatchPath yet at /States/M/ItemBatcher`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, got := lowerText(t, tt.def)
			if p != nil {
				t.Errorf("lowering succeeded")
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDefaults: the IR spells out every ASL default (A10.1, A13.1,
// A13.11).
func TestDefaults(t *testing.T) {
	p, diags := lowerText(t, `{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
		"Retry": [{"ErrorEquals": ["States.ALL"]}],
		"ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}}`)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	m := p.Root.States[0].(*ir.Map)
	want := &ir.Retrier{ErrorEquals: []string{"States.ALL"}, IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2.0, Jitter: ir.JitterNone}
	got := *m.Retry[0]
	got.Pos = ir.Pos{}
	if diff := cmp.Diff(want, &got); diff != "" {
		t.Errorf("retrier (-want +got):\n%s", diff)
	}
	if m.ItemsPath == nil || m.ItemsPath.Text != "$" {
		t.Errorf("ItemsPath = %v, want $", m.ItemsPath)
	}
	if m.MaxConcurrency == nil || m.MaxConcurrency.Value != 0 || m.MaxConcurrency.Dynamic() {
		t.Errorf("MaxConcurrency = %+v, want the literal 0", m.MaxConcurrency)
	}
	if m.Mode != ir.Inline {
		t.Errorf("Mode = %s, want INLINE", m.Mode)
	}
	task := m.Processor.States[0].(*ir.Task)
	if task.Machine != m.Processor || m.Processor.Parent != ir.State(m) || task.Next != nil {
		t.Errorf("the processor's structure is wrong")
	}
}

// TestNames: Go names are computed once, avoid the helpers of the
// generated package and keywords, resolve collisions deterministically,
// and do not change when unrelated states are added.
func TestNames(t *testing.T) {
	def := func(extra string) string {
		return `{"StartAt": "a-b", "States": {` + extra + `
			"a-b": {"Type": "Pass", "Next": "a_b"},
			"a_b": {"Type": "Pass", "Next": "Run"},
			"Run": {"Type": "Pass", "Next": "map"},
			"map": {"Type": "Pass", "Next": "End"},
			"End": {"Type": "Pass", "Next": "Call"},
			"Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:validate-payment", "Next": "Call2"},
			"Call2": {"Type": "Task", "Resource": "arn:aws:lambda:eu-west-1:1:function:validate_payment", "Next": "Invoke"},
			"Invoke": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}`
	}
	stateNames := func(p *ir.Program) map[string]string {
		out := map[string]string{}
		for _, s := range p.States {
			b := s.Base()
			out[b.Name] = b.GoName + " " + b.Func + " " + b.Const + " " + b.Info + " " + b.Attempt
		}
		return out
	}
	p, diags := lowerText(t, def(""))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	want := map[string]string{
		"a-b":    "AB ab stateAB infoAB ",
		"a_b":    "AB2 ab2 stateAB2 infoAB2 ",
		"Run":    "Run2 run2 stateRun2 infoRun2 ",
		"map":    "Map map_ stateMap infoMap ",
		"End":    "End2 end2 stateEnd2 infoEnd2 ",
		"Call":   "Call call stateCall infoCall callAttempt",
		"Call2":  "Call2 call2 stateCall2 infoCall2 call2Attempt",
		"Invoke": "Invoke invoke stateInvoke infoInvoke invokeAttempt",
	}
	if diff := cmp.Diff(want, stateNames(p)); diff != "" {
		t.Errorf("state names (-want +got):\n%s", diff)
	}
	var tasks []string
	for _, r := range p.Resources {
		tasks = append(tasks, r.GoName+" "+r.ARN)
	}
	wantTasks := []string{
		"ValidatePayment arn:aws:lambda:us-east-1:1:function:validate-payment",
		"ValidatePayment2 arn:aws:lambda:eu-west-1:1:function:validate_payment",
		"LambdaInvoke arn:aws:states:::lambda:invoke",
	}
	if diff := cmp.Diff(wantTasks, tasks); diff != "" {
		t.Errorf("task methods (-want +got):\n%s", diff)
	}

	// A state added after the others leaves their names alone.
	p2, diags := lowerText(t, strings.Replace(def(`"Extra": {"Type": "Pass", "End": true},`), `"Invoke": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}`,
		`"Invoke": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Extra"}`, 1))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	got := stateNames(p2)
	for name, w := range want {
		if got[name] != w {
			t.Errorf("after adding a state, %q is named %q, want %q", name, got[name], w)
		}
	}
}

// TestResourceOrder: the Tasks methods follow the first use of their
// resources in the source, depth first, whatever the query language of the
// Task states, and a resource used twice is one method listing both states.
func TestResourceOrder(t *testing.T) {
	for _, lang := range []string{"JSONPath", "JSONata"} {
		t.Run(lang, func(t *testing.T) {
			q := `"QueryLanguage": "` + lang + `", `
			p, diags := lowerText(t, `{"StartAt": "A", "States": {
  "A": {`+q+`"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:alpha", "Next": "P"},
  "P": {"Type": "Parallel", "Next": "C", "Branches": [{"StartAt": "B", "States": {
    "B": {`+q+`"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:beta", "Next": "A2"},
    "A2": {`+q+`"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:alpha", "End": true}}}]},
  "C": {`+q+`"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:gamma", "Next": "D"},
  "D": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:delta", "End": true}}}`)
			if len(diags) > 0 {
				t.Fatal(diags)
			}
			var got []string
			for _, r := range p.Resources {
				s := r.GoName
				for _, st := range r.States {
					s += " " + st.Base().Name
				}
				got = append(got, s)
			}
			want := []string{"Alpha A A2", "Beta B", "Gamma C", "Delta D"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("task methods (-want +got):\n%s", diff)
			}
		})
	}
}
