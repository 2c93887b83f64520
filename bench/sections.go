package main

import (
	"context"
	"fmt"
	"strconv"
)

// closedLoop: each tool as fast as it goes. A short sweep finds each
// tool's best concurrency, then rounds alternate the tools at it.
func closedLoop(ctx context.Context, c config, t *tools, rep *report) error {
	rep.section("Closed loop: requests/s at the maximum, 1 KB event, Go net/http sink")
	var cmds []string
	var rows [][]string
	bestV, bestD, rateV, rateD := 0, 0, 0.0, 0.0
	for _, n := range c.concurrent {
		v, err := t.vegeta(ctx, "sweep", 0, n, c.sweepDur)
		if err != nil {
			return err
		}
		d, err := t.disload(ctx, "sweep", "--mode", "closed", "-r", "0", "-c", strconv.Itoa(n), "-d", c.sweepDur.String())
		if err != nil {
			return err
		}
		cmds = append(cmds, v.Cmd, d.Cmd)
		rows = append(rows, []string{strconv.Itoa(n), f0(v.Rate), f0(d.Rate)})
		if v.Rate > rateV {
			bestV, rateV = n, v.Rate
		}
		if d.Rate > rateD {
			bestD, rateD = n, d.Rate
		}
	}
	rep.printf("Sweep (%s each): workers → requests/s.\n\n", c.sweepDur)
	rep.table([]string{"workers / -c", "vegeta", "disload"}, rows)
	var vs, ds []float64
	rows = nil
	for i := range c.rounds {
		v, err := t.vegeta(ctx, "closed", 0, bestV, c.dur)
		if err != nil {
			return err
		}
		d, err := t.disload(ctx, "closed", "--mode", "closed", "-r", "0", "-c", strconv.Itoa(bestD), "-d", c.dur.String())
		if err != nil {
			return err
		}
		cmds = append(cmds, v.Cmd, d.Cmd)
		vs, ds = append(vs, v.Rate), append(ds, d.Rate)
		rows = append(rows, []string{strconv.Itoa(i + 1), f0(v.Rate), f2(v.P99), strconv.FormatInt(v.Failed, 10),
			f0(d.Rate), f2(d.P99), strconv.FormatInt(d.Failed, 10)})
	}
	mv, md := median(vs), median(ds)
	t.vegetaMax = mv
	rows = append(rows, []string{"**median**", f0(mv), "", "", f0(md), "", ""})
	rep.printf("Rounds of %s at each tool's best (vegeta %d workers, disload -c %d), a fresh event per request for disload:\n\n", c.dur, bestV, bestD)
	rep.table([]string{"round", "vegeta req/s", "vegeta p99 ms", "vegeta failed", "disload req/s", "disload p99 ms", "disload failed"}, rows)
	rep.verdict(md >= mv, "disload / vegeta = %.2f× (bar: at least 1.0×)", ratio(md, mv))
	rep.commands(cmds)
	return nil
}

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
// disload runs also give the open-loop accuracy and latency.
func pacedAt(ctx context.Context, c config, t *tools, rep *report, rate float64) error {
	rep.section(fmt.Sprintf("Paced at %s requests/s: CPU per request, open-loop accuracy and latency", f0(rate)))
	var cmds []string
	var rows [][]string
	var vcpu, dcpu, dRate, dP99, dSvc, sinkP99 []float64
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
		for _, r := range []result{v, d} {
			rows = append(rows, []string{strconv.Itoa(i + 1), r.Tool, f0(r.Rate), strconv.FormatInt(r.Requests, 10),
				f2(r.CPU), f2(r.cpuPerRequest()), f2(r.P50), f2(r.P99), svc(r), f1(r.SinkP99), f1(float64(r.MaxRSSKB) / 1024)})
		}
	}
	rep.table([]string{"round", "tool", "achieved/s", "requests", "CPU s", "CPU µs/req", "p50 ms", "p99 ms",
		"service p99 ms", "sink p99 µs", "max RSS MB"}, rows)
	mv, md := median(vcpu), median(dcpu)
	rep.verdict(md <= mv, "CPU per paced request: disload %.2f µs, vegeta %.2f µs: %.2f× (bar: at most 1.0×)", md, mv, ratio(md, mv))
	achieved := median(dRate)
	rep.verdict(achieved >= 0.99*rate && achieved <= 1.01*rate, "open loop achieved %s/s for %s/s asked (%s; bar: within 1%%)", f0(achieved), f0(rate), pct(achieved, rate))
	p99, s99 := median(dP99), median(dSvc)
	rep.verdict(p99 <= 2*s99, "response p99 %.3f ms against service p99 %.3f ms: %.2f× (bar: within 2×); the sink's own p99 %.1f µs",
		p99, s99, ratio(p99, s99), median(sinkP99))
	rep.commands(cmds)
	return nil
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
