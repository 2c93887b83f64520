package metrics

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestIntervalRecord(t *testing.T) {
	iv := NewInterval(0)
	iv.Record(&Result{Intended: 0, Start: 5 * time.Millisecond, End: 10 * time.Millisecond, Records: 3, Bytes: 30})
	iv.Record(&Result{Intended: 0, Start: 1 * time.Millisecond, End: 2 * time.Millisecond, Class: "panic", Message: "boom"})
	if iv.Sent != 2 || iv.OK != 1 || iv.Failed != 1 {
		t.Fatalf("counts = %+v, want sent 2 ok 1 failed 1", iv.Counts)
	}
	if iv.Records != 3 || iv.PayloadBytes != 30 {
		t.Errorf("records/bytes = %d/%d, want only the successful event's 3/30", iv.Records, iv.PayloadBytes)
	}
	if iv.Errors["panic"] != 1 || len(iv.Samples["panic"]) != 1 || iv.Samples["panic"][0] != "boom" {
		t.Errorf("errors %v samples %v", iv.Errors, iv.Samples)
	}
	// Response is measured from the intended start, service from the actual start.
	if got := iv.Response.Max(); !iv.Response.ValuesAreEquivalent(got, int64(10*time.Millisecond)) {
		t.Errorf("response max = %d, want ≈10ms", got)
	}
	if got := iv.Service.Max(); !iv.Service.ValuesAreEquivalent(got, int64(5*time.Millisecond)) {
		t.Errorf("service max = %d, want ≈5ms", got)
	}
}

func TestResultClampsNegative(t *testing.T) {
	r := Result{Intended: 10, Start: 20, End: 5}
	if r.Response() != 0 || r.Service() != 0 {
		t.Errorf("response %v service %v, want 0 for an end before the start", r.Response(), r.Service())
	}
}

func TestSamplesCapped(t *testing.T) {
	a, b := NewInterval(0), NewInterval(0)
	for range MaxSamples + 3 {
		a.Record(&Result{Class: "timeout", Message: "a"})
		b.Record(&Result{Class: "timeout", Message: "b"})
	}
	if len(a.Samples["timeout"]) != MaxSamples {
		t.Fatalf("kept %d samples, want %d", len(a.Samples["timeout"]), MaxSamples)
	}
	a.Merge(b)
	if len(a.Samples["timeout"]) != MaxSamples || a.Errors["timeout"] != 2*(MaxSamples+3) {
		t.Errorf("after merge: %d samples, %d errors", len(a.Samples["timeout"]), a.Errors["timeout"])
	}
}

func TestCloneIsIndependent(t *testing.T) {
	a := NewInterval(1)
	a.Record(&Result{End: time.Millisecond, Class: "x", Message: "m"})
	c := a.Clone()
	a.Record(&Result{End: time.Millisecond, Class: "x", Message: "n"})
	if c.Sent != 1 || c.Response.TotalCount() != 1 || c.Errors["x"] != 1 || len(c.Samples["x"]) != 1 {
		t.Errorf("clone changed with the original: %+v", c.Counts)
	}
}

func TestValuesBeyondRangeAreClamped(t *testing.T) {
	iv := NewInterval(0)
	iv.Record(&Result{End: 2 * time.Hour})
	if iv.Response.TotalCount() != 1 {
		t.Fatal("a result beyond the histogram's range was lost")
	}
}

func TestStaleRetriesCounted(t *testing.T) {
	a, b := NewInterval(0), NewInterval(0)
	a.Record(&Result{StaleRetries: 2})
	a.Record(&Result{Class: "connect", Message: "x", StaleRetries: 1})
	b.Record(&Result{})
	b.Merge(a)
	if a.StaleRetries != 3 || b.StaleRetries != 3 || a.Failed != 1 {
		t.Errorf("stale retries %d, merged %d, failed %d; want 3, 3, 1", a.StaleRetries, b.StaleRetries, a.Failed)
	}
}

func TestIntervalBilledMs(t *testing.T) {
	for _, tc := range []struct {
		name    string
		service []time.Duration
		want    int64
	}{
		{"none", nil, 0},
		{"whole milliseconds", []time.Duration{100 * time.Millisecond, 100 * time.Millisecond}, 200},
		{"each rounded up, not the sum", []time.Duration{100 * time.Microsecond, 100 * time.Microsecond, 100 * time.Microsecond}, 3},
		{"just above a millisecond", []time.Duration{time.Millisecond + time.Nanosecond}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := NewInterval(0), NewInterval(1)
			for i, d := range tc.service {
				r := &Result{Start: time.Second, End: time.Second + d}
				if i%2 == 1 {
					r.Class = "timeout" // a failed invocation is billed too
				}
				a.Record(r)
				b.Record(r)
			}
			if a.BilledMs != tc.want {
				t.Errorf("BilledMs = %d, want %d", a.BilledMs, tc.want)
			}
			a.Merge(b)
			if a.BilledMs != 2*tc.want {
				t.Errorf("after Merge BilledMs = %d, want %d", a.BilledMs, 2*tc.want)
			}
			if a.Reset(2); a.BilledMs != 0 {
				t.Errorf("after Reset BilledMs = %d, want 0", a.BilledMs)
			}
		})
	}
}

// TestCountsEach: Each names every counter, by its JSON name, at its own
// address: a counter added to Counts and not to Each fails here.
func TestCountsEach(t *testing.T) {
	var c Counts
	seen := map[string]*int64{}
	c.Each(func(name string, v *int64) {
		if _, dup := seen[name]; dup {
			t.Errorf("Each names %s twice", name)
		}
		seen[name] = v
	})
	typ := reflect.TypeFor[Counts]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		want := reflect.ValueOf(&c).Elem().Field(i).Addr().Interface().(*int64)
		if seen[name] != want {
			t.Errorf("Counts.%s (json %q): Each gives %p, want its address %p", f.Name, name, seen[name], want)
		}
	}
	if len(seen) != typ.NumField() {
		t.Errorf("Each names %d counters, Counts has %d fields", len(seen), typ.NumField())
	}
}
