package deploy

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/internal/live"
	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/reports"
)

// TestShardsJobServesMetrics: every shard serves --metrics-addr on the
// port its container declares and its prometheus.io annotations name, and
// pushes to PROMETHEUS_RW when that is set.
func TestShardsJobServesMetrics(t *testing.T) {
	m := load(t)
	c := container(t, m.shards)
	args := strings.Join(c.Args, " ")
	var port string
	for _, p := range c.Ports {
		if p.Name == "metrics" {
			port = strconv.Itoa(int(p.ContainerPort))
		}
	}
	if port == "" {
		t.Fatal("the disload container declares no port named metrics")
	}
	ann := m.shards.Spec.Template.Annotations
	for _, want := range []string{"--metrics-addr :" + port, "--metrics-linger ", "--prometheus-rw=$(PROMETHEUS_RW)"} {
		if !strings.Contains(args, want) {
			t.Errorf("args %q lack %q", args, want)
		}
	}
	if ann["prometheus.io/scrape"] != "true" || ann["prometheus.io/port"] != port || ann["prometheus.io/path"] != "/metrics" {
		t.Errorf("annotations %v, want scrape true on port %s path /metrics", ann, port)
	}
	found := false
	for _, e := range c.Env {
		found = found || e.Name == "PROMETHEUS_RW"
	}
	if !found {
		t.Error("PROMETHEUS_RW is not defined: $(PROMETHEUS_RW) would be passed as it is")
	}
}

// exportedMetrics are the metric names a live disload endpoint serves,
// read from a real one (with trigger partitions, so that every metric is
// there); histograms add their _bucket, _sum and _count series.
func exportedMetrics(t *testing.T) map[string]bool {
	t.Helper()
	e, err := live.New(live.Config{Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	col := metrics.NewCollector(time.Second)
	rec := col.NewRecorder()
	rec.Record(&metrics.Result{End: time.Millisecond, Records: 1})
	rec.Flush()
	e.Attach(col, live.Labels{Scenario: "s", Target: "inproc:noop", RunID: "r"})
	e.Finish(&reports.Summary{Trigger: &reports.Trigger{Partitions: []reports.PartitionFigures{{Partition: 0}}}})
	stop := make(chan struct{})
	close(stop)
	defer e.Close(stop)
	resp, err := http.Get("http://" + e.Addr() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, line := range strings.Split(string(body), "\n") {
		f := strings.Fields(line)
		if len(f) == 4 && f[0] == "#" && f[1] == "TYPE" {
			names[f[2]] = true
			if f[3] == "histogram" {
				for _, s := range []string{"_bucket", "_sum", "_count"} {
					names[f[2]+s] = true
				}
			}
		}
	}
	return names
}

// TestGrafanaDashboard: the dashboard is valid JSON whose every query
// names only metrics disload serves, and it shows what the issue asks for:
// rate, errors by class, latency percentiles, lag per partition, instances.
func TestGrafanaDashboard(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("grafana", "disload.json"))
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Title  string
		Panels []struct {
			Title   string
			Targets []struct{ Expr string }
		}
	}
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatalf("grafana/disload.json: %v", err)
	}
	served := exportedMetrics(t)
	metricRE := regexp.MustCompile(`\bdisload_[a-z_]+`)
	var all []string
	for _, p := range d.Panels {
		if len(p.Targets) == 0 {
			t.Errorf("panel %q has no query", p.Title)
		}
		for _, q := range p.Targets {
			all = append(all, q.Expr)
			for _, name := range metricRE.FindAllString(q.Expr, -1) {
				if !served[name] {
					t.Errorf("panel %q queries %s, which disload does not serve", p.Title, name)
				}
			}
		}
	}
	exprs := strings.Join(all, "\n")
	for _, want := range []string{
		"rate(disload_events_total", `outcome="failed"`, "by (class)",
		"histogram_quantile(0.99, sum by (le) (rate(disload_response_time_seconds_bucket",
		"by (partition) (disload_trigger_lag_records", "disload_instances",
	} {
		if !strings.Contains(exprs, want) {
			t.Errorf("no query has %q", want)
		}
	}
}
