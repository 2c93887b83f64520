package main

import (
	"context"
	"fmt"
	"strconv"
)

// pacedCPU runs pacedAt for each -paced rate.
func pacedCPU(ctx context.Context, c config, t *tools, rep *report) error {
	for _, p := range c.paced {
		rate, ok := t.pacedRate(p)
		if !ok {
			rep.printf("\n_paced rate %s skipped: vegeta's closed-loop maximum was not measured (section closed)_\n", p)
			continue
		}
		if err := pacedAt(ctx, c, t, rep, rate); err != nil {
			return err
		}
	}
	return nil
}

// pacedAt: both tools at the same paced rate under /usr/bin/time; the
// disload runs also give the open-loop accuracy and latency, against the
// sink's own service time of the same run (the sink is reset before each).
func pacedAt(ctx context.Context, c config, t *tools, rep *report, rate float64) error {
	rep.section(fmt.Sprintf("Paced at %s requests/s: CPU per request, open-loop accuracy and latency", f0(rate)))
	var cmds []string
	var rows [][]string
	var vcpu, dcpu, dRate, dP99, dSvc, sinkP99, overSink []float64
	for i := range c.rounds {
		v, err := t.vegeta(ctx, "paced", rate, c.pacedConc, c.dur)
		if err != nil {
			return err
		}
		d, err := t.disload(ctx, "paced", pacedArgs(c, rate)...)
		if err != nil {
			return err
		}
		cmds = append(cmds, v.Cmd, d.Cmd)
		vcpu, dcpu = append(vcpu, v.cpuPerRequest()), append(dcpu, d.cpuPerRequest())
		dRate, dP99, dSvc = append(dRate, d.Rate), append(dP99, d.P99), append(dSvc, d.SvcP99)
		sinkP99 = append(sinkP99, d.SinkP99)
		if x, ok := d.p99OverSink(); ok {
			overSink = append(overSink, x)
		}
		for _, r := range []result{v, d} {
			rows = append(rows, []string{strconv.Itoa(i + 1), r.Tool, f0(r.Rate), strconv.FormatInt(r.Requests, 10),
				f2(r.CPU), f2(r.cpuPerRequest()), f2(r.P50), f2(r.P99), svc(r), f1(r.SinkP99), overSinkCell(r), f1(float64(r.MaxRSSKB) / 1024)})
		}
	}
	rep.table([]string{"round", "tool", "achieved/s", "requests", "CPU s", "CPU µs/req", "p50 ms", "p99 ms",
		"service p99 ms", "sink p99 µs", "p99 / sink p99", "max RSS MB"}, rows)
	mv, md := median(vcpu), median(dcpu)
	rep.verdict(md <= mv, "CPU per paced request: disload %.2f µs, vegeta %.2f µs: %.2f× (bar: at most 1.0×)", md, mv, ratio(md, mv))
	achieved := median(dRate)
	rep.verdict(achieved >= 0.99*rate && achieved <= 1.01*rate, "open loop achieved %s/s for %s/s asked (%s; bar: within 1%%)", f0(achieved), f0(rate), pct(achieved, rate))
	p99, s99 := median(dP99), median(dSvc)
	rep.verdict(p99 <= 2*s99, "response p99 %.3f ms against service p99 %.3f ms: %.2f× (bar: within 2×); the sink's own p99 %.1f µs",
		p99, s99, ratio(p99, s99), median(sinkP99))
	ok, line := openLoopBar(rate, achieved, overSink)
	rep.met(ok, "%s", line)
	rep.printf("\n\"p99 / sink p99\" is the tool's response p99 over the sink's own in-handler service p99 of the same run (sink -delay %s); "+
		"the bar line takes disload's median over the rounds.\n", c.sinkDelay)
	rep.commands(cmds)
	return nil
}

// p99OverSink is the response p99 over the sink's service p99 of the same
// run; false when the sink recorded none.
func (r result) p99OverSink() (float64, bool) {
	if r.SinkP99 <= 0 {
		return 0, false
	}
	return r.P99 * 1000 / r.SinkP99, true
}

// overSinkCell is p99OverSink for a table, "-" when there is none.
func overSinkCell(r result) string {
	x, ok := r.p99OverSink()
	if !ok {
		return "-"
	}
	return f2(x)
}

// openLoopBar is the open-loop bar at rate: disload's median
// achieved rate within 1% of it and the median of its runs' response p99
// over the sink's service p99 within 2×. No ratio (the sink recorded no
// request) does not meet it.
func openLoopBar(rate, achieved float64, overSink []float64) (bool, string) {
	held := achieved >= 0.99*rate && achieved <= 1.01*rate
	r, ratioText := median(overSink), "no sink figures"
	if len(overSink) > 0 {
		ratioText = fmt.Sprintf("%.2f×", r)
	}
	line := fmt.Sprintf("open loop at %s/s: achieved within 1%% (%s) and response p99 within 2× of the sink's service p99 (%s)",
		f0(rate), pct(achieved, rate), ratioText)
	return held && len(overSink) > 0 && r <= 2, line
}

// pacedArgs are disload's arguments for a paced run.
func pacedArgs(c config, rate float64) []string {
	args := []string{"-r", f0(rate) + "/s", "-d", c.dur.String()}
	if c.pacedConc > 0 {
		args = append(args, "-c", strconv.Itoa(c.pacedConc))
	}
	return args
}

// svc is a result's service p99, or "-" for a tool that does not report it.
func svc(r result) string {
	if r.Tool != "disload" {
		return "-"
	}
	return f2(r.SvcP99)
}

// pacing: achieved against asked rate, both tools.
func pacing(ctx context.Context, c config, t *tools, rep *report) error {
	rep.section("Pacing accuracy: achieved against asked rate")
	var cmds []string
	var rows [][]string
	for _, rate := range c.pacing {
		var vs, ds []float64
		for range c.rounds {
			v, err := t.vegeta(ctx, "pacing-"+f0(rate), rate, 0, c.dur)
			if err != nil {
				return err
			}
			d, err := t.disload(ctx, "pacing-"+f0(rate), "-r", f0(rate)+"/s", "-d", c.dur.String())
			if err != nil {
				return err
			}
			cmds = append(cmds, v.Cmd, d.Cmd)
			vs, ds = append(vs, v.Rate), append(ds, d.Rate)
		}
		mv, md := median(vs), median(ds)
		rows = append(rows, []string{f0(rate), f1(md), pct(md, rate), f1(mv), pct(mv, rate)})
	}
	rep.printf("Medians of %d runs of %s each.\n\n", c.rounds, c.dur)
	rep.table([]string{"asked/s", "disload achieved/s", "disload error", "vegeta achieved/s", "vegeta error"}, rows)
	rep.commands(cmds)
	return nil
}
