// Package httptarget delivers events to an HTTP endpoint: each event's JSON
// is the body of one request, on a pool of kept-alive connections.
package httptarget

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/platform"
)

// Outcome classes this target reports (besides harness.ClassTimeout and
// harness.ClassCanceled).
const (
	// Class4xx is a 4xx response.
	Class4xx = harness.Class4xx
	// Class5xx is a 5xx response.
	Class5xx = harness.Class5xx
	// ClassOther is a 1xx or 3xx final response (redirects are not followed).
	ClassOther = harness.ClassOther
	// ClassConnect is a failure before any response: dial, refused, reset,
	// TLS handshake.
	ClassConnect = harness.ClassConnect
	// ClassRead is a response whose body broke off while being read.
	ClassRead = harness.ClassRead
	// ClassBodyTooLarge is a successful status whose body runs past
	// MaxResponseBody (or never ends): the platform would refuse it.
	ClassBodyTooLarge = harness.ClassBodyTooLarge
)

// Defaults.
const (
	DefaultMethod   = http.MethodPost
	DefaultMaxConns = 64
	// maxMessageBody is how much of an error response's body the message keeps.
	maxMessageBody = 200
	// MaxResponseBody is the most of a response body disload reads: the
	// platform's response limit for HTTP functions (6 MB, docs/PROTOCOL.md
	// §7). Every body is read to its end, within the request's timeout,
	// and the latency ends when it is read; a longer (or endless) body is
	// a failure of class ClassBodyTooLarge and its connection is closed.
	MaxResponseBody = platform.ResponseBodySize
	// userAgent is sent unless Options.Headers sets one.
	userAgent = "disload"
)

// Options configure the target.
type Options struct {
	Method   string        // default POST
	Headers  http.Header   // sent with every request (Content-Type is application/json unless set here)
	Timeout  time.Duration // per request, on top of the run's; 0 = none
	MaxConns int           // most connections (and idle ones kept): the run's concurrency; 0 = 64
	TLS      TLSOptions
}

// TLSOptions configure https:// targets.
type TLSOptions struct {
	InsecureSkipVerify bool   // do not verify the server's certificate
	CAFile             string // PEM file of the CAs to trust instead of the system's
	CertFile, KeyFile  string // PEM client certificate and key (both or neither)
	ServerName         string // the name to verify instead of the URL's host
}

// New returns a target that sends every event to rawURL (http or https)
// with opts. It reports every problem with the URL and the options at once.
//
// Requests go over HTTP/1.1 keep-alive connections. For http:// URLs the
// client is fasthttp's, which writes and reads on the caller's goroutine
// and allocates nothing per request once warm. https:// URLs, and URLs
// that the environment's HTTP_PROXY, HTTPS_PROXY and NO_PROXY settings send
// through a proxy, use Go's net/http client (with that proxy), whose TLS
// errors name their cause (a TLS 1.3 server's refusal of a client
// certificate, say, which fasthttp reports as a closed connection).
func New(rawURL string, opts Options) (harness.Target, error) {
	return newTarget(rawURL, opts, clientAuto)
}

// client is which HTTP client a target uses.
type client int

const (
	clientAuto client = iota // fasthttp for plain HTTP without a proxy, else net/http
	clientFast               // fasthttp
	clientStd                // net/http
)

func newTarget(rawURL string, opts Options, c client) (harness.Target, error) {
	u, err := checkURL(rawURL)
	tlsCfg, tlsErr := opts.TLS.config()
	if err := errors.Join(err, opts.check(), tlsErr); err != nil {
		return nil, err
	}
	if opts.Method == "" {
		opts.Method = DefaultMethod
	}
	if opts.MaxConns == 0 {
		opts.MaxConns = DefaultMaxConns
	}
	header := requestHeader(opts.Headers)
	if c == clientAuto {
		c = clientFast
		if u.Scheme == "https" || proxied(u) {
			c = clientStd
		}
	}
	if c == clientStd {
		return newStd(u, opts, header, tlsCfg), nil
	}
	return newFast(u, opts, header), nil
}

// proxyFunc picks a request's proxy: the environment's HTTP_PROXY,
// HTTPS_PROXY and NO_PROXY (tests replace it; net/http reads the
// environment once per process).
var proxyFunc = http.ProxyFromEnvironment

// proxied reports whether proxyFunc sends u through a proxy.
func proxied(u *url.URL) bool {
	p, err := proxyFunc(&http.Request{URL: u})
	return err != nil || p != nil
}

func checkURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return nil, fmt.Errorf("url: %w", err)
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("url: %q: the scheme must be http or https", raw)
	case u.Host == "":
		return nil, fmt.Errorf("url: %q: no host", raw)
	}
	return u, nil
}

func (o Options) check() error {
	var errs []error
	if o.Method != "" && (strings.ContainsAny(o.Method, " \t\r\n") || o.Method != strings.ToUpper(o.Method)) {
		errs = append(errs, fmt.Errorf("method: %q is not an HTTP method", o.Method))
	}
	if o.Timeout < 0 {
		errs = append(errs, fmt.Errorf("timeout: must not be negative, got %s", o.Timeout))
	}
	if o.MaxConns < 0 {
		errs = append(errs, fmt.Errorf("max_conns: must not be negative, got %d", o.MaxConns))
	}
	return errors.Join(errs...)
}

// requestHeader is the header of every request: the user's, plus the JSON
// content type unless the user set one.
func requestHeader(user http.Header) http.Header {
	h := user.Clone()
	if h == nil {
		h = http.Header{}
	}
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", "application/json")
	}
	if h.Get("User-Agent") == "" {
		h.Set("User-Agent", userAgent)
	}
	return h
}

// tooLarge is the outcome of a response with status code whose body is
// over MaxResponseBody: a failing status keeps its class.
func tooLarge(code int, head []byte) harness.Outcome {
	if statusClass(code) != "" {
		return statusOutcome(code, head)
	}
	return harness.Outcome{Class: ClassBodyTooLarge, Message: fmt.Sprintf(
		"HTTP %d with a body over %d MB, the platform's response limit", code, MaxResponseBody>>20)}
}

// statusOutcome is the outcome of a response with status code whose body
// starts with head.
func statusOutcome(code int, head []byte) harness.Outcome {
	class := statusClass(code)
	if class == "" {
		return harness.Outcome{}
	}
	return harness.Outcome{Class: class, Message: fmt.Sprintf("HTTP %d: %s", code, printable(head))}
}

func statusClass(code int) harness.Class {
	switch {
	case code >= 200 && code < 300:
		return ""
	case code >= 400 && code < 500:
		return Class4xx
	case code >= 500:
		return Class5xx
	}
	return ClassOther
}

// errorOutcome classifies a transport error: the context's deadline or
// cancellation first, then a network timeout, else class.
func errorOutcome(ctx context.Context, err error, class harness.Class) harness.Outcome {
	var ne net.Error
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded):
		class = harness.ClassTimeout
	case errors.Is(ctx.Err(), context.Canceled):
		class = harness.ClassCanceled
	case errors.As(err, &ne) && ne.Timeout():
		class = harness.ClassTimeout
	}
	return harness.Outcome{Class: class, Message: err.Error()}
}

// printable makes a body fragment fit for a one-line message.
func printable(b []byte) string {
	s := strings.TrimSpace(strings.ToValidUTF8(string(b), "\uFFFD"))
	if len(b) == maxMessageBody && !utf8.Valid(b) {
		s = strings.TrimSuffix(s, "\uFFFD") // a rune cut at the limit
	}
	return strings.Join(strings.Fields(s), " ")
}

// String names the client.
func (c client) String() string {
	switch c {
	case clientFast:
		return "fasthttp"
	case clientStd:
		return "net/http"
	}
	return "auto"
}
