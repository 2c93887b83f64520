package runner

import (
	"io"
	"sync"
	"time"

	"github.com/disload/disload/internal/metrics"
	"github.com/disload/disload/internal/render"
	"github.com/disload/disload/internal/reports"
)

// IntervalSink receives each interval's figures once, in order, while the
// run goes on (the last ones at its end).
type IntervalSink func(reports.IntervalFigures) error

// CSVSink writes intervals as CSV rows to w, the header first.
func CSVSink(w io.Writer) IntervalSink {
	cw := render.NewIntervalCSVWriter(w)
	return cw.Write
}

// JSONLinesSink writes intervals as JSON lines to w.
func JSONLinesSink(w io.Writer) IntervalSink {
	var buf []byte
	return func(f reports.IntervalFigures) error {
		buf = reports.AppendIntervalJSON(buf[:0], f)
		_, err := w.Write(buf)
		return err
	}
}

// streamPoll is how often the collector is checked for finished intervals.
const streamPoll = 50 * time.Millisecond

// settled is, for an engine that does not mark its start in the collector
// (trigger mode), how many intervals newer data must be ahead of an
// interval before it counts as finished. The loop engine's intervals are
// emitted as soon as they close and settle (metrics.Collector.Settled).
const settled = 2

// intervalStream hands finished intervals to a sink as the run goes on.
type intervalStream struct {
	col  *metrics.Collector
	sink IntervalSink
	next int64 // the next interval index to emit
	err  error
	fail func(error) // called once, on the first write error
	// elapsed is the run's length, known once it ended (0 before): the
	// intervals emitted then have length_s cut at the end.
	elapsed time.Duration

	quit chan struct{}
	done sync.WaitGroup
}

// streamIntervals starts emitting col's intervals to sink; stop emits the
// rest, with length_s cut at the run's end as the summary's (elapsed is the
// run's length; 0 when the run failed: lengths stay whole), and returns the
// first write error. fail (when not nil) is called at
// the first write error, from the streaming goroutine: the run stops then,
// as the reader went away. A nil sink does nothing.
func streamIntervals(col *metrics.Collector, sink IntervalSink, fail func(error)) (stop func(elapsed time.Duration) error) {
	if sink == nil {
		return func(time.Duration) error { return nil }
	}
	s := &intervalStream{col: col, sink: sink, fail: fail, quit: make(chan struct{})}
	s.done.Add(1)
	go s.loop()
	return func(elapsed time.Duration) error {
		close(s.quit)
		s.done.Wait()
		s.elapsed = elapsed
		s.emitUpTo(s.last())
		return s.err
	}
}

func (s *intervalStream) loop() {
	defer s.done.Done()
	t := time.NewTicker(streamPoll)
	defer t.Stop()
	for {
		select {
		case <-s.quit:
			return
		case <-t.C:
			s.emitSettled()
		}
	}
}

// last is the newest interval index holding data (-1 when none).
func (s *intervalStream) last() int64 {
	idx := s.col.Indexes()
	if len(idx) == 0 {
		return -1
	}
	return idx[len(idx)-1]
}

// emitSettled emits the intervals that have closed and settled.
func (s *intervalStream) emitSettled() {
	if s.col.Started().IsZero() {
		s.emitUpTo(s.last() - settled)
		return
	}
	for s.err == nil && s.col.Settled(s.next) {
		s.emitUpTo(s.next)
	}
}

func (s *intervalStream) emitUpTo(last int64) {
	for ; s.next <= last && s.err == nil; s.next++ {
		f := reports.NewIntervalFigures(s.col.Interval(s.next), s.col.Width())
		if s.elapsed > 0 {
			f.SetLength(s.elapsed.Seconds(), s.col.Width().Seconds())
		}
		s.err = s.sink(f)
		if s.err != nil && s.fail != nil {
			s.fail(s.err)
		}
	}
}

// runLength is the length of a run for its streamed intervals: 0 when the
// run failed (facts nil).
func runLength(facts *reports.RunFacts) time.Duration {
	if facts == nil {
		return 0
	}
	return facts.Elapsed
}
