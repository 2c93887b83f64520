package generator

import "math"

// Location records are fixes of devices that move continuously: each point
// is the previous one moved by the previous fix's speed and heading over the
// time between them (at most maxMove seconds of it: a device left alone for
// longer is parked), so no device ever jumps. Devices stay around their home
// city, report GPS accuracy and altitude, and their battery only drains.

// maxMove caps the seconds a device moves between two fixes.
const maxMove = 300

// travel modes: speed bounds (m/s), speed noise, turn noise (degrees),
// roaming radius (m) and battery drain (% per hour).
type mode struct {
	name            string
	lo, hi, sd      float64
	turn, radius    float64
	drainPerHour    float64
	stopProbability float64
}

var modes = [...]mode{
	{"walking", 0.6, 2.0, 0.2, 25, 3000, 4, 0.05},
	{"cycling", 2.5, 8.0, 0.8, 15, 8000, 3, 0.05},
	{"driving", 0, 33, 3.0, 10, 40000, 1.5, 0.10},
}

var modePick = newWeighted(4, 2, 4)

// device is one tracked device's last fix.
type device struct {
	known    bool
	mode     int
	home     int
	lat, lon float64
	alt      float64
	heading  float64
	speed    float64
	battery  float64
	last     int64
}

// locGen generates location records for the devices on one partition.
type locGen struct {
	devices []device
}

func (g *locGen) record(c *recCtx) bool {
	d := &g.devices[c.local]
	if !d.known {
		place(d, c.r)
	} else {
		step(d, c.r, float64(c.now-d.last)/1e9)
	}
	d.last = c.now
	w := c.w
	w.begin("location")
	w.str(fDeviceID, c.key)
	c.appendTS()
	w.fixed(fLat, d.lat, 6)
	w.fixed(fLon, d.lon, 6)
	w.fixed(fAlt, d.alt, 1)
	w.fixed(fAccuracy, accuracy(c.r), 1)
	w.fixed(fSpeed, d.speed, 2)
	w.fixed(fHeading, d.heading, 1)
	w.int(fBattery, int64(math.Floor(d.battery)))
	w.str(fMode, modes[d.mode].name)
	return false
}

// place puts a new device near its home city.
func place(d *device, r *rng) {
	d.known = true
	d.mode = modePick.draw(r)
	d.home = homeCities.draw(r)
	c := cities[d.home]
	d.lat = c.lat + (r.float()-0.5)*0.05
	d.lon = c.lon + (r.float()-0.5)*0.05
	d.alt = c.alt + r.float()*10
	d.heading = r.float() * 360
	m := modes[d.mode]
	d.speed = m.lo + (m.hi-m.lo)*r.float()*0.6
	d.battery = 40 + 60*r.float()
}

// step moves a device by dt seconds at its last speed and heading, then
// lets speed, heading and altitude drift and the battery drain.
func step(d *device, r *rng, dt float64) {
	m := modes[d.mode]
	moved := d.speed * min(dt, maxMove)
	d.lat, d.lon = destination(d.lat, d.lon, d.heading, moved)
	home := cities[d.home]
	if distance(d.lat, d.lon, home.lat, home.lon) > m.radius {
		d.heading = bearing(d.lat, d.lon, home.lat, home.lon) + 20*r.norm()
	} else {
		d.heading += m.turn * r.norm()
	}
	d.heading = math.Mod(d.heading+720, 360)
	d.speed = nextSpeed(d.speed, m, r)
	d.alt = min(max(d.alt+(0.5+moved*0.002)*r.norm(), home.alt-40), home.alt+60)
	d.battery = max(1, d.battery-dt/3600*m.drainPerHour-0.002)
}

// nextSpeed lets the speed drift within the mode's bounds, with stops.
func nextSpeed(v float64, m mode, r *rng) float64 {
	switch {
	case v > 0 && r.chance(m.stopProbability):
		return 0
	case v == 0 && r.chance(0.5):
		return m.lo + (m.hi-m.lo)*0.2*r.float()
	case v == 0:
		return 0
	}
	return min(max(v+m.sd*r.norm(), m.lo), m.hi)
}

// accuracy draws a GPS accuracy radius in metres: a few metres mostly,
// tens of metres among tall buildings.
func accuracy(r *rng) float64 {
	a := r.logNormal(math.Log(4.5), 0.5)
	if r.chance(0.05) {
		a *= 5
	}
	return a
}

func (g *locGen) touch(local int) byte { return byte(boolInt(g.devices[local].known)) }
