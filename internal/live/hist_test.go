package live

import (
	"math"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/disload/disload/internal/metrics"
)

// TestLatencyBuckets: classic buckets are cumulative counts at the
// Buckets bounds, native buckets put each value in (2^((i-1)/8), 2^(i/8)],
// and both count every value.
func TestLatencyBuckets(t *testing.T) {
	for _, tc := range []struct {
		name   string
		values []time.Duration
	}{
		{"none", nil},
		{"one", []time.Duration{3 * time.Millisecond}},
		{"spread", []time.Duration{500 * time.Microsecond, 2 * time.Millisecond, 2 * time.Millisecond, 40 * time.Millisecond, 3 * time.Second, 2 * time.Minute}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := metrics.NewHistogram()
			for _, v := range tc.values {
				if err := h.RecordValue(int64(v)); err != nil {
					t.Fatal(err)
				}
			}
			desc := prometheus.NewDesc("x", "x", nil, nil)
			var m dto.Metric
			if err := newLatency(desc, h).Write(&m); err != nil {
				t.Fatal(err)
			}
			hm := m.GetHistogram()
			if got := hm.GetSampleCount(); got != uint64(len(tc.values)) {
				t.Errorf("count %d, want %d", got, len(tc.values))
			}
			for _, b := range hm.GetBucket() {
				var want uint64
				for _, v := range tc.values {
					if v.Seconds() <= b.GetUpperBound()*1.001 { // HDR keeps 3 significant figures
						want++
					}
				}
				if b.GetCumulativeCount() != want {
					t.Errorf("le=%v: %d, want %d", b.GetUpperBound(), b.GetCumulativeCount(), want)
				}
			}
			native := decodeNative(hm)
			for _, v := range tc.values {
				i := nativeIndex(v.Seconds())
				if native[i] == 0 {
					t.Errorf("%v: native bucket %d is empty (buckets %v)", v, i, native)
				}
			}
			var n uint64
			for _, c := range native {
				n += c
			}
			if n != uint64(len(tc.values)) || hm.GetSchema() != nativeSchema {
				t.Errorf("native buckets hold %d values at schema %d, want %d at %d", n, hm.GetSchema(), len(tc.values), nativeSchema)
			}
			var sum float64
			for _, v := range tc.values {
				sum += v.Seconds()
			}
			if math.Abs(hm.GetSampleSum()-sum) > 0.001*sum {
				t.Errorf("sum %v, want %v within 0.1%%", hm.GetSampleSum(), sum)
			}
		})
	}
}

// decodeNative reads spans and deltas back into counts per bucket index.
func decodeNative(h *dto.Histogram) map[int]uint64 {
	out := map[int]uint64{}
	idx, k := 0, 0
	var count int64
	for si, s := range h.GetPositiveSpan() {
		if si == 0 {
			idx = int(s.GetOffset())
		} else {
			idx += int(s.GetOffset())
		}
		for range s.GetLength() {
			count += h.GetPositiveDelta()[k]
			out[idx] = uint64(count)
			idx++
			k++
		}
	}
	return out
}

// TestNativeIndex: a bucket's upper bound is inclusive.
func TestNativeIndex(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want int
	}{
		{1, 0}, {1.0001, 1}, {2, 8}, {0.5, -8}, {math.Exp2(1.0 / 8), 1}, {math.Exp2(1.0/8) * 1.0001, 2},
	} {
		if got := nativeIndex(tc.v); got != tc.want {
			t.Errorf("nativeIndex(%v) = %d, want %d", tc.v, got, tc.want)
		}
	}
}
