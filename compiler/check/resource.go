package check

import (
	"strings"

	"github.com/aslc/aslc/compiler/ast"
)

// integrations are the services Step Functions integrates with through
// arn:<partition>:states:::<service>:<api> resources.
var integrations = map[string]bool{
	"apigateway": true, "athena": true, "aws-sdk": true, "batch": true,
	"bedrock": true, "codebuild": true, "databrew": true, "dynamodb": true,
	"ecs": true, "eks": true, "elasticmapreduce": true, "emr-containers": true,
	"emr-serverless": true, "events": true, "glue": true, "http": true,
	"lambda": true, "mediaconvert": true, "s3": true, "sagemaker": true,
	"sns": true, "sqs": true, "states": true,
}

// resource checks a Task's Resource (A2.22, A2.24, A8.9). Lambda function
// ARNs, activity ARNs and arn:…:states::: integrations (.sync, .sync:2,
// .waitForTaskToken, aws-sdk:) are accepted; an integration with an unknown
// service and text that is no ARN are refused. Other ARNs are left alone:
// the service accepts more resource types than this list knows.
func (c *checker) resource(b *ast.BaseState, f *ast.StringField) {
	if f == nil {
		return
	}
	notRecognized := func() {
		c.schema(f.Pos, f.Pointer, "The resource provided "+f.Value+" is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.")
	}
	parts := strings.SplitN(f.Value, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" || parts[1] == "" || parts[2] == "" {
		notRecognized()
		return
	}
	if parts[2] != "states" {
		return
	}
	rest := parts[5]
	if parts[3] != "" || parts[4] != "" {
		// arn:aws:states:<region>:<account>:activity:<name>
		if strings.HasPrefix(rest, "activity:") && c.opts.Express {
			c.schema(f.Pos, f.Pointer, "Express state machine does not support Activity ARN")
		}
		return
	}
	service, api, _ := strings.Cut(rest, ":")
	if !integrations[service] || api == "" {
		notRecognized()
		return
	}
	if c.opts.Express {
		switch {
		case strings.HasSuffix(rest, ".sync") || strings.HasSuffix(rest, ".sync:2"):
			c.schema(f.Pos, f.Pointer, "Express state machine does not support '.sync' service integration")
		case strings.HasSuffix(rest, ".waitForTaskToken"):
			// AWS's message ends with a space, hence two before "at".
			c.schema(f.Pos, f.Pointer, "Express state machine does not support '.waitForTaskToken' service integration ")
		}
	}
}

// itemReader checks a Map's ItemReader: its Parameters or Arguments, and
// ReaderConfig's MaxItems (A2.15 - A2.17).
func (c *checker) itemReader(b *ast.BaseState, n *ast.JSON) {
	if n == nil {
		return
	}
	c.nestedPayload(b, n)
	cfg := n.Get("ReaderConfig")
	if cfg == nil || cfg.Kind != ast.Object {
		return
	}
	c.exclusive(cfg, cfg.Pointer, "MaxItems", "MaxItemsPath")
	if v := cfg.Get("MaxItems"); v != nil {
		if _, ok := v.Expr(); ok && b.JSONata() {
			c.jsonataValue(b, v)
		} else if v.Kind != ast.Number {
			c.schema(v.Pos, v.Pointer, "The value for the field 'MaxItems' must be an integer")
		} else {
			c.intRange(v.Pos, v.Pointer, "MaxItems", v.Text, 0, 100000000)
		}
	}
	c.mapPathField(b, cfg, "MaxItemsPath")
}

// itemBatcher checks a Map's ItemBatcher (A13.19).
func (c *checker) itemBatcher(b *ast.BaseState, n *ast.JSON) {
	if n == nil {
		return
	}
	for _, pair := range [][2]string{{"MaxItemsPerBatch", "MaxItemsPerBatchPath"}, {"MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"}} {
		c.exclusive(n, n.Pointer, pair[0], pair[1])
		if v := n.Get(pair[0]); v != nil {
			if _, ok := v.Expr(); ok && b.JSONata() {
				c.jsonataValue(b, v)
			} else if v.Kind != ast.Number {
				c.schema(v.Pos, v.Pointer, "The value for the field '"+pair[0]+"' must be an integer")
			} else {
				c.intRange(v.Pos, v.Pointer, pair[0], v.Text, 0, maxInt)
			}
		}
		c.mapPathField(b, n, pair[1])
	}
	if bi := n.Get("BatchInput"); bi != nil {
		if b.JSONata() {
			c.jsonataValue(b, bi)
		} else {
			c.template(b, bi, "BatchInput")
		}
	}
}

// resultWriter checks a Map's ResultWriter.
func (c *checker) resultWriter(b *ast.BaseState, n *ast.JSON) {
	if n != nil {
		c.nestedPayload(b, n)
	}
}

// nestedPayload checks the Parameters (JSONPath) or Arguments (JSONata) of
// an ItemReader or ResultWriter.
func (c *checker) nestedPayload(b *ast.BaseState, n *ast.JSON) {
	if m := n.Member("Parameters"); m != nil {
		if b.JSONata() {
			c.wrongLanguage(m.KeyPos, b, "Parameters", ast.JSONPath)
		} else {
			c.template(b, m.Value, "Parameters")
		}
	}
	if m := n.Member("Arguments"); m != nil {
		if b.JSONata() {
			c.jsonataValue(b, m.Value)
		} else {
			c.wrongLanguage(m.KeyPos, b, "Arguments", ast.JSONata)
		}
	}
}

// mapPathField checks a reference path inside a Map sub-object
// (MaxItemsPath, MaxItemsPerBatchPath, ...): JSONPath states only, and not
// into the context object (A2.17, A2.18).
func (c *checker) mapPathField(b *ast.BaseState, obj *ast.JSON, name string) {
	m := obj.Member(name)
	if m == nil {
		return
	}
	if b.JSONata() {
		c.wrongLanguage(m.KeyPos, b, name, ast.JSONPath)
		return
	}
	if m.Value.Kind != ast.String {
		c.schema(m.Value.Pos, m.Value.Pointer, "The value for the field '"+name+"' must be a string")
		return
	}
	c.referencePath(b, &ast.StringField{Value: m.Value.Text, Pos: m.Value.Pos, Pointer: m.Value.Pointer}, name, inputOrVariable)
}
