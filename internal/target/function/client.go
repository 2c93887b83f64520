// Package function runs FunctionGraph Go function binaries (or attaches to a
// running one) and delivers DIS trigger events to them over the runtime's
// net/rpc protocol, the way the platform does: one call at a time per
// instance, scale-out up to a cap, faults classified as the platform reports
// them, crashed or timed-out instances restarted.
//
// The wire types are declared here; the runtime module is not imported.
package function

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/rpc"
	"time"
)

// Service method names of the runtime's net/rpc service.
const (
	invokeMethod      = "Function.Invoke"
	healthCheckMethod = "Function.HealthCheck"
)

// InvokeRequest is the argument of Function.Invoke (gob matches fields by name).
type InvokeRequest struct {
	Payload []byte
	Header  http.Header
}

// InvokeResponse is the reply of Function.Invoke. StatusCode is 200 on
// success and 0 when an async invocation panicked.
type InvokeResponse struct {
	StatusCode int
	Payload    []byte
}

// HealthCheckRequest is the argument of Function.HealthCheck.
type HealthCheckRequest struct{}

// HealthCheckResponse is the reply of Function.HealthCheck.
type HealthCheckResponse struct{}

// Client is one net/rpc connection (HTTP CONNECT on /_goRPC_, as
// rpc.DialHTTP) to a function runtime. Concurrent calls are multiplexed on
// the connection and run in parallel inside the function process.
type Client struct {
	addr string
	rpc  *rpc.Client
}

// DialContext connects to the runtime listening on addr (host:port),
// bounded by ctx (for the TCP connect and the CONNECT handshake).
func DialContext(ctx context.Context, addr string) (*Client, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) }) //nolint:errcheck // ends the handshake
	err = connectHTTP(conn)
	if !stop() && err == nil {
		err = ctx.Err()
	}
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("dial %s: %w", addr, err)
	}
	return &Client{addr: addr, rpc: rpc.NewClient(conn)}, nil
}

// connectHTTP performs the net/rpc HTTP handshake on conn.
func connectHTTP(conn net.Conn) error {
	if _, err := conn.Write([]byte("CONNECT " + rpc.DefaultRPCPath + " HTTP/1.0\n\n")); err != nil {
		return err
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: "CONNECT"})
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.Status != "200 Connected to Go RPC" {
		return errors.New("unexpected HTTP response: " + resp.Status)
	}
	return nil
}

// Addr returns the address the client is connected to.
func (c *Client) Addr() string { return c.addr }

// Invoke calls Function.Invoke with payload and header and waits for the
// answer or ctx. The header is sent as given: build it with http.Header.Set
// so the keys are canonical. A failed call returns the error as net/rpc gave
// it (an rpc.ServerError carries the runtime's error text; see Classify).
func (c *Client) Invoke(ctx context.Context, payload []byte, header http.Header) (status int, body []byte, err error) {
	var resp InvokeResponse
	call := c.rpc.Go(invokeMethod, &InvokeRequest{Payload: payload, Header: header}, &resp, make(chan *rpc.Call, 1))
	select {
	case <-call.Done:
		return resp.StatusCode, resp.Payload, call.Error
	case <-ctx.Done():
		return 0, nil, ctx.Err()
	}
}

// HealthCheck calls Function.HealthCheck and waits for the answer or ctx.
func (c *Client) HealthCheck(ctx context.Context) error {
	call := c.rpc.Go(healthCheckMethod, &HealthCheckRequest{}, &HealthCheckResponse{}, make(chan *rpc.Call, 1))
	select {
	case <-call.Done:
		return call.Error
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close closes the connection; pending calls end with rpc.ErrShutdown.
func (c *Client) Close() error { return c.rpc.Close() }
