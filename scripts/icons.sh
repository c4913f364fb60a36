#!/usr/bin/env bash
# Renders icons/icon.svg to the full Tauri icon set (PNG sizes, .ico, .icns, mobile).
# Run after editing the SVG; the results are committed so builds need neither tool.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_packages librsvg2-bin
[ -x node_modules/.bin/tauri ] || npm ci --no-audit --no-fund
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rsvg-convert -w 1024 -h 1024 icons/icon.svg -o "$tmp/icon.png"
node_modules/.bin/tauri icon "$tmp/icon.png" --output icons
# The hicolor theme wants a plain 256x256 (the @2x name would land in a HiDPI folder).
cp icons/128x128@2x.png icons/256x256.png
# The committed Android project carries the launcher icons too.
cp -r icons/android/. gen/android/app/src/main/res/
