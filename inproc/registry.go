package inproc

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Handler is a function as the FunctionGraph Go runtime calls it: the event
// JSON in, a result (a string, []byte, or anything json.Marshal takes) or
// an error out. The payload is the handler's only until it returns: calls
// reuse its buffer, so a handler copies what it keeps.
type Handler func(payload []byte, ctx RuntimeContext) (any, error)

var registry = struct {
	sync.RWMutex
	m map[string]Handler
}{m: map[string]Handler{}}

// sleepPrefix starts the built-in spec sleep:DURATION; "sleep" itself is
// reserved.
const sleepPrefix = "sleep:"

// Register makes h available to New under name. It is meant for init
// functions: it panics when name is empty, holds a space or ':', is
// "sleep", is already registered, or when h is nil, because each of those
// is a programming error.
func Register(name string, h Handler) {
	if name == "" || strings.ContainsAny(name, ": \t\n") || name == "sleep" {
		panic(fmt.Sprintf("inproc: Register: invalid handler name %q", name))
	}
	if h == nil {
		panic(fmt.Sprintf("inproc: Register(%q): nil handler", name))
	}
	registry.Lock()
	defer registry.Unlock()
	if _, dup := registry.m[name]; dup {
		panic(fmt.Sprintf("inproc: Register: handler %q registered twice", name))
	}
	registry.m[name] = h
}

// Lookup returns the handler registered under name.
func Lookup(name string) (Handler, bool) {
	registry.RLock()
	defer registry.RUnlock()
	h, ok := registry.m[name]
	return h, ok
}

// Names returns the registered handler names, sorted (the built-in
// sleep:DURATION is not among them: it is made per spec).
func Names() []string {
	registry.RLock()
	defer registry.RUnlock()
	names := make([]string, 0, len(registry.m))
	for n := range registry.m {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// validSpecs lists what New accepts, for error messages.
func validSpecs() string {
	return strings.Join(append(Names(), sleepPrefix+"DURATION"), ", ")
}
