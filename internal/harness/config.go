package harness

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/disload/disload/internal/platform"
)

// Mode is how the engine decides when to send.
type Mode int

const (
	// Open is the open loop: a pacer sets the schedule, whatever the target
	// does (latency is measured from the schedule).
	Open Mode = iota
	// Closed is the closed loop: Concurrency workers each send the next
	// event as soon as the previous one is answered.
	Closed
)

var modeNames = []string{Open: "open", Closed: "closed"}

// String returns "open" or "closed".
func (m Mode) String() string { return enumName(modeNames, int(m), "Mode") }

// parseMode parses "open" or "closed" (any case).
func parseMode(s string) (Mode, error) {
	i, err := parseEnum(modeNames, s, "mode")
	return Mode(i), err
}

// OnFull is what the open loop does with an event that is due while
// Concurrency deliveries are already in flight.
type OnFull int

const (
	// Queue waits for a free slot; the event keeps its intended start time,
	// so the wait shows in its response time (as wrk2 does).
	Queue OnFull = iota
	// Drop counts the event as dropped (metrics.Counts.Dropped) and never
	// sends it (as k6's dropped_iterations).
	Drop
)

var onFullNames = []string{Queue: "queue", Drop: "drop"}

// String returns "queue" or "drop".
func (o OnFull) String() string { return enumName(onFullNames, int(o), "OnFull") }

// parseOnFull parses "queue" or "drop" (any case).
func parseOnFull(s string) (OnFull, error) {
	i, err := parseEnum(onFullNames, s, "on_full")
	return OnFull(i), err
}

// Defaults applied by Run to zero fields, and the engine's limits.
const (
	DefaultGrace       = platform.Grace
	DefaultMinPrefetch = 256
	// MaxPrefetch bounds the default Prefetch: at 100 ms of the peak rate it
	// is reached only above 655,360 events/s.
	MaxPrefetch = 1 << 16
	// MaxClosedWorkers is the most closed-loop workers: each is a goroutine
	// with its own recorder (tens of kilobytes), so a million would take
	// gigabytes. An open loop's in-flight cap has no such limit: its
	// workers are started on demand, as the rate needs them.
	MaxClosedWorkers = 100_000
)

// prefetchAhead is how much of the schedule the default Prefetch covers.
const prefetchAhead = 100 * time.Millisecond

// Config is what a run does. The zero values of Mode and OnFull are Open
// and Queue; Grace and Prefetch get defaults when zero.
type Config struct {
	Mode Mode
	// Pacer sets the schedule in open mode (required). In closed mode it is
	// an optional cap: nil runs as fast as the workers go; otherwise the
	// workers follow its schedule and latency is measured from it.
	Pacer Pacer
	// Duration ends the run; 0 means no time limit (MaxEvents must be set).
	Duration time.Duration
	// MaxEvents ends the run after this many events (sent or dropped); 0 = no cap.
	MaxEvents int64
	// Concurrency is the most deliveries in flight (open) or the number of
	// workers (closed); at least 1.
	Concurrency int
	// OnFull applies in open mode when Concurrency deliveries are in flight.
	OnFull OnFull
	// Timeout bounds every delivery (the target returns class "timeout");
	// 0 = none.
	Timeout time.Duration
	// Grace is how long in-flight deliveries may finish after the stop
	// before they are abandoned; 0 means DefaultGrace.
	Grace time.Duration
	// Prefetch is how many events are generated ahead of the sender; 0
	// means 100 ms of the pacer's peak rate (without a pacer: 2 events a
	// worker), at least DefaultMinPrefetch, at most MaxPrefetch and never
	// more than MaxEvents. It is sized by the rate, not by Concurrency, so
	// a generous in-flight cap costs no memory until deliveries use it.
	Prefetch int
	// PreciseTimer makes the open loop wake for sends that are at least
	// 400 µs apart (up to 2,500/s) on the kernel's high-resolution timer
	// (Linux timerfd): Go's timers wake up to about 1 ms late in a quiet
	// process, and that lateness counts in every response time. It costs
	// a little CPU per event at those rates; faster schedules keep Go's
	// timer. Other systems always use Go's timer. It is safe inside a
	// testing/synctest bubble: it turns itself off on finding that the
	// run's clock is not the system's.
	PreciseTimer bool
}

// WithDefaults returns c with Grace and Prefetch filled in when zero.
func (c Config) WithDefaults() Config {
	if c.Grace == 0 {
		c.Grace = DefaultGrace
	}
	if c.Prefetch == 0 {
		c.Prefetch = c.defaultPrefetch()
	}
	return c
}

// defaultPrefetch is the Prefetch of a Config that sets none.
func (c Config) defaultPrefetch() int {
	want := 2 * float64(c.Concurrency)
	if c.Pacer != nil {
		want = math.Ceil(peakRate(c.Pacer) * prefetchAhead.Seconds())
	}
	if math.IsNaN(want) {
		want = 0 // an invalid rate: Validate reports it
	}
	n := int(min(max(want, DefaultMinPrefetch), MaxPrefetch))
	if c.MaxEvents > 0 && int64(n) > c.MaxEvents {
		n = int(max(c.MaxEvents, 1))
	}
	return n
}

// Validate reports every problem with c at once, each naming its field.
func (c Config) Validate() error {
	var errs []error
	add := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf(field+": "+format, args...))
	}
	if c.Mode != Open && c.Mode != Closed {
		add("mode", "unknown mode %d (valid: %s)", int(c.Mode), strings.Join(modeNames, ", "))
	}
	if c.OnFull != Queue && c.OnFull != Drop {
		add("on_full", "unknown value %d (valid: %s)", int(c.OnFull), strings.Join(onFullNames, ", "))
	}
	if c.Mode == Open && c.Pacer == nil {
		add("rate", "required in open mode")
	}
	if c.Mode == Closed && c.OnFull == Drop {
		add("on_full", "drop applies to open mode only")
	}
	if v, ok := c.Pacer.(validator); ok {
		errs = append(errs, v.Validate())
	}
	c.checkLimits(add)
	return errors.Join(errs...)
}

func (c Config) checkLimits(add func(field, format string, args ...any)) {
	if c.Duration < 0 {
		add("duration", "must not be negative, got %s", c.Duration)
	}
	if c.MaxEvents < 0 {
		add("max_events", "must not be negative, got %d", c.MaxEvents)
	}
	if c.Duration == 0 && c.MaxEvents == 0 {
		add("duration", "a duration or a maximum number of events is required")
	}
	if c.Concurrency < 1 {
		add("concurrency", "must be at least 1, got %d", c.Concurrency)
	}
	if c.Mode == Closed && c.Concurrency > MaxClosedWorkers && (c.MaxEvents == 0 || c.MaxEvents > MaxClosedWorkers) {
		add("concurrency", "%d closed-loop workers: closed mode runs at most %d (each is a goroutine with its own recorder); for more in flight use open mode, whose memory follows the rate", c.Concurrency, MaxClosedWorkers)
	}
	for _, d := range []struct {
		field string
		v     time.Duration
	}{{"timeout", c.Timeout}, {"grace", c.Grace}} {
		if d.v < 0 {
			add(d.field, "must not be negative, got %s", d.v)
		}
	}
	if c.Prefetch < 0 {
		add("prefetch", "must not be negative, got %d", c.Prefetch)
	}
}

func enumName(names []string, i int, typ string) string {
	if i >= 0 && i < len(names) {
		return names[i]
	}
	return fmt.Sprintf("%s(%d)", typ, i)
}

func parseEnum(names []string, s, field string) (int, error) {
	for i, n := range names {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return i, nil
		}
	}
	return 0, fmt.Errorf("%s: unknown value %q (valid: %s)", field, s, strings.Join(names, ", "))
}
