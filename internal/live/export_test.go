package live

import (
	"bytes"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/snappy"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	colmetrics "go.opentelemetry.io/proto/otlp/collector/metrics/v1"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	"github.com/disload/disload/internal/harness"
)

// TestEndpoint: /metrics serves the run's counters, with the constant
// labels (the target's secrets redacted), and the linger ends early when
// stop is closed.
func TestEndpoint(t *testing.T) {
	e, err := New(Config{Addr: "127.0.0.1:0", Linger: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	col, _, _ := testRun(t, 7)
	e.Attach(col, Labels{Scenario: "s", Target: "http://127.0.0.1:1/x?token=s3cret", Shard: "0/2", RunID: "r1"})
	e.Status(harness.Status{InFlight: 3})
	e.CountInstances(func() int { return 4 })
	resp, err := http.Get("http://" + e.Addr() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(body), "s3cret") {
		t.Error("the target's secret is in /metrics")
	}
	for _, tc := range []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"disload_events_total", map[string]string{"outcome": "ok", "shard": "0/2", "run_id": "r1"}, 7},
		{"disload_events_total", map[string]string{"outcome": "failed", "class": "timeout"}, 1},
		{"disload_records_total", nil, 70},
		{"disload_decoded_bytes_total", nil, 700},
		{"disload_in_flight", nil, 3},
		{"disload_instances", nil, 4},
		{"disload_rate_held", nil, 1},
		{"disload_response_time_seconds", nil, 8},
	} {
		if got, ok := value(fams[tc.name], tc.labels); !ok || got != tc.want {
			t.Errorf("%s%v = %v (found %v), want %v", tc.name, tc.labels, got, ok, tc.want)
		}
	}
	stop := make(chan struct{})
	close(stop)
	done := make(chan struct{})
	go func() { e.Close(stop); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Close waited for the linger although stop was closed")
	}
	if _, err := http.Get("http://" + e.Addr() + "/metrics"); err == nil {
		t.Error("the endpoint still answers after Close")
	}
}

// value is the value of the family's first metric with the labels (a
// histogram's count).
func value(f *dto.MetricFamily, labels map[string]string) (float64, bool) {
	for _, m := range f.GetMetric() {
		match := true
		for k, v := range labels {
			if !slices.ContainsFunc(m.GetLabel(), func(l *dto.LabelPair) bool { return l.GetName() == k && l.GetValue() == v }) {
				match = false
			}
		}
		if !match {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.GetCounter().GetValue(), true
		case m.Gauge != nil:
			return m.GetGauge().GetValue(), true
		case m.Histogram != nil:
			return float64(m.GetHistogram().GetSampleCount()), true
		}
	}
	return 0, false
}

// TestNewErrors: bad flags fail before the run, naming the flag, without
// the URL's secrets.
func TestNewErrors(t *testing.T) {
	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{Addr: "127.0.0.1:notaport"}, "--metrics-addr"},
		{Config{Addr: ":0", Linger: -time.Second}, "--metrics-linger"},
		{Config{RemoteWrite: "ftp://u:s3cret@host/write"}, "--prometheus-rw"},
		{Config{OTLP: "localhost:4318?token=s3cret"}, "--otlp"},
	} {
		_, err := New(tc.cfg)
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%+v: error %v, want one naming %s without the secret", tc.cfg, err, tc.want)
		}
	}
}

// TestRemoteWriteEncoding: the WriteRequest decodes to the series of a
// scrape: labels sorted with __name__, empty labels left out, a histogram
// as _bucket{le}, _sum and _count, every sample at the push's time.
func TestRemoteWriteEncoding(t *testing.T) {
	_, reg, _ := testRun(t, 4)
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	at := time.UnixMilli(1_700_000_000_123)
	got := decodeWriteRequest(t, encodeWriteRequest(nil, fams, at.UnixMilli()), at.UnixMilli())
	for _, tc := range []struct {
		key  string
		want float64
	}{
		{`__name__=disload_events_total,outcome=ok,run_id=r1,scenario=s,target=inproc:x`, 4},
		{`__name__=disload_events_total,class=timeout,outcome=failed,run_id=r1,scenario=s,target=inproc:x`, 1},
		{`__name__=disload_response_time_seconds_bucket,le=+Inf,run_id=r1,scenario=s,target=inproc:x`, 5},
		{`__name__=disload_response_time_seconds_bucket,le=0.0025,run_id=r1,scenario=s,target=inproc:x`, 4},
		{`__name__=disload_response_time_seconds_count,run_id=r1,scenario=s,target=inproc:x`, 5},
	} {
		if v, ok := got[tc.key]; !ok || v != tc.want {
			t.Errorf("%s = %v (found %v), want %v", tc.key, v, ok, tc.want)
		}
	}
}

// decodeWriteRequest reads a WriteRequest back into "name=value,..." →
// value, checking label order and timestamps.
func decodeWriteRequest(t *testing.T, b []byte, ts int64) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	field := func(b []byte) (protowire.Number, []byte, uint64, []byte) {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			t.Fatal("bad tag")
		}
		b = b[n:]
		switch typ {
		case protowire.BytesType:
			v, m := protowire.ConsumeBytes(b)
			return num, v, 0, b[m:]
		case protowire.Fixed64Type:
			v, m := protowire.ConsumeFixed64(b)
			return num, nil, v, b[m:]
		default:
			v, m := protowire.ConsumeVarint(b)
			return num, nil, v, b[m:]
		}
	}
	for len(b) > 0 {
		_, series, _, rest := field(b)
		b = rest
		var labels []string
		var value float64
		for len(series) > 0 {
			num, sub, _, rest := field(series)
			series = rest
			if num == 1 {
				_, name, _, r := field(sub)
				_, val, _, _ := field(r)
				labels = append(labels, string(name)+"="+string(val))
				continue
			}
			_, _, bits, r := field(sub)
			_, _, gotTS, _ := field(r)
			value = math.Float64frombits(bits)
			if int64(gotTS) != ts {
				t.Errorf("timestamp %d, want %d", gotTS, ts)
			}
		}
		if !slices.IsSorted(labels) {
			t.Errorf("labels not sorted: %v", labels)
		}
		out[strings.Join(labels, ",")] = value
	}
	return out
}

// TestRemoteWriteHTTP: the push is a snappy-compressed WriteRequest POSTed
// with remote write 1.0's headers.
func TestRemoteWriteHTTP(t *testing.T) {
	var body []byte
	var hdr http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hdr = r.Header
		b, _ := io.ReadAll(r.Body)
		body, _ = snappy.Decode(nil, b)
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	rw, err := newRemoteWrite(srv.URL + "/api/v1/write")
	if err != nil {
		t.Fatal(err)
	}
	_, reg, _ := testRun(t, 2)
	fams, _ := reg.Gather()
	at := time.Now()
	if err := rw.Push(t.Context(), fams, at); err != nil {
		t.Fatal(err)
	}
	if hdr.Get("Content-Encoding") != "snappy" || hdr.Get("X-Prometheus-Remote-Write-Version") != "0.1.0" {
		t.Errorf("headers %v", hdr)
	}
	got := decodeWriteRequest(t, body, at.UnixMilli())
	if v := got[`__name__=disload_records_total,run_id=r1,scenario=s,target=inproc:x`]; v != 20 {
		t.Errorf("records_total %v, want 20", v)
	}
}

// TestOTLP: the same metrics reach an OTLP/HTTP receiver: counters as
// cumulative monotonic sums without _total, histograms with the classic
// bounds.
func TestOTLP(t *testing.T) {
	var req colmetrics.ExportMetricsServiceRequest
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if err := proto.Unmarshal(b, &req); err != nil {
			t.Error(err)
		}
		w.Header().Set("Content-Type", "application/x-protobuf")
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	o, err := newOTLP(srv.URL + "/v1/metrics")
	if err != nil {
		t.Fatal(err)
	}
	_, reg, _ := testRun(t, 3)
	fams, _ := reg.Gather()
	if err := o.Push(t.Context(), fams, time.Now()); err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, rm := range req.GetResourceMetrics() {
		for _, sm := range rm.GetScopeMetrics() {
			for _, m := range sm.GetMetrics() {
				found[m.GetName()] = true
				switch m.GetName() {
				case "disload_records":
					if v := m.GetSum().GetDataPoints()[0].GetAsDouble(); v != 30 || !m.GetSum().GetIsMonotonic() {
						t.Errorf("disload_records %v, monotonic %v; want 30, true", v, m.GetSum().GetIsMonotonic())
					}
				case "disload_response_time_seconds":
					p := m.GetHistogram().GetDataPoints()[0]
					if p.GetCount() != 4 || len(p.GetExplicitBounds()) != len(Buckets) || len(p.GetBucketCounts()) != len(Buckets)+1 {
						t.Errorf("histogram count %d, %d bounds, %d buckets", p.GetCount(), len(p.GetExplicitBounds()), len(p.GetBucketCounts()))
					}
				}
			}
		}
	}
	for _, name := range []string{"disload_events", "disload_records", "disload_decoded_bytes", "disload_response_time_seconds",
		"disload_service_time_seconds", "disload_in_flight", "disload_instances", "disload_rate_held"} {
		if !found[name] {
			t.Errorf("%s not pushed (got %v)", name, found)
		}
	}
}

// TestLingerEndsAtFinalScrape: a scrape during the run leaves the linger
// on; the first scrape after the run (serving the final figures) ends it.
func TestLingerEndsAtFinalScrape(t *testing.T) {
	e, err := New(Config{Addr: "127.0.0.1:0", Linger: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	col, _, _ := testRun(t, 1)
	e.Attach(col, Labels{})
	scrape := func() {
		resp, err := http.Get("http://" + e.Addr() + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	scrape()
	select {
	case <-e.server.scrapedCh:
		t.Fatal("a scrape during the run counted as the final one")
	default:
	}
	e.server.markFinal()
	scrape()
	done := make(chan struct{})
	go func() { e.Close(nil); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Close still lingers after the final figures were scraped")
	}
}

// TestCloseWithoutRun: when the run's set-up failed (never attached),
// Close does not linger.
func TestCloseWithoutRun(t *testing.T) {
	e, err := New(Config{Addr: "127.0.0.1:0", Linger: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { e.Close(nil); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Close lingers for a run that never started")
	}
}
