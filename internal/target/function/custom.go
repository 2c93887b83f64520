package function

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/rpc"
	"strings"
	"sync"
	"time"
)

// Paths of the custom runtime API (PROTOCOL.md §7).
const (
	apiNext     = "/v1/runtime/invocation/request"
	apiResponse = "/v1/runtime/invocation/response/"
	apiError    = "/v1/runtime/invocation/error/"
)

// errNotAsked is the probe result until the bootstrap asks for an event.
var errNotAsked = errors.New("the bootstrap has not asked for an event yet (GET " + apiNext + ")")

// customRuntime runs an executable bootstrap that loops over the runtime
// API; disload serves that API itself, one address per instance.
type customRuntime struct{ cfg *config }

func (c *customRuntime) command() (string, []string, error) { return c.cfg.path, c.cfg.Args, nil }
func (c *customRuntime) close()                             {}

// newLife starts the instance's runtime API on a port of its own.
func (c *customRuntime) newLife(string) (life, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("runtime API: %w", err)
	}
	a := &apiServer{
		ln: ln, maxBody: int64(c.cfg.MaxRespBodySize),
		events:  make(chan *apiCall, c.cfg.ConcurrencyPerInstance),
		pending: make(map[string]*apiCall),
		asked:   make(chan struct{}), done: make(chan struct{}),
	}
	a.srv = &http.Server{Handler: a, ReadHeaderTimeout: 10 * time.Second, ErrorLog: discardLog}
	go a.srv.Serve(ln) //nolint:errcheck // ends with release
	return a, nil
}

// apiServer is one instance's runtime API and the connection to it.
type apiServer struct {
	ln      net.Listener
	srv     *http.Server
	maxBody int64
	events  chan *apiCall // calls waiting for the bootstrap's GET

	mu      sync.Mutex
	pending map[string]*apiCall // by request id, until answered

	askOnce   sync.Once
	asked     chan struct{} // closed at the bootstrap's first GET
	closeOnce sync.Once
	done      chan struct{} // closed when the life ends
}

// apiCall is one event on its way through the runtime API.
type apiCall struct {
	id      string
	payload []byte
	header  http.Header
	rc      *rpc.Call
}

func (a *apiServer) env() []string { return []string{"RUNTIME_API_ADDR=" + a.ln.Addr().String()} }

// probe succeeds once the bootstrap has asked for its first event.
func (a *apiServer) probe(ctx context.Context) (instanceConn, error) {
	select {
	case <-a.asked:
		return a, nil
	case <-a.done:
		return nil, errors.New("runtime API closed")
	case <-ctx.Done():
		return nil, errNotAsked
	case <-time.After(maxPollDelay):
		return nil, errNotAsked
	}
}

// release stops the API; calls not answered end as a lost instance.
func (a *apiServer) release() {
	a.closeOnce.Do(func() {
		close(a.done)
		a.srv.Close()
		a.mu.Lock()
		defer a.mu.Unlock()
		for id, c := range a.pending {
			delete(a.pending, id)
			c.rc.Error = rpc.ErrShutdown
			c.rc.Done <- c.rc
		}
	})
}

// Close ends the connection: the life is over.
func (a *apiServer) Close() error {
	a.release()
	return nil
}

// invoke queues an event for the bootstrap's next GET.
func (a *apiServer) invoke(req *InvokeRequest) *rpc.Call {
	rc := &rpc.Call{ServiceMethod: invokeMethod, Reply: &InvokeResponse{}, Done: make(chan *rpc.Call, 1)}
	c := &apiCall{id: req.Header.Get(requestIDKey), payload: bytes.Clone(req.Payload), header: req.Header.Clone(), rc: rc}
	a.mu.Lock()
	select {
	case <-a.done:
		a.mu.Unlock()
		rc.Error = rpc.ErrShutdown
		rc.Done <- rc
		return rc
	default:
	}
	a.pending[c.id] = c
	a.mu.Unlock()
	select {
	case a.events <- c:
	default: // more calls than ConcurrencyPerInstance: cannot happen in the pool
		a.finish(c.id, nil, errors.New("runtime API: event queue full"))
	}
	return rc
}

// finish completes the call with id; false when there is none.
func (a *apiServer) finish(id string, body []byte, err error) bool {
	a.mu.Lock()
	c, ok := a.pending[id]
	delete(a.pending, id)
	a.mu.Unlock()
	if !ok {
		return false
	}
	if err != nil {
		c.rc.Error = err
	} else {
		resp := c.rc.Reply.(*InvokeResponse)
		resp.StatusCode, resp.Payload = statusOK, body
	}
	c.rc.Done <- c.rc
	return true
}

// ServeHTTP serves the three calls of the runtime API.
func (a *apiServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodGet && r.URL.Path == apiNext:
		a.next(w, r)
	case r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, apiResponse):
		a.answer(w, r, strings.TrimPrefix(r.URL.Path, apiResponse), false)
	case r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, apiError):
		a.answer(w, r, strings.TrimPrefix(r.URL.Path, apiError), true)
	default:
		apiReply(w, http.StatusNotFound, "NotFound", "no such runtime API call: "+r.Method+" "+r.URL.Path)
	}
}

// next blocks until an event is ready and sends it with its headers.
func (a *apiServer) next(w http.ResponseWriter, r *http.Request) {
	a.askOnce.Do(func() { close(a.asked) })
	select {
	case c := <-a.events:
		h := w.Header()
		for k, vs := range c.header {
			h[k] = vs
		}
		h.Set("X-Cff-Request-Id", c.id)
		h.Set("Content-Type", "application/json")
		w.Write(c.payload) //nolint:errcheck // a bootstrap gone is seen when its process exits
	case <-r.Context().Done():
	case <-a.done:
		apiReply(w, http.StatusServiceUnavailable, "Shutdown", "the instance is stopping")
	}
}

// answer takes a bootstrap's response or error for request id.
func (a *apiServer) answer(w http.ResponseWriter, r *http.Request, id string, failed bool) {
	body, err := io.ReadAll(io.LimitReader(r.Body, a.maxBody+1))
	if err != nil {
		apiReply(w, http.StatusBadRequest, "BadRequest", "reading the body: "+err.Error())
		return
	}
	var res error
	switch {
	case failed:
		res = parseHandlerError(body)
	case int64(len(body)) > a.maxBody:
		res = &HandlerError{Type: string(ClassTooLarge), Message: fmt.Sprintf(
			"Response body size larger than max value '%d'.", a.maxBody)}
		body = nil
	}
	if !a.finish(id, body, res) {
		apiReply(w, http.StatusNotFound, "NotFound", "no event in progress with request id "+clip(id))
		return
	}
	apiReply(w, http.StatusOK, "", "")
}

// apiReply writes a runtime API answer: empty on success, else the error as JSON.
func apiReply(w http.ResponseWriter, status int, errType, msg string) {
	if status == http.StatusOK {
		w.WriteHeader(http.StatusOK)
		return
	}
	b, _ := json.Marshal(HandlerError{Type: errType, Message: msg}) // strings always marshal
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(b) //nolint:errcheck // best effort
}

// discardLog silences the runtime API server's own log.
var discardLog = log.New(io.Discard, "", 0)
