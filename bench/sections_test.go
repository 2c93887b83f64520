package main

import "testing"

func TestOpenLoopBar(t *testing.T) {
	const prefix = "open loop at 20000/s: achieved within 1% "
	for _, tc := range []struct {
		name     string
		achieved float64
		over     []float64
		ok       bool
		want     string
	}{
		{"held, within 2×", 19990, []float64{1.2, 1.5, 1.4}, true,
			"(-0.05%) and response p99 within 2× of the sink's service p99 (1.40×)"},
		{"exactly 2× and 1%", 20200, []float64{2}, true,
			"(+1.00%) and response p99 within 2× of the sink's service p99 (2.00×)"},
		{"p99 too far", 20000, []float64{11.76}, false,
			"(+0.00%) and response p99 within 2× of the sink's service p99 (11.76×)"},
		{"rate not held", 19700, []float64{1.1}, false,
			"(-1.50%) and response p99 within 2× of the sink's service p99 (1.10×)"},
		{"no sink figures", 20000, nil, false,
			"(+0.00%) and response p99 within 2× of the sink's service p99 (no sink figures)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ok, line := openLoopBar(20000, tc.achieved, tc.over)
			if ok != tc.ok || line != prefix+tc.want {
				t.Errorf("openLoopBar = %v, %q; want %v, %q", ok, line, tc.ok, prefix+tc.want)
			}
		})
	}
}

func TestP99OverSink(t *testing.T) {
	for _, tc := range []struct {
		r    result
		want string
	}{
		{result{P99: 2.5, SinkP99: 1250}, "2.00"},
		{result{P99: 0.5, SinkP99: 42.5}, "11.76"},
		{result{P99: 0.5}, "-"},
	} {
		if got := overSinkCell(tc.r); got != tc.want {
			t.Errorf("overSinkCell(%+v) = %q, want %q", tc.r, got, tc.want)
		}
	}
}
