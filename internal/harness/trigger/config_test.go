package trigger

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestWithDefaults(t *testing.T) {
	got := Config{}.WithDefaults()
	want := Config{BatchSize: 100, Poll: 100 * time.Millisecond, MaxFetchBytes: 4 << 20, Iterator: IteratorTrimHorizon,
		OnFailure: OnFailureSkip, Grace: 2 * time.Second, Interval: time.Second}
	if got != want {
		t.Errorf("WithDefaults:\n got %+v\nwant %+v", got, want)
	}
	kept := Config{Format: testFormat, BatchSize: 7, Poll: time.Millisecond, Iterator: IteratorLatest}.WithDefaults()
	if kept.BatchSize != 7 || kept.Poll != time.Millisecond || kept.Iterator != IteratorLatest || kept.Format != testFormat {
		t.Errorf("WithDefaults overwrote set fields: %+v", kept)
	}
}

func TestValidate(t *testing.T) {
	good := Config{Format: testFormat, RecordRate: 1000, Duration: time.Second}.WithDefaults()
	if err := good.Validate(); err != nil {
		t.Fatalf("good config: %v", err)
	}
	for _, tc := range []struct {
		name   string
		change func(*Config)
		want   string
	}{
		{"rate", func(c *Config) { c.RecordRate = 0 }, "RecordRate: must be a finite rate above 0 records/s, got 0"},
		{"rate NaN", func(c *Config) { c.RecordRate = math.NaN() }, "RecordRate: must be a finite rate above 0 records/s, got NaN"},
		{"duration", func(c *Config) { c.Duration = -time.Second }, "Duration: must be above 0, got -1s"},
		{"batch", func(c *Config) { c.BatchSize = 10_001 }, "BatchSize (batch_size): must be between 1 and 10000, got 10001"},
		{"poll", func(c *Config) { c.Poll = 2 * time.Minute }, "Poll (polling_interval): must be between 1ms and 1m0s, got 2m0s"},
		{"fetch", func(c *Config) { c.MaxFetchBytes = 5 << 20 }, "MaxFetchBytes (max_fetch_bytes): must be between 1 and 4194304, got 5242880"},
		{"iterator", func(c *Config) { c.Iterator = "latest" }, `Iterator (sharditerator_type): must be TRIM_HORIZON or LATEST, got "latest"`},
		{"retries", func(c *Config) { c.Retries = 4 }, "Retries: must be between 0 and 3, got 4"},
		{"on failure", func(c *Config) { c.OnFailure = "drop" }, `OnFailure: must be "skip" or "block", got "drop"`},
		{"limit", func(c *Config) { c.LimitRecords = -1 }, "LimitRecords: must not be negative, got -1"},
		{"limit bytes", func(c *Config) { c.LimitBytes = -1 }, "LimitBytes: must not be negative, got -1"},
		{"timeout", func(c *Config) { c.Timeout = -1 }, "Timeout: must not be negative, got -1ns"},
		{"drain", func(c *Config) { c.Drain = -1 }, "Drain: must not be negative, got -1ns"},
		{"backlog", func(c *Config) { c.Backlog = -1 }, "Backlog: must not be negative, got -1ns"},
		{"in flight", func(c *Config) { c.MaxInFlight = -1 }, "MaxInFlight: must not be negative, got -1"},
		{"grace", func(c *Config) { c.Grace = -1 }, "Grace: must be above 0, got -1ns"},
		{"interval", func(c *Config) { c.Interval = -1 }, "Interval: must be above 0, got -1ns"},
		{"format", func(c *Config) { c.Format = nil }, "Format: required"},
		{"max event", func(c *Config) { c.MaxEventBytes = -1 }, "MaxEventBytes: must not be negative, got -1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := good
			tc.change(&c)
			err := c.Validate()
			if err == nil || err.Error() != "trigger: "+tc.want {
				t.Errorf("Validate() = %v\nwant trigger: %s", err, tc.want)
			}
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	err := Config{}.Validate()
	if err == nil {
		t.Fatal("zero config: no error")
	}
	for _, field := range []string{"RecordRate", "Duration", "BatchSize", "Poll", "MaxFetchBytes", "Iterator", "OnFailure", "Grace", "Interval"} {
		if !strings.Contains(err.Error(), field+" ") && !strings.Contains(err.Error(), field+":") {
			t.Errorf("error does not name %s:\n%v", field, err)
		}
	}
}

func TestMaxInFlight(t *testing.T) {
	for _, tc := range []struct {
		serial   bool
		set, n   int
		expected int
	}{
		{true, 0, 4, 4},
		{true, 2, 4, 2},
		{true, 10, 4, 4},
		{false, 0, 4, DefaultMaxInFlight},
		{false, 10, 4, 10},
	} {
		c := Config{Format: testFormat, Serial: tc.serial, MaxInFlight: tc.set}
		if got := c.maxInFlight(tc.n); got != tc.expected {
			t.Errorf("serial %v, MaxInFlight %d, %d partitions: cap %d, want %d", tc.serial, tc.set, tc.n, got, tc.expected)
		}
	}
}
