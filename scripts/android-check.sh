#!/usr/bin/env bash
# Type-checks the whole app for Android (aarch64), which catches desktop-only APIs used
# without #[cfg(desktop)]. Linking an APK needs the Android NDK and Gradle; this does not.
# Exit 0: checked. Exit 3: skipped (the target cannot be installed here), with a reason.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
target=aarch64-linux-android
if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
  if ! timeout 300 rustup target add "$target" >/dev/null 2>&1; then
    echo "skipped: the Rust standard library for $target could not be installed (rustup's server is not reachable here)"
    exit 3
  fi
fi
# SQLite and ring compile C even for a check. The Android NDK cannot be had here, so
# Debian's aarch64 cross GCC stands in: the objects it makes are never linked into an app,
# they only let the build scripts finish so rustc can type-check every crate.
ensure_packages gcc-aarch64-linux-gnu libc6-dev-arm64-cross
export CC_aarch64_linux_android=aarch64-linux-gnu-gcc AR_aarch64_linux_android=aarch64-linux-gnu-ar
cargo check --quiet --target "$target" -p tend && echo "android: cargo check --target $target passed"
