package live

import (
	"math"
	"slices"
	"sort"

	"github.com/HdrHistogram/hdrhistogram-go"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

// Buckets are the classic histogram bounds, in seconds.
var Buckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60}

// nativeSchema is the native histograms' resolution: 2^3 = 8 buckets per
// doubling, a bucket's bounds 9% apart.
const nativeSchema = 3

// latency is a histogram read from an HdrHistogram of nanoseconds: classic
// buckets (Buckets) and, for a server that asks for them, native ones.
type latency struct {
	desc   *prometheus.Desc
	count  uint64
	sum    float64
	counts map[float64]uint64 // classic: cumulative count per bound
	native map[int]uint64     // native: count per bucket index
	zero   uint64             // native: values of 0
}

// newLatency reads h; a value counts at its bucket's highest equivalent
// value, as the summary's percentiles do.
func newLatency(desc *prometheus.Desc, h *hdrhistogram.Histogram) *latency {
	l := &latency{desc: desc, counts: make(map[float64]uint64, len(Buckets)), native: map[int]uint64{}}
	for _, b := range h.Distribution() {
		if b.Count == 0 {
			continue
		}
		n, v := uint64(b.Count), float64(b.To)/1e9
		l.count += n
		l.sum += float64(n) * v
		if v <= 0 {
			l.zero += n
		} else {
			l.native[nativeIndex(v)] += n
		}
		if i, _ := slices.BinarySearch(Buckets, v); i < len(Buckets) {
			l.counts[Buckets[i]] += n
		}
	}
	var cum uint64
	for _, b := range Buckets {
		cum += l.counts[b]
		l.counts[b] = cum
	}
	return l
}

// nativeIndex is the native bucket of v > 0: bucket i holds
// (2^((i-1)/8), 2^(i/8)].
// It is read from v's binary exponent and a search among the bounds of
// one doubling, as client_golang does, so a bound is exact.
func nativeIndex(v float64) int {
	frac, exp := math.Frexp(v) // v = frac × 2^exp, frac in [0.5, 1)
	return sort.SearchFloat64s(nativeBounds, frac) + (exp-1)*len(nativeBounds)
}

// nativeBounds are the bucket bounds within [0.5, 1): 2^(i/8 − 1).
var nativeBounds = func() []float64 {
	b := make([]float64, 1<<nativeSchema)
	for i := range b {
		b[i] = math.Exp2(float64(i)/(1<<nativeSchema) - 1)
	}
	return b
}()

// Desc implements prometheus.Metric.
func (l *latency) Desc() *prometheus.Desc { return l.desc }

// Write implements prometheus.Metric: classic buckets and native ones.
func (l *latency) Write(m *dto.Metric) error {
	c, err := prometheus.NewConstHistogram(l.desc, l.count, l.sum, l.counts)
	if err != nil {
		return err
	}
	if err := c.Write(m); err != nil {
		return err
	}
	h := m.Histogram
	h.Schema = proto32(nativeSchema)
	h.ZeroThreshold = protoF(prometheus.DefNativeHistogramZeroThreshold)
	h.ZeroCount = &l.zero
	h.PositiveSpan, h.PositiveDelta = spans(l.native)
	return nil
}

// spans encodes native bucket counts as spans of consecutive indexes and
// deltas between neighbouring counts. No bucket gives one empty span, which
// marks the histogram as native all the same.
func spans(counts map[int]uint64) ([]*dto.BucketSpan, []int64) {
	if len(counts) == 0 {
		return []*dto.BucketSpan{{Offset: proto32(0), Length: protoU32(0)}}, nil
	}
	idx := make([]int, 0, len(counts))
	for i := range counts {
		idx = append(idx, i)
	}
	slices.Sort(idx)
	var out []*dto.BucketSpan
	var deltas []int64
	var prev int64
	for k, i := range idx {
		switch {
		case k == 0:
			out = append(out, &dto.BucketSpan{Offset: proto32(int32(i)), Length: protoU32(1)})
		case i == idx[k-1]+1:
			*out[len(out)-1].Length++
		default:
			out = append(out, &dto.BucketSpan{Offset: proto32(int32(i - idx[k-1] - 1)), Length: protoU32(1)})
		}
		n := int64(counts[i])
		deltas = append(deltas, n-prev)
		prev = n
	}
	return out, deltas
}

func proto32(v int32) *int32    { return &v }
func protoU32(v uint32) *uint32 { return &v }
func protoF(v float64) *float64 { return &v }
