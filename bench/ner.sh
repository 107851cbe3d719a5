#!/usr/bin/env bash
# bench/ner.sh - speed, load time and size of the entity recognizer on the
# news corpus, against its floors: >= 200,000 tokens/s on one core (word
# tokens), model loaded in <= 200 ms, model file <= 50 MB.
#
# usage: bench/ner.sh [--check] [-h|--help]
#   --check   exit 1 when a floor fails (without it the script reports
#             PASS/FAIL and exits 0)
#
# Steps:
#   1. build with scripts/build.sh (Release, warnings as errors) into
#      $BENCH_BUILD;
#   2. wait until the 1-minute load average is below WAIT_LOAD (at most
#      WAIT_MAX seconds, then go on and say so);
#   3. run marsad_bench_ner pinned to CPU $PIN under GNU time -v, on the
#      four news files (gzip JSON Lines, titles and bodies), with $MODEL;
#   4. print its table, the peak RSS GNU time saw and the load average
#      before, during (sampled every 5 s) and after the run, then the
#      floors line.  The whole output is also written to
#      $BENCH_BUILD/ner-summary.txt.
#
# Settings (environment):
#   SHARED=<repo>/../shared           the shared data (news corpus)
#   NEWS="$SHARED/data/news/*.jsonl.gz"   the input files
#   BENCH_BUILD=<repo>/build/bench    CMake build directory (Release)
#   MODEL=<repo>/models/ner.model     the model
#   MB=                               at most this many MB of text
#                                     (default: all of it)
#   PIN=1                             the CPU the benchmark runs on
#   WAIT_LOAD=1.0 WAIT_MAX=120        see step 2
#
# The run takes about a minute on the 174 MB corpus; it is limited to 10
# minutes (timeout 600).
set -euo pipefail

CHECK=()
for a in "$@"; do
  case $a in
    --check) CHECK=(--check) ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [--check] [-h|--help]" >&2; exit 2 ;;
  esac
done

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SHARED=${SHARED:-$REPO/../shared}
if [ ! -d "$SHARED/data/news" ]; then
  echo "skipped: ../shared not found (looked for $SHARED/data/news)"
  exit 0
fi
NEWS=${NEWS:-$SHARED/data/news/*.jsonl.gz}
BENCH_BUILD=${BENCH_BUILD:-$REPO/build/bench}
MODEL=${MODEL:-$REPO/models/ner.model}
MB=${MB:-}
PIN=${PIN:-1}
WAIT_LOAD=${WAIT_LOAD:-1.0}
WAIT_MAX=${WAIT_MAX:-120}
LIMIT=600
TIME_BIN=/usr/bin/time
[ -x "$TIME_BIN" ] || { echo "GNU time is needed (Debian package 'time')" >&2; exit 1; }
# shellcheck disable=SC2206  # the glob is meant to expand
FILES=($NEWS)
for f in "${FILES[@]}"; do
  [ -f "$f" ] || { echo "no such input file: $f" >&2; exit 1; }
done
[ -f "$MODEL" ] || { echo "no model at $MODEL (set MODEL)" >&2; exit 1; }

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
load1() { cut -d' ' -f1 /proc/loadavg; }
load3() { cut -d' ' -f1-3 /proc/loadavg; }

# ------------------------------------------------------------ 1. build
mkdir -p "$BENCH_BUILD"
BENCH_BUILD=$(cd "$BENCH_BUILD" && pwd)
say "building in $BENCH_BUILD"
"$REPO/scripts/build.sh" "$BENCH_BUILD" Release
BIN=$BENCH_BUILD/marsad_bench_ner
[ -x "$BIN" ] || { echo "$BIN was not built" >&2; exit 1; }

# ------------------------------------------------------------ 2. quiet
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"
quiet=$(wait_quiet "$WAIT_LOAD" "$WAIT_MAX")
[ -z "$quiet" ] || say "$quiet; running anyway"

# ------------------------------------------------------------ 3. run
ARGS=(--model "$MODEL")
[ -n "$MB" ] && ARGS+=(--mb "$MB")
TF=$(mktemp); OUT=$(mktemp); LOADS=$(mktemp)
SAMPLER=
# shellcheck disable=SC2317  # run by the trap
cleanup() {
  if [ -n "$SAMPLER" ]; then kill "$SAMPLER" 2>/dev/null || true; fi
  rm -f "$TF" "$OUT" "$LOADS"
}
trap cleanup EXIT
before=$(load3)
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
( while sleep 5; do load1; done ) > "$LOADS" &
SAMPLER=$!
say "running marsad_bench_ner on CPU $PIN (load $before)"
rc=0
"$TIME_BIN" -v -o "$TF" timeout "$LIMIT" taskset -c "$PIN" \
  "$BIN" "${ARGS[@]}" "${CHECK[@]}" "${FILES[@]}" > "$OUT" || rc=$?
kill "$SAMPLER" 2>/dev/null || true
wait "$SAMPLER" 2>/dev/null || true
SAMPLER=
after=$(load3)
if ! grep -q '^floor ' "$OUT"; then
  say "marsad_bench_ner failed (exit status $rc)"
  cat "$OUT" >&2; tail -25 "$TF" >&2
  exit 1
fi

# ------------------------------------------------------------ 4. report
rss_kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$TF")
wall=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$TF")
during=$(awk 'NR == 1 { lo = hi = $1 } { if ($1 < lo) lo = $1; if ($1 > hi) hi = $1 }
              END { if (NR) printf "%s to %s (%d samples)", lo, hi, NR; else print "n/a" }' "$LOADS")
commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
{
  echo "marsad entity recognition benchmark, $started, commit $commit"
  echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores; gcc $(gcc -dumpfullversion); pinned to CPU $PIN"
  echo "input: ${FILES[*]}"
  echo
  sed '$d' "$OUT"
  printf 'process (GNU time): peak RSS %.1f MB, wall %s\n' \
    "$(awk -v k="$rss_kb" 'BEGIN { print k * 1024 / 1e6 }')" "$wall"
  echo "load average: $before before; 1-minute $during during; $after after"
  echo
  tail -1 "$OUT"
} | tee "$BENCH_BUILD/ner-summary.txt"
exit "$rc"
