#!/usr/bin/env bash
# Coverage-guided fuzzing of every cargo-fuzz target in fuzz/ (libFuzzer,
# nightly toolchain, AddressSanitizer; release with debug assertions and
# overflow checks, cargo-fuzz's default):
#
#   bash scripts/fuzz.sh                 # 10 s per target
#   bash scripts/fuzz.sh 5               # CI (scripts/test.d/70-fuzz.sh)
#   bash scripts/fuzz.sh 3600 validate_bytes   # one target, an hour
#   FUZZ_RUNS=10000000 bash scripts/fuzz.sh 0 bundle_load   # a number of executions instead
#   FUZZ_SANITIZER=none bash scripts/fuzz.sh 3600 parse_check  # without ASan (the long runs)
#   FUZZ_ARGS="-max_len=4096" bash scripts/fuzz.sh 60 parse_check  # more libFuzzer flags
#
# | target | input |
# |---|---|
# | parse_check | one .form file: parse, check, lower |
# | validate_bytes | any bytes as a submission to every form |
# | validate_structured | a case's submission with values replaced, removed or doubled |
# | bundle_load | a compiled bundle (the loader of --bundle and reload; then validation) |
# | dates | a typed date, year-month or date-time (和暦, ISO, RFC 3339) |
# | http | the bytes a client sends on one connection (gate, hyper, router) |
#
# Seeds come from the repository each run (fuzz/seeds/, not committed): the
# forms and fixtures, every case's submission, bundles compiled from the
# valid fixtures and from each form (JSON and binary), dates and raw HTTP
# requests. What a run finds is kept in fuzz/corpus/<target>/ (not
# committed); a crash is written to fuzz/artifacts/<target>/ and fails the
# script once every target has run.
# Bounded: each target stops after SECONDS (or FUZZ_RUNS executions), on one
# core. FUZZ_SANITIZER=none builds without AddressSanitizer (about twice the
# executions a second; the crates under test forbid `unsafe`) into
# fuzz/target-none/, beside the ASan build in fuzz/target/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

SECONDS_PER_TARGET="${1:-10}"
shift || true
ALL=(parse_check validate_bytes validate_structured bundle_load dates http)
TARGETS=("${@:-${ALL[@]}}")
[ "$#" -gt 0 ] || TARGETS=("${ALL[@]}")

command -v cargo-fuzz >/dev/null 2>&1 || { echo "cargo-fuzz is missing: bash scripts/setup.d/60-fuzz.sh"; exit 1; }

SANITIZER="${FUZZ_SANITIZER:-address}"
BUILD=(-s "$SANITIZER")
[ "$SANITIZER" = address ] || BUILD+=(--target-dir "$PWD/fuzz/target-$SANITIZER")

echo "==> building the fuzz targets (nightly, sanitizer: $SANITIZER)"
cargo build -q -p shinsei-cli
SHINSEI="${CARGO_TARGET_DIR:-target}/debug/shinsei"
cargo +nightly fuzz build "${BUILD[@]}"

echo "==> seeds"
rm -rf fuzz/seeds
mkdir -p fuzz/seeds
python3 - "$SHINSEI" <<'PY'
import glob, json, os, random, subprocess, sys, tempfile
shinsei = sys.argv[1]
def put(target, name, data):
    d = os.path.join("fuzz/seeds", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
forms = sorted(glob.glob("forms/**/*.form", recursive=True) + glob.glob("tests/fixtures/**/*.form", recursive=True))
for i, f in enumerate(forms):
    put("parse_check", f"{i:04}", open(f, "rb").read())
cases = sorted(glob.glob("forms/*/cases/*.json"))
for i, f in enumerate(cases):
    put("validate_bytes", f"{i:04}", json.dumps(json.load(open(f))["submission"], ensure_ascii=False))
rng = random.Random(20261206)
for i in range(32):
    put("validate_structured", f"{i:04}", bytes(rng.randrange(256) for _ in range(rng.randrange(8, 200))))
# Bundles in both forms (JSON and --binary): each valid fixture that
# compiles on its own, and each form of forms/ in its own bundle (--only).
with tempfile.TemporaryDirectory() as tmp:
    sources = [(f"fixture{i:03}", ["--forms", f]) for i, f in enumerate(sorted(glob.glob("tests/fixtures/valid/*.form")))]
    form_ids = sorted(os.path.basename(os.path.dirname(f)) for f in glob.glob("forms/*/*.form")
                      if not f.startswith("forms/shared/"))
    sources += [(form_id, ["--forms", "forms", "--only", form_id]) for form_id in sorted(set(form_ids))]
    for name, args in sources:
        for kind, extra in (("json", []), ("bin", ["--binary"])):
            out = os.path.join(tmp, f"{name}.{kind}")
            if subprocess.run([shinsei, "compile", *args, *extra, "-o", out], capture_output=True).returncode == 0:
                put("bundle_load", f"{name}.{kind}", open(out, "rb").read())
dates = ["2026-01-05", "2026/1/5", "2026年1月5日", "令和7年12月2日", "令和元年5月1日", "R7.12.2", "R7/12/2",
         "h31.4.30", "Ｒ７．１２．２", " 平成31年4月 ", "2026-01", "令和8年1月", "0000-01-01", "明治5年12月3日",
         "明治6年1月1日", "M45.7.30", "2023-02-29", "2024-02-29", "2026-03-02T10:00:00+09:00",
         "2017-01-01T08:59:60+09:00", "2016-12-31T23:59:60Z", "2026-03-02T10:00:60+09:00"]
for i, s in enumerate(dates):
    put("dates", f"{i:04}", s)
body = json.dumps(json.load(open("forms/shobyo_teate/cases/valid_insured_first_claim.json"))["submission"], ensure_ascii=False).encode()
requests = [
    b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /v1/forms HTTP/1.0\r\nHost: x\r\n\r\n",
    b"GET /v1/forms HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, br\r\n\r\nGET /v1/forms/shobyo_teate HTTP/1.1\r\nHost: x\r\nIf-None-Match: W/\"x\"\r\n\r\n",
    b"POST /v1/forms/shobyo_teate/validate?dry_run=true&now=2026-03-02T10:00:00%2B09:00 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body,
    b"POST /v1/forms/shobyo_teate/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n2\r\n1}\r\n0\r\n\r\n",
    b"POST /v1/forms/shobyo_teate/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\n\x1f\x8b\x08\x00",
    b"GET /v1/forms?a=1&a=2 HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n",
    b"OPTIONS /v1/forms HTTP/1.1\r\nHost: x\r\nOrigin: https://portal.example\r\nAccess-Control-Request-Method: POST\r\n\r\n",
    b"POST /admin/reload HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
]
for i, r in enumerate(requests):
    put("http", f"{i:04}", r)
PY

STATUS=0
SUMMARY=()
for t in "${TARGETS[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/seeds/$t"
  echo "==> $t"
  args=(-timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
  if [ -n "${FUZZ_RUNS:-}" ]; then args+=(-runs="$FUZZ_RUNS"); else args+=(-max_total_time="$SECONDS_PER_TARGET"); fi
  # shellcheck disable=SC2206 # FUZZ_ARGS is a list of flags
  args+=(${FUZZ_ARGS:-})
  log="fuzz/corpus/$t.log"
  if cargo +nightly fuzz run "${BUILD[@]}" "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- "${args[@]}" >"$log" 2>&1; then
    result=ok
  else
    result=CRASH
    STATUS=1
    grep -E "panicked|ERROR|SUMMARY|Test unit written" "$log" | head -8 || true
  fi
  runs="$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | awk '{print $2}' | tail -1 || true)"
  secs="$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | awk '{print $5}' | tail -1 || true)"
  SUMMARY+=("$(printf '%-20s %-6s %12s executions %6s s' "$t" "$result" "${runs:-?}" "${secs:-?}")")
done
echo "==> summary"
printf '%s\n' "${SUMMARY[@]}"
exit "$STATUS"
