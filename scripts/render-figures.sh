#!/usr/bin/env bash
# What a document costs the service — not part of CI. One connection, one
# request at a time, RENDER_SECONDS each (default 5), against the release
# `shinsei serve` on loopback, in the same run:
#   validate            POST /v1/forms/shobyo_teate/validate (the peer)
#   render HTML         POST /v1/forms/shobyo_teate/render
#   render PDF          the same with Accept: application/pdf
#   notice HTML         POST …/render?returned=true on an invalid case
# with the typical submission (valid_insured_first_claim), and prints
# requests/s and latency percentiles (wrk --latency). Ratios against validate
# are what compare on a shared machine. Bounded: loopback, a fixed duration
# per run, the server stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

SECS="${RENDER_SECONDS:-5}"
PORT="${RENDER_PORT:-18391}"
BIN="${SHINSEI_BIN:-${CARGO_TARGET_DIR:-target}/release/shinsei}"
command -v wrk >/dev/null || { echo "render-figures: needs wrk (apt-get install wrk)" >&2; exit 2; }
[ -n "${SHINSEI_BIN:-}" ] || cargo build --release -q -p shinsei-cli

if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
  echo "render-figures: 127.0.0.1:$PORT is in use; set RENDER_PORT" >&2
  exit 2
fi
tmp="$(mktemp -d)"
SHINSEI_LOG=warn "$BIN" serve --forms forms/ --addr "127.0.0.1:$PORT" --workers 2 >/dev/null 2>"$tmp/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
kill -0 "$server" 2>/dev/null || { cat "$tmp/serve.log" >&2; exit 1; }

python3 - "$tmp" <<'EOF'
import json, sys
tmp = sys.argv[1]
def body(path):
    return json.dumps(json.load(open(path))["submission"], ensure_ascii=False)
valid = body("forms/shobyo_teate/cases/valid_insured_first_claim.json")
invalid = body("forms/shobyo_teate/cases/invalid_continuation_one_year.json")
for name, text, accept in [("valid", valid, "text/html"), ("pdf", valid, "application/pdf"), ("invalid", invalid, "text/html")]:
    lua = ('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
           f'wrk.headers["Accept"] = "{accept}"\nwrk.body = {json.dumps(text, ensure_ascii=False)}\n'
           # The first answer that is not 200, to say why.
           'shown = false\nfunction response(status, headers, body)\n'
           '  if status ~= 200 and not shown then shown = true; io.stderr:write(status, " ", body:sub(1, 300), "\\n") end\nend\n')
    open(f"{tmp}/{name}.lua", "w").write(lua)
EOF

now='now=2026-03-02T10:00:00%2B09:00'
base="http://127.0.0.1:$PORT/v1/forms/shobyo_teate"
run() { # name script url
  local out
  out="$(wrk -t1 -c1 -d"${SECS}s" --latency -s "$tmp/$2.lua" "$3")"
  printf '%-14s %8s req/s  p50 %8s  p99 %8s\n' "$1" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1 == "50%" {print $2}' <<<"$out")" \
    "$(awk '$1 == "99%" {print $2}' <<<"$out")"
  grep -q "Non-2xx" <<<"$out" && { echo "render-figures: $1 answered errors" >&2; exit 1; } || true
}
echo "render-figures: $(git rev-parse --short HEAD), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), ${SECS} s each, 1 connection"
run validate valid "$base/validate?dry_run=true&$now"
run "render HTML" valid "$base/render?$now"
run "render PDF" pdf "$base/render?$now"
run "notice HTML" invalid "$base/render?returned=true"  # at its submitted_at
