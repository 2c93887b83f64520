package generator

import (
	"math"
	"testing"
)

func TestDistance(t *testing.T) {
	// Berlin to Paris is about 878 km.
	if d := distance(52.5200, 13.4050, 48.8566, 2.3522); math.Abs(d-878e3) > 5e3 {
		t.Errorf("Berlin-Paris: %.0f m", d)
	}
	if d := distance(10, 20, 10, 20); d != 0 {
		t.Errorf("distance to itself: %v", d)
	}
}

func TestDestinationAndBearing(t *testing.T) {
	for _, c := range []struct{ lat, lon, heading, d float64 }{
		{52.52, 13.40, 0, 1000}, {52.52, 13.40, 90, 250}, {-33.86, 151.2, 225, 12_000},
		{0, 179.999, 90, 5000}, {40.7, -74, 300, 0.5},
	} {
		lat, lon := destination(c.lat, c.lon, c.heading, c.d)
		if got := distance(c.lat, c.lon, lat, lon); math.Abs(got-c.d) > 1e-6*c.d+1e-6 {
			t.Errorf("%+v: moved %.6f m", c, got)
		}
		if lon < -180 || lon > 180 {
			t.Errorf("%+v: longitude %v", c, lon)
		}
		if c.d >= 1 {
			if b := bearing(c.lat, c.lon, lat, lon); math.Abs(math.Remainder(b-c.heading, 360)) > 0.01 {
				t.Errorf("%+v: bearing back %.3f", c, b)
			}
		}
	}
}

func TestCurrenciesKnown(t *testing.T) {
	for _, c := range cities {
		if perEUR[c.currency] == 0 {
			t.Errorf("%s: no rate for %s", c.name, c.currency)
		}
	}
}
