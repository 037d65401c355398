#!/usr/bin/env bash
# Soak test of `shinsei serve`: a long, steady load with reloads, watching
# for failed requests and for growth of memory and open file descriptors.
#
#   bash scripts/soak.sh                 # 30 minutes (the figures in docs/reliability.md)
#   bash scripts/soak.sh 30              # a 30 s smoke run (CI)
#   SOAK_PROFILE=debug bash scripts/soak.sh 30   # on the debug build (CI)
#   SHINSEI_BIN=path/to/shinsei bash scripts/soak.sh
#
# 1. Builds `shinsei` (release unless SOAK_PROFILE=debug), starts `shinsei
#    serve` on a copy of forms/ (loopback, 2 workers, access log off) and
#    measures its capacity: wrk at full speed for 5 s (64 connections) on the
#    typical submission (as scripts/load-test.sh).
# 2. Then, for the duration, wrk sends the same request at SOAK_SHARE percent
#    (default 50) of that rate: a schedule per wrk thread hands each request
#    the next free slot, one every threads/rate seconds, and the connection
#    waits for it (wrk's `delay`, from LuaJIT's clock) — a request's own
#    latency does not slow the rate down, and slots missed while every
#    connection waited (a reload, a busy machine) are caught up, up to one
#    second of them (a token bucket). Meanwhile this script
#    - reloads every SOAK_RELOAD_EVERY s (default 10: `POST /admin/reload`,
#      which must answer 200),
#    - every SOAK_BROKEN_EVERY s (default 60) makes the reload a broken one:
#      a form that does not compile is added first, the reload must be refused
#      (422) with the old bundle still served, and the form is removed again,
#    - samples the server's RSS and open file descriptors every 5 s.
# 3. Passes when no request failed (every answer a 200 with a valid verdict,
#    no socket error), every reload did what it had to, and RSS and open file
#    descriptors grew less than 10 % from the first sample after warm-up (a
#    tenth of the run) to the end (the median of the last three samples),
#    and the rate held (at least 90 % of the one asked for); growth and rate
#    are judged on runs of 5 minutes or more (a 30 s run is mostly the
#    allocator's warm-up), and printed always.
#
# wrk comes from Debian (apt-get install wrk). Bounded: loopback only, the
# server and wrk stopped at the end whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

DURATION="${1:-${SOAK_SECONDS:-1800}}"
RELOAD_EVERY="${SOAK_RELOAD_EVERY:-10}"
BROKEN_EVERY="${SOAK_BROKEN_EVERY:-60}"
CONNECTIONS="${SOAK_CONNECTIONS:-64}"
THREADS=2
SHARE="${SOAK_SHARE:-50}"
# A free loopback port unless one is given: two soaks (or a soak and CI) on
# one machine must not measure each other's server.
PORT="${SOAK_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
ADDR="127.0.0.1:$PORT"
URL="http://$ADDR"
# A dry run at the case's time (as scripts/load-test.sh): the full valid path.
VALIDATE="$URL/v1/forms/shobyo_teate/validate?dry_run=true&now=2026-03-02T10:00:00%2B09:00"

for tool in wrk curl python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q "$tool" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "$tool" >/dev/null; }
  fi
done

PROFILE="${SOAK_PROFILE:-release}"
if [ -z "${SHINSEI_BIN:-}" ]; then
  if [ "$PROFILE" = release ]; then cargo build -q --release -p shinsei-cli; else cargo build -q -p shinsei-cli; fi
  SHINSEI_BIN="${CARGO_TARGET_DIR:-target}/$PROFILE/shinsei"
fi
echo "==> shinsei: $SHINSEI_BIN"

WORK="$(mktemp -d)"
SERVER_PID=""
WRK_PID=""
cleanup() {
  if [ -n "$WRK_PID" ]; then kill "$WRK_PID" 2>/dev/null || true; wait "$WRK_PID" 2>/dev/null || true; fi
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

cp -r forms "$WORK/forms"
python3 - "$WORK/body.json" <<'EOF'
import json, sys
case = json.load(open("forms/shobyo_teate/cases/valid_insured_first_claim.json"))
open(sys.argv[1], "w").write(json.dumps(case["submission"], ensure_ascii=False))
EOF

# wrk's script: the typical submission, at SOAK_RATE requests a second in
# all (0: as fast as it goes). Each thread keeps a schedule of slots, one
# every THREADS/SOAK_RATE seconds, and each request waits for the next free
# one: the rate does not depend on how long a request takes. Slots that
# passed while every connection was waiting for an answer are sent at once,
# up to one second of them (a burst no longer than that). Every answer that
# is not a 200 with a valid verdict counts as failed (counted per thread,
# summed in done()).
cat > "$WORK/soak.lua" <<EOF
local f = io.open("$WORK/body.json", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } soak_timespec;
int clock_gettime(int clock, soak_timespec *out);
]]
local clock = ffi.new("soak_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end
local rate = tonumber(os.getenv("SOAK_RATE") or "0")
local interval = rate > 0 and $THREADS * 1000 / rate or 0
local slot = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 end
function delay()
  if interval == 0 then return 0 end
  local now = now_ms()
  if slot == 0 then slot = now end
  if slot < now - 1000 then slot = now - 1000 end
  local wait = math.max(slot - now, 0)
  slot = slot + interval
  return wait
end
function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"valid":true', 1, true) then bad = bad + 1 end
end
function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do failed = failed + t:get("bad") end
  local e = summary.errors
  io.write(string.format("requests %d\n", summary.requests))
  io.write(string.format("rate %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("failed %d\n", failed))
  io.write(string.format("socket_errors %d\n", e.connect + e.read + e.write + e.timeout))
  io.write(string.format("p50_ms %.2f\np99_ms %.2f\nmax_ms %.2f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
EOF

if curl -fsS "$URL/healthz" >/dev/null 2>&1; then
  echo "FAILED: something already answers on $ADDR (set SOAK_PORT)"; exit 1
fi
SHINSEI_LOG=warn "$SHINSEI_BIN" serve --forms "$WORK/forms" --addr "$ADDR" --workers 2 \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 600); do
  curl -fsS "$URL/healthz" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; echo "FAILED: the server did not start"; exit 1; }
  sleep 0.1
done
sleep 0.2
kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; echo "FAILED: the server exited"; exit 1; }

field() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }

echo "==> capacity: wrk at full speed, 5 s, $CONNECTIONS connections"
SOAK_RATE=0 wrk -t"$THREADS" -c"$CONNECTIONS" -d5s --timeout 5s -s "$WORK/soak.lua" "$VALIDATE" \
  >"$WORK/capacity.txt"
CAPACITY="$(field rate "$WORK/capacity.txt")"
[ "${CAPACITY:-0}" -gt 0 ] || { cat "$WORK/capacity.txt"; echo "FAILED: no capacity measured"; exit 1; }
RATE=$(( CAPACITY * SHARE / 100 ))
echo "capacity: $CAPACITY req/s (failed $(field failed "$WORK/capacity.txt")); soak rate $RATE req/s ($SHARE %)"

echo "==> soak: $DURATION s, reload every $RELOAD_EVERY s, a broken one every $BROKEN_EVERY s"
SOAK_RATE="$RATE" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$WORK/soak.lua" \
  "$VALIDATE" >"$WORK/soak.txt" &
WRK_PID=$!

sample() { # seconds since start, RSS in KiB, open fds
  local rss fds
  rss="$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status")"
  fds="$(find "/proc/$SERVER_PID/fd" -mindepth 1 -maxdepth 1 | wc -l)"
  echo "$1 $rss $fds" >>"$WORK/samples.txt"
}

reload() { # expected status
  local status
  status="$(curl -s -o "$WORK/reload.json" -w '%{http_code}' -X POST "$URL/admin/reload")"
  if [ "$status" != "$1" ]; then
    echo "FAILED: reload answered $status, expected $1: $(cat "$WORK/reload.json")"
    RELOAD_WRONG=$((RELOAD_WRONG + 1))
  fi
}

RELOADS=0
BROKEN=0
RELOAD_WRONG=0
START=$(date +%s)
NEXT_RELOAD=$RELOAD_EVERY
NEXT_BROKEN=$BROKEN_EVERY
NEXT_SAMPLE=0
while kill -0 "$WRK_PID" 2>/dev/null; do
  now=$(( $(date +%s) - START ))
  if [ "$now" -ge "$NEXT_SAMPLE" ]; then
    sample "$now"
    NEXT_SAMPLE=$((NEXT_SAMPLE + 5))
  fi
  if [ "$now" -ge "$NEXT_BROKEN" ] && [ "$now" -lt "$DURATION" ]; then
    mkdir -p "$WORK/forms/zz_broken"
    printf 'form zz_broken "壊れた様式" {\n  version "2026.1"\n  field x: nosuchtype\n' >"$WORK/forms/zz_broken/zz_broken.form"
    reload 422
    rm -rf "$WORK/forms/zz_broken"
    BROKEN=$((BROKEN + 1))
    NEXT_BROKEN=$((NEXT_BROKEN + BROKEN_EVERY))
    NEXT_RELOAD=$((now + RELOAD_EVERY))
  elif [ "$now" -ge "$NEXT_RELOAD" ] && [ "$now" -lt "$DURATION" ]; then
    reload 200
    RELOADS=$((RELOADS + 1))
    NEXT_RELOAD=$((NEXT_RELOAD + RELOAD_EVERY))
  fi
  sleep 0.5
done
wait "$WRK_PID" || true
WRK_PID=""
sample "$(( $(date +%s) - START ))"
kill -0 "$SERVER_PID" 2>/dev/null || { echo "FAILED: the server died"; tail -20 "$WORK/server.log"; exit 1; }

python3 - "$WORK/samples.txt" "$WORK/soak.txt" "$DURATION" "$CAPACITY" "$RELOADS" "$BROKEN" "$RELOAD_WRONG" "$RATE" <<'EOF'
import statistics, sys
samples_file, wrk_file, duration, capacity, reloads, broken, wrong, asked = sys.argv[1:]
samples = [tuple(int(x) for x in line.split()) for line in open(samples_file) if line.strip()]
wrk = dict(line.split(None, 1) for line in open(wrk_file) if len(line.split()) == 2)
warm = [s for s in samples if s[0] >= int(duration) / 10] or samples
base_rss, base_fds = warm[0][1], warm[0][2]
end_rss = statistics.median(s[1] for s in samples[-3:])
end_fds = statistics.median(s[2] for s in samples[-3:])
grow = lambda a, b: (b - a) / a * 100 if a else 0.0
rss_growth, fd_growth = grow(base_rss, end_rss), grow(base_fds, end_fds)
failed = int(wrk.get("failed", "-1")) + int(wrk.get("socket_errors", "-1"))
rate = float(wrk.get("rate", "0"))
held = rate / max(int(asked), 1) * 100
print(f"duration: {duration} s; capacity {capacity} req/s; soak rate {rate:.0f} req/s "
      f"({rate / max(int(capacity), 1) * 100:.0f} % of capacity; {held:.0f} % of the {asked} asked), "
      f"{wrk.get('requests','?').strip()} requests, p50 {wrk.get('p50_ms','?').strip()} ms, "
      f"p99 {wrk.get('p99_ms','?').strip()} ms, max {wrk.get('max_ms','?').strip()} ms")
print(f"failed requests: {wrk.get('failed','?').strip()} (socket errors {wrk.get('socket_errors','?').strip()})")
print(f"reloads: {reloads} accepted, {broken} broken ones refused, {wrong} answered wrongly")
print(f"RSS: {base_rss} KiB after warm-up → {end_rss:.0f} KiB at the end ({rss_growth:+.1f} %), "
      f"peak {max(s[1] for s in samples)} KiB")
print(f"open fds: {base_fds} → {end_fds:.0f} ({fd_growth:+.1f} %)")
# The course of the run, a sample at each tenth: growth that levels off
# (the allocator settling) against growth that goes on (a leak).
tenths = [min(samples, key=lambda s: abs(s[0] - int(duration) * k / 10)) for k in range(11)]
print("RSS KiB by tenth of the run: " + " ".join(str(s[1]) for s in tenths))
print("open fds by tenth of the run: " + " ".join(str(s[2]) for s in tenths))
# Growth and rate are judged on runs of 5 minutes or more: a short (CI) run
# is mostly the allocator's warm-up.
long_run = int(duration) >= 300
flat = rss_growth < 10 and fd_growth < 10 if long_run else True
if not flat:
    print("RSS or open fds grew by 10 % or more")
steady = held >= 90 if long_run else True
if not steady:
    print("the rate asked for was not held")
ok = failed == 0 and int(wrong) == 0 and int(broken) + int(reloads) > 0 and flat and steady
print("soak: ok" if ok else "soak: FAILED")
sys.exit(0 if ok else 1)
EOF
