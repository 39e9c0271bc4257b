package awslambda_test

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aslc/aslc/backend/awslambda"
	"github.com/aslc/aslc/compiler/check"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		resource string
		want     awslambda.Kind
	}{
		{"arn:aws:lambda:us-east-1:123456789012:function:f", awslambda.Function},
		{"arn:aws:lambda:us-east-1:123456789012:function:f:prod", awslambda.Function},
		{"arn:aws-cn:lambda:cn-north-1:123456789012:function:f", awslambda.Function},
		{"arn:aws:states:::lambda:invoke", awslambda.Invoke},
		{"arn:aws-us-gov:states:::lambda:invoke", awslambda.Invoke},
		{"arn:aws:lambda:us-east-1:123456789012:function:", awslambda.Unsupported},
		{"arn:aws:lambda:us-east-1:123456789012:function:f:", awslambda.Unsupported},
		{"arn:aws:lambda:us-east-1:123456789012:layer:l:1", awslambda.Unsupported},
		{"arn:aws:states:::lambda:invoke.waitForTaskToken", awslambda.Unsupported},
		{"arn:aws:states:::lambda:invokeAsync", awslambda.Unsupported},
		{"arn:aws:states:::states:startExecution.sync:2", awslambda.Unsupported},
		{"arn:aws:states:::aws-sdk:lambda:invoke", awslambda.Unsupported},
		{"arn:aws:states:us-east-1:123456789012:activity:a", awslambda.Unsupported},
		{"function:f", awslambda.Unsupported},
	}
	for _, tt := range tests {
		if got, why := awslambda.Classify(tt.resource); got != tt.want || (got == awslambda.Unsupported) != (why != "") {
			t.Errorf("Classify(%q) = %v, %q; want %v", tt.resource, got, why, tt.want)
		}
	}
}

// TestCheckResources: the `aslc check --backend lambda` rule reports, at
// their positions, the Task states of every depth whose resource the
// backend does not call, and parameters lambda:invoke does not take.
func TestCheckResources(t *testing.T) {
	const file = "testdata/resources.asl.json"
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	m, diags := check.Source(file, src, check.Options{})
	if len(diags) > 0 {
		t.Fatalf("the definition is valid for AWS, but:\n%v", diags)
	}
	var got []string
	for _, d := range awslambda.CheckResources(m) {
		got = append(got, d.String())
	}
	want := []string{
		"testdata/resources.asl.json:13:22: UNSUPPORTED_RESOURCE: The state 'Qualified' sets Credentials, which the Lambda backend does not apply: it would call Lambda with the credentials of its own AWS configuration, not the role the state names at /States/Qualified/Credentials",
		"testdata/resources.asl.json:22:9: UNSUPPORTED_RESOURCE: The field 'Retries' of state 'Optimized' is not a parameter of lambda:invoke (it takes ClientContext, FunctionName, InvocationType, LogType, Payload, Qualifier) at /States/Optimized/Parameters",
		"testdata/resources.asl.json:34:27: UNSUPPORTED_RESOURCE: The state 'Callback' calls arn:aws:states:::lambda:invoke.waitForTaskToken, the callback integration pattern (.waitForTaskToken), which the Lambda backend does not run: it calls Lambda function ARNs and arn:aws:states:::lambda:invoke only at /States/Fan/Branches[0]/States/Callback/Resource",
		"testdata/resources.asl.json:45:27: UNSUPPORTED_RESOURCE: The state 'Queue' calls arn:aws:states:::sqs:sendMessage, the sqs service integration, which the Lambda backend does not run: it calls Lambda function ARNs and arn:aws:states:::lambda:invoke only at /States/Fan/Branches[1]/States/Queue/Resource",
		"testdata/resources.asl.json:61:25: UNSUPPORTED_RESOURCE: The state 'Job' calls arn:aws:states:::batch:submitJob.sync, the run-a-job integration pattern (.sync), which the Lambda backend does not run: it calls Lambda function ARNs and arn:aws:states:::lambda:invoke only at /States/Each/ItemProcessor/States/Job/Resource",
		"testdata/resources.asl.json:71:19: UNSUPPORTED_RESOURCE: The state 'Approve' calls arn:aws:states:us-east-1:123456789012:activity:approve, an activity, which the Lambda backend does not run: it calls Lambda function ARNs and arn:aws:states:::lambda:invoke only at /States/Approve/Resource",
		"testdata/resources.asl.json:81:9: UNSUPPORTED_RESOURCE: The field 'Payload.$' of state 'Modern' is not a parameter of lambda:invoke (it takes ClientContext, FunctionName, InvocationType, LogType, Payload, Qualifier) at /States/Modern/Arguments",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}
