package httptarget

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/disload/disload/internal/harness"
)

// fasthttp client settings.
const (
	// idleConnDuration closes connections idle this long, before servers
	// with short keep-alive timeouts (Node.js: 5 s) close them; a server
	// that closes them sooner is caught before the next write (stale.go).
	idleConnDuration = 4 * time.Second
	// readBufferSize bounds a response's header (net/http's bound is
	// 1 MB; proxies such as nginx allow 4–8 KB by default). The buffers
	// are pooled per request in flight, not kept per connection, and
	// reallocated after garbage collections, so their size is memory
	// churn at high rates.
	readBufferSize = 16 << 10
	// dialTimeout bounds a connect when the request has no earlier deadline.
	dialTimeout = 10 * time.Second
	// connWait bounds the wait for a free connection when the request has
	// no deadline: the engine admits at most MaxConns requests, so waits
	// are short and rare.
	connWait = time.Hour
)

// fastTarget posts events to a plain http:// URL with fasthttp's HostClient: the
// request is written and the response read on the caller's goroutine, with
// pooled request and response objects.
type fastTarget struct {
	client  *fasthttp.HostClient
	timeout time.Duration // per request; 0 = none
	reqs    sync.Pool     // *fasthttp.Request with the method, URI and header set
}

var _ harness.Target = (*fastTarget)(nil)

// newFast builds a fasthttp target; header is the complete request header.
func newFast(u *url.URL, opts Options, header http.Header) *fastTarget {
	dialer := &net.Dialer{KeepAlive: 30 * time.Second}
	t := &fastTarget{
		timeout: opts.Timeout,
		client: &fasthttp.HostClient{
			Addr: fasthttp.AddMissingPort(u.Host, false),
			DialTimeout: func(addr string, timeout time.Duration) (net.Conn, error) {
				d := *dialer
				d.Timeout = min(timeout, dialTimeout)
				conn, err := d.Dial("tcp", addr)
				if err != nil {
					return nil, err
				}
				return &trackedConn{Conn: conn}, nil
			},
			MaxConns:            opts.MaxConns,
			MaxConnWaitTimeout:  connWait,
			MaxIdleConnDuration: idleConnDuration,
			ConnPoolStrategy:    fasthttp.LIFO,
			ReadBufferSize:      readBufferSize,
			// Every delivery is one attempt: a load generator that retries
			// hides failures.
			MaxIdemponentCallAttempts: 1,
			RetryIfErr:                func(*fasthttp.Request, int, error) (bool, bool) { return false, false },
			MaxResponseBodySize:       MaxResponseBody,
			NoDefaultUserAgentHeader:  true, // the header carries one
			DisablePathNormalizing:    true, // send the path as the user wrote it
		},
	}
	uri := u.String()
	t.reqs.New = func() any {
		req := new(fasthttp.Request)
		req.SetRequestURI(uri)
		req.Header.SetMethod(opts.Method)
		for k, vs := range header {
			for _, v := range vs {
				req.Header.Add(k, v)
			}
		}
		return req
	}
	return t
}

// Close closes the idle connections.
func (t *fastTarget) Close() error {
	t.client.CloseIdleConnections()
	return nil
}

// Invoke sends the event and classifies the answer. The request is bound by
// the earlier of ctx's deadline and the target's timeout; a ctx canceled
// without a deadline is noticed before the request is sent, and the engine
// abandons a delivery still in flight after its grace period.
func (t *fastTarget) Invoke(ctx context.Context, ev *harness.Event) harness.Outcome {
	if err := ctx.Err(); err != nil {
		return errorOutcome(ctx, err, ClassConnect)
	}
	deadline, hasDeadline := ctx.Deadline()
	if t.timeout > 0 {
		if d := time.Now().Add(t.timeout); !hasDeadline || d.Before(deadline) {
			deadline, hasDeadline = d, true
		}
	}
	req := t.reqs.Get().(*fasthttp.Request)
	req.SetBodyRaw(ev.Payload)
	resp := fasthttp.AcquireResponse()
	var err error
	stale := 0
	for {
		if hasDeadline {
			err = t.client.DoDeadline(req, resp, deadline)
		} else {
			err = t.client.Do(req, resp)
		}
		// fasthttp closed the stale connection: each resend takes another
		// pooled one or a fresh one, so the loop ends within the pool's size.
		if err == nil || stale >= t.client.MaxConns || !errors.Is(err, errStaleConn) {
			break
		}
		stale++
		resp.Reset()
	}
	req.ResetBody() // the payload is the engine's again
	t.reqs.Put(req)
	out := t.outcome(ctx, resp, err)
	out.StaleRetries = stale
	fasthttp.ReleaseResponse(resp)
	return out
}

// outcome classifies a response, or the error that ended it.
func (t *fastTarget) outcome(ctx context.Context, resp *fasthttp.Response, err error) harness.Outcome {
	switch {
	case err == nil:
	case errors.Is(err, fasthttp.ErrBodyTooLarge):
		// The status line was read; fasthttp closed the connection.
		head := resp.Body()
		return tooLarge(resp.StatusCode(), head[:min(len(head), maxMessageBody)])
	default:
		return fastErrorOutcome(ctx, resp, err)
	}
	code := resp.StatusCode()
	var head []byte
	if statusClass(code) != "" {
		head = resp.Body()
		head = head[:min(len(head), maxMessageBody)]
	}
	return statusOutcome(code, head)
}

// fastErrorOutcome classifies a fasthttp error in the words net/http's
// target uses, so that both clients report the same classes.
func fastErrorOutcome(ctx context.Context, resp *fasthttp.Response, err error) harness.Outcome {
	switch {
	case errors.Is(err, fasthttp.ErrTimeout), errors.Is(err, fasthttp.ErrDialTimeout):
		cause := "the request's timeout"
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			cause = "the run's per-invoke timeout"
		}
		return harness.Outcome{Class: harness.ClassTimeout, Message: fmt.Sprintf("%s: deadline exceeded (%s)", cause, err)}
	case errors.Is(err, fasthttp.ErrConnectionClosed), errors.Is(err, io.EOF):
		return harness.Outcome{Class: ClassConnect, Message: "EOF: the server closed the connection before a response"}
	case errors.As(err, new(*fasthttp.ErrSmallBuffer)):
		return harness.Outcome{Class: ClassRead, Message: fmt.Sprintf(
			"the response header is over %d KB, more than disload reads over plain HTTP", readBufferSize>>10)}
	case errors.Is(err, io.ErrUnexpectedEOF) || headerRead(resp):
		return errorOutcome(ctx, err, ClassRead)
	}
	return errorOutcome(ctx, err, ClassConnect)
}

// headerRead reports whether a failed response got as far as its header,
// so that its body broke off: a header that failed to parse leaves the
// content length 0, and a parsed one whose body can fail has a length
// (or -1 for chunked, -2 for a body that runs to the close).
func headerRead(resp *fasthttp.Response) bool {
	return resp.Header.ContentLength() != 0
}
