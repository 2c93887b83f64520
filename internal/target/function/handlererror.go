package function

import (
	"encoding/json"
	"strings"
)

// ClassFunctionError is the class of a failure a custom runtime reported
// without an errorType.
const ClassFunctionError = "FunctionError"

// maxClass bounds an errorType used as a class, in bytes.
const maxClass = 64

// HandlerError is a failure a runtime other than Go's reported for one
// call (a POST to .../error/{id}, an exception in a Python or Node.js
// handler, a failed HTTP answer). The instance is still fine.
type HandlerError struct {
	Type    string   `json:"errorType"`            // the outcome class: the exception's class
	Message string   `json:"errorMessage"`         // what the handler said
	Stack   []string `json:"stackTrace,omitempty"` // innermost frames first, "func file:line"
}

// Error returns "Type: Message".
func (e *HandlerError) Error() string { return e.Type + ": " + e.Message }

// parseHandlerError reads the body of a POST to .../error/{id}: by
// convention {"errorType": "...", "errorMessage": "..."} (a "stackTrace"
// array is kept too); any other body is the message of a FunctionError.
func parseHandlerError(body []byte) *HandlerError {
	var he HandlerError
	text := strings.TrimSpace(string(body))
	if strings.HasPrefix(text, "{") && json.Unmarshal(body, &he) == nil && (he.Type != "" || he.Message != "") {
		he.Type = cleanClass(he.Type)
		return &he
	}
	return &HandlerError{Type: ClassFunctionError, Message: clip(text)}
}

// cleanClass makes an errorType usable as an outcome class: printable,
// without spaces, at most maxClass bytes; FunctionError when empty.
func cleanClass(t string) string {
	t = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return '_'
		}
		return r
	}, strings.TrimSpace(t))
	t = clipTo(t, maxClass)
	if t == "" {
		return ClassFunctionError
	}
	return t
}

// classifyHandlerError is the class and message of e: its type, and its
// message with the top frames of its stack.
func classifyHandlerError(e *HandlerError) (class, message string) {
	var frames []string
	for _, f := range e.Stack {
		if f = strings.TrimSpace(f); f != "" && len(frames) < stackFrames {
			frames = append(frames, f)
		}
	}
	msg := e.Type + ": " + e.Message
	if len(frames) == 0 {
		return cleanClass(e.Type), clip(msg)
	}
	at := clip(" [at " + strings.Join(frames, "; ") + "]")
	return cleanClass(e.Type), clipTo(msg, maxMessage-len(at)) + at
}
