package function

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/disload/disload/internal/harness"
)

// needTool skips visibly when an interpreter truly cannot be had.
func needTool(t *testing.T, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err == nil {
			return
		}
	}
	t.Skipf("SKIP: %s not installed (.ci/run installs it)", strings.Join(names, " or "))
}

// drive sends n events at rate per second (event i carries seq i), each
// on its own goroutine, and returns the outcomes by seq.
func drive(t *testing.T, p *Pool, rate, n int) []harness.Outcome {
	t.Helper()
	outs := make([]harness.Outcome, n)
	var wg sync.WaitGroup
	tick := time.NewTicker(time.Second / time.Duration(rate))
	defer tick.Stop()
	for i := range n {
		b, _, _ := disEvent(t, 0, i, 1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i] = p.Invoke(t.Context(), &harness.Event{Payload: b, Records: 1})
		}()
		<-tick.C
	}
	wg.Wait()
	return outs
}

// readIDs returns the request ids the handlers recorded in dir.
func readIDs(t *testing.T, dir string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.ids"))
	var ids []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, strings.Fields(string(b))...)
	}
	return ids
}

// TestLanguageBars: Python and async Node.js handlers at 200 events/s for
// 3 s: every event delivered once with its own request id, failures exactly
// on the events the handler refuses, classed by the exception's class.
func TestLanguageBars(t *testing.T) {
	cases := []struct {
		name    string
		rt      Runtime
		tools   []string
		dir     string
		every   int
		errType string
	}{
		{"python", RuntimePython, []string{"python3", "python"}, "testdata/python", 0, ""},
		{"python ValueError every 4th", RuntimePython, []string{"python3", "python"}, "testdata/python", 4, "ValueError"},
		{"node", RuntimeNode, []string{"node", "nodejs"}, "testdata/node", 0, ""},
		{"node TypeError every 5th", RuntimeNode, []string{"node", "nodejs"}, "testdata/node", 5, "TypeError"},
	}
	const rate, n = 200, 600 // 3 s
	ext := map[Runtime]string{RuntimePython: ".py", RuntimeNode: ".js"}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			needTool(t, tc.tools...)
			count := t.TempDir()
			env := map[string]string{"COUNT_DIR": count}
			if tc.every > 0 {
				env["FAIL_EVERY"] = string(rune('0' + tc.every))
			}
			// A generous timeout and a small cap: the machine is shared, and
			// what is measured here is delivery, not speed.
			p := newPool(t, Options{Runtime: tc.rt, Path: tc.dir, Env: env, Initializer: "index.initializer",
				Timeout: 20 * time.Second, Instances: Instances{Min: 1, Max: 4}})
			start(t, p)
			outs := drive(t, p, rate, n)
			ok, failed := 0, 0
			for i, o := range outs {
				refuse := tc.every > 0 && i%tc.every == tc.every-1
				switch {
				case refuse && (string(o.Class) == tc.errType || strings.Contains(o.Message, tc.errType)):
					failed++
					if !strings.Contains(o.Message, "refused [at ") || !strings.Contains(o.Message, "index"+ext[tc.rt]+":") {
						t.Errorf("event %d: sample %q lacks the message or the handler's frame", i, o.Message)
					}
				case !refuse && o.Class == "":
					ok++
				default:
					t.Errorf("event %d: class %q message %q (refused by the handler: %v)", i, o.Class, o.Message, refuse)
				}
			}
			ids := readIDs(t, count)
			uniq := map[string]bool{}
			for _, id := range ids {
				uniq[id] = true
			}
			if len(ids) != n || len(uniq) != n {
				t.Errorf("handler saw %d calls with %d distinct request ids, want %d each", len(ids), len(uniq), n)
			}
			if ok+failed != n || len(ids)-failed != ok {
				t.Errorf("ok %d + failed %d of %d; handler's own count %d", ok, failed, n, len(ids))
			}
		})
	}
}

// TestCustomBashExample: the documentation's bash/curl bootstrap at 50
// events/s answers every event (echoing it) and leaves no process behind.
func TestCustomBashExample(t *testing.T) {
	needTool(t, "curl")
	needTool(t, "bash")
	p := newPool(t, Options{Runtime: RuntimeCustom, Path: "testdata/custom/bootstrap",
		Timeout: 20 * time.Second, Instances: Instances{Min: 1, Max: 6}})
	start(t, p)
	for i, o := range drive(t, p, 50, 150) { // 3 s
		if o.Class != "" {
			t.Errorf("event %d: %q %q", i, o.Class, o.Message)
		}
	}
}

// TestContextAndResult: the context carries the call's headers, userdata
// and memory; the initializer ran; the handler's result comes back.
func TestContextAndResult(t *testing.T) {
	for _, tc := range []struct {
		rt    Runtime
		dir   string
		tools []string
	}{{RuntimePython, "testdata/python", []string{"python3", "python"}}, {RuntimeNode, "testdata/node", []string{"node", "nodejs"}}} {
		t.Run(string(tc.rt), func(t *testing.T) {
			needTool(t, tc.tools...)
			p := newPool(t, Options{Runtime: tc.rt, Path: tc.dir, Initializer: "index.initializer",
				Env: map[string]string{"COUNT_DIR": t.TempDir()}, UserData: map[string]string{"team": "blue"},
				Headers: http.Header{"X-Cff-Access-Key": {"AK1"}}, MemoryMB: 256})
			start(t, p)
			b, _, _ := disEvent(t, 0, 0, 3)
			pr, out := p.acquire(t.Context())
			if pr == nil {
				t.Fatal(out)
			}
			call := p.newCall(pr, b)
			<-call.Done
			got := string(call.Reply.(*InvokeResponse).Payload)
			p.finish(pr, call)
			for _, want := range []string{`"records":3`, `"ak":"AK1"`, `"team":"blue"`} {
				if !strings.Contains(strings.ReplaceAll(got, " ", ""), want) {
					t.Errorf("result %s lacks %s", got, want)
				}
			}
			if !strings.Contains(got, "true") && !strings.Contains(got, `"initialized":["`) {
				t.Errorf("result %s: the initializer did not run", got)
			}
			// The instance's output reaches its log through a pipe read by
			// its own goroutine: wait (bounded) for the line to arrive.
			var tail string
			for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
				if tail = strings.Join(p.LogTail(0, 5), "\n"); strings.Contains(tail, "records 3") || time.Now().After(deadline) {
					break
				}
			}
			if !strings.Contains(tail, "records 3") {
				t.Errorf("log %q lacks the getLogger line", tail)
			}
		})
	}
}
