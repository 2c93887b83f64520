package cli

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// liveSummary is what the live metrics tests read back from summary.json.
type liveSummary struct {
	RunID  string `json:"run_id"`
	Events struct {
		OK int64 `json:"ok"`
	} `json:"events"`
	Records     int64 `json:"records"`
	LiveMetrics *struct {
		Endpoint string
		Sinks    []struct {
			Kind             string
			Pushes, Failures int64
		}
	} `json:"live_metrics"`
}

func readLiveSummary(t *testing.T, dir string) liveSummary {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s liveSummary
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPrometheusScrape is the bar: a real Prometheus scraping
// --metrics-addr every second during a 12 s run at 200 events/s stores
// disload_events_total{outcome="ok"} within 10% of summary.json's events.ok
// (the linger lets it scrape the final figures, so it is in fact equal).
func TestPrometheusScrape(t *testing.T) {
	if testing.Short() {
		t.Skip("a 12 s run")
	}
	metricsAddr := freeAddr(t)
	prom := startPrometheus(t, metricsAddr)
	out := t.TempDir()
	code, _, errOut := cli(t, "run", "default", "-d", "12s", "-r", "200/s", "--no-progress", "-o", out,
		"--metrics-addr", metricsAddr, "--metrics-linger", "3s")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	sum := readLiveSummary(t, out)
	if sum.LiveMetrics == nil || sum.LiveMetrics.Endpoint != metricsAddr {
		t.Errorf("summary.json live_metrics = %+v, want the endpoint %s", sum.LiveMetrics, metricsAddr)
	}
	sel := `{outcome="ok",run_id="` + sum.RunID + `"}`
	got, _ := prom.query(t, `max_over_time(disload_events_total`+sel+`[5m])`)
	t.Logf("Prometheus stored max_over_time(disload_events_total{outcome=\"ok\"}[5m]) = %v; summary.json events.ok = %d", got, sum.Events.OK)
	if want := float64(sum.Events.OK); want == 0 || math.Abs(got-want) > 0.1*want {
		t.Errorf("Prometheus stored %v ok events, summary.json says %v (10%% allowed)", got, want)
	}
	// The histograms agree with the counters, and the samples cover the run.
	count, _ := prom.query(t, `max_over_time(disload_response_time_seconds_count{run_id="`+sum.RunID+`"}[5m])`)
	if count != got {
		t.Errorf("response time histogram counted %v, the ok counter %v (no failures in this run)", count, got)
	}
	samples, _ := prom.query(t, `count_over_time(disload_events_total`+sel+`[5m])`)
	if samples < 8 {
		t.Errorf("%v samples of a 12 s run scraped every second, want at least 8", samples)
	}
}

// TestPrometheusRemoteWrite: the same run's figures pushed with
// --prometheus-rw to a real Prometheus's remote-write receiver; the final
// push holds the final totals.
func TestPrometheusRemoteWrite(t *testing.T) {
	prom := startPrometheus(t, "", "--web.enable-remote-write-receiver")
	out := t.TempDir()
	code, _, errOut := cli(t, "run", "default", "-d", "3s", "-r", "200/s", "--no-progress", "-o", out,
		"--prometheus-rw", "http://"+prom.addr+"/api/v1/write")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	sum := readLiveSummary(t, out)
	if sum.LiveMetrics == nil || len(sum.LiveMetrics.Sinks) != 1 || sum.LiveMetrics.Sinks[0].Failures != 0 || sum.LiveMetrics.Sinks[0].Pushes == 0 {
		t.Fatalf("summary.json live_metrics = %+v, want one prometheus-rw sink with pushes and no failure", sum.LiveMetrics)
	}
	want := float64(sum.Events.OK)
	sel := `{outcome="ok",run_id="` + sum.RunID + `"}`
	prom.waitQuery(t, `max_over_time(disload_events_total`+sel+`[5m])`, func(v float64) bool { return v == want })
	records := float64(sum.Records)
	prom.waitQuery(t, `max_over_time(disload_records_total{run_id="`+sum.RunID+`"}[5m])`, func(v float64) bool { return v == records })
	prom.waitQuery(t, `max_over_time(disload_response_time_seconds_bucket{le="+Inf",run_id="`+sum.RunID+`"}[5m])`,
		func(v float64) bool { return v == want })
}

// TestPrometheusNativeHistograms: a Prometheus with native histograms on
// scrapes the response time histogram as a native one, whose count is the
// run's deliveries.
func TestPrometheusNativeHistograms(t *testing.T) {
	metricsAddr := freeAddr(t)
	prom := startPrometheus(t, metricsAddr, "--enable-feature=native-histograms")
	out := t.TempDir()
	code, _, errOut := cli(t, "run", "default", "-d", "3s", "-r", "200/s", "--no-progress", "-o", out,
		"--metrics-addr", metricsAddr, "--metrics-linger", "3s")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	sum := readLiveSummary(t, out)
	want := float64(sum.Events.OK)
	got := prom.waitQuery(t, `histogram_count(disload_response_time_seconds{run_id="`+sum.RunID+`"})`,
		func(v float64) bool { return v == want })
	p99, ok := prom.query(t, `histogram_quantile(0.99, disload_response_time_seconds{run_id="`+sum.RunID+`"})`)
	if !ok || p99 <= 0 {
		t.Errorf("native p99 %v (present %v), want a positive time", p99, ok)
	}
	t.Logf("native histogram count %v (summary.json events.ok %v), p99 %.6fs", got, want, p99)
}

// TestPrometheusRemoteWriteShards: the shards of one run push to one
// Prometheus, told apart by their shard label; summed they agree with
// their summaries added up.
func TestPrometheusRemoteWriteShards(t *testing.T) {
	prom := startPrometheus(t, "", "--web.enable-remote-write-receiver")
	var want float64
	for _, shard := range []string{"0/2", "1/2"} {
		out := t.TempDir()
		code, _, errOut := cli(t, "run", "clicks", "-d", "2s", "-r", "200/s", "--seed", "7", "--shard", shard, "--no-progress",
			"-o", out, "--prometheus-rw", "http://"+prom.addr+"/api/v1/write")
		if code != exitOK {
			t.Fatalf("shard %s: exit %d: %s", shard, code, errOut)
		}
		s := readLiveSummary(t, out)
		want += float64(s.Events.OK)
		one := float64(s.Events.OK)
		prom.waitQuery(t, `max_over_time(disload_events_total{outcome="ok",shard="`+shard+`",run_id="`+s.RunID+`"}[5m])`,
			func(v float64) bool { return v == one })
	}
	got := prom.waitQuery(t, `sum(max_over_time(disload_events_total{outcome="ok",scenario="clicks"}[5m]))`,
		func(v float64) bool { return v == want })
	t.Logf("shards summed in Prometheus: %v ok events; summaries: %v", got, want)
}
