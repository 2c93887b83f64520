package harness

import (
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/disload/disload/internal/metrics"
)

func TestEventsAreReused(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		seen := map[*Event]bool{}
		var mu sync.Mutex
		src := SourceFunc(func(ev *Event) {
			mu.Lock()
			seen[ev] = true
			mu.Unlock()
			ev.Payload = append(ev.Payload[:0], "{}"...)
		})
		cfg := Config{Pacer: ConstantPacer{1000}, Duration: 2 * time.Second, Concurrency: 4, Prefetch: 16}
		info, err := Run(t.Context(), cfg, src, instant, metrics.NewCollector(time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if len(seen) > 16+4+1 || info.Sent != 2000 {
			t.Errorf("%d distinct events for %d sent; want <= prefetch+concurrency+1 = 21", len(seen), info.Sent)
		}
	})
}

func TestFeed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var fills int
		var caps []int
		f := newFeed(SourceFunc(func(ev *Event) {
			caps = append(caps, cap(ev.Payload))
			ev.Index = int64(fills)
			fills++
			ev.Payload = append(ev.Payload[:0], make([]byte, 100)...)
		}), 3, 1)
		f.prefill(nil)
		if fills != 3 || len(f.ready) != 3 {
			t.Fatalf("after prefill: %d fills, %d ready; want 3, 3", fills, len(f.ready))
		}
		go f.run()
		synctest.Wait() // the generator has one more event and waits for room
		stop := make(chan struct{})
		for want := int64(0); want < 4; want++ {
			ev, ok := f.next(stop)
			if !ok || ev.Index != want {
				t.Fatalf("next() = %v, %v; want event %d", ev, ok, want)
			}
			f.release(ev)
		}
		synctest.Wait()
		if ev, ok := f.tryNext(); !ok || ev.Index != 4 || caps[4] < 100 {
			t.Errorf("tryNext() = %v, %v; want event 4 in a reused buffer (caps %v)", ev, ok, caps)
		}
		close(stop)
		for len(f.ready) > 0 {
			<-f.ready
		}
		if ev, ok := f.next(stop); ok {
			t.Errorf("next() after stop with nothing ready = %v; want false", ev)
		}
		f.close()
	})
}
