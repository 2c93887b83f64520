package runner

import (
	"context"
	"math"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/disload/disload/dis"
	"github.com/disload/disload/internal/generator"
	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/harness/trigger"
)

// captureEvents keeps a copy of every event.
type captureEvents struct {
	mu     sync.Mutex
	events [][]byte
}

func (c *captureEvents) Invoke(_ context.Context, ev *harness.Event) harness.Outcome {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.events = append(c.events, append([]byte(nil), ev.Payload...))
	return harness.Outcome{}
}
func (c *captureEvents) Close() error { return nil }

// TestTriggerInput: the runner's stream (the generator's partitions, key
// skew included) and its DIS format give the trigger engine valid DIS
// events, in sequence per partition, every record delivered, each
// partition at its share of the rate.
func TestTriggerInput(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		src, err := generator.New(generator.Config{Seed: 7, Partitions: 3, KeyCount: 50, KeySkew: 1.5, StreamName: "dis-gen"})
		if err != nil {
			t.Fatal(err)
		}
		s := triggerStream(src)
		sum := 0.0
		for _, p := range s.Partitions() {
			sum += s.Weight(p)
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("weights sum to %v, want 1", sum)
		}
		tgt := &captureEvents{}
		cfg := trigger.Config{RecordRate: 3000, Duration: time.Second, BatchSize: 50, Poll: 50 * time.Millisecond,
			Serial: true, Drain: time.Second, Format: disFormat{streamName: "dis-gen", tag: "latest", reportLag: true}}
		res, err := trigger.Run(t.Context(), cfg, s, tgt, nil)
		if err != nil {
			t.Fatal(err)
		}
		check := dis.NewStreamChecker(3)
		for i, payload := range tgt.events {
			if probs := dis.Validate(payload); len(probs) > 0 {
				t.Fatalf("event %d: %v", i, probs)
			}
			ev, err := dis.Decode(payload)
			if err != nil {
				t.Fatal(err)
			}
			if probs := check.Check(ev); len(probs) > 0 {
				t.Fatalf("event %d: %v", i, probs)
			}
			if ev.Message.MillisBehindLatest == "" {
				t.Fatalf("event %d: millis_behind_latest empty with reportLag", i)
			}
		}
		if res.Delivered != res.Produced || res.Produced < 2990 {
			t.Errorf("delivered %d of %d", res.Delivered, res.Produced)
		}
		hot, cold := res.Partitions[0], res.Partitions[0]
		for _, p := range res.Partitions {
			if p.Rate > hot.Rate {
				hot = p
			}
			if p.Rate < cold.Rate {
				cold = p
			}
			if want := 3000 * s.Weight(p.Partition); p.Rate != want {
				t.Errorf("partition %d: rate %v, want %v", p.Partition, p.Rate, want)
			}
		}
		if hot.Rate < 1.2*cold.Rate {
			t.Errorf("skew 1.5 on 50 keys gave rates %v..%v: want a hot partition", cold.Rate, hot.Rate)
		}
	})
}
