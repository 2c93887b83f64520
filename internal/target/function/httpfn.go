package function

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/rpc"
	"strconv"
	"time"
)

// ClassConnect is an HTTP or container function's request that got no
// answer (connection refused or closed before a response); a process that
// died is a crash once disload sees it exit.
const ClassConnect = "connect"

// PortEnv is the variable that tells an HTTP function or a container event
// function which port to listen on: each local instance gets its own (the
// platform's is always 8000).
const PortEnv = "PORT"

// httpRuntime runs an HTTP function (every event a POST / to the server
// its bootstrap starts) or a container event function (POST /init once per
// instance, then POST /invoke per event).
type httpRuntime struct{ cfg *config }

func (h httpRuntime) command() (string, []string, error) {
	if h.cfg.Runtime == RuntimeImage {
		return h.cfg.path, nil, nil // the life adds the run arguments
	}
	return h.cfg.path, h.cfg.Args, nil
}
func (h httpRuntime) close() {}

// newLife gives the instance the free port addr.
func (h httpRuntime) newLife(addr string) (life, error) {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	l := &httpLife{
		rt: h, base: "http://" + addr, port: port, ctx: ctx, cancel: cancel,
		client: &http.Client{Transport: &http.Transport{
			MaxIdleConnsPerHost: h.cfg.ConcurrencyPerInstance, DisableCompression: true,
		}},
	}
	if h.cfg.Runtime == RuntimeImage {
		return newImageLife(l, h.cfg.path), nil
	}
	return l, nil
}

// httpLife is one process of an HTTP or container function.
type httpLife struct {
	rt     httpRuntime
	base   string // http://127.0.0.1:PORT
	port   string
	client *http.Client
	ctx    context.Context // canceled when the life ends
	cancel context.CancelFunc
	inited bool // container: /init answered
}

func (l *httpLife) env() []string { return []string{PortEnv + "=" + l.port} }

// probe: an HTTP function is ready once it accepts a connection, a
// container function once POST /init succeeds.
func (l *httpLife) probe(ctx context.Context) (instanceConn, error) {
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	if l.rt.cfg.Runtime == RuntimeHTTP {
		var d net.Dialer
		c, err := d.DialContext(ctx, "tcp", l.base[len("http://"):])
		if err != nil {
			return nil, err
		}
		c.Close()
		return l, nil
	}
	if !l.inited {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, l.base+"/init", http.NoBody) // a fixed valid URL
		resp, err := l.client.Do(req)
		if err != nil {
			return nil, err
		}
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
		resp.Body.Close()
		if resp.StatusCode/100 != 2 {
			return nil, fmt.Errorf("POST /init: %s %s", resp.Status, clip(string(b)))
		}
		l.inited = true
	}
	return l, nil
}

// release ends requests in flight and the idle connections.
func (l *httpLife) release() {
	l.cancel()
	l.client.CloseIdleConnections()
}

// Close is release.
func (l *httpLife) Close() error {
	l.release()
	return nil
}

// invoke posts the event with the platform's X-CFF-* headers.
func (l *httpLife) invoke(in *InvokeRequest) *rpc.Call {
	rc := &rpc.Call{ServiceMethod: invokeMethod, Reply: &InvokeResponse{}, Done: make(chan *rpc.Call, 1)}
	path := "/"
	if l.rt.cfg.Runtime != RuntimeHTTP {
		path = "/invoke"
	}
	req, _ := http.NewRequestWithContext(l.ctx, http.MethodPost, l.base+path, bytes.NewReader(bytes.Clone(in.Payload))) // a fixed valid URL
	for k, vs := range in.Header {
		req.Header[k] = vs
	}
	cfg := l.rt.cfg
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CFF-Memory", strconv.Itoa(cfg.MemoryMB))
	req.Header.Set("X-CFF-Timeout", strconv.Itoa(int(cfg.timeout/time.Millisecond)))
	req.Header.Set("X-CFF-Func-Version", cfg.Version)
	req.Header.Set("X-CFF-Func-Name", cfg.FuncName)
	req.Header.Set("X-CFF-Project-Id", "disload")
	req.Header.Set("X-CFF-Package", "default")
	req.Header.Set("X-CFF-Region", "local")
	go l.do(req, rc)
	return rc
}

// do sends req and completes rc: a 2xx is a result, another status a
// failure of class http_4xx or http_5xx, a broken connection a lost instance.
func (l *httpLife) do(req *http.Request, rc *rpc.Call) {
	defer func() { rc.Done <- rc }()
	resp, err := l.client.Do(req)
	switch {
	case err != nil && l.ctx.Err() != nil: // the life ended under the call
		rc.Error = rpc.ErrShutdown
		return
	case err != nil: // the server is still there as far as disload knows
		rc.Error = &HandlerError{Type: ClassConnect, Message: err.Error()}
		return
	}
	defer resp.Body.Close()
	max := int64(l.rt.cfg.MaxRespBodySize)
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	switch {
	case err != nil:
		rc.Error = err
	case int64(len(body)) > max:
		rc.Error = &HandlerError{Type: string(ClassTooLarge), Message: fmt.Sprintf("Response body size larger than max value '%d'.", max)}
	case resp.StatusCode/100 == 2:
		r := rc.Reply.(*InvokeResponse)
		r.StatusCode, r.Payload = statusOK, body
	default:
		rc.Error = &HandlerError{Type: fmt.Sprintf("http_%dxx", resp.StatusCode/100),
			Message: resp.Status + ": " + clip(string(body))}
	}
}
