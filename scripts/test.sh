#!/usr/bin/env bash
# Runs every test layer, installing what they need first:
#   lint (rustfmt, clippy) · core tests · IPC tests · vault format (Python reader) · UI tests ·
#   end-to-end · Android check
# Prints each layer's counts and ends with "N passed, N failed". Exits non-zero if any
# layer fails or runs no test.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
started=$(date +%s)

set -e
ensure_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" "${BROWSER_PACKAGES[@]}"
ensure_node_tools
ensure_tauri_driver
set +e

total_pass=0 total_fail=0 failed_layers=()
record() { # layer passed failed exit-code
  local layer=$1 pass=$2 fail=$3 rc=$4
  total_pass=$((total_pass + pass)); total_fail=$((total_fail + fail))
  if [ "$rc" -ne 0 ] || [ "$fail" -gt 0 ]; then
    failed_layers+=("$layer"); echo "--- $layer: FAILED ($pass passed, $fail failed, exit $rc)"
  elif [ "$pass" -eq 0 ]; then
    failed_layers+=("$layer (no tests ran)"); echo "--- $layer: FAILED (no tests ran)"
  else
    echo "--- $layer: $pass passed, $fail failed"
  fi
}
cargo_counts() { # sums "test result:" lines of a cargo test log
  awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
       END { print p + 0, f + 0 }' "$1"
}
node_counts() { # reads node --test's closing "# pass N" / "# fail N"
  awk '/^# pass / { p = $3 } /^# fail / { f = $3 } END { print p + 0, f + 0 }' "$1"
}
logs=$(mktemp -d)

echo "=== lint: rustfmt and clippy"
cargo fmt --all -- --check; rc_fmt=$?
cargo clippy --workspace --all-targets --quiet -- -D warnings; rc_clippy=$?
lint_fail=0; [ $rc_fmt -ne 0 ] && lint_fail=$((lint_fail + 1)); [ $rc_clippy -ne 0 ] && lint_fail=$((lint_fail + 1))
record "lint" $((2 - lint_fail)) $lint_fail 0

echo "=== core unit tests (tend-core)"
cargo test -p tend-core 2>&1 | tee "$logs/core.log"; rc=${PIPESTATUS[0]}
read -r p f < <(cargo_counts "$logs/core.log"); record "core" "$p" "$f" "$rc"

echo "=== IPC tests (tend through tauri::test's mock runtime)"
cargo test -p tend 2>&1 | tee "$logs/ipc.log"; rc=${PIPESTATUS[0]}
read -r p f < <(cargo_counts "$logs/ipc.log"); record "ipc" "$p" "$f" "$rc"

echo "=== vault format: an independent reader (Python) written from docs/VAULT-FORMAT.md"
scripts/format-check.sh 2>&1 | tee "$logs/format.log"; rc=${PIPESTATUS[0]}
read -r p f < <(awk '/^[0-9]+ passed, [0-9]+ failed$/ { print $1, $3 }' "$logs/format.log"); record "format" "${p:-0}" "${f:-0}" "$rc"

echo "=== UI tests (headless Chromium, mocked IPC)"
node --test --test-reporter=tap tests/ui/ 2>&1 | tee "$logs/ui.log"; rc=${PIPESTATUS[0]}
read -r p f < <(node_counts "$logs/ui.log"); record "ui" "$p" "$f" "$rc"

echo "=== end-to-end tests (real app under Xvfb via tauri-driver)"
if cargo build --quiet; then
  start_xvfb
  TEND_APP=$(APP_BIN) node --test --test-concurrency=1 --test-reporter=tap tests/e2e/ 2>&1 | tee "$logs/e2e.log"
  rc=${PIPESTATUS[0]}
  stop_xvfb
  read -r p f < <(node_counts "$logs/e2e.log"); record "e2e" "$p" "$f" "$rc"
else
  record "e2e" 0 1 1
fi

echo "=== Android type-check"
scripts/android-check.sh; rc=$?
if [ $rc -eq 0 ]; then record "android" 1 0 0; elif [ $rc -eq 3 ]; then echo "(not counted)"; else record "android" 0 1 $rc; fi

rm -rf "$logs"
echo
echo "layers failed: ${failed_layers[*]:-none}; wall time $(( $(date +%s) - started )) s"
echo "$total_pass passed, $total_fail failed"
[ ${#failed_layers[@]} -eq 0 ]
