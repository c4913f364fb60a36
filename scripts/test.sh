#!/usr/bin/env bash
# Runs every test layer, installing what they need first:
#   lint (rustfmt, clippy, cargo deny, the licence list) · core tests · IPC tests · vault format (Python reader) · UI tests ·
#   end-to-end · Android (type-check, the committed project's hardening) · the installed
#   package (release .deb: checked, and in CI installed, started and removed)
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
ensure_cargo_tool cargo-deny 0.20
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

echo "=== lint: rustfmt, clippy, cargo deny (licences, bans, sources), the licence list"
cargo fmt --all -- --check; rc_fmt=$?
cargo clippy --workspace --all-targets --quiet -- -D warnings; rc_clippy=$?
# deny.toml names the graph: every shipped platform, the `tauri build` feature, no dev-deps.
# (Without --hide-inclusion-graph it also shows what pulls each crate in: 4,000 lines today.)
cargo deny --locked check --hide-inclusion-graph licenses bans sources; rc_deny=$?
echo "(cargo deny's advisories check is skipped: it needs the RustSec database, a download this machine cannot make)"
scripts/licenses.sh --check; rc_licences=$?
lint_fail=0
for rc in $rc_fmt $rc_clippy $rc_deny $rc_licences; do [ "$rc" -ne 0 ] && lint_fail=$((lint_fail + 1)); done
record "lint" $((4 - lint_fail)) $lint_fail 0

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
  # A session bus of their own: one Tend at a time is kept through a D-Bus name.
  TEND_APP=$(APP_BIN) dbus-run-session -- node --test --test-concurrency=1 --test-reporter=tap tests/e2e/ 2>&1 | tee "$logs/e2e.log"
  rc=${PIPESTATUS[0]}
  stop_xvfb
  read -r p f < <(node_counts "$logs/e2e.log"); record "e2e" "$p" "$f" "$rc"
else
  record "e2e" 0 1 1
fi

echo "=== Android: type-check, and the committed project's hardening (tests/android_manifest.py)"
scripts/android-check.sh; rc=$?
a_pass=0 a_fail=0 a_rc=0
if [ $rc -eq 0 ]; then a_pass=1; elif [ $rc -eq 3 ]; then echo "(type-check not counted)"; else a_fail=1 a_rc=$rc; fi
python3 tests/android_manifest.py 2>&1 | tee "$logs/android.log"; rc=${PIPESTATUS[0]}
read -r p f < <(awk '/^[0-9]+ passed, [0-9]+ failed$/ { print $1, $3 }' "$logs/android.log")
[ $a_rc -eq 0 ] && a_rc=$rc
record "android" $((a_pass + ${p:-0})) $((a_fail + ${f:-0})) "$a_rc"

echo "=== the installed package: release .deb and .rpm, installed, started and removed in CI"
scripts/package-test.sh 2>&1 | tee "$logs/package.log"; rc=${PIPESTATUS[0]}
read -r p f < <(awk '/^[0-9]+ passed, [0-9]+ failed$/ { print $1, $3 }' "$logs/package.log")
record "package" "${p:-0}" "${f:-0}" "$rc"

rm -rf "$logs"
echo
echo "layers failed: ${failed_layers[*]:-none}; wall time $(( $(date +%s) - started )) s"
echo "$total_pass passed, $total_fail failed"
[ ${#failed_layers[@]} -eq 0 ]
