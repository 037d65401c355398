#!/usr/bin/env bash
# Peak resident memory of `shinsei serve` per worst-shaped request — not part of CI
# (the allocation bound itself is tested: crates/runtime/tests/memory.rs and
# crates/server/tests/memory.rs). Prints the figure docs/server.md quotes.
#
#   bash scripts/peak-rss.sh                     # the release binary of this checkout
#   bash scripts/peak-rss.sh path/to/old/shinsei # another build, for a before/after
#
# For each shape: starts the server on loopback (1 worker), reads its peak RSS
# (VmHWM) once it answers, sends one 1 MiB body with curl, reads VmHWM again and
# stops the server. Bounded: one request per server, loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

BIN="${1:-}"
if [ -z "$BIN" ]; then
  cargo build --release -q -p shinsei-cli
  BIN="${CARGO_TARGET_DIR:-target}/release/shinsei"
fi
PORT="${RSS_PORT:-18191}"
ADDR="127.0.0.1:$PORT"
URL="http://$ADDR/v1/forms/shobyo_teate/validate?dry_run=true&now=2026-03-02T10:00:00%2B09:00"

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The worst shapes, each just under 1 MiB (the default --max-body).
python3 - "$WORK" <<'EOF'
import sys
work = sys.argv[1]
BODY = 1024 * 1024
head = '{"form":"shobyo_teate","version":"2026.1","submitted_at":"2026-03-02T10:00:00+09:00","applicant":{"role":"insured"},'
def fill(open_, unit, close):
    n = (BODY - len(open_) - len(close) + 1) // (len(unit) + 1)
    return open_ + ",".join([unit] * n) + close
def members(open_, close):
    digits = [chr(c) for c in range(ord('#'), ord('~') + 1) if chr(c) != '\\']
    out, n, size = [], 0, len(open_) + len(close)
    while True:
        k, m = "", n
        while True:
            k += digits[m % len(digits)]; m //= len(digits)
            if m == 0: break
        member = ('' if n == 0 else ',') + '"' + k + '":0'
        if size + len(member) > BODY: break
        out.append(member); size += len(member); n += 1
    return open_ + "".join(out) + close
shapes = {
    "root-array-of-objects": fill("[", "{}", "]"),
    "root-array-of-arrays": fill("[", "[]", "]"),
    "root-array-of-numbers": fill("[", "0", "]"),
    "list-of-objects": fill(head + '"fields":{"leave":[', "{}", "]}}"),
    "attachments-of-objects": fill(head + '"attachments":[', "{}", "]}"),
    "unknown-fields": members(head + '"fields":{', "}}"),
    "object-of-distinct-keys": members(head + '"x":{', "}}"),
}
for name, body in shapes.items():
    assert len(body) <= BODY, name
    open(f"{work}/{name}.json", "w").write(body)
EOF

hwm() { awk '/^VmHWM/ { print $2 }' "/proc/$1/status"; }

printf '%-26s %10s %10s %10s %s\n' shape "before KB" "after KB" "+KB" status
for body in "$WORK"/*.json; do
  name="$(basename "$body" .json)"
  SHINSEI_LOG=warn "$BIN" serve --forms forms --addr "$ADDR" --workers 1 > "$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "http://$ADDR/healthz" >/dev/null 2>&1 && break; sleep 0.05; done
  before="$(hwm "$SERVER_PID")"
  status="$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' --data-binary @"$body" "$URL")"
  after="$(hwm "$SERVER_PID")"
  printf '%-26s %10s %10s %10s %s\n' "$name" "$before" "$after" "$((after - before))" "$status"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
done
