package metrics

import (
	"sync"
	"testing"
	"time"
)

func TestCollectorMergesWorkersByInterval(t *testing.T) {
	col := NewCollector(time.Second)
	var wg sync.WaitGroup
	const workers, perWorker = 8, 1000
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := col.NewRecorder()
			defer rec.Flush()
			for i := range perWorker {
				// Spread each worker's results over 10 intervals, in end order.
				end := time.Duration(i) * 10 * time.Millisecond
				rec.Record(&Result{Intended: end - time.Millisecond, Start: end - time.Millisecond, End: end, Records: w + 1})
			}
			rec.Drop(5 * time.Second)
		}()
	}
	wg.Wait()
	total := col.Total()
	if total.Sent != workers*perWorker || total.OK != workers*perWorker || total.Dropped != workers {
		t.Fatalf("total = %+v", total.Counts)
	}
	if total.Response.TotalCount() != workers*perWorker {
		t.Errorf("histogram count %d, want %d", total.Response.TotalCount(), workers*perWorker)
	}
	var sum int64
	var n int
	err := col.Each(func(iv *Interval) error {
		if iv.Index != int64(n) {
			t.Errorf("interval %d at position %d", iv.Index, n)
		}
		sum += iv.Sent
		n++
		if iv.Sent != workers*100 {
			t.Errorf("interval %d sent %d, want %d", iv.Index, iv.Sent, workers*100)
		}
		return nil
	})
	if err != nil || n != 10 || sum != workers*perWorker {
		t.Errorf("Each: %v, %d intervals, %d results", err, n, sum)
	}
}

func TestCollectorLateWorkerIntoPackedInterval(t *testing.T) {
	col := NewCollector(time.Second)
	fast := col.NewRecorder()
	for i := range 20 {
		fast.Record(&Result{End: time.Duration(i) * time.Second})
	}
	fast.Flush()
	// A worker that was stuck reports into interval 0, long packed by now.
	late := col.NewRecorder()
	late.Record(&Result{End: 500 * time.Millisecond, Class: "timeout", Message: "slow"})
	late.Flush()
	iv := col.Interval(0)
	if iv.Sent != 2 || iv.Errors["timeout"] != 1 || iv.Response.TotalCount() != 2 {
		t.Errorf("interval 0 = %+v errors %v", iv.Counts, iv.Errors)
	}
	if got := col.Total().Sent; got != 21 {
		t.Errorf("total sent %d, want 21", got)
	}
	// Billed ms survive packing and the total's copy: each result is
	// billed its service time (End here, Start being 0).
	var billed int64
	for i := range 20 {
		billed += int64(i) * 1000
	}
	if iv.BilledMs != 500 || col.Total().BilledMs != billed+500 {
		t.Errorf("billed ms: interval 0 %d, want 500; total %d, want %d", iv.BilledMs, col.Total().BilledMs, billed+500)
	}
}

func TestCollectorEmptyGaps(t *testing.T) {
	col := NewCollector(time.Second)
	rec := col.NewRecorder()
	rec.Record(&Result{End: 0})
	rec.Record(&Result{End: 3 * time.Second})
	rec.Flush()
	var sent []int64
	_ = col.Each(func(iv *Interval) error { sent = append(sent, iv.Sent); return nil })
	if len(sent) != 4 || sent[0] != 1 || sent[1] != 0 || sent[2] != 0 || sent[3] != 1 {
		t.Errorf("per-interval sent = %v, want [1 0 0 1]", sent)
	}
}

func BenchmarkRecorderRecord(b *testing.B) {
	col := NewCollector(time.Second)
	rec := col.NewRecorder()
	res := Result{Start: time.Microsecond, End: 50 * time.Microsecond, Records: 100, Bytes: 20000}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		res.End = time.Duration(i) * time.Microsecond
		rec.Record(&res)
	}
	rec.Flush()
}
