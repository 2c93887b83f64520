package function

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ContainerPort is the port a container event function's image listens on
// (the platform's); disload maps a free loopback port of its own to it.
const ContainerPort = "8000"

// engines are the container engines RuntimeImage runs an image with, in
// order of preference.
var engines = []string{"podman", "docker"}

// imageSeq numbers the containers disload starts (their names).
var imageSeq atomic.Int64

// resolveImage checks a container image function: Path is the image, run
// with podman or docker, whichever is on PATH first.
func (c *config) resolveImage(bad func(string, ...any)) {
	c.image = c.Path
	if c.image == "" || strings.HasPrefix(c.image, "-") {
		bad("image %q: want an image reference such as registry.example/fn:1", c.image)
	}
	for _, e := range engines {
		if p, err := exec.LookPath(e); err == nil {
			c.path = p
			return
		}
	}
	bad("image %s: neither podman nor docker is on PATH", c.image)
}

// imageArgs is the command line that runs the image for one life: removed
// when it stops, named, its port 8000 on hostPort of 127.0.0.1, with the
// environment passed by name (values stay out of the command line).
func (c *config) imageArgs(name, hostPort string) []string {
	args := []string{"run", "--rm", "--name", name, "-p", "127.0.0.1:" + hostPort + ":" + ContainerPort, "-e", PortEnv + "=" + ContainerPort}
	for _, kv := range c.env {
		k, _, _ := strings.Cut(kv, "=")
		if _, user := c.Env[k]; user || strings.HasPrefix(k, "RUNTIME_") {
			args = append(args, "-e", k)
		}
	}
	return append(append(args, c.image), c.Args...)
}

// imageLife is an httpLife whose process is a container engine running
// the image; the container is removed when the life ends.
type imageLife struct {
	*httpLife
	name   string
	engine string
	once   sync.Once
}

// newImageLife names the container of a life on port.
func newImageLife(l *httpLife, engine string) *imageLife {
	return &imageLife{httpLife: l, engine: engine,
		name: fmt.Sprintf("disload-%d-%d", os.Getpid(), imageSeq.Add(1))}
}

// args is the engine's command line for this life.
func (l *imageLife) args() []string { return l.rt.cfg.imageArgs(l.name, l.port) }

// release ends the requests and removes the container (killing the engine
// client does not stop it).
func (l *imageLife) release() {
	l.httpLife.release()
	l.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		exec.CommandContext(ctx, l.engine, "rm", "-f", l.name).Run() //nolint:errcheck // gone already, or the engine is down
	})
}

// Close is release.
func (l *imageLife) Close() error {
	l.release()
	return nil
}
