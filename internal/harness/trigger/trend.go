package trigger

import "time"

// troughParts is how many parts the fit window of troughSlope is cut into,
// at most: each part lasts at least one cycle of the lag's sawtooth.
const troughParts = 4

// troughSlope is the trend of the lag, records/s: the least-squares slope
// of its troughs (the lowest lag, LagSample.TroughRecords, of each of up
// to troughParts equal parts
// of the last two thirds of [0, window], each at least cycle long: a call
// and a polling interval), summed over the partitions (perPart: the
// timeline holds each partition's samples; else the totals' are used);
// false when the window holds fewer than two cycles.
// A trigger's lag is a sawtooth (records pile up during a call or a poll
// wait, a pull takes a batch away); its troughs rise only when the
// function cannot drain what is written, at the rate minus the drain rate.
func troughSlope(timeline []LagSample, window, cycle time.Duration, perPart bool) (float64, bool) {
	from := window / 3
	span := window - from
	parts := troughParts
	if cycle > 0 {
		parts = min(parts, int(span/cycle))
	}
	if span <= 0 || parts < 2 {
		return 0, false
	}
	type key struct{ part, seg int }
	mins := map[key]LagSample{}
	for _, s := range timeline {
		if s.At < from || s.At > window || (s.Partition == TotalPartition) == perPart {
			continue
		}
		seg := min(int((s.At-from)*time.Duration(parts)/span), parts-1)
		k := key{s.Partition, seg}
		if v, ok := mins[k]; !ok || s.TroughRecords < v.TroughRecords {
			mins[k] = s
		}
	}
	byPart := map[int][]point{}
	for k, v := range mins {
		byPart[k.part] = append(byPart[k.part], point{v.At.Seconds(), float64(v.TroughRecords)})
	}
	total := 0.0
	for _, pts := range byPart {
		total += slope(pts)
	}
	return total, true
}

// point is one (x, y) of a fit.
type point struct{ x, y float64 }

// slope is the least-squares slope of pts (0 for fewer than two distinct x).
func slope(pts []point) float64 {
	n := float64(len(pts))
	var sx, sy, sxx, sxy float64
	for _, p := range pts {
		sx += p.x
		sy += p.y
		sxx += p.x * p.x
		sxy += p.x * p.y
	}
	d := n*sxx - sx*sx
	if n < 2 || d <= 0 {
		return 0
	}
	return (n*sxy - sx*sy) / d
}
