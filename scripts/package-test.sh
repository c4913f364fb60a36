#!/usr/bin/env bash
# The installed app, tested: builds the release .deb and .rpm with the Tauri CLI, checks
# the .deb's Depends cover every shared library the binary loads, its desktop entry, icons
# and AppStream metadata; then, as root in CI (CI=true), installs the .deb with apt, starts
# the installed app from its desktop entry's Exec line under Xvfb with a fresh home,
# checks the window, and removes the package. Elsewhere it says why it skipped that part.
# Prints "N passed, M failed"; exits non-zero if any check failed.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
set -e
ensure_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" "${PACKAGE_PACKAGES[@]}"
ensure_node_tools
ensure_tauri_driver
set +e

passed=0 failed=0
check() { # name command...: runs one check, counts it, says which
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok - $name"; else failed=$((failed + 1)); echo "not ok - $name"; fi
}
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

version=$(tend_version)
bundle="$CARGO_TARGET_DIR/release/bundle"
deb="$bundle/deb/Tend_${version}_amd64.deb"
rpm="$bundle/rpm/Tend-${version}-1.x86_64.rpm"
rm -f "$deb" "$rpm"

echo "==> building the release packages (tauri build --bundles deb,rpm)"
started=$(date +%s)
npx --no-install tauri build --ci --bundles deb,rpm >"${TMPDIR:-/tmp}/tend-package-build.log" 2>&1
rc=$?
tail -n 5 "${TMPDIR:-/tmp}/tend-package-build.log"
echo "    took $(($(date +%s) - started)) s"
check "tauri build made the .deb and the .rpm" test $rc -eq 0 -a -f "$deb" -a -f "$rpm"
[ -f "$deb" ] || finish

unpacked=$(mktemp -d)
trap 'rm -rf "$unpacked"' EXIT
dpkg-deb -x "$deb" "$unpacked"

# Every library the binary loads comes from a package that Depends brings in.
depends_cover_libraries() {
  local deps closure lib path pkg missing=()
  deps=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/(.*)//; s/|.*//; s/ //g' | grep -v '^$')
  # shellcheck disable=SC2086
  closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
    --no-breaks --no-replaces --no-enhances $deps | grep -v '^ ' | tr -d '<>' | sed 's/:.*//' | sort -u)
  while read -r lib; do
    pkg=
    for path in "$lib" "$(realpath "$lib")" "${lib#/usr}" "/usr$lib"; do
      pkg=$(dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1) && [ -n "$pkg" ] && break
    done
    if [ -z "$pkg" ]; then missing+=("$lib (no package owns it)"); continue; fi
    grep -qx "$pkg" <<<"$closure" || missing+=("$lib ($pkg)")
  done < <(ldd "$unpacked/usr/bin/tend" | awk '/=> \// { print $3 }' | sort -u)
  echo "    Depends: $(echo $deps)"
  [ ${#missing[@]} -eq 0 ] && return 0
  printf '    not covered by Depends: %s\n' "${missing[@]}"
  return 1
}
check "Depends cover every shared library the binary loads" depends_cover_libraries

desktop="$unpacked/usr/share/applications/Tend.desktop"
desktop_entry_is_right() {
  desktop-file-validate "$desktop" || return 1
  grep -qx 'Exec=tend' "$desktop" && grep -qx 'Icon=tend' "$desktop" && grep -qx 'Name=Tend' "$desktop"
}
check "the desktop entry is valid and starts tend with its icon" desktop_entry_is_right

icons_are_there() {
  local size ok=0
  for size in 32x32 64x64 128x128 256x256 512x512; do
    if [ -f "$unpacked/usr/share/icons/hicolor/$size/apps/tend.png" ]; then
      [ "$(identify -format %wx%h "$unpacked/usr/share/icons/hicolor/$size/apps/tend.png")" = "$size" ] || { echo "    $size is the wrong size"; ok=1; }
    else
      echo "    no $size icon"; ok=1
    fi
  done
  return $ok
}
check "icons at 32, 64, 128, 256 and 512 px, each its named size" icons_are_there

metainfo="$unpacked/usr/share/metainfo/org.tendcare.companion.metainfo.xml"
check "AppStream metadata is installed and valid (appstreamcli validate --no-net)" \
  appstreamcli validate --no-net "$metainfo"

if [ "$(id -u)" -ne 0 ] || [ "${CI:-}" != "true" ]; then
  echo "skipped: installing the .deb, starting it and removing it runs only as root in CI (CI=true);"
  echo "         here it would change this machine's installed packages"
  finish
fi

echo "==> installing $deb"
installed() { as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$deb" >/dev/null && [ -x /usr/bin/tend ]; }
check "apt-get installs the .deb" installed
if [ -x /usr/bin/tend ]; then
  exec_line=$(sed -n 's/^Exec=//p' /usr/share/applications/Tend.desktop | head -1)
  start_xvfb
  TEND_INSTALLED_EXEC="$exec_line" node --test --test-reporter=tap tests/package/ >"${TMPDIR:-/tmp}/tend-installed.log" 2>&1
  rc=$?
  stop_xvfb
  grep -E '^(not )?ok|^# (pass|fail)' "${TMPDIR:-/tmp}/tend-installed.log"
  check "the installed app opens its window, titled Tend, on the welcome screen" test $rc -eq 0
  removed() { as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 remove -y -qq tend >/dev/null && [ ! -e /usr/bin/tend ]; }
  check "apt-get removes it again" removed
fi
finish
