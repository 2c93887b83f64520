#!/usr/bin/env bash
# Rerunnable benchmarks of disload against vegeta, net/rpc and encoding/json
# on this machine, against a local Go net/http sink on 127.0.0.1 only.
#
#   bench/run.sh                      # everything (about 15 minutes)
#   bench/run.sh -only closed,cpu     # some sections: closed,cpu,pacing,memory,go
#   QUICK=1 bench/run.sh              # a smoke run: 1 round of 2 s, 20 s memory run
#   bench/run.sh -sink-delay 1ms      # the sink adds 1 ms of service time
#
# The paced section's p99 bar is against the sink's own service p99; to see
# it both at the sink's default and with a service time, run twice:
#
#   OUT=/tmp/disload-bench/d0  bench/run.sh -only cpu,memory
#   OUT=/tmp/disload-bench/d1ms bench/run.sh -only cpu,memory -sink-delay 1ms
#
# (each results.md states the sink delay it used; -out is set from $OUT).
#
# It installs vegeta and benchstat with `go install` into $BIN (default
# /tmp/disload-bench/bin), builds disload, the sink and the bench program,
# and writes $OUT/results.md (default /tmp/disload-bench/<time>/) with every
# figure, the ratios, the load average and the command that made each
# figure; raw outputs stay under $OUT/runs and $OUT/go-*.txt. The closed
# section also runs wrk (the sink's own limit) when it is on PATH; this
# script does not install it (Debian: apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-/tmp/disload-bench/bin}
OUT=${OUT:-/tmp/disload-bench/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$BIN" "$OUT"

echo "== tools into $BIN" >&2
[ -x "$BIN/vegeta" ] || GOBIN="$BIN" go install github.com/tsenart/vegeta/v12@latest
[ -x "$BIN/benchstat" ] || GOBIN="$BIN" go install golang.org/x/perf/cmd/benchstat@latest
command -v wrk >/dev/null ||
  echo "note: wrk not installed (apt-get install wrk): the closed section runs without the sink's own limit" >&2
go build -o "$BIN/disload" ./cmd/disload
# bench/ is a module of its own (its go.mod), built from its folder.
(cd bench && go build -o "$BIN/sink" ./sink && go build -o "$BIN/bench" .)

args=()
if [ -n "${QUICK:-}" ]; then
  args=(-rounds 1 -d 2s -sweep-d 1s -mem-d 20s -go-count 1 -go-benchtime 200ms)
fi
echo "== measuring into $OUT (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
# The bench program stops itself after -timeout (40m); timeout(1) is the
# backstop.
exec timeout --kill-after=30s 45m "$BIN/bench" -bin "$BIN" -out "$OUT" "${args[@]}" "$@"
