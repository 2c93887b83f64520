package function

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/rpc"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/disload/disload/internal/harness"
)

// Outcome classes reported by this package: the spellings of harness.Class.
const (
	// ClassReturnError: the handler returned an error or an empty result.
	ClassReturnError = harness.ClassReturnError
	// ClassPanic: the handler panicked (sync: errorType "panic"; async: status 0).
	ClassPanic = harness.ClassPanic
	// ClassTooLarge: the sync result exceeded RUNTIME_MAX_RESP_BODY_SIZE.
	ClassTooLarge = harness.ClassTooLarge
	// ClassBadRequest: the runtime refused the request ("bad request parameters").
	ClassBadRequest = harness.ClassBadRequest
	// ClassTimeout: no answer within the timeout; the call was abandoned.
	ClassTimeout = harness.ClassTimeout
	// ClassCanceled: the caller's context was canceled, or the pool closed.
	ClassCanceled = harness.ClassCanceled
	// ClassCrash: the function process died or the connection broke.
	ClassCrash = harness.ClassCrash
	// ClassRPCError: any other net/rpc error.
	ClassRPCError = harness.ClassRPCError
	// ClassFatal: the function cannot be run at all (it fails every start);
	// Pool.Err tells why. A run should end on this class.
	ClassFatal = harness.ClassFatal
)

// maxMessage bounds Outcome.Message in bytes.
const maxMessage = 500

// Runtime error texts (docs/PROTOCOL.md §2).
const (
	badRequestText = "bad request parameters"
	statusOK       = 200
)

// runtimeError is the JSON error text the runtime sends as an rpc.ServerError.
type runtimeError struct {
	ErrorMessage string   `json:"errorMessage"`
	ErrorType    string   `json:"errorType"`
	StackTrace   []string `json:"stackTrace"`
}

// Classify maps the result of a Function.Invoke call to an outcome class and
// message, as the platform reports it: status 200 with no error is success
// (""), a status of 0 with no error is an async panic, an rpc.ServerError is
// classified by the errorType in its JSON text, a broken connection is a
// crash. The message is at most 500 bytes.
func Classify(status int, err error) (class harness.Class, message string) {
	if err == nil {
		switch status {
		case statusOK:
			return "", ""
		case 0:
			return ClassPanic, "status 0 without an error: the handler panicked (async invocation)"
		}
		return ClassRPCError, "unexpected status " + strconv.Itoa(status)
	}
	var se rpc.ServerError
	if errors.As(err, &se) {
		return classifyServerError(string(se))
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return ClassTimeout, clip(err.Error())
	case errors.Is(err, context.Canceled):
		return ClassCanceled, clip(err.Error())
	case isConnectionError(err):
		return ClassCrash, clip(err.Error())
	}
	return ClassRPCError, clip(err.Error())
}

// classifyServerError classifies the error text sent by the runtime.
func classifyServerError(text string) (class harness.Class, message string) {
	if text == badRequestText {
		return ClassBadRequest, text
	}
	var re runtimeError
	if !strings.HasPrefix(strings.TrimSpace(text), "{") || json.Unmarshal([]byte(text), &re) != nil {
		return ClassRPCError, clip(text)
	}
	switch c := harness.Class(re.ErrorType); c {
	case ClassPanic:
		return ClassPanic, withFrames(re.ErrorMessage, re.StackTrace)
	case ClassReturnError, ClassTooLarge:
		return c, clip(re.ErrorMessage)
	}
	return ClassRPCError, clip(re.ErrorType + ": " + re.ErrorMessage)
}

// stackFrames is how many frames of a panic's stack a message quotes.
const stackFrames = 3

// withFrames appends the first stackFrames frames of a panic's stackTrace
// (alternating "Func()" and "    file:line", the runtime's own frames
// skipped) to msg: "msg [at main.handler() main.go:12; ...]", within
// maxMessage bytes, the message cut first.
func withFrames(msg string, stack []string) string {
	var frames []string
	for i := 0; i+1 < len(stack) && len(frames) < stackFrames; i += 2 {
		fn := strings.TrimSpace(stack[i])
		if strings.HasPrefix(fn, "runtime.") {
			continue
		}
		frames = append(frames, fn+" "+strings.TrimSpace(stack[i+1]))
	}
	if len(frames) == 0 {
		return clip(msg)
	}
	at := clip(" [at " + strings.Join(frames, "; ") + "]")
	return clipTo(msg, maxMessage-len(at)) + at
}

// isConnectionError reports whether err means the process or the connection
// is gone (the client is unusable from then on).
func isConnectionError(err error) bool {
	var ne net.Error
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, rpc.ErrShutdown) || errors.Is(err, net.ErrClosed) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.As(err, &ne)
}

// clip cuts s to at most maxMessage bytes on a UTF-8 boundary.
func clip(s string) string { return clipTo(s, maxMessage) }

// clipTo cuts s to at most n bytes on a UTF-8 boundary.
func clipTo(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
