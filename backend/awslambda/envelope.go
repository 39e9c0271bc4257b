package awslambda

import (
	"net/http"
	"net/textproto"
	"slices"
	"strings"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	aslrt "github.com/aslc/aslc/runtime"
)

// wireNames are the header names Lambda sends, as it spells them. Go's
// HTTP client canonicalizes header names (x-amzn-RequestId becomes
// X-Amzn-Requestid); Step Functions reports them as they came.
var wireNames = func() map[string]string {
	names := []string{
		"Connection", "Content-Length", "Content-Type", "Date",
		"X-Amz-Executed-Version", "X-Amz-Function-Error", "X-Amz-Log-Result",
		"x-amzn-Remapped-Content-Length", "x-amzn-RequestId", "X-Amzn-Trace-Id",
		"x-amzn-ErrorType", "X-Amz-Durable-Execution-Arn",
	}
	m := make(map[string]string, len(names))
	for _, n := range names {
		m[textproto.CanonicalMIMEHeaderKey(n)] = n
	}
	return m
}()

func wireName(canonical string) string {
	if n, ok := wireNames[canonical]; ok {
		return n
	}
	return canonical
}

// envelope is the result of a lambda:invoke task: the Invoke response as
// the AWS SDK for Java serializes it, members in alphabetical order
// (CHECKLIST A8.9): ExecutedVersion, LogResult (when asked for), Payload,
// SdkHttpMetadata, SdkResponseMetadata, StatusCode.
func envelope(out *lambda.InvokeOutput, payload aslrt.Value) *aslrt.Object {
	env := aslrt.NewObject(6)
	if out.ExecutedVersion != nil {
		env.Set("ExecutedVersion", *out.ExecutedVersion)
	}
	if out.LogResult != nil {
		env.Set("LogResult", *out.LogResult)
	}
	env.Set("Payload", payload)
	var header http.Header
	status := int64(out.StatusCode)
	if raw, ok := awsmiddleware.GetRawResponse(out.ResultMetadata).(*smithyhttp.Response); ok {
		header = raw.Header
		status = int64(raw.StatusCode)
	}
	all, single := httpHeaders(header)
	env.Set("SdkHttpMetadata", aslrt.ObjectOf(
		aslrt.Member{Key: "AllHttpHeaders", Value: all},
		aslrt.Member{Key: "HttpHeaders", Value: single},
		aslrt.Member{Key: "HttpStatusCode", Value: status},
	))
	requestID, _ := awsmiddleware.GetRequestIDMetadata(out.ResultMetadata)
	env.Set("SdkResponseMetadata", aslrt.ObjectOf(aslrt.Member{Key: "RequestId", Value: requestID}))
	env.Set("StatusCode", int64(out.StatusCode))
	return env
}

// httpHeaders renders the response headers as the AWS SDK for Java holds
// them: AllHttpHeaders, every value of each header in a list, in the
// iteration order of a java.util.HashMap; HttpHeaders, the last value of
// each, in a case-insensitive TreeMap's order.
func httpHeaders(h http.Header) (all, single *aslrt.Object) {
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, wireName(k))
	}
	slices.SortFunc(names, func(a, b string) int {
		if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	single = aslrt.NewObject(len(names))
	for _, n := range names {
		vs := h[textproto.CanonicalMIMEHeaderKey(n)]
		single.Set(n, vs[len(vs)-1])
	}
	all = aslrt.NewObject(len(names))
	for _, n := range javaHashMapOrder(names) {
		vs := h[textproto.CanonicalMIMEHeaderKey(n)]
		list := make([]aslrt.Value, len(vs))
		for i, v := range vs {
			list[i] = v
		}
		all.Set(n, list)
	}
	return all, single
}

// javaHashMapOrder returns keys in the order a java.util.HashMap filled
// with them iterates: by bucket (the spread String.hashCode masked by the
// table size, which starts at 16 and doubles past a 0.75 load), and within
// a bucket in insertion order, taken to be the order of keys.
func javaHashMapOrder(keys []string) []string {
	size := 16
	for len(keys) > size*3/4 {
		size *= 2
	}
	type entry struct {
		key    string
		bucket int
		index  int
	}
	es := make([]entry, len(keys))
	for i, k := range keys {
		h := javaStringHash(k)
		h ^= h >> 16
		es[i] = entry{k, int(h & uint32(size-1)), i}
	}
	slices.SortStableFunc(es, func(a, b entry) int { return a.bucket - b.bucket })
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.key
	}
	return out
}

// javaStringHash is Java's String.hashCode over the UTF-16 code units of s.
func javaStringHash(s string) uint32 {
	var h uint32
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			h = 31*h + uint32(0xD800+(r>>10))
			h = 31*h + uint32(0xDC00+(r&0x3FF))
			continue
		}
		h = 31*h + uint32(r)
	}
	return h
}
