package harness

// feed generates events ahead of the sender so that generation never sets
// the pace: a generator goroutine fills events from a free list into a
// ready buffer of Prefetch events; delivered events go back to the free
// list, so their payload buffers are reused.
type feed struct {
	src   Source
	ready chan *Event // generated, waiting to be sent
	free  chan *Event // delivered, waiting to be filled again
	quit  chan struct{}
	done  chan struct{}
}

// newFeed allocates prefetch+extra events: extra covers the events in
// flight, so the generator can fill the buffer while they are out.
func newFeed(src Source, prefetch, extra int) *feed {
	f := &feed{
		src:   src,
		ready: make(chan *Event, prefetch),
		free:  make(chan *Event, prefetch+extra),
		quit:  make(chan struct{}),
		done:  make(chan struct{}),
	}
	for range cap(f.free) {
		f.free <- new(Event)
	}
	return f
}

// prefill generates until the ready buffer is full; call it before run.
func (f *feed) prefill() {
	for len(f.ready) < cap(f.ready) {
		ev := <-f.free
		f.src.Fill(ev)
		f.ready <- ev
	}
}

// run generates until close is called.
func (f *feed) run() {
	defer close(f.done)
	for {
		select {
		case ev := <-f.free:
			f.src.Fill(ev)
			select {
			case f.ready <- ev:
			case <-f.quit:
				return
			}
		case <-f.quit:
			return
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

// release returns a delivered event for reuse. It never blocks: the free
// list has room for every event. An event a target may still hold (an
// abandoned delivery) must not be released.
func (f *feed) release(ev *Event) { f.free <- ev }

// close stops the generator and waits for it.
func (f *feed) close() {
	close(f.quit)
	<-f.done
}
