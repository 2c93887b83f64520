package metrics

import (
	"testing"
	"testing/synctest"
	"time"
)

func TestSettled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := NewCollector(time.Second)
		r := c.NewRecorder()
		if c.Settled(0) {
			t.Fatal("settled without a start")
		}
		c.MarkStart(time.Now())
		r.Record(&Result{End: 500 * time.Millisecond})
		if c.Settled(0) {
			t.Error("interval 0 settled while it is still open")
		}
		time.Sleep(time.Second)
		if c.Settled(0) {
			t.Error("interval 0 settled while a recorder holds one of its results")
		}
		r.Flush()
		if !c.Settled(0) || c.Settled(1) {
			t.Errorf("after the flush: settled(0) %v, settled(1) %v; want true, false (still open)", c.Settled(0), c.Settled(1))
		}
		r.Record(&Result{End: 1500 * time.Millisecond})
		time.Sleep(time.Second)
		if c.Settled(1) {
			t.Error("interval 1 settled while a recorder holds one of its results")
		}
		r.Record(&Result{End: 2100 * time.Millisecond}) // moves on: interval 1 handed over
		if !c.Settled(1) {
			t.Error("interval 1 not settled once its results were handed over")
		}
	})
}

func TestFlushBefore(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := NewCollector(time.Second)
		c.MarkStart(time.Now())
		r := c.NewRecorder()
		r.Drop(200 * time.Millisecond)
		r.FlushBefore(900 * time.Millisecond) // same interval: kept
		time.Sleep(time.Second)
		if c.Settled(0) {
			t.Fatal("interval 0 settled with a drop held")
		}
		r.FlushBefore(1100 * time.Millisecond)
		if !c.Settled(0) || c.Total().Dropped != 1 {
			t.Errorf("after FlushBefore(1.1s): settled %v, dropped %d; want true, 1", c.Settled(0), c.Total().Dropped)
		}
	})
}
