#!/usr/bin/env bash
# Opens the real app under Xvfb and saves a picture of its window to docs/screenshot.png
# (or the path given). This is how the README's screenshot is made.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
out=${1:-docs/screenshot.png}
ensure_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}"
cargo build --quiet
start_xvfb
# A fresh, empty data folder: the picture shows first run, never anyone's vault.
scratch=$(mktemp -d)
TEND_DATA_DIR="$scratch" "$(APP_BIN)" >/dev/null 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; stop_xvfb; rm -rf "$scratch"' EXIT
win=
for _ in $(seq 100); do
  win=$(xdotool search --onlyvisible --name '^Tend$' 2>/dev/null | head -1) && [ -n "$win" ] && break
  sleep 0.1
done
[ -n "$win" ] || { echo "error: the Tend window did not appear" >&2; exit 1; }
sleep 2.5 # let the page paint
mkdir -p "$(dirname "$out")"
import -window "$win" "$out"
echo "saved $out"
