package function

import (
	"regexp"
	"sync"
	"testing"
)

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestRequestIDsAreUniqueUUIDs(t *testing.T) {
	g := newIDGen()
	const workers, each = 8, 5000
	ids := make([][]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for range each {
				ids[w] = append(ids[w], g.next())
			}
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, list := range ids {
		for _, id := range list {
			if !uuidV4.MatchString(id) {
				t.Fatalf("id %q is not in UUID v4 format", id)
			}
			if seen[id] {
				t.Fatalf("id %q issued twice", id)
			}
			seen[id] = true
		}
	}
	if other := newIDGen().next(); seen[other] {
		t.Errorf("a second generator repeated id %q", other)
	}
}

func TestRequestIDCounterWraps(t *testing.T) {
	g := newIDGen()
	g.ctr.Store(1<<62 - 1) // the next id wraps the 62-bit counter
	a, b := g.next(), g.next()
	if a == b || !uuidV4.MatchString(a) || !uuidV4.MatchString(b) {
		t.Errorf("ids around the wrap: %q, %q", a, b)
	}
}

func BenchmarkRequestID(b *testing.B) {
	g := newIDGen()
	for b.Loop() {
		_ = g.next()
	}
}
