package metrics

import (
	"maps"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"

	"github.com/disload/disload/internal/cost"
)

// Histogram geometry shared by every latency histogram disload keeps: values
// in nanoseconds, 1 µs discernible, up to one hour, 3 significant figures.
const (
	LowestNs           = 1_000
	HighestNs          = int64(time.Hour)
	SignificantFigures = 3
)

// MaxSamples is how many error messages are kept per error class.
const MaxSamples = 5

// NewHistogram returns an empty latency histogram with disload's geometry.
func NewHistogram() *hdrhistogram.Histogram {
	return hdrhistogram.New(LowestNs, HighestNs, SignificantFigures)
}

// Counts are the event counters of an interval or a run: the one type
// they have from the recording to summary.json (an interval of
// summary.json holds them under these JSON names; the run's top level
// under events.* and its own names, as the schema has always had them).
type Counts struct {
	Sent    int64 `json:"sent"`    // deliveries attempted (ok + failed)
	OK      int64 `json:"ok"`      // deliveries that succeeded
	Failed  int64 `json:"failed"`  // deliveries that failed, by any class
	Dropped int64 `json:"dropped"` // events never sent: the in-flight cap was full (on_full: drop)
	Retried int64 `json:"retried"` // deliveries that were retries of an earlier failure
	// StaleRetries counts requests sent again on a fresh connection because
	// their kept-alive one had been closed by the server (not failures).
	StaleRetries int64 `json:"stale_retries"`
	Records      int64 `json:"records"`       // records delivered successfully
	PayloadBytes int64 `json:"payload_bytes"` // decoded record bytes delivered successfully
}

// Each calls fn with every counter's JSON name and address, in field order
// (TestCountsEach proves every field is there), for code that checks or
// adds counters by name.
func (c *Counts) Each(fn func(name string, v *int64)) {
	fn("sent", &c.Sent)
	fn("ok", &c.OK)
	fn("failed", &c.Failed)
	fn("dropped", &c.Dropped)
	fn("retried", &c.Retried)
	fn("stale_retries", &c.StaleRetries)
	fn("records", &c.Records)
	fn("payload_bytes", &c.PayloadBytes)
}

func (c *Counts) add(o *Counts) {
	c.Sent += o.Sent
	c.OK += o.OK
	c.Failed += o.Failed
	c.Dropped += o.Dropped
	c.Retried += o.Retried
	c.StaleRetries += o.StaleRetries
	c.Records += o.Records
	c.PayloadBytes += o.PayloadBytes
}

// Interval is everything recorded in one time slice of a run (or, after
// Merge, in several). Index is the slice number: results belong to the slice
// in which they ended.
type Interval struct {
	Index    int64
	Response *hdrhistogram.Histogram // end − intended start, ns
	Service  *hdrhistogram.Histogram // end − actual start, ns
	Counts
	// BilledMs sums every delivery's service time rounded up to 1 ms, as
	// FunctionGraph bills an invocation (failed ones included): exact, not
	// read back from the histogram. It feeds the run's cost block only,
	// so it is not one of the Counts summary.json writes per interval.
	BilledMs int64
	Errors   map[string]int64    // failures by class
	Samples  map[string][]string // up to MaxSamples messages per class
}

// NewInterval returns an empty interval with the given index.
func NewInterval(index int64) *Interval {
	return &Interval{
		Index:    index,
		Response: NewHistogram(),
		Service:  NewHistogram(),
		Errors:   map[string]int64{},
		Samples:  map[string][]string{},
	}
}

// Reset empties the interval for reuse under a new index.
func (iv *Interval) Reset(index int64) {
	iv.Index = index
	iv.Response.Reset()
	iv.Service.Reset()
	iv.Counts = Counts{}
	iv.BilledMs = 0
	clear(iv.Errors)
	clear(iv.Samples)
}

// Record adds one result.
func (iv *Interval) Record(r *Result) {
	iv.Sent++
	iv.BilledMs += cost.BilledMs(r.Service())
	iv.StaleRetries += int64(r.StaleRetries)
	// Values beyond the histogram's range are clamped, never lost.
	_ = iv.Response.RecordValue(clamp(int64(r.Response())))
	_ = iv.Service.RecordValue(clamp(int64(r.Service())))
	if r.Class == "" {
		iv.OK++
		iv.Records += int64(r.Records)
		iv.PayloadBytes += r.Bytes
		return
	}
	iv.Failed++
	iv.Errors[r.Class]++
	if s := iv.Samples[r.Class]; len(s) < MaxSamples && r.Message != "" {
		iv.Samples[r.Class] = append(s, r.Message)
	}
}

func clamp(v int64) int64 {
	return min(max(v, 0), HighestNs)
}

// Merge adds o into iv: counts add, histograms merge exactly, samples are
// kept up to MaxSamples per class.
func (iv *Interval) Merge(o *Interval) {
	iv.Response.Merge(o.Response)
	iv.Service.Merge(o.Service)
	iv.Counts.add(&o.Counts)
	iv.BilledMs += o.BilledMs
	for class, n := range o.Errors {
		iv.Errors[class] += n
	}
	for class, msgs := range o.Samples {
		s := iv.Samples[class]
		for _, m := range msgs {
			if len(s) >= MaxSamples {
				break
			}
			s = append(s, m)
		}
		iv.Samples[class] = s
	}
}

// Clone returns an independent copy.
func (iv *Interval) Clone() *Interval {
	c := &Interval{
		Index:    iv.Index,
		Response: iv.Response.Clone(),
		Service:  iv.Service.Clone(),
		Counts:   iv.Counts,
		BilledMs: iv.BilledMs,
		Errors:   maps.Clone(iv.Errors),
		Samples:  map[string][]string{},
	}
	for k, v := range iv.Samples {
		c.Samples[k] = append([]string(nil), v...)
	}
	return c
}
