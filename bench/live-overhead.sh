#!/usr/bin/env bash
# CPU per event of disload at 20,000 events/s (inproc:noop, 10 s runs), with
# and without live metrics, rounds alternating; a real Prometheus (Debian's
# package) scrapes 127.0.0.1:19470 every second in both cases, so both pay
# for the same background. Prints one line per run: mode, events, µs of
# CPU (user + sys, /usr/bin/time) per event, load average.
#
#   bench/live-overhead.sh            # 6 rounds
#   ROUNDS=2 bench/live-overhead.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-$(mktemp -d /tmp/disload-live-overhead.XXXXXX)}
go build -o "$OUT/disload" ./cmd/disload
cat >"$OUT/prom.yml" <<'YML'
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: disload
    scrape_interval: 1s
    static_configs:
      - targets: ["127.0.0.1:19470"]
YML
prometheus --config.file="$OUT/prom.yml" --storage.tsdb.path="$OUT/data" \
  --web.listen-address=127.0.0.1:19471 >"$OUT/prom.log" 2>&1 &
PROM=$!
trap 'kill $PROM' EXIT
sleep 2
for _ in $(seq "${ROUNDS:-6}"); do
  for mode in off on; do
    extra=()
    [ "$mode" = on ] && extra=(--metrics-addr 127.0.0.1:19470 --metrics-linger 0s)
    /usr/bin/time -f "%U %S" -o "$OUT/t.txt" "$OUT/disload" run default -t inproc:noop -r 20000/s -d 10s \
      --no-progress -o "$OUT/out-$mode" "${extra[@]}" >/dev/null 2>&1
    sent=$(python3 -c "import json;print(json.load(open('$OUT/out-$mode/summary.json'))['events']['sent'])")
    read -r u s <"$OUT/t.txt"
    python3 -c "print('$mode', $sent, '%.3f' % (($u+$s)/$sent*1e6), 'us/event', 'load', open('/proc/loadavg').read().split()[0])"
  done
done
