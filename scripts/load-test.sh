#!/usr/bin/env bash
# Load test of POST /v1/forms/{id}/validate on loopback — not part of CI.
#
#   bash scripts/load-test.sh              # 10 s per run, 16 connections
#   LOAD_SECONDS=3 LOAD_CONNECTIONS=64 bash scripts/load-test.sh
#   LOAD_BASELINE=../old/target/release/shinsei bash scripts/load-test.sh   # side by side
#
# Starts the release `shinsei serve` on 127.0.0.1 (2 worker threads), sends the
# typical submission (forms/shobyo_teate/cases/valid_insured_first_claim.json,
# a dry run at its `now`, so the verdict is the full valid path) with wrk, and
# prints requests/s and latency percentiles, first with the default access log
# (one JSON line per request) and then with SHINSEI_LOG=warn.
#
# Why wrk: a small C event loop from Debian (apt-get install wrk) that costs the
# 2 shared cores less per request than a client written in Rust would, and
# prints p50/p90/p99 with --latency. Caveat: wrk measures from when it sends,
# so under saturation (closed loop) its tail latencies understate what an open
# stream of arrivals would see (coordinated omission).
#
# With LOAD_BASELINE set to another build of `shinsei`, each run is made with
# both binaries alternately (baseline, this one, baseline, this one) and the
# ratios of requests/s and of server CPU per request are printed: on a shared
# machine only figures from the same run compare.
#
# Bounded: loopback only, a fixed duration per run, the server stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

SECONDS_PER_RUN="${LOAD_SECONDS:-10}"
CONNECTIONS="${LOAD_CONNECTIONS:-16}"
WORKERS="${LOAD_WORKERS:-2}"
PORT="${LOAD_PORT:-18181}"
ADDR="127.0.0.1:$PORT"
TARGET="${CARGO_TARGET_DIR:-target}"

if ! command -v wrk >/dev/null 2>&1; then
  echo "==> installing wrk (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
fi

echo "==> building the release binary"
cargo build --release -q -p shinsei-cli
BIN="$TARGET/release/shinsei"

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The envelope of the typical case, and wrk's request script.
python3 - "$WORK/body.json" <<'EOF'
import json, sys
case = json.load(open("forms/shobyo_teate/cases/valid_insured_first_claim.json"))
open(sys.argv[1], "w").write(json.dumps(case["submission"], ensure_ascii=False))
EOF
cat > "$WORK/validate.lua" <<EOF
local f = io.open("$WORK/body.json", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
-- Count any answer that is not a 200 with a valid verdict as an error.
local bad = 0
response = function(status, headers, body)
  if status ~= 200 or not string.find(body, '"valid":true', 1, true) then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("non-200-or-invalid: %d (socket errors: connect %d, read %d, write %d, timeout %d)\n",
    bad, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("p%-5s %8.3f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("requests/s: %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("requests: %d\n", summary.requests))
end
EOF
URL="http://$ADDR/v1/forms/shobyo_teate/validate?dry_run=true&now=2026-03-02T10:00:00%2B09:00"

SUMMARY="$WORK/summary.txt"
run() { # $1 = SHINSEI_LOG level, $2 = binary (default: this checkout's), $3 = label
  local bin="${2:-$BIN}" label="${3:-this}"
  SHINSEI_LOG="$1" "$bin" serve --forms forms --addr "$ADDR" --workers "$WORKERS" > "$WORK/server-$1.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 100); do
    curl -fs "http://$ADDR/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fs -X POST -H 'content-type: application/json' --data-binary "@$WORK/body.json" "$URL" | grep -q '"valid":true' \
    || { echo "the typical submission is not valid"; exit 1; }
  echo
  echo "==> $label, SHINSEI_LOG=$1: wrk -t1 -c$CONNECTIONS -d${SECONDS_PER_RUN}s (server: $WORKERS workers; $(nproc) cores shared with wrk; load average before: $(cut -d' ' -f1 /proc/loadavg))"
  # CPU time of the server (from /proc) and of wrk (bash `times` in a
  # subshell), so that the figures can be read per request whatever else the
  # machine is doing.
  local t0 t1
  t0="$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")"
  ( wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "$WORK/validate.lua" "$URL" > "$WORK/wrk.txt"; times > "$WORK/times.txt" )
  t1="$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")"
  grep -E "non-200|^p[0-9]|requests/s" "$WORK/wrk.txt"
  local n wrk_cpu
  n="$(awk '/^requests:/ {print $2}' "$WORK/wrk.txt")"
  # Second line of `times`: children's user and system time, e.g. "0m1.234s 0m2.345s".
  wrk_cpu="$(sed -n 2p "$WORK/times.txt" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); print u[1]*60 + u[2] + s[1]*60 + s[2] }')"
  awk -v n="$n" -v st="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" -v w="$wrk_cpu" -v cores="$(nproc)" 'BEGIN {
    server = st / hz * 1e6 / n; client = w * 1e6 / n
    printf "CPU per request: server %.1f us, wrk %.1f us -> %d cores to themselves would serve ~%.0f req/s (server alone: ~%.0f req/s)\n",
      server, client, cores, cores * 1e6 / (server + client), cores * 1e6 / server
  }'
  awk -v n="$n" -v st="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" -v label="$label" -v lvl="$1" \
      -v rps="$(awk '/^requests\/s:/ {print $2}' "$WORK/wrk.txt")" \
      -v p99="$(awk '/^p99 / {print $2}' "$WORK/wrk.txt")" \
      'BEGIN { printf "%s %s %s %s %.2f\n", label, lvl, rps, p99, st / hz * 1e6 / n }' >> "$SUMMARY"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  echo "access log lines written: $(wc -l < "$WORK/server-$1.log")"
}

if [ -z "${LOAD_BASELINE:-}" ]; then
  run info
  run warn
else
  for round in 1 2; do
    for log in info warn; do
      run "$log" "$LOAD_BASELINE" baseline
      run "$log" "$BIN" this
    done
  done
  echo
  echo "==> side by side (medians of the runs; server CPU per request in µs)"
  python3 - "$SUMMARY" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
for log in ("info", "warn"):
    fig = {}
    for label in ("baseline", "this"):
        rs = [r for r in rows if r[0] == label and r[1] == log]
        fig[label] = (statistics.median(float(r[2]) for r in rs),
                      statistics.median(float(r[3]) for r in rs),
                      statistics.median(float(r[4]) for r in rs))
        print(f"SHINSEI_LOG={log:4} {label:8} {fig[label][0]:9.0f} req/s  p99 {fig[label][1]:6.2f} ms  server CPU {fig[label][2]:6.1f} µs/request")
    b, t = fig["baseline"], fig["this"]
    print(f"SHINSEI_LOG={log:4} this / baseline: {t[0] / b[0]:.2f}x req/s, {t[2] / b[2]:.2f}x server CPU per request")
PY
fi
