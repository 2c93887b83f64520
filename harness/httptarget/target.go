// Package httptarget delivers events to an HTTP endpoint: each event's JSON
// is the body of one request, on a pool of kept-alive connections.
package httptarget

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/disload/disload/harness"
)

// Outcome classes this target reports (besides harness.ClassTimeout and
// harness.ClassCanceled).
const (
	// Class4xx is a 4xx response.
	Class4xx = "http_4xx"
	// Class5xx is a 5xx response.
	Class5xx = "http_5xx"
	// ClassOther is a 1xx or 3xx final response (redirects are not followed).
	ClassOther = "http_other"
	// ClassConnect is a failure before any response: dial, refused, reset,
	// TLS handshake.
	ClassConnect = "connect"
	// ClassRead is a response whose body broke off while being read.
	ClassRead = "read"
)

// Defaults.
const (
	DefaultMethod   = http.MethodPost
	DefaultMaxConns = 64
	// maxMessageBody is how much of an error response's body the message keeps.
	maxMessageBody = 200
	// maxDrain is how much of a body is read to keep its connection; a
	// longer body closes the connection instead.
	maxDrain = 4 << 20
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

// target posts events to one URL.
type target struct {
	url    *url.URL // parsed once, shared read-only by every request
	method string
	header http.Header
	// timeout bounds each request; 0 = none.
	timeout   time.Duration
	client    *http.Client
	transport *http.Transport
}

var _ harness.Target = (*target)(nil)

// New returns a target that sends every event to rawURL (http or https)
// with opts. It reports every problem with the URL and the options at once.
func New(rawURL string, opts Options) (harness.Target, error) {
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
	tr := newTransport(opts.MaxConns, tlsCfg)
	return &target{
		url:       u,
		method:    opts.Method,
		header:    requestHeader(opts.Headers),
		timeout:   opts.Timeout,
		transport: tr,
		client: &http.Client{
			Transport:     tr,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}, nil
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
	return h
}

// newTransport keeps up to maxConns connections open and reuses them.
// HTTP/2 is not attempted: one request per connection keeps MaxConns the
// concurrency the server sees.
func newTransport(maxConns int, tlsCfg *tls.Config) *http.Transport {
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		MaxIdleConns:          maxConns,
		MaxIdleConnsPerHost:   maxConns,
		MaxConnsPerHost:       maxConns,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
		TLSClientConfig:       tlsCfg,
	}
}

// Close closes the idle connections.
func (t *target) Close() error {
	t.transport.CloseIdleConnections()
	return nil
}

// Invoke sends the event and classifies the answer.
func (t *target) Invoke(ctx context.Context, ev *harness.Event) harness.Outcome {
	if t.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, t.timeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, t.method, "", bytes.NewReader(ev.Payload))
	if err != nil {
		return harness.Outcome{Class: ClassConnect, Message: err.Error()}
	}
	// The URL and the header are parsed and built once and shared: neither
	// the client nor the transport writes to them.
	req.URL, req.Host, req.Header = t.url, t.url.Host, t.header
	resp, err := t.client.Do(req)
	if err != nil {
		return errorOutcome(ctx, err, ClassConnect)
	}
	defer resp.Body.Close()
	return t.statusOutcome(ctx, resp)
}

// statusOutcome classifies a response by its status, reading the start of
// the body into the message of a failure and draining the rest so the
// connection is reused.
func (t *target) statusOutcome(ctx context.Context, resp *http.Response) harness.Outcome {
	var head []byte
	class := statusClass(resp.StatusCode)
	if class != "" {
		var err error
		if head, err = io.ReadAll(io.LimitReader(resp.Body, maxMessageBody)); err != nil {
			return errorOutcome(ctx, err, ClassRead)
		}
	}
	if _, err := io.Copy(io.Discard, io.LimitReader(resp.Body, maxDrain)); err != nil {
		return errorOutcome(ctx, err, ClassRead)
	}
	if class == "" {
		return harness.Outcome{}
	}
	return harness.Outcome{Class: class, Message: fmt.Sprintf("HTTP %d: %s", resp.StatusCode, printable(head))}
}

func statusClass(code int) string {
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
func errorOutcome(ctx context.Context, err error, class string) harness.Outcome {
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
