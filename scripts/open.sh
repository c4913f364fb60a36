#!/usr/bin/env bash
# Builds Tend and opens its window. Installs missing system packages first (as root or
# through sudo), saying which. `--release` builds the optimised app instead of the debug one.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
profile=debug; flags=()
if [ "${1:-}" = "--release" ]; then profile=release; flags=(--release --features custom-protocol); fi
ensure_packages "${BUILD_PACKAGES[@]}"
if ! command -v cargo >/dev/null 2>&1; then
  echo "error: Rust is not installed. Install it from rustup (https://rustup.rs) and run this again." >&2
  exit 1
fi
echo "==> building Tend ($profile); the first build takes about five minutes"
cargo build "${flags[@]}"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "error: no display to open a window on. Run this from a desktop session," >&2
  echo "       or see it headless with scripts/screenshot.sh (it writes docs/screenshot.png)." >&2
  exit 1
fi
exec "$CARGO_TARGET_DIR/$profile/tend"
