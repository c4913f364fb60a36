#!/usr/bin/env bash
# ui/licenses.html: the licences, in full, of every open-source crate built into Tend on the
# platforms it ships for (About → "Open-source licences").
#   scripts/licenses.sh          writes it again; run it after any change of dependencies
#                                (installs cargo-about from crates.io the first time)
#   scripts/licenses.sh --check  only says whether the crates it lists are still the ones
#                                built in (cargo alone, no cargo-about; the lint layer runs it)
# "Built in" means the app's normal dependencies, with the feature `tauri build` sets, on the
# targets below, leaving out build scripts' dependencies and procedural macros (they run while
# compiling and are not in the binary) and Tend's own two crates (LICENSE-MIT, LICENSE-APACHE).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

OUT=ui/licenses.html
# The platforms Tend ships for; deny.toml's [graph] targets and about.toml's name the same.
TARGETS=(x86_64-unknown-linux-gnu x86_64-pc-windows-msvc x86_64-apple-darwin aarch64-apple-darwin
  aarch64-linux-android aarch64-apple-ios)

built_in() { # name@version, one a line, sorted
  local args=() t
  for t in "${TARGETS[@]}"; do args+=(--target "$t"); done
  cargo tree --locked --quiet -p tend --features custom-protocol -e normal,no-proc-macro "${args[@]}" \
    --prefix none --format '{p}' >"$tmp/tree"
  # "name vX.Y.Z" or "name vX.Y.Z (*)"; path crates (ours) carry their folder and drop out.
  sed -n 's/^\([^ ]*\) v\([^ ]*\)\( (\*)\)\{0,1\}$/\1@\2/p' "$tmp/tree" | LC_ALL=C sort -u
}
listed() { sed -n 's/.*data-crate="\([^"]*\)".*/\1/p' "$OUT" | LC_ALL=C sort -u; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
built_in >"$tmp/built-in"

if [ "${1:-}" = --check ]; then
  [ -f "$OUT" ] || { echo "error: $OUT is missing: run scripts/licenses.sh" >&2; exit 1; }
  listed >"$tmp/listed"
  if cmp -s "$tmp/listed" "$tmp/built-in"; then
    echo "licences: $OUT lists the $(wc -l <"$tmp/built-in") crates built into the app"
    exit 0
  fi
  echo "error: $OUT is stale: the crates built into the app have changed; run scripts/licenses.sh" >&2
  comm -23 "$tmp/built-in" "$tmp/listed" | sed 's/^/  built in, not listed: /' >&2
  comm -13 "$tmp/built-in" "$tmp/listed" | sed 's/^/  listed, not built in: /' >&2
  exit 1
fi

ensure_cargo_tool cargo-about 0.9 --features cli
# --frozen: licence texts come from the crates as published, never fetched from their
# repositories, so the page is the same on every machine.
status=0
cargo about generate --frozen --fail --features custom-protocol --format json -o "$tmp/about.json" \
  2>"$tmp/about.log" || status=$?
cat "$tmp/about.log" >&2
[ $status -eq 0 ] || exit $status
# A clarification whose checksums no longer match (a new version of that crate) is only a
# warning to cargo-about, which then lists every licence header it finds instead.
if grep -q 'failed to validate all files specified in clarification' "$tmp/about.log"; then
  echo "error: a clarification in about.toml no longer matches its crate: check the new files and update it" >&2
  exit 1
fi
python3 scripts/licenses.py "$tmp/built-in" "$OUT" <"$tmp/about.json"
echo "wrote $OUT: $(wc -l <"$tmp/built-in") crates, $(grep -c '<article class="licence"' "$OUT") licence texts"
