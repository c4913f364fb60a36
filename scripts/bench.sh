#!/usr/bin/env bash
# Benchmarks (optimised build).
#   scripts/bench.sh                  the vault's unlock, commit, list, export and import,
#                                     each with its peak memory, then suggestion latency
#   scripts/bench.sh commit list1k    only those vault phases
#   scripts/bench.sh startup [RUNS]   start-up, memory and size beside a hello-world app
#   scripts/bench.sh size             binary and .deb size beside the hello-world app
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  startup | size) exec scripts/startup.sh "$@" ;;
esac
source scripts/lib.sh
ensure_packages "${BUILD_PACKAGES[@]}"
cargo bench -q -p tend-core --bench vault -- "$@"
cargo bench -q -p tend-core --bench suggest
