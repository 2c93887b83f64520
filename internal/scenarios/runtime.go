package scenarios

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// FunctionRuntime is how a function target's instances run (its
// "runtime" key); "" detects it from the path (a folder holding a
// bootstrap, index.py, index.js or a Go binary; a file: a Go binary).
type FunctionRuntime string

// Function runtimes.
const (
	RuntimeGo        FunctionRuntime = "go"        // a Go binary over the runtime's RPC
	RuntimeCustom    FunctionRuntime = "custom"    // a bootstrap over the custom runtime API
	RuntimePython    FunctionRuntime = "python"    // a Python handler(event, context)
	RuntimeNode      FunctionRuntime = "node"      // a Node.js handler
	RuntimeHTTPFunc  FunctionRuntime = "http"      // an HTTP function's bootstrap (a server on $PORT)
	RuntimeContainer FunctionRuntime = "container" // a container event function's command (/init, /invoke)
	RuntimeImage     FunctionRuntime = "image"     // a container event function's image, run with podman or docker (path: the image)
)

// FunctionRuntimes lists the runtimes a target may name.
var FunctionRuntimes = []FunctionRuntime{RuntimeGo, RuntimeCustom, RuntimePython, RuntimeNode, RuntimeHTTPFunc, RuntimeContainer, RuntimeImage}

// runtimePrefixes are the target spec prefixes of the runtimes other than
// Go ("function:" detects, or runs a Go binary).
var runtimePrefixes = []struct {
	prefix string
	rt     FunctionRuntime
}{
	{"custom:", RuntimeCustom}, {"python:", RuntimePython}, {"node:", RuntimeNode},
	{"http-function:", RuntimeHTTPFunc}, {"container:", RuntimeContainer}, {"image:", RuntimeImage},
}

// parseRuntimeSpec reads "custom:PATH/bootstrap", "python:DIR/index.handler",
// "node:DIR/index.handler", "http-function:PATH/bootstrap",
// "container:COMMAND" or "image:IMAGE"; false for another spec.
func parseRuntimeSpec(spec string) (Target, bool) {
	for _, p := range runtimePrefixes {
		rest, ok := strings.CutPrefix(spec, p.prefix)
		if !ok {
			continue
		}
		t := Target{Type: TargetFunction, Runtime: p.rt, Path: rest}
		if p.rt == RuntimePython || p.rt == RuntimeNode {
			t.Path, t.Handler = splitHandler(rest)
		}
		return t, true
	}
	return Target{}, false
}

// splitHandler cuts "DIR/index.handler" into the folder and the handler
// setting; a path that is a folder (or whose last element is not
// MODULE.FUNCTION) is the folder, with the default handler.
func splitHandler(s string) (dir, handler string) {
	if fi, err := os.Stat(s); err == nil && fi.IsDir() {
		return s, ""
	}
	base := filepath.Base(s)
	if dot := strings.LastIndexByte(base, '.'); s == "" || dot <= 0 || dot == len(base)-1 {
		return s, ""
	}
	return filepath.Dir(s), base
}

// runtimeSpec is the spec of a function target with a runtime other than
// Go; "" for the others.
func (t Target) runtimeSpec() string {
	for _, p := range runtimePrefixes {
		if p.rt != t.Runtime {
			continue
		}
		if t.Handler != "" && (t.Runtime == RuntimePython || t.Runtime == RuntimeNode) {
			return p.prefix + filepath.Join(t.Path, t.Handler)
		}
		return p.prefix + t.Path
	}
	return ""
}

// checkRuntime checks the runtime and the keys that depend on it.
func (t *Target) checkRuntime(c *checker, path string) {
	if t.Runtime != "" {
		oneOf(c, path+".runtime", "runtime", t.Runtime, FunctionRuntimes...)
	}
	lang := t.Runtime == RuntimePython || t.Runtime == RuntimeNode
	if t.Initializer != "" && !lang {
		c.add(path+".initializer", "only for the python and node runtimes, this one is %s", cmpOr(string(t.Runtime), "detected from the path"))
	}
	if lang && len(t.Args) > 0 {
		c.add(path+".args", "not for the %s runtime (the handler is called, not a program)", t.Runtime)
	}
}

// isCodeFolder reports whether the target's path is a folder of code
// (python, node, or a package folder to detect).
func (t Target) isCodeFolder() bool {
	if t.Runtime == RuntimePython || t.Runtime == RuntimeNode {
		return true
	}
	fi, err := os.Stat(t.Path)
	return t.Runtime == "" && err == nil && fi.IsDir()
}

// checkFolder says what is wrong with a code folder, or "".
func checkFolder(path string) string {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return fmt.Sprintf("%s: %v", path, unwrapPath(err))
	case !fi.IsDir():
		return fmt.Sprintf("%s is not a folder", path)
	}
	return ""
}

// checkPackage says what is wrong with a package folder whose runtime is
// detected, or "": it must hold a bootstrap, an index.py, an index.js or
// an executable (the Go binary).
func checkPackage(path string) string {
	entries, err := os.ReadDir(path)
	if err != nil {
		return fmt.Sprintf("%s: %v", path, unwrapPath(err))
	}
	for _, e := range entries {
		fi, err := e.Info()
		if err == nil && fi.Mode().IsRegular() && (fi.Mode().Perm()&0o111 != 0 || e.Name() == "index.py" || e.Name() == "index.js") {
			return ""
		}
	}
	return fmt.Sprintf("%s is a folder without a bootstrap, index.py, index.js or executable to run", path)
}
