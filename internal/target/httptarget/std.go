package httptarget

import (
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"time"

	"github.com/disload/disload/internal/harness"
)

// stdTarget posts events to one URL with net/http.
type stdTarget struct {
	url    *url.URL // parsed once, shared read-only by every request
	method string
	header http.Header
	// timeout bounds each request; 0 = none.
	timeout   time.Duration
	client    *http.Client
	transport *http.Transport
}

var _ harness.Target = (*stdTarget)(nil)

// newStd builds a net/http target; header is the complete request header.
func newStd(u *url.URL, opts Options, header http.Header, tlsCfg *tls.Config) *stdTarget {
	tr := newTransport(opts.MaxConns, tlsCfg)
	return &stdTarget{
		url:       u,
		method:    opts.Method,
		header:    header,
		timeout:   opts.Timeout,
		transport: tr,
		client: &http.Client{
			Transport:     tr,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}
}

// newTransport keeps up to maxConns connections open and reuses them.
// HTTP/2 is not attempted: one request per connection keeps MaxConns the
// concurrency the server sees.
func newTransport(maxConns int, tlsCfg *tls.Config) *http.Transport {
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy:                 proxyFunc,
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
func (t *stdTarget) Close() error {
	t.transport.CloseIdleConnections()
	return nil
}

// Invoke sends the event and classifies the answer.
func (t *stdTarget) Invoke(ctx context.Context, ev *harness.Event) harness.Outcome {
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
	// net/http resends a request that found its kept-alive connection
	// closed before anything was written: each attempt gets a connection,
	// so the resends are the connections got but the first.
	conns := 0
	req = req.WithContext(httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		GotConn: func(httptrace.GotConnInfo) { conns++ },
	}))
	resp, err := t.client.Do(req)
	var out harness.Outcome
	if err != nil {
		out = errorOutcome(ctx, err, ClassConnect)
	} else {
		out = t.readOutcome(ctx, resp)
		resp.Body.Close()
	}
	out.StaleRetries = max(conns-1, 0)
	return out
}

// readOutcome classifies a response by its status, reading the start of
// the body into the message of a failure and the rest to its end (up to
// MaxResponseBody), so that the latency covers the whole body and the
// connection is reused.
func (t *stdTarget) readOutcome(ctx context.Context, resp *http.Response) harness.Outcome {
	var head []byte
	class := statusClass(resp.StatusCode)
	if class != "" {
		var err error
		if head, err = io.ReadAll(io.LimitReader(resp.Body, maxMessageBody)); err != nil {
			return errorOutcome(ctx, err, ClassRead)
		}
	}
	n, err := io.Copy(io.Discard, io.LimitReader(resp.Body, MaxResponseBody+1-int64(len(head))))
	if err != nil {
		return errorOutcome(ctx, err, ClassRead)
	}
	if int64(len(head))+n > MaxResponseBody {
		return tooLarge(resp.StatusCode, head)
	}
	return statusOutcome(resp.StatusCode, head)
}
