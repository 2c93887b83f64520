package generator

import "math"

// city is a place records happen in.
type city struct {
	name, country, currency string
	lat, lon, alt           float64
}

// cities are the homes of accounts and devices and the places of merchants.
var cities = [...]city{
	{"Berlin", "DE", "EUR", 52.5200, 13.4050, 34},
	{"Munich", "DE", "EUR", 48.1351, 11.5820, 519},
	{"Hamburg", "DE", "EUR", 53.5511, 9.9937, 6},
	{"Frankfurt", "DE", "EUR", 50.1109, 8.6821, 112},
	{"Amsterdam", "NL", "EUR", 52.3676, 4.9041, -2},
	{"Paris", "FR", "EUR", 48.8566, 2.3522, 35},
	{"Madrid", "ES", "EUR", 40.4168, -3.7038, 667},
	{"Rome", "IT", "EUR", 41.9028, 12.4964, 21},
	{"Vienna", "AT", "EUR", 48.2082, 16.3738, 190},
	{"Zurich", "CH", "CHF", 47.3769, 8.5417, 408},
	{"Warsaw", "PL", "PLN", 52.2297, 21.0122, 100},
	{"Stockholm", "SE", "SEK", 59.3293, 18.0686, 28},
	{"London", "GB", "GBP", 51.5072, -0.1276, 11},
	{"Dublin", "IE", "EUR", 53.3498, -6.2603, 20},
	{"New York", "US", "USD", 40.7128, -74.0060, 10},
	{"San Francisco", "US", "USD", 37.7749, -122.4194, 16},
	{"Chicago", "US", "USD", 41.8781, -87.6298, 181},
	{"Toronto", "CA", "CAD", 43.6532, -79.3832, 76},
	{"Sao Paulo", "BR", "BRL", -23.5505, -46.6333, 760},
	{"Tokyo", "JP", "JPY", 35.6762, 139.6503, 40},
	{"Singapore", "SG", "SGD", 1.3521, 103.8198, 15},
	{"Dubai", "AE", "AED", 25.2048, 55.2708, 5},
	{"Mumbai", "IN", "INR", 19.0760, 72.8777, 14},
	{"Sydney", "AU", "AUD", -33.8688, 151.2093, 58},
}

// homeCities are the cities accounts and devices live in (Europe mostly).
var homeCities = newWeighted(10, 6, 5, 4, 6, 8, 5, 5, 3, 3, 3, 2, 8, 2, 6, 3, 2, 2, 2, 2, 1, 1, 1, 1)

// perEUR converts euro amounts into each currency; minor units per currency.
var (
	perEUR = map[string]float64{"EUR": 1, "CHF": 0.94, "PLN": 4.3, "SEK": 11.4, "GBP": 0.85,
		"USD": 1.08, "CAD": 1.47, "BRL": 5.4, "JPY": 162, "SGD": 1.45, "AED": 3.97, "INR": 90, "AUD": 1.65}
	minorUnits = map[string]int{"JPY": 0}
)

// earthRadius is the mean Earth radius in metres.
const earthRadius = 6_371_000.0

// distance returns the great-circle distance in metres (haversine).
func distance(lat1, lon1, lat2, lon2 float64) float64 {
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * earthRadius * math.Asin(math.Min(1, math.Sqrt(a)))
}

// destination moves d metres from (lat, lon) along heading (degrees
// clockwise from north) on a sphere.
func destination(lat, lon, heading, d float64) (float64, float64) {
	p1, l1 := lat*math.Pi/180, lon*math.Pi/180
	h, a := heading*math.Pi/180, d/earthRadius
	p2 := math.Asin(math.Sin(p1)*math.Cos(a) + math.Cos(p1)*math.Sin(a)*math.Cos(h))
	l2 := l1 + math.Atan2(math.Sin(h)*math.Sin(a)*math.Cos(p1), math.Cos(a)-math.Sin(p1)*math.Sin(p2))
	lon2 := math.Mod(l2*180/math.Pi+540, 360) - 180
	return p2 * 180 / math.Pi, lon2
}

// bearing returns the initial heading in degrees from the first point to the
// second.
func bearing(lat1, lon1, lat2, lon2 float64) float64 {
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dl := (lon2 - lon1) * math.Pi / 180
	y := math.Sin(dl) * math.Cos(p2)
	x := math.Cos(p1)*math.Sin(p2) - math.Sin(p1)*math.Cos(p2)*math.Cos(dl)
	return math.Mod(math.Atan2(y, x)*180/math.Pi+360, 360)
}
