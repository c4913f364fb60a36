#!/usr/bin/env bash
# Start-up, memory and size of Tend beside a hello-world Tauri 2 app (scripts/hello: the
# same release profile and the same crates as the design, and the page of create-tauri-app's
# vanilla template: a heading, a text field and a button that calls one command). Run through
# `scripts/bench.sh startup [RUNS]` or `scripts/bench.sh size`.
#   size:    builds both release packages and prints binary and .deb sizes with ratios.
#   startup: also opens each app RUNS times (default 5), alternately, under Xvfb with a
#            fresh home and a D-Bus session bus, and prints medians of: time to window
#            mapped, time to first paint (both from scripts/startup-probe.py, polling X
#            every 5 ms), PSS and RSS of the app with its WebKit processes (3 s after
#            paint), and each ratio. Then, like for like, Tend beside the hello world
#            started without GPU compositing, as Tend draws on Linux. Each round starts
#            with the next app in turn, and each start waits for the last one's processes
#            to be gone.
# Targets (issue 14): binary at most 1.3x; start-up at most 1.05x; memory at most +20 MiB.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
mode=${1:-startup}
runs=${2:-5}
if [ "$mode" = startup ] && [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  # A desktop has a session bus (Tend keeps one instance through it): measure with one.
  exec dbus-run-session -- "$0" "$@"
fi
ensure_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}"
ensure_node_tools

tauri=$PWD/node_modules/.bin/tauri
release=$CARGO_TARGET_DIR/release
echo "==> building Tend and the hello-world app (release, as shipped: tauri build --bundles deb)"
"$tauri" build --ci --bundles deb >/dev/null 2>&1 || "$tauri" build --ci --bundles deb
(cd scripts/hello && "$tauri" build --ci --bundles deb >/dev/null 2>&1 || "$tauri" build --ci --bundles deb)

version=$(tend_version)
tend_bin=$release/tend hello_bin=$release/hello
tend_deb=$release/bundle/deb/Tend_${version}_amd64.deb hello_deb=$release/bundle/deb/Hello_0.1.0_amd64.deb

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.2f MB", b / 1000000 }'; }
size_report() {
  local tb hb td hd
  tb=$(stat -c %s "$tend_bin") hb=$(stat -c %s "$hello_bin")
  td=$(stat -c %s "$tend_deb") hd=$(stat -c %s "$hello_deb")
  printf '%-22s %12s %12s %8s\n' "" "Tend" "hello" "ratio"
  printf '%-22s %12s %12s %8s\n' "binary" "$(mb "$tb")" "$(mb "$hb")" "$(ratio "$tb" "$hb")x"
  printf '%-22s %12s %12s %8s\n' ".deb" "$(mb "$td")" "$(mb "$hd")" "$(ratio "$td" "$hd")x"
  awk -v a="$tb" -v b="$hb" 'BEGIN { r = a / b; printf "binary target <= 1.30x: %s\n", r <= 1.3 ? "met" : "NOT met" }'
}
if [ "$mode" = size ]; then size_report; exit 0; fi
[ "$mode" = startup ] || { echo "usage: scripts/bench.sh startup [RUNS] | size" >&2; exit 2; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }
descendants() { # pid: the pid and every process below it
  local pid=$1 child
  echo "$pid"
  for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do descendants "$child"; done
}
memory_kib() { # pid field(Pss|Rss): summed over the app and its descendants
  local total=0 pid value
  for pid in $(descendants "$1"); do
    value=$(awk -v f="$2:" '$1 == f { print $2 }' /proc/"$pid"/smaps_rollup 2>/dev/null || true)
    total=$((total + ${value:-0}))
  done
  echo "$total"
}

# One start: prints "map_ms paint_ms pss_kib rss_kib". Further arguments are NAME=VALUE
# settings for the app's environment.
measure() {
  local bin=$1 home pid t0 mapped painted
  shift
  home=$(mktemp -d)
  mkdir -p "$home"/{.config,.cache,.local/share} && mkdir -m 700 "$home/run"
  t0=$(now_ms)
  env HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache" \
    XDG_DATA_HOME="$home/.local/share" XDG_RUNTIME_DIR="$home/run" "$@" "$bin" >/dev/null 2>&1 &
  pid=$!
  read -r mapped painted < <(python3 scripts/startup-probe.py "$pid" "$t0")
  sleep 3
  echo "${mapped:-NA} ${painted:-NA} $(memory_kib "$pid" Pss) $(memory_kib "$pid" Rss)"
  local all
  all=$(descendants "$pid" | sort -rn)
  for p in $all; do kill "$p" 2>/dev/null || true; done
  wait "$pid" 2>/dev/null || true
  # Every process of this start gone (WebKit's exit last) before the next one starts.
  for _ in $(seq 40); do
    local alive=0
    for p in $all; do [ -d /proc/"$p" ] && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.05
  done
  sleep 0.5
  rm -rf "$home"
}

start_xvfb
trap stop_xvfb EXIT
results=$(mktemp)
echo "==> $runs starts of each, alternately (fresh home each time)"
# "soft" is the hello world drawn as Tend draws on Linux (src-tauri/src/lib.rs), without
# GPU compositing: the like-for-like line below, which shows what Tend's own page costs.
# Each round starts with the next app in turn, so none always follows the same one.
apps=(hello tend soft)
for i in $(seq "$runs"); do
  for k in 0 1 2; do
    app=${apps[$(((i + k) % 3))]}
    case $app in
      hello) read -r m p pss rss < <(measure "$hello_bin") ;;
      tend) read -r m p pss rss < <(measure "$tend_bin") ;;
      soft) read -r m p pss rss < <(measure "$hello_bin" WEBKIT_DISABLE_COMPOSITING_MODE=1) ;;
    esac
    echo "$app $m $p $pss $rss" >>"$results"
    printf '  run %d %-5s mapped %5s ms  painted %5s ms  PSS %4d MiB  RSS %4d MiB\n' \
      "$i" "$app" "$m" "$p" $((pss / 1024)) $((rss / 1024))
  done
done

median() { # app column
  awk -v a="$1" -v c="$2" '$1 == a && $c != "NA" { print $c }' "$results" | sort -n |
    awk '{ v[NR] = $1 } END { if (NR == 0) print "NA"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
echo
printf '%-22s %12s %12s %10s\n' "median of $runs" "Tend" "hello" "ratio"
for row in "window mapped (ms):2" "first paint (ms):3"; do
  name=${row%%:*} col=${row##*:}
  t=$(median tend "$col") h=$(median hello "$col")
  printf '%-22s %12s %12s %9sx\n' "$name" "$t" "$h" "$(ratio "$t" "$h")"
done
for row in "PSS (MiB):4" "RSS (MiB):5"; do
  name=${row%%:*} col=${row##*:}
  t=$(median tend "$col") h=$(median hello "$col")
  printf '%-22s %12.1f %12.1f %+9.1f MiB (%sx)\n' "$name" "$(awk -v k="$t" 'BEGIN{print k/1024}')" \
    "$(awk -v k="$h" 'BEGIN{print k/1024}')" "$(awk -v a="$t" -v b="$h" 'BEGIN{print (a-b)/1024}')" "$(ratio "$t" "$h")"
done
echo
size_report
awk -v tm="$(median tend 2)" -v hm="$(median hello 2)" -v tp="$(median tend 3)" -v hp="$(median hello 3)" \
  -v ts="$(median tend 4)" -v hs="$(median hello 4)" 'BEGIN {
  printf "start-up target <= 1.05x: mapped %.2fx, painted %.2fx: %s\n", tm / hm, tp / hp, (tm / hm <= 1.05 && tp / hp <= 1.05) ? "met" : "NOT met"
  printf "memory target <= +20 MiB PSS: %+.1f MiB: %s\n", (ts - hs) / 1024, (ts - hs) / 1024 <= 20 ? "met" : "NOT met" }'
echo
echo "like for like: Tend beside the hello world drawn the same way (no GPU compositing)"
awk -v tm="$(median tend 2)" -v hm="$(median soft 2)" -v tp="$(median tend 3)" -v hp="$(median soft 3)" \
  -v ts="$(median tend 4)" -v hs="$(median soft 4)" 'BEGIN {
  printf "  mapped %d vs %d ms (%.2fx), painted %d vs %d ms (%.2fx), PSS %+.1f MiB\n", tm, hm, tm / hm, tp, hp, tp / hp, (ts - hs) / 1024 }'
rm -f "$results"
