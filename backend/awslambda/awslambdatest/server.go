// Package awslambdatest is a fake AWS Lambda endpoint for tests: an HTTP
// server on 127.0.0.1 that speaks the Lambda Invoke REST API
// (POST /2015-03-31/functions/{FunctionName}/invocations) and runs the
// conformance corpus's stub functions (internal/lambdastub), so a test can
// point the awslambda backend, or a built binary, at it through
// AWS_ENDPOINT_URL_LAMBDA and compare what comes back with what AWS
// recorded.
//
// Responses carry what Lambda sends: the headers X-Amz-Executed-Version,
// x-amzn-RequestId, X-Amzn-Trace-Id, x-amzn-Remapped-Content-Length,
// Connection, Content-Type, Content-Length and Date; X-Amz-Function-Error
// for a function that raised, with the error document as the body; and for
// a service error its HTTP status, x-amzn-ErrorType and a JSON body
// {"Type", "message"}.
package awslambdatest

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aslc/aslc/internal/lambdastub"
)

// Reply is the answer of a function installed with Server.Handle.
type Reply struct {
	// Payload is the response body: the function's result, or its error
	// document when FunctionError is set.
	Payload []byte
	// FunctionError is the X-Amz-Function-Error header: "Unhandled" or
	// "Handled" for a function that failed, "" for success.
	FunctionError string
	// ErrorType, when set, makes the reply a service error with this code
	// (x-amzn-ErrorType), HTTP status StatusCode and message Message.
	ErrorType  string
	StatusCode int
	Message    string
}

// Func is a function installed with Server.Handle.
type Func func(ctx context.Context, payload []byte) Reply

// Call is one invocation the server received.
type Call struct {
	// FunctionName is the name or ARN as the request path gave it.
	FunctionName   string
	Qualifier      string
	InvocationType string
	Payload        []byte
}

// Server is a fake Lambda endpoint. Its methods are safe for concurrent
// use.
type Server struct {
	// URL is the endpoint, http://127.0.0.1:<port>.
	URL string
	// Region is the region the Env and Setenv configure.
	Region string

	srv    *httptest.Server
	lambda *lambdastub.Lambda

	mu       sync.Mutex
	throttle int
	funcs    map[string]Func
	calls    []Call
}

// New starts a server whose functions are l's stubs.
func New(l *lambdastub.Lambda) *Server {
	s := &Server{lambda: l, funcs: map[string]Func{}, Region: l.Region}
	if s.Region == "" {
		s.Region = lambdastub.DefaultRegion
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /2015-03-31/functions/{name}/invocations", s.invoke)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		serviceError(w, newRequestID(), http.StatusNotFound, "UnknownOperationException", "Unknown operation "+r.Method+" "+r.URL.Path)
	})
	s.srv = httptest.NewServer(mux)
	s.URL = s.srv.URL
	return s
}

// Close shuts the server down, waiting for calls in progress.
func (s *Server) Close() {
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// Throttle makes the next n invocations fail as Lambda does when a
// function's concurrency is exhausted: HTTP 429 TooManyRequestsException.
func (s *Server) Throttle(n int) {
	s.mu.Lock()
	s.throttle = n
	s.mu.Unlock()
}

// Handle installs f as the function named name (a plain name, not an
// ARN), in place of any stub of that name.
func (s *Server) Handle(name string, f Func) {
	s.mu.Lock()
	s.funcs[name] = f
	s.mu.Unlock()
}

// Calls returns the invocations received so far, in order.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// Env is the environment that points the AWS SDK at the server, with
// static fake credentials and no shared configuration files, as
// KEY=value strings for a subprocess.
func (s *Server) Env() []string {
	var env []string
	for _, kv := range s.vars() {
		env = append(env, kv[0]+"="+kv[1])
	}
	return env
}

// Setenv sets the environment of Env in the current process, through a
// setter such as testing.T, which restores it when the test ends.
func (s *Server) Setenv(t interface{ Setenv(key, value string) }) {
	for _, kv := range s.vars() {
		t.Setenv(kv[0], kv[1])
	}
}

func (s *Server) vars() [][2]string {
	return [][2]string{
		{"AWS_ENDPOINT_URL_LAMBDA", s.URL},
		{"AWS_ENDPOINT_URL", ""},
		{"AWS_REGION", s.Region},
		{"AWS_DEFAULT_REGION", s.Region},
		{"AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"},
		{"AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
		{"AWS_SESSION_TOKEN", ""},
		{"AWS_PROFILE", ""},
		{"AWS_CONFIG_FILE", os.DevNull},
		{"AWS_SHARED_CREDENTIALS_FILE", os.DevNull},
		{"AWS_EC2_METADATA_DISABLED", "true"},
	}
}

func (s *Server) invoke(w http.ResponseWriter, r *http.Request) {
	payload, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	call := Call{
		FunctionName:   r.PathValue("name"),
		Qualifier:      r.URL.Query().Get("Qualifier"),
		InvocationType: r.Header.Get("X-Amz-Invocation-Type"),
		Payload:        payload,
	}
	if call.InvocationType == "" {
		call.InvocationType = "RequestResponse"
	}
	s.mu.Lock()
	s.calls = append(s.calls, call)
	throttled := s.throttle > 0
	if throttled {
		s.throttle--
	}
	f := s.funcs[shortName(call.FunctionName)]
	s.mu.Unlock()

	requestID := newRequestID()
	if throttled {
		w.Header().Set("Retry-After", "1")
		writeError(w, requestID, http.StatusTooManyRequests, "TooManyRequestsException",
			map[string]string{"Reason": "ReservedFunctionConcurrentInvocationLimitExceeded", "Type": "User", "message": "Rate Exceeded."})
		return
	}
	switch call.InvocationType {
	case "RequestResponse", "Event", "DryRun":
	default:
		serviceError(w, requestID, http.StatusBadRequest, "InvalidParameterValueException", "Unsupported invocation type "+call.InvocationType)
		return
	}

	var reply Reply
	if f != nil {
		reply = f(r.Context(), payload)
	} else {
		name := call.FunctionName
		if call.Qualifier != "" {
			name += ":" + call.Qualifier
		}
		resp, err := s.lambda.Call(r.Context(), name, payload)
		var se *lambdastub.ServiceError
		switch {
		case errors.As(err, &se):
			serviceError(w, se.RequestID, se.StatusCode, se.Code, se.Message)
			return
		case r.Context().Err() != nil:
			return // the client went away
		case err != nil:
			serviceError(w, requestID, http.StatusBadRequest, "ValidationException", err.Error())
			return
		}
		requestID = resp.RequestID
		reply.Payload = resp.Payload
		if resp.FunctionError != nil {
			// A Python handler that raises is an unhandled error.
			reply.FunctionError = "Unhandled"
		}
	}
	if reply.ErrorType != "" {
		serviceError(w, requestID, reply.StatusCode, reply.ErrorType, reply.Message)
		return
	}
	status := http.StatusOK
	switch call.InvocationType {
	case "Event":
		status, reply.Payload = http.StatusAccepted, nil
	case "DryRun":
		status, reply.Payload = http.StatusNoContent, nil
	}
	h := w.Header()
	set := func(k, v string) { h[k] = []string{v} } // as Lambda spells them
	set("Date", s.now().UTC().Format(http.TimeFormat))
	set("Content-Type", "application/json")
	set("Content-Length", strconv.Itoa(len(reply.Payload)))
	set("Connection", "keep-alive")
	set("x-amzn-RequestId", requestID)
	set("x-amzn-Remapped-Content-Length", "0")
	set("X-Amz-Executed-Version", "$LATEST")
	set("X-Amzn-Trace-Id", fmt.Sprintf("Root=1-%08x-%s;Parent=%s;Sampled=0", s.now().Unix(), randomHex(24), randomHex(16)))
	if reply.FunctionError != "" {
		set("X-Amz-Function-Error", reply.FunctionError)
	}
	w.WriteHeader(status)
	_, _ = w.Write(reply.Payload)
}

// now is the time of the stubs' clock, so dates agree with theirs.
func (s *Server) now() time.Time {
	if s.lambda.Clock != nil {
		return s.lambda.Clock.Now()
	}
	return time.Now()
}

// shortName is the function name of a name or ARN, without qualifier.
func shortName(fn string) string {
	parts := strings.Split(fn, ":")
	switch {
	case len(parts) >= 7 && parts[0] == "arn":
		return parts[6]
	case len(parts) >= 3 && parts[1] == "function":
		return parts[2]
	}
	return parts[0]
}

func serviceError(w http.ResponseWriter, requestID string, status int, code, message string) {
	writeError(w, requestID, status, code, map[string]string{"Type": "User", "message": message})
}

func writeError(w http.ResponseWriter, requestID string, status int, code string, body map[string]string) {
	b, _ := json.Marshal(body)
	h := w.Header()
	h["x-amzn-RequestId"] = []string{requestID}
	h["x-amzn-ErrorType"] = []string{code}
	h["Content-Type"] = []string{"application/json"}
	h["Content-Length"] = []string{strconv.Itoa(len(b))}
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func randomHex(n int) string {
	b := make([]byte, (n+1)/2)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%x", b)[:n]
}
