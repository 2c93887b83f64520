package function

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/disload/disload/internal/harness"
)

// TestAutoscale: with Instances{1, 4} and 8 callers of a 30 ms function the
// pool starts more instances, each measured, never more than 4, each still
// taking one call at a time.
func TestAutoscale(t *testing.T) {
	dir := t.TempDir()
	p := newPool(t, Options{Instances: Instances{1, 4},
		Env: map[string]string{"FN_SLEEP": "30ms", "FN_COUNT_DIR": dir}})
	start(t, p)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 5 {
				if out := p.Invoke(t.Context(), okEvent(t)); !out.OK() {
					t.Error(out)
				}
			}
		})
	}
	wg.Wait()
	n, cold := p.Instances(), p.ColdStarts()
	if n < 2 || n > 4 || len(cold) != n || len(p.startedPIDs()) != n {
		t.Errorf("%d instances, %d cold starts, %d processes; want 2..4 of each, equal", n, len(cold), len(p.startedPIDs()))
	}
	for i, d := range cold {
		if d <= 0 {
			t.Errorf("cold start %d lasted %v", i, d)
		}
	}
	p.Close()
	all := readCounts(t, dir)
	c := sumCounts(all)
	if len(all) != n || c.Calls != 40 || c.MaxConcurrent != 1 {
		t.Errorf("%d processes reported, %d calls, at most %d at once; want %d, 40, 1", len(all), c.Calls, c.MaxConcurrent, n)
	}
}

func TestScaleFromZero(t *testing.T) {
	p := newPool(t, Options{Instances: Instances{0, 2}})
	start(t, p)
	if n := p.Instances(); n != 0 {
		t.Fatalf("%d instances before any call, want 0", n)
	}
	if out := p.Invoke(t.Context(), okEvent(t)); !out.OK() {
		t.Fatal(out)
	}
	if n, cold := p.Instances(), p.ColdStarts(); n != 1 || len(cold) != 1 {
		t.Errorf("%d instances, %d cold starts after one call; want 1, 1", n, len(cold))
	}
}

// TestCrashRestarts: the process exits in its third call; that call is a
// crash, the instance comes back and later calls succeed.
func TestCrashRestarts(t *testing.T) {
	p := newPool(t, Options{Instances: Instances{1, 1}, Env: map[string]string{"FN_EXIT_AT": "3"}})
	start(t, p)
	got := invokeN(t, p, okEvent(t), 6)
	if want := []harness.Class{"", "", ClassCrash, "", "", ClassCrash}; !slices.Equal(got, want) {
		t.Errorf("classes %q, want %q", got, want)
	}
	if out := p.Invoke(t.Context(), okEvent(t)); !out.OK() {
		t.Errorf("after two crashes: %+v", out)
	}
	if err := p.Err(); err != nil {
		t.Errorf("Err = %v: crashes after answered calls must not stop the run", err)
	}
	if n := len(p.ColdStarts()); n != 3 || p.Instances() != 1 {
		t.Errorf("%d starts, %d instances; want 3, 1", n, p.Instances())
	}
}

func TestCrashMessage(t *testing.T) {
	p := newPool(t, Options{Env: map[string]string{"FN_EXIT_AT": "1"}, MaxFailedStarts: 5})
	start(t, p)
	out := p.Invoke(t.Context(), okEvent(t))
	if out.Class != ClassCrash || !strings.HasPrefix(out.Message, "instance 0: ") {
		t.Errorf("outcome %+v, want a crash of instance 0", out)
	}
	p.waitFor(t, func() bool { return len(p.coldStarts) == 2 }) // the dead process was reaped, its output read
	if tail := strings.Join(p.LogTail(0, 5), "\n"); !strings.Contains(tail, "exiting at call 1") {
		t.Errorf("log tail %q lacks the function's last words", tail)
	}
}

// TestDiesOnEveryCall: a binary that dies in each first call ends in
// ClassFatal after MaxFailedStarts lives, not in a restart loop.
func TestDiesOnEveryCall(t *testing.T) {
	p := newPool(t, Options{Instances: Instances{1, 1}, Env: map[string]string{"FN_EXIT_AT": "1"}})
	start(t, p)
	var got []harness.Class
	for range 10 {
		out := p.Invoke(t.Context(), okEvent(t))
		got = append(got, out.Class)
		if out.Class == ClassFatal {
			break
		}
	}
	if want := []harness.Class{ClassCrash, ClassCrash, ClassCrash, ClassFatal}; !slices.Equal(got, want) {
		t.Errorf("classes %q, want %q", got, want)
	}
	err := p.Err()
	if err == nil || !hasAll(err.Error(), "3 failed starts in a row", "died before answering any call",
		"exit status 3", "exiting at call 1") {
		t.Errorf("Err = %v", err)
	}
	if n := len(p.startedPIDs()); n != 3 {
		t.Errorf("%d processes started, want 3", n)
	}
}

// TestGiveUpPrintsNoSecret: a function that dies before answering, start
// after start, makes the pool give up; neither the error nor the pool
// printed in any form shows an environment value or a header value.
func TestGiveUpPrintsNoSecret(t *testing.T) {
	const secret = "sk-live-0123456789"
	t.Setenv("MY_API_KEY", secret) // disload's own environment goes to the function
	h := http.Header{}
	h.Set("X-CFF-Access-Key", secret+"-header")
	p := newPool(t, Options{Headers: h, Env: map[string]string{"FN_EXIT_AT": "1", "OTHER": secret + "-env"}})
	start(t, p)
	var last harness.Outcome
	for range 10 {
		if last = p.Invoke(t.Context(), okEvent(t)); last.Class == ClassFatal {
			break
		}
	}
	if last.Class != ClassFatal || p.Err() == nil {
		t.Fatalf("last outcome %+v, err %v: want the pool to give up", last, p.Err())
	}
	printed := fmt.Sprintf("%v|%+v|%s|%#v|%v|%s", p, p, p, p, p.Err(), last.Message)
	if strings.Contains(printed, secret) || strings.Contains(printed, "0x") || strings.Contains(printed, "map[") {
		t.Errorf("printed pool or error shows a secret or a Go struct:\n%s", printed)
	}
}
