#!/usr/bin/env bash
# `shinsei render`: the entered contents (申請書情報のイメージ) of a valid case
# of every form as HTML and PDF, and the 返戻理由のお知らせ of an invalid case.
# Each PDF's text is read back with pdftotext (the title and a Japanese
# label must be there) and its first page drawn with pdftoppm must not be
# blank (png_check.py).
set -euo pipefail
cd "$(dirname "$0")/../.."

out=out/render
rm -rf "$out"
mkdir -p "$out"
cargo build -q -p shinsei-cli
shinsei="${CARGO_TARGET_DIR:-$PWD/target}/debug/shinsei"

check_pdf() { # check_pdf FILE.pdf TEXT...
  local pdf="$1"
  shift
  local text
  # Lines joined: a long title wraps.
  text="$(pdftotext -enc UTF-8 "$pdf" - | tr -d '\n')"
  for want in "$@"; do
    grep -qF -- "$want" <<<"$text" || { echo "$pdf: no \"$want\" in its text" >&2; exit 1; }
  done
  # The top of the first page (a notice with one reason is mostly margin).
  pdftoppm -r 50 -png -f 1 -l 1 -x 0 -y 0 -W 414 -H 400 "$pdf" "${pdf%.pdf}"
  python3 scripts/test.d/png_check.py "${pdf%.pdf}"-1.png
}

n=0
for dir in forms/*/; do
  id="$(basename "$dir")"
  [ -d "$dir/cases" ] || continue
  case_file="$(ls "$dir"/cases/valid*.json 2>/dev/null | head -n 1)"
  [ -n "$case_file" ] || { echo "$id: no valid case" >&2; exit 1; }
  "$shinsei" render "$case_file" -o "$out/$id.html"
  grep -q '<html lang="ja">' "$out/$id.html"
  "$shinsei" render --pdf "$case_file" -o "$out/$id.pdf"
  title="$(grep -o '<h1>[^<]*</h1>' "$out/$id.html" | head -n 1 | sed 's/<[^>]*>//g')"
  check_pdf "$out/$id.pdf" "$title" "申請書情報" "様式 $id" "添付書類"
  n=$((n + 1))
done
echo "render: $n forms as HTML and PDF"

invalid=forms/shobyo_teate/cases/invalid_image_without_pixels.json
"$shinsei" render --returned "$invalid" -o "$out/returned.html"
"$shinsei" render --returned --pdf "$invalid" -o "$out/returned.pdf"
check_pdf "$out/returned.pdf" "返戻理由のお知らせ" "傷病手当金支給申請書" "根拠:"
echo "render: 返戻理由のお知らせ as HTML and PDF"
