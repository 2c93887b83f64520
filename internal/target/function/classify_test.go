package function

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/rpc"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"

	"github.com/disload/disload/internal/harness"
)

func TestClassify(t *testing.T) {
	long := strings.Repeat("é", 400) // 800 bytes
	tests := []struct {
		name      string
		status    int
		err       error
		wantClass harness.Class
		wantMsg   string
	}{
		{"success", 200, nil, "", ""},
		{"async panic: status 0, no error", 0, nil, ClassPanic,
			"status 0 without an error: the handler panicked (async invocation)"},
		{"odd status", 201, nil, ClassRPCError, "unexpected status 201"},
		{"return error", 0, rpc.ServerError("{\n    \"errorMessage\": \"failed at call 2\",\n    \"errorType\": \"FunctionReturnError\"\n}"),
			ClassReturnError, "failed at call 2"},
		{"empty result", 0, rpc.ServerError("{\n    \"errorMessage\": \"response is empty\",\n    \"errorType\": \"FunctionReturnError\"\n}"),
			ClassReturnError, "response is empty"},
		{"sync panic with stack", 0, rpc.ServerError("{\n    \"errorMessage\": \"runtime error: index out of range [3] with length 3\",\n" +
			"    \"errorType\": \"panic\",\n    \"stackTrace\": [\n        \"main.handler()\",\n        \"    main.go:12\",\n" +
			"        \"runtime.gopanic()\",\n        \"    panic.go:770\"\n    ]\n}"),
			ClassPanic, "runtime error: index out of range [3] with length 3 [at main.handler() main.go:12]"},
		{"sync panic, runtime frames skipped, three kept", 0, rpc.ServerError(`{"errorMessage": "boom", "errorType": "panic", "stackTrace": [` +
			`"runtime.gopanic()", "    panic.go:770", "main.a()", "    a.go:1", "main.b()", "    b.go:2", "main.c()", "    c.go:3", "main.d()", "    d.go:4"]}`),
			ClassPanic, "boom [at main.a() a.go:1; main.b() b.go:2; main.c() c.go:3]"},
		{"long panic message cut before its frames", 0, rpc.ServerError(`{"errorMessage": "` + long + `", "errorType": "panic", "stackTrace": ["main.a()", "    a.go:1"]}`),
			ClassPanic, long[:478] + " [at main.a() a.go:1]"}, // 479 bytes of room, cut to a whole "é"
		{"too large", 0, rpc.ServerError("{\n    \"errorMessage\": \"Response body size '6291457' larger than max value '6291456'.\",\n    \"errorType\": \"FunctionResponseTooLarge\"\n}"),
			ClassTooLarge, "Response body size '6291457' larger than max value '6291456'."},
		{"bad request", 0, rpc.ServerError("bad request parameters"), ClassBadRequest, "bad request parameters"},
		{"html escaped message", 0, rpc.ServerError(`{"errorMessage": "a \u003c b \u0026 c", "errorType": "FunctionReturnError"}`),
			ClassReturnError, "a < b & c"},
		{"unknown errorType", 0, rpc.ServerError(`{"errorMessage": "init failed", "errorType": "InitializerError"}`),
			ClassRPCError, "InitializerError: init failed"},
		{"other server text", 0, rpc.ServerError("rpc: can't find method Function.Invok"), ClassRPCError,
			"rpc: can't find method Function.Invok"},
		{"broken JSON", 0, rpc.ServerError(`{"errorMessage": `), ClassRPCError, `{"errorMessage": `},
		{"long message clipped", 0, rpc.ServerError(`{"errorMessage": "` + long + `", "errorType": "FunctionReturnError"}`),
			ClassReturnError, long[:500]},
		{"process died mid-call", 0, io.ErrUnexpectedEOF, ClassCrash, "unexpected EOF"},
		{"client shut down", 0, rpc.ErrShutdown, ClassCrash, "connection is shut down"},
		{"reset", 0, &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}, ClassCrash, "read tcp: connection reset by peer"},
		{"wrapped EOF", 0, fmt.Errorf("reading body: %w", io.EOF), ClassCrash, "reading body: EOF"},
		{"deadline", 0, context.DeadlineExceeded, ClassTimeout, "context deadline exceeded"},
		{"canceled", 0, context.Canceled, ClassCanceled, "context canceled"},
		{"gob trouble", 0, errors.New("gob: type mismatch"), ClassRPCError, "gob: type mismatch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			class, msg := Classify(tt.status, tt.err)
			if class != tt.wantClass || msg != tt.wantMsg {
				t.Errorf("Classify(%d, %v)\n got  %q, %q\n want %q, %q", tt.status, tt.err, class, msg, tt.wantClass, tt.wantMsg)
			}
		})
	}
}

func TestClip(t *testing.T) {
	tests := []struct{ in, want string }{
		{"short", "short"},
		{strings.Repeat("a", 500), strings.Repeat("a", 500)},
		{strings.Repeat("a", 501), strings.Repeat("a", 500)},
		{strings.Repeat("a", 499) + "é", strings.Repeat("a", 499)}, // é would straddle byte 500
	}
	for _, tt := range tests {
		if got := clip(tt.in); got != tt.want {
			t.Errorf("clip(%d bytes) = %d bytes, want %d", len(tt.in), len(got), len(tt.want))
		}
	}
}

// FuzzClassify feeds arbitrary server error texts: Classify never panics,
// always names a class and keeps messages within 500 bytes of valid UTF-8
// when the input is.
func FuzzClassify(f *testing.F) {
	f.Add("bad request parameters")
	f.Add("{\n    \"errorMessage\": \"x\",\n    \"errorType\": \"panic\",\n    \"stackTrace\": [\"a()\", \"    b:1\"]\n}")
	f.Add(`{"errorMessage": 1, "errorType": []}`)
	f.Add(`{"errorType": "FunctionResponseTooLarge"}`)
	f.Fuzz(func(t *testing.T, text string) {
		class, msg := Classify(0, rpc.ServerError(text))
		if class == "" {
			t.Fatalf("server error %q classified as success", text)
		}
		if len(msg) > maxMessage {
			t.Fatalf("message of %d bytes", len(msg))
		}
		if utf8.ValidString(text) && !utf8.ValidString(msg) {
			t.Fatalf("message %q is not valid UTF-8", msg)
		}
	})
}
