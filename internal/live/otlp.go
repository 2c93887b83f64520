package live

import (
	"context"
	"fmt"
	"strings"
	"time"

	dto "github.com/prometheus/client_model/go"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlpmetric/otlpmetrichttp"
	"go.opentelemetry.io/otel/sdk/instrumentation"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	"go.opentelemetry.io/otel/sdk/resource"
	semconv "go.opentelemetry.io/otel/semconv/v1.26.0"

	"github.com/disload/disload/internal/redact"
)

// otlp pushes to an OpenTelemetry collector over OTLP/HTTP with the
// OpenTelemetry Go SDK's exporter: the same metrics, counters as
// cumulative monotonic sums (named without _total, which a Prometheus
// receiver adds back), histograms with the classic bounds.
type otlp struct {
	url   string
	exp   *otlpmetrichttp.Exporter
	res   *resource.Resource
	start time.Time
}

func newOTLP(raw string) (*otlp, error) {
	if err := checkURL(raw); err != nil {
		return nil, fmt.Errorf("--otlp %s: %w", redact.URL(raw), err)
	}
	exp, err := otlpmetrichttp.New(context.Background(), otlpmetrichttp.WithEndpointURL(raw),
		otlpmetrichttp.WithTimeout(pushTimeout), otlpmetrichttp.WithRetry(otlpmetrichttp.RetryConfig{Enabled: false}))
	if err != nil {
		return nil, fmt.Errorf("--otlp %s: %s", redact.URL(raw), redact.Text(err.Error()))
	}
	res := resource.NewSchemaless(semconv.ServiceName("disload"))
	return &otlp{url: raw, exp: exp, res: res, start: time.Now()}, nil
}

// Kind implements sink.
func (o *otlp) Kind() string { return "otlp" }

// URL implements sink.
func (o *otlp) URL() string { return redact.URL(o.url) }

// Push implements sink.
func (o *otlp) Push(ctx context.Context, fams []*dto.MetricFamily, at time.Time) error {
	rm := &metricdata.ResourceMetrics{Resource: o.res, ScopeMetrics: []metricdata.ScopeMetrics{{
		Scope:   instrumentation.Scope{Name: "github.com/disload/disload"},
		Metrics: toOTel(fams, o.start, at),
	}}}
	return o.exp.Export(ctx, rm)
}

// toOTel converts gathered families to OpenTelemetry metric data.
func toOTel(fams []*dto.MetricFamily, start, at time.Time) []metricdata.Metrics {
	var out []metricdata.Metrics
	for _, f := range fams {
		m := metricdata.Metrics{Name: f.GetName(), Description: f.GetHelp()}
		switch f.GetType() {
		case dto.MetricType_COUNTER:
			m.Name = strings.TrimSuffix(m.Name, "_total")
			sum := metricdata.Sum[float64]{Temporality: metricdata.CumulativeTemporality, IsMonotonic: true}
			for _, x := range f.GetMetric() {
				sum.DataPoints = append(sum.DataPoints, metricdata.DataPoint[float64]{
					Attributes: attrs(x), StartTime: start, Time: at, Value: x.GetCounter().GetValue()})
			}
			m.Data = sum
		case dto.MetricType_GAUGE:
			var g metricdata.Gauge[float64]
			for _, x := range f.GetMetric() {
				g.DataPoints = append(g.DataPoints, metricdata.DataPoint[float64]{
					Attributes: attrs(x), StartTime: start, Time: at, Value: x.GetGauge().GetValue()})
			}
			m.Data = g
		case dto.MetricType_HISTOGRAM:
			h := metricdata.Histogram[float64]{Temporality: metricdata.CumulativeTemporality}
			for _, x := range f.GetMetric() {
				h.DataPoints = append(h.DataPoints, histogramPoint(x, start, at))
			}
			m.Data = h
		default:
			continue
		}
		out = append(out, m)
	}
	return out
}

// histogramPoint turns cumulative classic buckets into OTel's per-bucket
// counts (the last one past the last bound).
func histogramPoint(x *dto.Metric, start, at time.Time) metricdata.HistogramDataPoint[float64] {
	h := x.GetHistogram()
	p := metricdata.HistogramDataPoint[float64]{Attributes: attrs(x), StartTime: start, Time: at,
		Count: h.GetSampleCount(), Sum: h.GetSampleSum()}
	var prev uint64
	for _, b := range h.GetBucket() {
		p.Bounds = append(p.Bounds, b.GetUpperBound())
		p.BucketCounts = append(p.BucketCounts, b.GetCumulativeCount()-prev)
		prev = b.GetCumulativeCount()
	}
	p.BucketCounts = append(p.BucketCounts, h.GetSampleCount()-prev)
	return p
}

func attrs(x *dto.Metric) attribute.Set {
	kv := make([]attribute.KeyValue, 0, len(x.GetLabel()))
	for _, l := range labelPairs(x) {
		kv = append(kv, attribute.String(l[0], l[1]))
	}
	return attribute.NewSet(kv...)
}
