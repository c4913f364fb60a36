#!/usr/bin/env bash
# Benchmarks (optimised build): the vault's unlock, commit, list, export and import, each
# with its peak memory. Pass phase names to run only some: scripts/bench.sh commit list1k
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_packages "${BUILD_PACKAGES[@]}"
cargo bench -q -p tend-core --bench vault -- "$@"
