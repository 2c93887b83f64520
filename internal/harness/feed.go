package harness

import "sync"

// feed generates events ahead of the sender so that generation never sets
// the pace: a generator goroutine fills events from a free list into a
// ready buffer of Prefetch events; delivered events go back to the free
// list, so their payload buffers are reused.
//
// Events are allocated lazily, when the free list is empty, up to limit
// (Prefetch plus the most deliveries in flight): memory follows what the
// run uses, never a cap it does not reach.
type feed struct {
	src   Source
	ready chan *Event // generated, waiting to be sent
	quit  chan struct{}
	done  chan struct{}

	mu        sync.Mutex
	free      []*Event      // delivered, waiting to be filled again
	allocated int           // events made so far
	limit     int           // most events ever made
	freed     chan struct{} // a release happened (capacity 1)
}

// newFeed returns a feed whose ready buffer holds prefetch events; extra
// covers the events in flight, so the generator can fill the buffer while
// they are out. No event is allocated yet.
func newFeed(src Source, prefetch, extra int) *feed {
	return &feed{
		src:   src,
		ready: make(chan *Event, prefetch),
		quit:  make(chan struct{}),
		done:  make(chan struct{}),
		limit: prefetch + extra,
		freed: make(chan struct{}, 1),
	}
}

// prefill generates until the ready buffer is full; call it before run.
// It stops early, false, when stop is closed.
func (f *feed) prefill(stop <-chan struct{}) bool {
	for len(f.ready) < cap(f.ready) {
		select {
		case <-stop:
			return false
		default:
		}
		ev, _ := f.take(nil)
		f.src.Fill(ev)
		f.ready <- ev
	}
	return true
}

// run generates until close is called.
func (f *feed) run() {
	defer close(f.done)
	for {
		ev, ok := f.take(f.quit)
		if !ok {
			return
		}
		f.src.Fill(ev)
		select {
		case f.ready <- ev:
		case <-f.quit:
			return
		}
	}
}

// take returns a free event, a new one while fewer than limit exist, or
// waits for a release; false when quit is closed first.
func (f *feed) take(quit <-chan struct{}) (*Event, bool) {
	for {
		f.mu.Lock()
		if n := len(f.free); n > 0 {
			ev := f.free[n-1]
			f.free[n-1] = nil
			f.free = f.free[:n-1]
			f.mu.Unlock()
			return ev, true
		}
		if f.allocated < f.limit {
			f.allocated++
			f.mu.Unlock()
			return new(Event), true
		}
		f.mu.Unlock()
		select {
		case <-f.freed:
		case <-quit:
			return nil, false
		}
	}
}

// tryNext returns a ready event without waiting.
func (f *feed) tryNext() (*Event, bool) {
	select {
	case ev := <-f.ready:
		return ev, true
	default:
		return nil, false
	}
}

// next waits for a ready event; false once stop is closed, even when an
// event was ready too (select picks among ready cases at random).
func (f *feed) next(stop <-chan struct{}) (*Event, bool) {
	select {
	case ev := <-f.ready:
		select {
		case <-stop:
			f.release(ev)
			return nil, false
		default:
			return ev, true
		}
	case <-stop:
		return nil, false
	}
}

// release returns a delivered event for reuse. It never blocks. An event a
// target may still hold (an abandoned delivery) must not be released.
func (f *feed) release(ev *Event) {
	f.mu.Lock()
	f.free = append(f.free, ev)
	f.mu.Unlock()
	select {
	case f.freed <- struct{}{}:
	default:
	}
}

// close stops the generator and waits for it.
func (f *feed) close() {
	close(f.quit)
	<-f.done
}
