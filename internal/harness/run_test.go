package harness

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/disload/disload/internal/metrics"
)

// targetFunc adapts a function to Target.
type targetFunc func(ctx context.Context, ev *Event) Outcome

func (f targetFunc) Invoke(ctx context.Context, ev *Event) Outcome { return f(ctx, ev) }
func (targetFunc) Close() error                                    { return nil }

var instant = targetFunc(func(context.Context, *Event) Outcome { return Outcome{} })

// sleeper answers after d(ev), or when ctx is done.
func sleeper(d func(ev *Event) time.Duration) Target {
	return targetFunc(func(ctx context.Context, ev *Event) Outcome {
		t := time.NewTimer(d(ev))
		defer t.Stop()
		select {
		case <-t.C:
			return Outcome{}
		case <-ctx.Done():
			return ctxOutcome(ctx)
		}
	})
}

func fixed(d time.Duration) func(*Event) time.Duration {
	return func(*Event) time.Duration { return d }
}

func ctxOutcome(ctx context.Context) Outcome {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return Outcome{Class: ClassTimeout, Message: "deadline passed"}
	}
	return Outcome{Class: ClassCanceled, Message: "canceled"}
}

// countingSource fills events with consecutive indexes.
func countingSource() Source {
	var n int64
	return SourceFunc(func(ev *Event) {
		ev.Index, n = n, n+1
		ev.Records, ev.PayloadBytes = 10, 100
		ev.Payload = append(ev.Payload[:0], `{"ShardID":"shardId-0000000000"}`...)
	})
}

// run runs cfg against tgt and checks that no result was lost.
func run(t *testing.T, ctx context.Context, cfg Config, tgt Target, opts ...Option) (*RunInfo, *metrics.Interval) {
	t.Helper()
	col := metrics.NewCollector(time.Second)
	info, err := Run(ctx, cfg, countingSource(), tgt, col, opts...)
	if err != nil {
		t.Fatalf("Run(%+v): %v", cfg, err)
	}
	total := col.Total()
	if total.Sent != info.Sent || total.OK+total.Failed != total.Sent || total.Dropped != info.Dropped {
		t.Errorf("results lost: info sent %d dropped %d; collector sent %d = ok %d + failed %d, dropped %d",
			info.Sent, info.Dropped, total.Sent, total.OK, total.Failed, total.Dropped)
	}
	if info.Scheduled != info.Sent+info.Dropped+info.Unsent {
		t.Errorf("scheduled %d != sent %d + dropped %d + unsent %d", info.Scheduled, info.Sent, info.Dropped, info.Unsent)
	}
	return info, total
}

func near(got, want, tol int64) bool { return got >= want-tol && got <= want+tol }

func TestOpenLoopCounts(t *testing.T) {
	for _, tc := range []struct {
		name    string
		cfg     Config
		want    int64
		elapsed time.Duration
		ended   string
	}{
		{"constant", Config{Pacer: ConstantPacer{1000}, Duration: 5 * time.Second}, 5000, 5 * time.Second, "duration"},
		{"ramp up and hold", Config{Pacer: StagesPacer{Start: 0, Stages: []Stage{{2 * time.Second, 1000}, {2 * time.Second, 1000}}},
			Duration: 4 * time.Second}, 3000, 4 * time.Second, "duration"},
		{"ramp down to 0", Config{Pacer: StagesPacer{Start: 1000, Stages: []Stage{{2 * time.Second, 0}}},
			Duration: 5 * time.Second}, 1000, 2 * time.Second, "pacer finished"},
		{"max events", Config{Pacer: ConstantPacer{1000}, Duration: 10 * time.Second, MaxEvents: 1234},
			1234, 1233 * time.Millisecond, "max events"},
		{"max events, no duration", Config{Pacer: ConstantPacer{100}, MaxEvents: 50}, 50, 490 * time.Millisecond, "max events"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tc.cfg.Concurrency = 10
				info, total := run(t, t.Context(), tc.cfg, instant)
				if !near(info.Scheduled, tc.want, 1) || info.Sent != info.Scheduled || total.OK != info.Sent {
					t.Errorf("scheduled %d, sent %d, ok %d; want %d ±1 each", info.Scheduled, info.Sent, total.OK, tc.want)
				}
				if d := info.Elapsed - tc.elapsed; d < -2*time.Millisecond || d > 2*time.Millisecond {
					t.Errorf("elapsed %v; want %v", info.Elapsed, tc.elapsed)
				}
				if info.Ended != tc.ended || info.Interrupted || !info.RateHeld || info.MaxBehind != 0 {
					t.Errorf("ended %q interrupted %v held %v behind %v; want %q, false, true, 0",
						info.Ended, info.Interrupted, info.RateHeld, info.MaxBehind, tc.ended)
				}
				if total.Response.Max() >= metrics.LowestNs {
					t.Errorf("response max %dns against an instant target; want 0", total.Response.Max())
				}
			})
		})
	}
}

type starter struct {
	targetFunc
	err     error
	started bool
}

func (s *starter) Start(context.Context) error { s.started = true; return s.err }

func TestRunRejectsBadInput(t *testing.T) {
	col := metrics.NewCollector(time.Second)
	good := Config{Pacer: ConstantPacer{10}, Duration: time.Second, Concurrency: 1}
	for _, tc := range []struct {
		name string
		cfg  Config
		src  Source
		tgt  Target
		col  *metrics.Collector
		want []string
	}{
		{"nil parts", good, nil, nil, nil, []string{"source: required", "target: required", "collector: required"}},
		{"bad config", Config{}, countingSource(), instant, col, []string{"rate: required", "concurrency: must be at least 1"}},
	} {
		_, err := Run(t.Context(), tc.cfg, tc.src, tc.tgt, tc.col)
		for _, w := range tc.want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("%s: Run error %v; want it to contain %q", tc.name, err, w)
			}
		}
	}
}

// TestRunLeavesLifecycleToOwner: Run never starts its target (its owner
// does, once, with Start).
func TestRunLeavesLifecycleToOwner(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &starter{targetFunc: instant}
		cfg := Config{Pacer: ConstantPacer{10}, Duration: time.Second, Concurrency: 1}
		if _, err := Run(t.Context(), cfg, countingSource(), s, metrics.NewCollector(time.Second)); err != nil || s.started {
			t.Errorf("Run: %v, started %v; want nil, false", err, s.started)
		}
	})
}

func TestStart(t *testing.T) {
	for _, tc := range []struct {
		name    string
		tgt     Target
		want    string
		started bool
	}{
		{"not a starter", instant, "", false},
		{"starts", &starter{targetFunc: instant}, "", true},
		{"fails", &starter{targetFunc: instant, err: errors.New("no binary")}, "target: start: no binary", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Start(t.Context(), tc.tgt)
			if got := fmt.Sprint(err); (tc.want == "" && err != nil) || (tc.want != "" && !strings.Contains(got, tc.want)) {
				t.Errorf("Start = %v, want %q", err, tc.want)
			}
			if s, ok := tc.tgt.(*starter); ok != tc.started || (ok && !s.started) {
				t.Errorf("started: %v", ok)
			}
		})
	}
}

// BenchmarkOverheadNoop measures the engine's cost per event: the open
// loop at an unreachable rate against a target that does nothing, so the
// dispatcher, the feed, the workers and the recorders are all there is.
func BenchmarkOverheadNoop(b *testing.B) {
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"open", Config{Pacer: ConstantPacer{1e12}, Concurrency: 16}},
		{"closed-1", Config{Mode: Closed, Concurrency: 1}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			payload := []byte(`{"ShardID":"shardId-0000000000"}`)
			src := SourceFunc(func(ev *Event) { ev.Payload = append(ev.Payload[:0], payload...) })
			tc.cfg.MaxEvents = int64(b.N)
			b.ResetTimer()
			info, err := Run(context.Background(), tc.cfg, src, instant, metrics.NewCollector(time.Second))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(info.Sent)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
