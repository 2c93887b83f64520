package main

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestClosedLoop(t *testing.T) {
	c := config{rounds: 3, dur: time.Second, sweepDur: time.Second, concurrent: []int{8, 16}}
	for _, tc := range []struct {
		name       string
		wrk        bool
		want, lack []string
	}{
		{"with wrk", true, []string{
			"| workers / -c / connections | vegeta | disload | wrk |",
			"| 8 | 15000 | 19990 | 26146 |",
			"Rounds of 1s at each tool's best (vegeta -workers 8, disload -c 8, wrk -c 8)",
			"| round | vegeta req/s | vegeta p99 ms | vegeta failed | disload req/s | disload p99 ms | disload failed | wrk req/s | wrk p99 ms | wrk failed |",
			"| 1 | 15000 | 0.70 | 30 | 19990 | 0.50 | 10 | 26146 | 4.94 | 0 |",
			"| **median** | 15000 |  |  | 19990 |  |  | 26146 |  |  |",
			"- **ok** disload / vegeta = 1.33× (bar: at least 1.0×)",
			"- **goal not reached** disload / wrk = 0.76× (goal past the bar: wrk's rate, the sink's own limit on this machine); vegeta / wrk = 0.57×",
			"wrk has no coordinated-omission correction",
			"wrk -t 2 -c 16 -d 1s -s $OUT/wrk.lua --latency http://$SINK/",
		}, []string{wrkMissing, "Fastest at"}}, // every fake run has the same rate: the first count is the best
		{"without wrk", false, []string{
			"| workers / -c / connections | vegeta | disload |\n",
			"| **median** | 15000 |  |  | 19990 |  |  |\n",
			"- **ok** disload / vegeta = 1.33× (bar: at least 1.0×)",
			"- wrk not installed: apt-get install wrk (the sink's own limit was not measured)",
		}, []string{"wrk req/s", "goal"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tl := fakeTools(t)
			if !tc.wrk {
				tl.wrk = ""
			}
			var rep report
			if err := closedLoop(context.Background(), c, tl, &rep); err != nil {
				t.Fatal(err)
			}
			out := rep.b.String()
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("the report lacks %q:\n%s", w, out)
				}
			}
			for _, l := range tc.lack {
				if strings.Contains(out, l) {
					t.Errorf("the report has %q:\n%s", l, out)
				}
			}
			if tl.vegetaMax != 15000 {
				t.Errorf("vegetaMax = %g, want vegeta's median 15000", tl.vegetaMax)
			}
		})
	}
}

func TestClosedKnob(t *testing.T) {
	for tool, want := range map[string]string{"vegeta": "-workers", "disload": "-c", "wrk": "-c"} {
		if got := closedKnob(tool); got != want {
			t.Errorf("closedKnob(%s) = %q, want %q", tool, got, want)
		}
	}
}

func TestAtTop(t *testing.T) {
	ts := []*closedTool{{name: "vegeta", best: 16}, {name: "disload", best: 64}, {name: "wrk", best: 64}}
	for _, tc := range []struct {
		concurrent []int
		want       string
	}{
		{[]int{8, 16, 32, 64}, "disload,wrk"},
		{[]int{64, 8, 16}, "disload,wrk"},
		{[]int{8, 16}, "vegeta"},
		{[]int{8, 128}, ""},
		{nil, ""},
	} {
		if got := strings.Join(atTop(ts, tc.concurrent), ","); got != tc.want {
			t.Errorf("atTop(%v) = %q, want %q", tc.concurrent, got, tc.want)
		}
	}
}
