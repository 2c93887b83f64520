package generator

import (
	"testing"
)

func TestDevicesMoveContinuously(t *testing.T) {
	recs := jsonRecords(t, Config{Seed: 8, Partitions: 2, BatchSize: 100, KeyCount: 40, RecordRate: 20,
		Kinds: []KindWeight{{Kind: KindLocation, Weight: 1}}}, 60)
	last := map[string]rec{}
	var steps, moving int
	for i, r := range recs {
		lat, lon := r.num("lat"), r.num("lon")
		if lat < -90 || lat > 90 || lon < -180 || lon > 180 || r.num("accuracy") <= 0 || r.str("mode") == "" {
			t.Fatalf("record %d: %v", i, r.fields)
		}
		prev, ok := last[r.key]
		last[r.key] = r
		if !ok {
			continue
		}
		steps++
		dt := float64(parseTS(r.str("ts"))-parseTS(prev.str("ts"))) / 1000
		d := distance(prev.num("lat"), prev.num("lon"), lat, lon)
		// speed is printed with 2 decimals, lat/lon with 6 (about 0.1 m)
		limit := (prev.num("speed")+0.005)*min(dt+0.001, maxMove) + 0.5
		if dt < 0 || d > limit {
			t.Fatalf("record %d: %s moved %.1f m in %.3f s at %.2f m/s (limit %.1f m)", i, r.key, d, dt, prev.num("speed"), limit)
		}
		if d > 1 {
			moving++
		}
		if r.num("battery") > prev.num("battery") || r.num("battery") < 1 {
			t.Fatalf("record %d: battery %v after %v", i, r.fields["battery"], prev.fields["battery"])
		}
		if r.str("mode") != prev.str("mode") {
			t.Fatalf("record %d: mode changed", i)
		}
	}
	if steps < 1000 || moving < steps/2 {
		t.Errorf("%d steps, %d of them moving", steps, moving)
	}
}

func TestDevicesStayNearHome(t *testing.T) {
	r := newRNG(3, 3)
	for i := range 50 {
		var d device
		place(&d, r)
		home := cities[d.home]
		for range 2000 {
			step(&d, r, 60)
		}
		if far := distance(d.lat, d.lon, home.lat, home.lon); far > 2*modes[d.mode].radius+maxMove*modes[d.mode].hi {
			t.Errorf("device %d (%s) is %.0f m from %s", i, modes[d.mode].name, far, home.name)
		}
	}
}

func TestNextSpeedBounds(t *testing.T) {
	r := newRNG(5, 5)
	for _, m := range modes {
		v := m.lo
		for range 5000 {
			v = nextSpeed(v, m, r)
			if v != 0 && (v < m.lo || v > m.hi) {
				t.Fatalf("%s: speed %.2f outside %.1f..%.1f", m.name, v, m.lo, m.hi)
			}
		}
	}
}
