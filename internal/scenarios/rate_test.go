package scenarios

import (
	"fmt"
	"math"
	"testing"
)

func TestParseRate(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"500/s", 500},
		{"500", 500},
		{" 500 / s ", 500},
		{"3000/m", 50},
		{"3000/min", 50},
		{"7200/h", 2},
		{"2/ms", 2000},
		{"1/us", 1e6},
		{"1.5k/s", 1500},
		{"1.5K/s", 1500},
		{"2M/m", 2e6 / 60},
		{"500/2s", 250},
		{"30/1m30s", 30.0 / 90},
		{"0/s", 0},
		{"0.5", 0.5},
	}
	for _, tc := range tests {
		got, err := ParseRate(tc.in)
		if err != nil || math.Abs(got.PerSecond-tc.want) > 1e-9*tc.want {
			t.Errorf("ParseRate(%q) = %v, %v; want %v/s", tc.in, got.PerSecond, err, tc.want)
		}
	}
}

func TestParseRateErrors(t *testing.T) {
	for _, in := range []string{"", "/s", "fast", "-5/s", "5/fortnight", "5/0s", "5/-1s", "inf", "NaN/s", "1e400/s", "5k", "5kk/s", "1/1e-400s"} {
		if in == "5k" {
			continue // 5k is 5,000/s
		}
		if r, err := ParseRate(in); err == nil {
			t.Errorf("ParseRate(%q) = %v, want an error", in, r)
		}
	}
	if r, err := ParseRate("5k"); err != nil || r.PerSecond != 5000 {
		t.Errorf("ParseRate(5k) = %v, %v", r, err)
	}
}

func TestRateString(t *testing.T) {
	tests := []struct {
		r    float64
		want string
	}{
		{500, "500/s"}, {0, "0/s"}, {2000, "2000/s"}, {0.5, "0.5/s"},
		{100.0 / 60, "100/m"}, {1.0 / 3600, "1/h"}, {1.0 / 7, "0.14285714285714285/s"},
	}
	for _, tc := range tests {
		r := Rate{tc.r}
		if got := r.String(); got != tc.want {
			t.Errorf("Rate{%v}.String() = %q, want %q", tc.r, got, tc.want)
		}
		back, err := ParseRate(r.String())
		if err != nil || math.Abs(back.PerSecond-tc.r) > 1e-12*math.Max(1, tc.r) {
			t.Errorf("ParseRate(%q) = %v, %v; want %v back", r.String(), back.PerSecond, err, tc.r)
		}
	}
}

func TestRateText(t *testing.T) {
	var r Rate
	if err := r.UnmarshalText([]byte("3000/m")); err != nil || r.PerSecond != 50 {
		t.Errorf("UnmarshalText = %v, %v", r, err)
	}
	if b, _ := r.MarshalText(); string(b) != "50/s" {
		t.Errorf("MarshalText = %q", b)
	}
	if err := r.UnmarshalText([]byte("x")); err == nil {
		t.Error("UnmarshalText(x) succeeded")
	}
}

func FuzzParseRate(f *testing.F) {
	for _, s := range []string{"500/s", "1.5k/m", "2/ms", "500/2s", "1e3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRate(s)
		if err != nil {
			return
		}
		if r.PerSecond < 0 || math.IsNaN(r.PerSecond) || math.IsInf(r.PerSecond, 0) {
			t.Fatalf("ParseRate(%q) = %v", s, r.PerSecond)
		}
		back, err := ParseRate(r.String())
		if err != nil || math.Abs(back.PerSecond-r.PerSecond) > 1e-9*math.Max(1, r.PerSecond) {
			t.Fatalf("ParseRate(%q) = %v, String %q reads back as %v, %v", s, r.PerSecond, r.String(), back.PerSecond, err)
		}
	})
}

func ExampleParseRate() {
	for _, s := range []string{"500/s", "3000/m", "1.5k/s", "2/ms", "100"} {
		r, _ := ParseRate(s)
		fmt.Println(s, "=", r)
	}
	// Output:
	// 500/s = 500/s
	// 3000/m = 50/s
	// 1.5k/s = 1500/s
	// 2/ms = 2000/s
	// 100 = 100/s
}
