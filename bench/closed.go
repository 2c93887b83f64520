package main

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// closedTool is one tool of the closed-loop section: run makes one run
// with n workers (vegeta), -c n (disload) or n connections (wrk).
type closedTool struct {
	name string
	run  func(ctx context.Context, name string, n int, d time.Duration) (result, error)
	best int // n of the sweep's highest rate
}

// closedTools are vegeta, disload and, when it is on PATH, wrk.
func (t *tools) closedTools() []*closedTool {
	ts := []*closedTool{
		{name: "vegeta", run: func(ctx context.Context, name string, n int, d time.Duration) (result, error) {
			return t.vegeta(ctx, name, 0, n, d)
		}},
		{name: "disload", run: func(ctx context.Context, name string, n int, d time.Duration) (result, error) {
			return t.disload(ctx, name, "--mode", "closed", "-r", "0", "-c", strconv.Itoa(n), "-d", d.String())
		}},
	}
	if t.wrk != "" {
		ts = append(ts, &closedTool{name: "wrk", run: t.runWrk})
	}
	return ts
}

// closedLoop: each tool as fast as it goes. A short sweep finds each
// tool's best concurrency, then rounds alternate the tools at it. wrk,
// when installed, gives the sink's own limit on this machine.
func closedLoop(ctx context.Context, c config, t *tools, rep *report) error {
	rep.section("Closed loop: requests/s at the maximum, 1 KB event, Go net/http sink")
	ts := t.closedTools()
	var cmds []string
	if err := sweep(ctx, c, ts, rep, &cmds); err != nil {
		return err
	}
	med, err := closedRounds(ctx, c, ts, rep, &cmds)
	if err != nil {
		return err
	}
	t.vegetaMax = med["vegeta"]
	rep.verdict(med["disload"] >= med["vegeta"], "disload / vegeta = %.2f× (bar: at least 1.0×)", ratio(med["disload"], med["vegeta"]))
	if w, ok := med["wrk"]; ok {
		rep.goal(med["disload"] >= w, "disload / wrk = %.2f× (goal past the bar: wrk's rate, the sink's own limit on this machine); vegeta / wrk = %.2f×",
			ratio(med["disload"], w), ratio(med["vegeta"], w))
	} else {
		rep.printf("- %s (the sink's own limit was not measured)\n", wrkMissing)
	}
	rep.printf("\nwrk (like vegeta) sends the same fixed body with every request, where disload makes a fresh event per request; " +
		"wrk has no coordinated-omission correction (its latency is timed from each send on a busy connection). " +
		"wrk's p99 is from its --latency distribution.\n")
	rep.commands(cmds)
	return nil
}

// sweep runs each tool at each of c.concurrent for c.sweepDur and sets
// each tool's best.
func sweep(ctx context.Context, c config, ts []*closedTool, rep *report, cmds *[]string) error {
	rates := make([]float64, len(ts))
	var rows [][]string
	for _, n := range c.concurrent {
		row := []string{strconv.Itoa(n)}
		for i, tl := range ts {
			r, err := tl.run(ctx, "sweep", n, c.sweepDur)
			if err != nil {
				return err
			}
			*cmds = append(*cmds, r.Cmd)
			row = append(row, f0(r.Rate))
			if r.Rate > rates[i] {
				tl.best, rates[i] = n, r.Rate
			}
		}
		rows = append(rows, row)
	}
	rep.printf("Sweep (%s each): workers (vegeta), -c (disload), connections (wrk, -t %d) → requests/s.\n\n", c.sweepDur, wrkThreads)
	header := []string{"workers / -c / connections"}
	for _, tl := range ts {
		header = append(header, tl.name)
	}
	rep.table(header, rows)
	if top := atTop(ts, c.concurrent); len(top) > 0 {
		rep.printf("_Fastest at the sweep's largest count (%s): %s; a larger count might go further._\n\n",
			strconv.Itoa(slices.Max(c.concurrent)), strings.Join(top, ", "))
	}
	return nil
}

// atTop names the tools whose best is the sweep's largest count.
func atTop(ts []*closedTool, concurrent []int) []string {
	if len(concurrent) == 0 {
		return nil
	}
	var out []string
	for _, tl := range ts {
		if tl.best == slices.Max(concurrent) {
			out = append(out, tl.name)
		}
	}
	return out
}

// closedRounds runs c.rounds rounds of every tool at its best, in turn,
// and returns each tool's median requests/s.
func closedRounds(ctx context.Context, c config, ts []*closedTool, rep *report, cmds *[]string) (map[string]float64, error) {
	rates := make([][]float64, len(ts))
	var rows [][]string
	for round := range c.rounds {
		row := []string{strconv.Itoa(round + 1)}
		for i, tl := range ts {
			r, err := tl.run(ctx, "closed", tl.best, c.dur)
			if err != nil {
				return nil, err
			}
			*cmds = append(*cmds, r.Cmd)
			rates[i] = append(rates[i], r.Rate)
			row = append(row, f0(r.Rate), f2(r.P99), strconv.FormatInt(r.Failed, 10))
		}
		rows = append(rows, row)
	}
	med := map[string]float64{}
	header, last := []string{"round"}, []string{"**median**"}
	var bests []string
	for i, tl := range ts {
		med[tl.name] = median(rates[i])
		header = append(header, tl.name+" req/s", tl.name+" p99 ms", tl.name+" failed")
		last = append(last, f0(med[tl.name]), "", "")
		bests = append(bests, fmt.Sprintf("%s %s %d", tl.name, closedKnob(tl.name), tl.best))
	}
	rows = append(rows, last)
	rep.printf("Rounds of %s at each tool's best (%s), the tools in turn, a fresh event per request for disload:\n\n", c.dur, strings.Join(bests, ", "))
	rep.table(header, rows)
	return med, nil
}

// closedKnob names a tool's concurrency setting.
func closedKnob(tool string) string {
	if tool == "vegeta" {
		return "-workers"
	}
	return "-c"
}
