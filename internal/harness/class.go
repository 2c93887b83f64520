package harness

// Class is an Outcome's error class: "" on success, else one of the
// constants below, the one list of the classes the engines and the targets
// report (summary.json "errors" keys; stable: extend, never rename).
type Class string

// OK is the class of a successful delivery.
const OK Class = ""

// Classes the engines assign, whatever the target.
const (
	// ClassTimeout is a delivery whose per-invoke Timeout passed (a
	// function target also reports it for a call over the function's own
	// timeout).
	ClassTimeout Class = "timeout"
	// ClassCanceled is a delivery whose context was canceled (a function
	// target also reports it for a call cut by its pool's close).
	ClassCanceled Class = "canceled"
	// ClassInterrupted is a delivery still in flight when the grace period
	// after the stop ran out: its context was canceled, or its target did
	// not return and it was abandoned; counted as failed, never lost.
	ClassInterrupted Class = "interrupted"
	// ClassTargetPanic is a Target.Invoke that panicked (a bug in the target).
	ClassTargetPanic Class = "target_panic"
)

// Classes of function targets (in-process handlers and function binaries),
// as the FunctionGraph runtime names them.
const (
	// ClassReturnError: the handler returned an error or an empty result.
	ClassReturnError Class = "FunctionReturnError"
	// ClassPanic: the handler panicked.
	ClassPanic Class = "panic"
	// ClassTooLarge: the result exceeded the response size limit.
	ClassTooLarge Class = "FunctionResponseTooLarge"
	// ClassBadRequest: the runtime refused the request ("bad request
	// parameters"), such as an empty payload.
	ClassBadRequest Class = "bad_request"
	// ClassCrash: the function process died or its connection broke.
	ClassCrash Class = "crash"
	// ClassRPCError: any other net/rpc error.
	ClassRPCError Class = "rpc_error"
	// ClassFatal: the function cannot be run at all (it fails every start).
	ClassFatal Class = "fatal"
)

// Classes of HTTP targets.
const (
	// Class4xx is a 4xx response.
	Class4xx Class = "http_4xx"
	// Class5xx is a 5xx response.
	Class5xx Class = "http_5xx"
	// ClassOther is a 1xx or 3xx final response (redirects are not followed).
	ClassOther Class = "http_other"
	// ClassConnect is a failure before any response: dial, refused, reset,
	// TLS handshake.
	ClassConnect Class = "connect"
	// ClassRead is a response whose body broke off while being read.
	ClassRead Class = "read"
	// ClassBodyTooLarge is a successful status whose body runs past the
	// response size limit (or never ends): the platform would refuse it.
	ClassBodyTooLarge Class = "http_body_too_large"
)
