#!/usr/bin/env bash
# Benchmarks (optimised build): the vault's unlock, commit, list, export and import, each
# with its peak memory, then suggestion latency. Pass vault phase names to run only some
# of those: scripts/bench.sh commit list1k
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_packages "${BUILD_PACKAGES[@]}"
cargo bench -q -p tend-core --bench vault -- "$@"
cargo bench -q -p tend-core --bench suggest
