#!/usr/bin/env bash
# End-to-end smoke test of `shinsei serve` as a process (the cargo tests cover
# the service in depth): start it on the forms, validate the typical case with
# curl as docs/server.md does, fetch a static page and the API as a browser
# would (gzip/brotli, ETag and 304, Cache-Control, a CORS preflight), reload by
# SIGHUP (a changed form is served, a broken one is refused and the old bundle
# stays), then stop it with SIGTERM.
# Loopback only, bounded waits.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"

command -v curl >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q curl >/dev/null; }

cargo build -q -p shinsei-cli
BIN="${CARGO_TARGET_DIR:-target}/debug/shinsei"

WORK="$(mktemp -d)"
PID=""
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
cp -r forms "$WORK/forms"
LOG="$WORK/server.log"

passed=0
ok() { passed=$((passed + 1)); echo "ok: $*"; }
fail() { echo "FAILED: $*"; echo "--- server log"; cat "$LOG"; echo "0 passed, 1 failed"; exit 1; }
wait_for() { # $1 = pattern in the log
  for _ in $(seq 300); do grep -q "$1" "$LOG" && return 0; sleep 0.1; done
  fail "no log line matching $1"
}

# A static site like the portal's build: a page and a content-hashed asset.
mkdir -p "$WORK/site/assets"
echo '<!doctype html><title>portal</title>' > "$WORK/site/index.html"
for i in $(seq 300); do echo "export const f$i = \"/fields/leave/$i/from\";"; done > "$WORK/site/assets/app-Bq3xY9aZ.js"
PORTAL=http://localhost:5173

code="$(timeout 20 "$BIN" serve --forms "$WORK/forms" --addr 127.0.0.1:0 --cors-origin "$PORTAL/" > "$WORK/usage.txt" 2>&1 || echo $?)"
[ "$code" = 2 ] && grep -q "write $PORTAL" "$WORK/usage.txt" || { cat "$WORK/usage.txt"; fail "--cors-origin with a path: exit $code"; }
ok "--cors-origin with a trailing slash: usage error that says what to write"

echo 'not a font' > "$WORK/not-a-font.ttf"
code="$(timeout 20 "$BIN" serve --forms "$WORK/forms" --addr 127.0.0.1:0 --font "$WORK/not-a-font.ttf" > "$WORK/usage.txt" 2>&1 || echo $?)"
[ "$code" = 2 ] && grep -q -- "--font .*not-a-font.ttf" "$WORK/usage.txt" || { cat "$WORK/usage.txt"; fail "--font with a file that is no font: exit $code"; }
ok "--font with a file that is no font: usage error at start, not at the first PDF"
# The PDFs below are written in the font given: one that setup installs.
FONT=""
for f in /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf /usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf; do
  [ -f "$f" ] && { FONT="$f"; break; }
done
[ -n "$FONT" ] || fail "no Japanese font installed (scripts/setup.d/40-fonts.sh)"

"$BIN" serve --forms "$WORK/forms" --addr 127.0.0.1:0 --static "$WORK/site" --cors-origin "$PORTAL" --font "$FONT#0" > "$LOG" 2>&1 &
PID=$!
wait_for '"message":"listening"'
ADDR="$(grep -o '"addr":"127.0.0.1:[0-9]*"' "$LOG" | head -1 | cut -d'"' -f4)"
BASE="http://$ADDR"
ok "listening on $ADDR"

python3 -c "import json; print(json.dumps(json.load(open('forms/shobyo_teate/cases/valid_insured_first_claim.json'))['submission'], ensure_ascii=False))" > "$WORK/envelope.json"
validate() {
  curl -s -X POST "$BASE/v1/forms/shobyo_teate/validate?dry_run=true&now=2026-03-02T10:00:00%2B09:00" \
    -H 'content-type: application/json' --data-binary "@$WORK/envelope.json"
}
validate | grep -q '"valid":true' || fail "the typical case is not valid over HTTP"
ok "POST validate: valid"

# As a browser: compressed, validated by ETag, kept as long as its name allows.
header() { grep -i "^$1:" | head -1 | cut -d' ' -f2- | tr -d '\r'; }
asset="$BASE/assets/app-Bq3xY9aZ.js"
curl -s -D "$WORK/h" -o "$WORK/body.br" -H 'Accept-Encoding: gzip, deflate, br' "$asset"
[ "$(header content-encoding < "$WORK/h")" = br ] || fail "asset not sent with brotli: $(cat "$WORK/h")"
[ "$(header cache-control < "$WORK/h")" = "public, max-age=31536000, immutable" ] || fail "asset not immutable"
[ "$(stat -c %s "$WORK/body.br")" -lt "$(( $(stat -c %s "$WORK/site/assets/app-Bq3xY9aZ.js") / 5 ))" ] || fail "asset barely compressed"
curl -s --compressed -H 'Accept-Encoding: gzip' -o "$WORK/body" "$asset"
cmp -s "$WORK/body" "$WORK/site/assets/app-Bq3xY9aZ.js" || fail "gzip does not decode to the file"
ok "static asset: brotli or gzip as accepted, immutable"

etag="$(curl -s -D - -o /dev/null "$BASE/" | header etag)"
[ -n "$etag" ] || fail "no ETag on the page"
code="$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$BASE/")"
[ "$code" = 304 ] || fail "If-None-Match answered $code"
etag="$(curl -s -D - -o /dev/null "$BASE/v1/forms/shobyo_teate" | header etag)"
code="$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$BASE/v1/forms/shobyo_teate")"
[ "$code" = 304 ] || fail "If-None-Match on the API answered $code"
ok "ETag and 304 for the page and the API"

curl -s -D "$WORK/h" -o /dev/null -X OPTIONS "$BASE/v1/forms/shobyo_teate/validate" \
  -H "Origin: $PORTAL" -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: content-type'
grep -q '^HTTP/1.1 200' "$WORK/h" || fail "preflight: $(head -1 "$WORK/h")"
[ "$(header access-control-allow-origin < "$WORK/h")" = "$PORTAL" ] || fail "preflight without the origin: $(cat "$WORK/h")"
curl -s -D "$WORK/h" --compressed -o "$WORK/body" -X POST "$BASE/v1/forms/shobyo_teate/validate?dry_run=true&now=2026-03-02T10:00:00%2B09:00" \
  -H "Origin: $PORTAL" -H 'content-type: application/json' --data-binary "@$WORK/envelope.json"
grep -q '"valid":true' "$WORK/body" || fail "cross-origin validate"
[ "$(header access-control-allow-origin < "$WORK/h")" = "$PORTAL" ] || fail "validate without the origin"
[ "$(header cache-control < "$WORK/h")" = no-store ] || fail "a verdict may be stored"
ok "CORS: preflight answered, the portal's origin may read the verdict (never stored)"

curl -s -o "$WORK/render.pdf" -X POST "$BASE/v1/forms/shobyo_teate/render?now=2026-03-02T10:00:00%2B09:00" \
  -H 'accept: application/pdf' -H 'content-type: application/json' --data-binary "@$WORK/envelope.json"
pdftotext "$WORK/render.pdf" - | grep -q '傷病手当金支給申請書（申請書情報）' || fail "render as PDF in the --font font"
ok "POST render with Accept: application/pdf, in the font of --font: pdftotext reads the title"

code="$(curl -s -o /dev/null -w '%{http_code}' -X POST "$BASE/v1/forms/shobyo_teate/validate" -H 'content-type: application/json' -d '{')"
[ "$code" = 400 ] || fail "malformed JSON answered $code"
ok "malformed JSON: 400"

FORM="$WORK/forms/shobyo_teate/shobyo_teate.form"
sed -i '0,/^form shobyo_teate "[^"]*"/s//form shobyo_teate "傷病手当金支給申請書（改）"/' "$FORM"
kill -HUP "$PID"
wait_for '"changed":true'
curl -s "$BASE/v1/forms/shobyo_teate" | grep -q '傷病手当金支給申請書（改）' || fail "the reloaded form is not served"
ok "SIGHUP: the changed form is served"

echo 'form broken {' >> "$FORM"
kill -HUP "$PID"
wait_for 'reload refused'
validate | grep -q '"valid":true' || fail "the old bundle is not served after a refused reload"
curl -s "$BASE/metrics" | grep -q 'shinsei_reloads_total{outcome="refused"} 1' || fail "metrics"
ok "SIGHUP with a broken form: refused, the old bundle stays"

kill -TERM "$PID"
for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$PID" 2>/dev/null; then fail "still running after SIGTERM"; fi
wait "$PID" || fail "exit status $? after SIGTERM"
PID=""
ok "SIGTERM: stopped"
grep -q '協会 太郎\|1989-05-10\|12345678' "$LOG" && fail "personal data in the log"
ok "no personal data in the log"
echo "server smoke: $passed passed, 0 failed"
