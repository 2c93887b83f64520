package hlog

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// maxLogLine bounds one line of an interval log (a compressed histogram of
// disload's geometry takes a few kilobytes).
const maxLogLine = 16 << 20

// Log is a parsed HdrHistogram interval log (format 1.2/1.3, as
// Write and HdrHistogram's own log writers produce).
type Log struct {
	Start     time.Time  // the #[StartTime] header; zero when the log has none
	Intervals []Interval // in file order
}

// Interval is one interval histogram of a log, placed in absolute time.
type Interval struct {
	Tag    string
	Start  time.Time
	Length time.Duration
	Hist   *hdrhistogram.Histogram
}

// logParser holds the state of reading one log.
type logParser struct {
	log               Log
	startSec, baseSec float64
	haveStart         bool
	haveBase          bool
}

// Read parses an interval log. Timestamps are taken relative to
// the #[BaseTime] header; without one, as HdrHistogram's readers do,
// relative to #[StartTime] when the first timestamp is more than a year
// before it, else as absolute. Errors name the line.
func Read(r io.Reader) (*Log, error) {
	p := &logParser{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLogLine)
	for n := 1; sc.Scan(); n++ {
		if err := p.line(strings.TrimSpace(sc.Text())); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return &p.log, nil
}

func (p *logParser) line(line string) error {
	switch {
	case line == "", strings.HasPrefix(line, `"StartTimestamp"`):
		return nil
	case strings.HasPrefix(line, "#[StartTime: "):
		v, err := headerSeconds(line, "#[StartTime: ")
		p.startSec, p.haveStart = v, true
		p.log.Start = unixSeconds(v)
		return err
	case strings.HasPrefix(line, "#[BaseTime: "):
		v, err := headerSeconds(line, "#[BaseTime: ")
		p.baseSec, p.haveBase = v, true
		return err
	case strings.HasPrefix(line, "#"):
		return nil
	}
	return p.interval(line)
}

// headerSeconds reads the seconds number that follows prefix.
func headerSeconds(line, prefix string) (float64, error) {
	field, _, _ := strings.Cut(strings.TrimPrefix(line, prefix), " ")
	v, err := strconv.ParseFloat(strings.TrimRight(field, "],"), 64)
	if err != nil || v < 0 || v > 1e11 {
		return 0, fmt.Errorf("bad time in %q", line)
	}
	return v, nil
}

// interval parses "[Tag=T,]start,length,max,histogram".
func (p *logParser) interval(line string) error {
	var tag string
	if rest, ok := strings.CutPrefix(line, "Tag="); ok {
		t, after, found := strings.Cut(rest, ",")
		if !found {
			return fmt.Errorf("tag without an interval: %q", clip(line))
		}
		tag, line = t, after
	}
	f := strings.Split(line, ",")
	if len(f) != 4 {
		return fmt.Errorf("want start,length,max,histogram; got %d fields in %q", len(f), clip(line))
	}
	start, err1 := strconv.ParseFloat(f[0], 64)
	length, err2 := strconv.ParseFloat(f[1], 64)
	_, err3 := strconv.ParseFloat(f[2], 64)
	if err1 != nil || err2 != nil || err3 != nil || !inRange(start) || !inRange(length) {
		return fmt.Errorf("bad start, length or max in %q", clip(line))
	}
	h, err := hdrhistogram.Decode([]byte(f[3]))
	if err != nil {
		return fmt.Errorf("histogram: %w", err)
	}
	p.deduceBase(start)
	p.log.Intervals = append(p.log.Intervals, Interval{
		Tag: tag, Start: unixSeconds(p.baseSec).Add(SecondsDuration(start)), Length: SecondsDuration(length), Hist: h,
	})
	return nil
}

// deduceBase settles the base time at the first interval when the log has
// no #[BaseTime] header, as HdrHistogram's log readers do.
func (p *logParser) deduceBase(firstStart float64) {
	if p.haveBase {
		return
	}
	p.haveBase = true
	if p.haveStart && firstStart < p.startSec-365*24*3600 {
		p.baseSec = p.startSec
	}
}

func inRange(sec float64) bool { return sec >= 0 && sec <= 1e11 && !math.IsNaN(sec) }

// SecondsDuration converts seconds to a duration, to the microsecond.
func SecondsDuration(sec float64) time.Duration {
	return time.Duration(math.Round(sec*1e6)) * time.Microsecond
}

// unixSeconds converts seconds since the epoch to a time, to the microsecond.
func unixSeconds(sec float64) time.Time {
	return time.Unix(0, 0).UTC().Add(SecondsDuration(sec))
}

// clip shortens a line for an error message.
func clip(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}

// NearestSlot returns the index of the interval of the given width whose
// start is nearest to offset.
func NearestSlot(offset, width time.Duration) int64 {
	return int64(math.Round(float64(offset) / float64(width)))
}
