package generator

import (
	"testing"
	"time"
)

// parseTS reads a record timestamp back as Unix milliseconds.
func parseTS(s string) int64 {
	t, err := time.Parse("2006-01-02T15:04:05.000Z", s)
	if err != nil {
		return -1
	}
	return t.UnixMilli()
}

func TestAppendTS(t *testing.T) {
	var f tsFormatter
	for _, ns := range []int64{0, 1, 999_999, 1_767_225_600_123_456_789, 1_767_225_600_999_999_999,
		1_767_225_601_000_000_000, 1_767_225_600_000_000_000, 7_258_118_399_999_000_000} {
		want := time.Unix(0, ns).UTC().Format("2006-01-02T15:04:05.000Z")
		if got := string(f.appendTS(nil, ns)); got != want {
			t.Errorf("appendTS(%d) = %s, want %s", ns, got, want)
		}
	}
}

func TestClock(t *testing.T) {
	c := clock{start: 1_000, step: 2.5e6}
	for k, want := range map[int64]int64{0: 1_000, 1: 2_501_000, 4: 10_001_000} {
		if got := c.at(k); got != want {
			t.Errorf("at(%d) = %d, want %d", k, got, want)
		}
	}
}

func TestFloorDivMod(t *testing.T) {
	for _, c := range [][4]int64{{7, 2, 3, 1}, {-7, 2, -4, 1}, {-8, 2, -4, 0}, {0, 5, 0, 0}} {
		if q, m := floorDiv(c[0], c[1]), floorMod(c[0], c[1]); q != c[2] || m != c[3] {
			t.Errorf("floorDiv/Mod(%d, %d) = %d, %d, want %d, %d", c[0], c[1], q, m, c[2], c[3])
		}
	}
}
