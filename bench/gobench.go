package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// goBenchmarks runs the Go benchmarks that compare disload's parts with the
// plain way: the function target against a bare net/rpc loop, the
// generator and the event encoder against encoding/json.
func goBenchmarks(ctx context.Context, c config, t *tools, rep *report) error {
	rep.section("Go benchmarks")
	fn, fnCmd, err := goTest(ctx, c, t, "function", "PoolNoop|BareRPC", "./internal/target/function")
	if err != nil {
		return err
	}
	var rows [][]string
	for _, g := range []string{"g=1", "g=8"} {
		pool, bare := medianOf(fn, "BenchmarkPoolNoop/"+g, "ns/op"), medianOf(fn, "BenchmarkBareRPC/"+g, "ns/op")
		rows = append(rows, []string{g, f0(pool), f0(bare), f2(ratio(pool, bare))})
	}
	rep.printf("Function target (Pool.Invoke, supervised instance) against a bare net/rpc client on the same no-op function binary, medians:\n\n")
	rep.table([]string{"goroutines", "Pool ns/op", "bare net/rpc ns/op", "Pool / bare"}, rows)
	rep.commands([]string{fnCmd})

	gen, genCmd, err := goTest(ctx, c, t, "generator", ".", "./internal/generator")
	if err != nil {
		return err
	}
	rows = nil
	for _, k := range []string{"Click", "Transaction", "Log", "Location", "Custom", "MixedParallel", "ClickEncodingJSON"} {
		name := "Benchmark" + k
		rows = append(rows, []string{k, f0(medianOf(gen, name, "records/s")), f1(medianOf(gen, name, "MB/s")),
			f0(medianOf(gen, name, "allocs/op"))})
	}
	click, std := medianOf(gen, "BenchmarkClick", "records/s"), medianOf(gen, "BenchmarkClickEncodingJSON", "records/s")
	rep.printf("Generator, records/s per kind (one core, 100-record events; MixedParallel on every core), medians; ClickEncodingJSON makes the same click events with encoding/json:\n\n")
	rep.table([]string{"kind", "records/s", "event MB/s", "allocs/op"}, rows)
	rep.verdict(click >= 1e6, "click records/s on one core: %s (bar: 1,000,000); %.2f× encoding/json", f0(click), ratio(click, std))
	rep.commands([]string{genCmd})

	d, dCmd, err := goTest(ctx, c, t, "dis", "AppendEvent100|JSONMarshal100|Base64", "./dis")
	if err != nil {
		return err
	}
	rows = nil
	for _, b := range d {
		if _, ok := b.Values["MB/s"]; ok && !seenName(rows, b.Name) {
			rows = append(rows, []string{strings.TrimPrefix(b.Name, "Benchmark"), f0(medianOf(d, b.Name, "ns/op")), f1(medianOf(d, b.Name, "MB/s"))})
		}
	}
	rep.printf("Event encoder and base64 (dis), medians:\n\n")
	rep.table([]string{"benchmark", "ns/op", "MB/s"}, rows)
	rep.commands([]string{dCmd})
	return nil
}

func seenName(rows [][]string, name string) bool {
	for _, r := range rows {
		if "Benchmark"+r[0] == name {
			return true
		}
	}
	return false
}

// goTest runs `go test -bench` on a package, keeps its output and benchstat's
// summary of it under OUT, and returns the parsed results and the command.
func goTest(ctx context.Context, c config, t *tools, name, pattern, pkg string) ([]goBench, string, error) {
	args := []string{"test", "-run", "^$", "-bench", pattern, "-benchmem", "-count", fmt.Sprint(c.goCount), "-benchtime", c.goTime, pkg}
	out, err := exec.CommandContext(ctx, "go", args...).CombinedOutput()
	raw := filepath.Join(c.out, "go-"+name+".txt")
	if werr := os.WriteFile(raw, out, 0o644); werr != nil {
		return nil, "", werr
	}
	if err != nil {
		return nil, "", fmt.Errorf("go %s: %w (see %s)", strings.Join(args, " "), err, raw)
	}
	stat, err := exec.CommandContext(ctx, filepath.Join(c.bin, "benchstat"), raw).CombinedOutput()
	if err != nil {
		return nil, "", fmt.Errorf("benchstat %s: %w: %s", raw, err, stat)
	}
	if err := os.WriteFile(filepath.Join(c.out, "go-"+name+".benchstat.txt"), stat, 0o644); err != nil {
		return nil, "", err
	}
	cmd := "go " + strings.Join(quote(args), " ") + " > $OUT/go-" + name + ".txt && $BIN/benchstat $OUT/go-" + name + ".txt"
	return parseGoBench(bytes.NewReader(out)), cmd, nil
}

// quote single-quotes the arguments a shell would split or expand.
func quote(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, "^$|*? ") {
			a = "'" + a + "'"
		}
		out[i] = a
	}
	return out
}

// machine describes the CPU.
func machine() string {
	data, _ := os.ReadFile("/proc/cpuinfo")
	model := "unknown CPU"
	for line := range strings.Lines(string(data)) {
		if v, ok := strings.CutPrefix(line, "model name"); ok {
			model = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
			break
		}
	}
	return fmt.Sprintf("%s, %d CPUs", model, runtime.NumCPU())
}

// goVersion is the Go version of the toolchain.
func goVersion() string { return runtime.Version() }
