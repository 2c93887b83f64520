package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeSink serves the sink's stats and reset paths.
func fakeSink(t *testing.T) *sinkProc {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/_sink/stats" {
			_ = json.NewEncoder(w).Encode(sinkStats{Requests: 5, P50us: 10, P99us: 42.5})
		}
	}))
	t.Cleanup(srv.Close)
	return &sinkProc{addr: strings.TrimPrefix(srv.URL, "http://"), http: srv.Client()}
}

// fakeTools runs the fake disload, vegeta and wrk of testdata/fakebin.
func fakeTools(t *testing.T) *tools {
	t.Helper()
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		t.Skip("no /usr/bin/time")
	}
	bin, err := filepath.Abs("testdata/fakebin")
	if err != nil {
		t.Fatal(err)
	}
	tl, err := newTools(context.Background(), bin, t.TempDir(), fakeSink(t))
	if err != nil {
		t.Fatal(err)
	}
	tl.wrk = filepath.Join(bin, "wrk")
	return tl
}

func TestNewToolsWritesTargets(t *testing.T) {
	tl := fakeTools(t)
	targets, err := os.ReadFile(tl.targets)
	if err != nil {
		t.Fatal(err)
	}
	want := "POST " + tl.sink.url() + "\nContent-Type: application/json\n@" + filepath.Join(tl.out, "event.json") + "\n"
	if string(targets) != want {
		t.Errorf("targets:\n%s\nwant:\n%s", targets, want)
	}
	body, _ := os.ReadFile(filepath.Join(tl.out, "event.json"))
	if string(body) != `{"ShardID":"shardId-0000000000"}` {
		t.Errorf("event body %q: want the generated event without its newline", body)
	}
}

func TestToolsDisload(t *testing.T) {
	tl := fakeTools(t)
	for _, exit := range []string{"0", "99"} {
		t.Setenv("FAKE_EXIT", exit)
		r, err := tl.disload(context.Background(), "paced", "-r", "20000/s")
		if err != nil {
			t.Fatalf("exit %s: %v", exit, err)
		}
		if r.Tool != "disload" || r.Rate != 19990 || r.Asked != 20000 || r.Requests != 40000 || r.Failed != 10 ||
			r.P99 != 0.5 || r.SvcP99 != 0.3 || r.SinkP99 != 42.5 || r.CPU < 0 {
			t.Errorf("exit %s: %+v", exit, r)
		}
		if !strings.HasPrefix(r.Cmd, "/usr/bin/time -f '%U %S %M' $BIN/disload run default -t http://$SINK/ --batch 1 --no-progress -o $OUT/runs/") ||
			!strings.HasSuffix(r.Cmd, " -r 20000/s") {
			t.Errorf("command %q", r.Cmd)
		}
	}
	t.Setenv("FAKE_EXIT", "1")
	if _, err := tl.disload(context.Background(), "broken"); err == nil || !strings.Contains(err.Error(), "exit status 1") {
		t.Errorf("a failing disload: %v", err)
	}
}

func TestToolsVegeta(t *testing.T) {
	tl := fakeTools(t)
	r, err := tl.vegeta(context.Background(), "closed", 0, 16, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if r.Tool != "vegeta" || r.Rate != 15000 || r.Requests != 30000 || r.Failed != 30 || r.P99 != 0.7 || r.SinkP99 != 42.5 {
		t.Errorf("%+v", r)
	}
	if !strings.Contains(r.Cmd, "$BIN/vegeta attack -targets $OUT/targets.txt -rate 0/s -duration 2s") || !strings.HasSuffix(r.Cmd, "-workers 16 -max-workers 16") {
		t.Errorf("command %q", r.Cmd)
	}
	r, err = tl.vegeta(context.Background(), "paced", 9800, 32, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Cmd, "-rate 9800/s -duration 1s") || !strings.HasSuffix(r.Cmd, "results.bin -max-workers 32") {
		t.Errorf("paced command %q", r.Cmd)
	}
	if got := strings.Join(pacedArgs(config{dur: time.Second, pacedConc: 32}, 9800), " "); got != "-r 9800/s -d 1s -c 32" {
		t.Errorf("pacedArgs = %q", got)
	}
	if got := (result{CPU: 2, Requests: 40000}).cpuPerRequest(); got != 50 {
		t.Errorf("cpuPerRequest = %g µs, want 50", got)
	}
}

func TestPacedRate(t *testing.T) {
	tl := &tools{}
	for _, tc := range []struct {
		s    string
		max  float64
		want float64
		ok   bool
	}{
		{"20000", 0, 20000, true},
		{"auto", 0, 0, false},
		{"auto", 46000, 19800, true},
		{"-5", 0, -5, false},
	} {
		tl.vegetaMax = tc.max
		if got, ok := tl.pacedRate(tc.s); got != tc.want || ok != tc.ok {
			t.Errorf("pacedRate(%q) with max %g = %g, %v", tc.s, tc.max, got, ok)
		}
	}
}

func TestSections(t *testing.T) {
	tl := fakeTools(t)
	c := config{rounds: 2, dur: time.Second, sweepDur: time.Second, paced: []string{"20000", "auto"},
		pacing: []float64{1000}, concurrent: []int{8, 16}, sinkDelay: time.Millisecond}
	var rep report
	for _, s := range []func(context.Context, config, *tools, *report) error{closedLoop, pacedCPU, pacing} {
		if err := s(context.Background(), c, tl, &rep); err != nil {
			t.Fatal(err)
		}
	}
	out := rep.b.String()
	for _, want := range []string{
		"- **ok** open loop achieved 19990/s for 20000/s asked (-0.05%; bar: within 1%)",
		"- **ok** response p99 0.500 ms against service p99 0.300 ms: 1.67× (bar: within 2×); the sink's own p99 42.5 µs",
		"| 1 | disload | 19990 | 40000 |", "| 0.50 | 0.30 | 42.5 | 11.76 |", // p99 / sink p99 = 500 µs / 42.5 µs
		"| 1 | vegeta | 15000 | 30000 |", "| 0.70 | - | 42.5 | 16.47 |",
		"- **not met** open loop at 20000/s: achieved within 1% (-0.05%) and response p99 within 2× of the sink's service p99 (11.76×)",
		"the sink's own in-handler service p99 of the same run (sink -delay 1ms)",
		"| 1000 | 19990.0 | +1899.00% | 15000.0 | +1400.00% |",
		"## Paced at 6500 requests/s", // auto: 0.43 × vegeta's 15,000
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
}
