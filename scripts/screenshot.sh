#!/usr/bin/env bash
# Opens the real app under Xvfb and saves pictures for the README: the first-run window
# (docs/screenshot.png), then the main journey's best three steps (docs/journey-*.png),
# taken by the end-to-end test of "Aftercare now" with scratch data, and Calm now, the stop
# path and support (docs/calm-now.png, docs/stop-path.png, docs/support.png); last, three
# at a phone's size (docs/phone-*.png, scripts/phone-pictures.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}"
ensure_node_tools
ensure_tauri_driver
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
mkdir -p docs
import -window "$win" docs/screenshot.png
kill $app 2>/dev/null || true
echo "saved docs/screenshot.png"

TEND_APP=$(APP_BIN) node --test --test-reporter=dot tests/e2e/now.test.mjs
cp target/screenshots/now-2-check-in.png docs/journey-check-in.png
cp target/screenshots/now-3-cards.png docs/journey-cards.png
cp target/screenshots/now-8-history-as-me.png docs/journey-history.png
echo "saved docs/journey-check-in.png docs/journey-cards.png docs/journey-history.png"

# When something went wrong: Calm now, the stop path and support (tests/e2e/calm.test.mjs).
TEND_APP=$(APP_BIN) node --test --test-reporter=dot tests/e2e/calm.test.mjs
cp target/screenshots/calm-1-breathing.png docs/calm-now.png
cp target/screenshots/calm-2-stop.png docs/stop-path.png
cp target/screenshots/calm-3-support.png docs/support.png
echo "saved docs/calm-now.png docs/stop-path.png docs/support.png"

# The first-run aftercare profile and the drop companion (tests/e2e/drop.test.mjs).
TEND_APP=$(APP_BIN) node --test --test-reporter=dot tests/e2e/drop.test.mjs
cp target/screenshots/drop-1-first-run-profile.png docs/first-run-profile.png
cp target/screenshots/drop-2-companion.png docs/drop-companion.png
echo "saved docs/first-run-profile.png docs/drop-companion.png"

# At a phone's size (docs/phone-*.png): the real window cannot be made a phone, so these are
# the UI in headless Chromium with the core mocked, as the UI tests run it.
node scripts/phone-pictures.mjs
