package function

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// The embedded bootstraps of the Python and Node.js runtimes.
var (
	//go:embed bootstrap/bootstrap.py
	pythonBootstrap []byte
	//go:embed bootstrap/bootstrap.js
	nodeBootstrap []byte
)

// DefaultHandler is the handler setting of a Python or Node.js function
// when none is given: function handler in index.py or index.js.
const DefaultHandler = "index.handler"

// langRuntime runs a Python or Node.js handler: the interpreter runs
// disload's bootstrap (extracted to a temporary folder on the first
// start, removed at Close), which speaks the custom runtime API.
type langRuntime struct {
	customRuntime
	once sync.Once
	dir  string // the extracted bootstrap's folder
	file string
	err  error
}

// command is the interpreter running the extracted bootstrap.
func (l *langRuntime) command() (string, []string, error) {
	l.once.Do(l.extract)
	if l.err != nil {
		return "", nil, l.err
	}
	return l.cfg.path, []string{l.file}, nil
}

// extract writes the bootstrap to a temporary folder.
func (l *langRuntime) extract() {
	name, src := "bootstrap.py", pythonBootstrap
	if l.cfg.Runtime == RuntimeNode {
		name, src = "bootstrap.js", nodeBootstrap
	}
	dir, err := os.MkdirTemp("", "disload-"+string(l.cfg.Runtime)+"-")
	if err != nil {
		l.err = fmt.Errorf("extract the %s bootstrap: %w", l.cfg.Runtime, err)
		return
	}
	l.dir, l.file = dir, filepath.Join(dir, name)
	if err := os.WriteFile(l.file, src, 0o644); err != nil {
		l.err = fmt.Errorf("extract the %s bootstrap: %w", l.cfg.Runtime, err)
	}
}

// close removes the extracted bootstrap.
func (l *langRuntime) close() {
	l.once.Do(func() {}) // no extraction after Close
	if l.dir != "" {
		os.RemoveAll(l.dir)
	}
}

// interpreters are the programs looked up on PATH per runtime.
var interpreters = map[Runtime][]string{
	RuntimePython: {"python3", "python"},
	RuntimeNode:   {"node", "nodejs"},
}

// moduleExt is the source file extension per runtime.
var moduleExt = map[Runtime]string{RuntimePython: ".py", RuntimeNode: ".js"}

// resolveLang checks a Python or Node.js function: Path is the code
// folder, Handler MODULE.FUNCTION with MODULE's file in it; the
// interpreter must be on PATH.
func (c *config) resolveLang(bad func(string, ...any)) {
	if c.Handler == "" {
		c.Handler = DefaultHandler
	}
	mod, fn, ok := cutLast(c.Handler, ".")
	if !ok || mod == "" || fn == "" {
		bad("handler %q: want MODULE.FUNCTION, e.g. %s", c.Handler, DefaultHandler)
	}
	dir, err := filepath.Abs(c.Path)
	if fi, serr := os.Stat(dir); err != nil || serr != nil || !fi.IsDir() {
		bad("path %q: not a folder of %s code", c.Path, c.Runtime)
	} else if _, err := os.Stat(filepath.Join(dir, strings.ReplaceAll(mod, ".", "/")+moduleExt[c.Runtime])); ok && err != nil {
		bad("handler %q: %s%s not found in %s", c.Handler, mod, moduleExt[c.Runtime], c.Path)
	}
	c.codeRoot = dir
	for _, name := range interpreters[c.Runtime] {
		if p, err := exec.LookPath(name); err == nil {
			c.path = p
			return
		}
	}
	bad("runtime %s: %s not found on PATH", c.Runtime, strings.Join(interpreters[c.Runtime], " or "))
}

// cutLast cuts s around the last sep.
func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// errNoRuntime is returned by DetectRuntime for a folder it cannot run.
var errNoRuntime = errors.New("no bootstrap, index.py, index.js or single executable found")
