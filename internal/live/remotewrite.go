package live

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/prometheus/client_golang/exp/api/remote"
	dto "github.com/prometheus/client_model/go"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/disload/disload/internal/redact"
)

// remoteWrite pushes to a Prometheus remote-write receiver (remote write
// 1.0: the prometheus.WriteRequest protobuf, snappy compressed, which every
// receiver accepts), through client_golang's remote API.
type remoteWrite struct {
	url string
	api *remote.API
}

func newRemoteWrite(raw string) (*remoteWrite, error) {
	if err := checkURL(raw); err != nil {
		return nil, fmt.Errorf("--prometheus-rw %s: %w", redact.URL(raw), err)
	}
	api, err := remote.NewAPI(raw, remote.WithAPIPath(""),
		remote.WithAPIHTTPClient(&http.Client{Timeout: pushTimeout}),
		remote.WithAPIBackoff(remote.BackoffConfig{Min: 100 * time.Millisecond, Max: time.Second, MaxRetries: 2}))
	if err != nil {
		return nil, fmt.Errorf("--prometheus-rw %s: %s", redact.URL(raw), redact.Text(err.Error()))
	}
	return &remoteWrite{url: raw, api: api}, nil
}

// Kind implements sink.
func (r *remoteWrite) Kind() string { return "prometheus-rw" }

// URL implements sink.
func (r *remoteWrite) URL() string { return redact.URL(r.url) }

// Push implements sink.
func (r *remoteWrite) Push(ctx context.Context, fams []*dto.MetricFamily, at time.Time) error {
	req := &writeRequest{buf: encodeWriteRequest(nil, fams, at.UnixMilli())}
	_, err := r.api.Write(ctx, remote.WriteV1MessageType, req)
	return err
}

// writeRequest is an encoded prometheus.WriteRequest, handed to the remote
// API as a message that marshals itself.
type writeRequest struct{ buf []byte }

// SizeVT is the encoded size.
func (w *writeRequest) SizeVT() int { return len(w.buf) }

// MarshalToSizedBufferVT copies the encoding into d, of SizeVT bytes.
func (w *writeRequest) MarshalToSizedBufferVT(d []byte) (int, error) {
	return copy(d, w.buf), nil
}

// series is one time series of a remote write: its labels, sorted by name
// with __name__ among them, and one sample.
type series struct {
	labels [][2]string
	value  float64
}

// encodeWriteRequest appends the WriteRequest of fams at ts (ms): field 1,
// the time series; a series is labels (1: name, value) and samples (2:
// value as double 1, timestamp 2).
func encodeWriteRequest(b []byte, fams []*dto.MetricFamily, ts int64) []byte {
	for _, s := range flatten(fams) {
		var ts1 []byte
		for _, l := range s.labels {
			var lb []byte
			lb = protowire.AppendTag(lb, 1, protowire.BytesType)
			lb = protowire.AppendString(lb, l[0])
			lb = protowire.AppendTag(lb, 2, protowire.BytesType)
			lb = protowire.AppendString(lb, l[1])
			ts1 = protowire.AppendTag(ts1, 1, protowire.BytesType)
			ts1 = protowire.AppendBytes(ts1, lb)
		}
		var sb []byte
		sb = protowire.AppendTag(sb, 1, protowire.Fixed64Type)
		sb = protowire.AppendFixed64(sb, math.Float64bits(s.value))
		sb = protowire.AppendTag(sb, 2, protowire.VarintType)
		sb = protowire.AppendVarint(sb, uint64(ts))
		ts1 = protowire.AppendTag(ts1, 2, protowire.BytesType)
		ts1 = protowire.AppendBytes(ts1, sb)
		b = protowire.AppendTag(b, 1, protowire.BytesType)
		b = protowire.AppendBytes(b, ts1)
	}
	return b
}

// flatten turns metric families into the series Prometheus would store
// from a scrape: a histogram becomes _bucket{le}, _sum and _count.
func flatten(fams []*dto.MetricFamily) []series {
	var out []series
	for _, f := range fams {
		name := f.GetName()
		for _, m := range f.GetMetric() {
			base := labelPairs(m)
			add := func(suffix string, v float64, extra ...[2]string) {
				ls := append(slices.Clone(base), [2]string{"__name__", name + suffix})
				ls = append(ls, extra...)
				slices.SortFunc(ls, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
				out = append(out, series{labels: ls, value: v})
			}
			switch f.GetType() {
			case dto.MetricType_COUNTER:
				add("", m.GetCounter().GetValue())
			case dto.MetricType_GAUGE:
				add("", m.GetGauge().GetValue())
			case dto.MetricType_HISTOGRAM:
				h := m.GetHistogram()
				for _, b := range h.GetBucket() {
					add("_bucket", float64(b.GetCumulativeCount()), [2]string{"le", formatFloat(b.GetUpperBound())})
				}
				add("_bucket", float64(h.GetSampleCount()), [2]string{"le", "+Inf"})
				add("_sum", h.GetSampleSum())
				add("_count", float64(h.GetSampleCount()))
			}
		}
	}
	return out
}

// labelPairs are m's labels, empty values left out (Prometheus stores a
// label with an empty value as no label).
func labelPairs(m *dto.Metric) [][2]string {
	var ls [][2]string
	for _, l := range m.GetLabel() {
		if l.GetValue() != "" {
			ls = append(ls, [2]string{l.GetName(), l.GetValue()})
		}
	}
	return ls
}
