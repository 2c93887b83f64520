package function

import (
	"context"
	"net/rpc"
)

// Runtime says how a function's instances run and how disload calls them.
// Every runtime shares the one Pool (scale-out, timeouts from the call's
// start, restarts with backoff, logs, reaping); only starting an instance
// and invoking it differ.
type Runtime string

// Runtimes.
const (
	// RuntimeGo is a FunctionGraph Go binary over the runtime's net/rpc
	// protocol (PROTOCOL.md §2); the default.
	RuntimeGo Runtime = "go"
	// RuntimeCustom is a custom runtime: an executable bootstrap looping
	// over the runtime API disload serves at $RUNTIME_API_ADDR (§7).
	RuntimeCustom Runtime = "custom"
	// RuntimePython is a Python handler(event, context), run by disload's
	// embedded bootstrap over the custom runtime API.
	RuntimePython Runtime = "python"
	// RuntimeNode is a Node.js handler (async or callback style), run by
	// disload's embedded bootstrap over the custom runtime API.
	RuntimeNode Runtime = "node"
	// RuntimeHTTP is an HTTP function: a bootstrap starting a web server on
	// $PORT (the platform's is 8000); each event is a POST to it.
	RuntimeHTTP Runtime = "http"
	// RuntimeContainer is a container event function: a server on $PORT
	// answering POST /init once per instance and POST /invoke per event.
	RuntimeContainer Runtime = "container"
	// RuntimeImage is a container event function run from its image with
	// podman or docker (Path is the image): port 8000 of the container is
	// mapped to a free loopback port per instance.
	RuntimeImage Runtime = "image"
)

// Runtimes lists every runtime in a stable order.
var Runtimes = []Runtime{RuntimeGo, RuntimeCustom, RuntimePython, RuntimeNode, RuntimeHTTP, RuntimeContainer, RuntimeImage}

// runtime is the per-kind part of a pool: the command of an instance and
// how to reach it.
type runtime interface {
	// command is the executable and arguments of every instance.
	command() (path string, args []string, err error)
	// newLife prepares one life of an instance; addr is a free loopback
	// port for runtimes where the process listens.
	newLife(addr string) (life, error)
	// close releases what the runtime holds (extracted files) at Close.
	close()
}

// lifeArgs is a life that adds to its process's command line.
type lifeArgs interface{ args() []string }

// life is one process of an instance as the pool sees it.
type life interface {
	// env is added to the process environment (RUNTIME_API_ADDR, PORT).
	env() []string
	// probe tries once to reach the instance; a connection once it is
	// ready to take calls.
	probe(ctx context.Context) (instanceConn, error)
	// release frees the life's resources (a listener); safe to repeat.
	release()
}

// instanceConn invokes one instance. A call's Reply is an *InvokeResponse;
// its Error is an rpc.ServerError or *HandlerError when the function
// answered with a failure, any other error when the instance is gone.
type instanceConn interface {
	invoke(req *InvokeRequest) *rpc.Call
	Close() error
}

// invoke sends Function.Invoke; net/rpc encodes req before it returns.
func (c *Client) invoke(req *InvokeRequest) *rpc.Call {
	return c.rpc.Go(invokeMethod, req, &InvokeResponse{}, make(chan *rpc.Call, 1))
}

// goRuntime runs a Go function binary over net/rpc.
type goRuntime struct{ cfg *config }

func (g goRuntime) command() (string, []string, error) { return g.cfg.path, g.cfg.Args, nil }
func (g goRuntime) newLife(addr string) (life, error)  { return rpcLife(addr), nil }
func (g goRuntime) close()                             {}

// rpcLife is a Go runtime listening on its address.
type rpcLife string

func (a rpcLife) env() []string { return []string{"RUNTIME_API_ADDR=" + string(a)} }
func (a rpcLife) probe(ctx context.Context) (instanceConn, error) {
	c, err := probe(ctx, string(a))
	if err != nil {
		return nil, err
	}
	return c, nil
}
func (a rpcLife) release() {}

// newRuntime returns the runtime of c.
func newRuntime(c *config) runtime {
	switch c.Runtime {
	case RuntimeCustom:
		return &customRuntime{cfg: c}
	case RuntimePython, RuntimeNode:
		return &langRuntime{customRuntime: customRuntime{cfg: c}}
	case RuntimeHTTP, RuntimeContainer, RuntimeImage:
		return httpRuntime{cfg: c}
	}
	return goRuntime{cfg: c}
}

// readyHint says what a runtime's instance has not done yet when it is not
// ready in time.
func readyHint(r Runtime) string {
	switch r {
	case RuntimeCustom, RuntimePython, RuntimeNode:
		return " (" + errNotAsked.Error() + ")"
	case RuntimeHTTP:
		return " (nothing listening on $" + PortEnv + ")"
	case RuntimeContainer, RuntimeImage:
		return " (POST /init not answered with 2xx)"
	}
	return ""
}
