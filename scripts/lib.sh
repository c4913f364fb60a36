# Shared helpers for the project's scripts. Source it; do not run it.
# shellcheck shell=bash

# Run as root, or through sudo when there is one.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "error: need root (or sudo) to run: $*" >&2; return 1; fi
}

# Install the Debian packages that are missing, and say which.
ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> installing system packages: ${missing[*]}"
  if [ -z "${TEND_APT_UPDATED:-}" ]; then
    as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
    export TEND_APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}"
}

# What Tauri needs to build on Debian/Ubuntu.
BUILD_PACKAGES=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config)
# What running the real window headless and driving it needs.
# (dbus-daemon gives the tests a session bus: one Tend at a time is kept through D-Bus;
# dbus-monitor, in dbus-bin, watches what Tend sends the notification service.)
RUN_PACKAGES=(xvfb xauth webkit2gtk-driver imagemagick xdotool x11-utils dbus-daemon dbus-bin)
# What checking the installed package needs (desktop entry and AppStream validators).
PACKAGE_PACKAGES=(appstream desktop-file-utils)
# What the UI tests need.
BROWSER_PACKAGES=(chromium fonts-dejavu-core)

# Builds are shared between clones, so repeat runs are quick.
: "${CARGO_TARGET_DIR:=$HOME/.cache/tend-target}"
export CARGO_TARGET_DIR

# Installs the repo's npm dev tools (Tauri CLI, browser driver) when missing or stale.
ensure_node_tools() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "==> installing npm dev tools (package-lock.json)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# tauri-driver bridges WebDriver to the real app; built from crates.io once.
ensure_tauri_driver() {
  export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
  command -v tauri-driver >/dev/null 2>&1 && return 0
  echo "==> installing tauri-driver (cargo install, about a minute)"
  cargo install tauri-driver --version '^2' --locked --quiet
}

# A cargo tool from crates.io, built once and kept at a pinned minor version (their configs
# change between minors): ensure_cargo_tool cargo-deny 0.20 [more `cargo install` flags].
ensure_cargo_tool() {
  local name=$1 version=$2; shift 2
  export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
  case "$("$name" --version 2>/dev/null)" in "$name $version".*) return 0 ;; esac
  echo "==> installing $name $version (cargo install, once; several minutes on 2 cores)"
  cargo install "$name" --version "~$version" --locked --quiet --force "$@"
}

# Starts Xvfb on a free display unless one is already usable; sets DISPLAY.
start_xvfb() {
  if [ -n "${DISPLAY:-}" ] && xdpyinfo >/dev/null 2>&1; then return 0; fi
  local n=99
  while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
  Xvfb ":$n" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB_PID=$!
  export DISPLAY=":$n"
  for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "error: Xvfb did not start on $DISPLAY" >&2
  return 1
}

stop_xvfb() {
  [ -n "${XVFB_PID:-}" ] && kill "$XVFB_PID" 2>/dev/null || true
}

# Tend's version, as Cargo.toml's [workspace.package] gives it (the packages are named by it).
tend_version() { sed -n '/^\[workspace.package\]/,/^\[/ s/^version = "\(.*\)"/\1/p' Cargo.toml; }

APP_BIN() { echo "$CARGO_TARGET_DIR/debug/tend"; }
