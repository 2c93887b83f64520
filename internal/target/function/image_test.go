package function

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/disload/disload/internal/harness"
)

// TestImageWithFakeEngine: an image runs through the engine's command line
// (port 8000 mapped to the instance's port, environment passed by name,
// never by value), answers /init then /invoke, and every container is
// removed when its life ends.
func TestImageWithFakeEngine(t *testing.T) {
	needTool(t, "python3")
	engineDir, err := filepath.Abs("testdata/fakeengine")
	if err != nil {
		t.Fatal(err)
	}
	server, _ := filepath.Abs("testdata/container/server")
	logFile := filepath.Join(t.TempDir(), "engine.log")
	t.Setenv("PATH", engineDir+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("FAKE_ENGINE_LOG", logFile)
	t.Setenv("FAKE_SERVER", server)
	if p, err := exec.LookPath("podman"); err == nil {
		t.Skipf("SKIP: podman (%s) would be preferred to the fake docker", p)
	}
	const secret = "s3cret-value-1f"
	p := newPool(t, Options{Runtime: RuntimeImage, Path: "registry.example/fn:1", Env: map[string]string{"API_TOKEN": secret},
		Instances: Instances{Min: 2, Max: 2}})
	start(t, p)
	for range 4 {
		if o := p.Invoke(t.Context(), &harness.Event{Payload: []byte(`{}`)}); o.Class != "" {
			t.Fatalf("%+v", o)
		}
	}
	if s := p.String(); s != "function image:registry.example/fn:1" {
		t.Errorf("String() = %q", s)
	}
	p.Close()
	b, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	log := string(b)
	if strings.Contains(log, secret) {
		t.Errorf("an env value is on the engine's command line:\n%s", log)
	}
	runs, rms := strings.Count(log, "run --rm --name disload-"), strings.Count(log, "rm -f disload-")
	if runs != 2 || rms != 2 || !hasAll(log, "-p 127.0.0.1:", ":8000", "-e PORT=8000", "-e API_TOKEN ", "-e RUNTIME_TIMEOUT ", "registry.example/fn:1") {
		t.Errorf("%d runs, %d removals; engine calls:\n%s", runs, rms, log)
	}
}

// TestImageWithoutEngine: no podman or docker is a clear option error.
func TestImageWithoutEngine(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := New(Options{Runtime: RuntimeImage, Path: "fn:1"})
	if err == nil || !strings.Contains(err.Error(), "neither podman nor docker is on PATH") {
		t.Errorf("New: %v", err)
	}
}
