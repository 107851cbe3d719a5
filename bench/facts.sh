#!/usr/bin/env bash
# bench/facts.sh - what finding numbers, dates and quotes adds to an
# ingest of the news corpus, against the floor: at most 30 % of the time
# of the ingest that precedes it.
#
# usage: bench/facts.sh [--check] [-h|--help]
#   --check   exit 1 when the floor fails (without it the script reports
#             PASS/FAIL and exits 0)
#
# Steps:
#   1. build with scripts/build.sh (Release) into $BENCH_BUILD;
#   2. wait until the 1-minute load average is below WAIT_LOAD;
#   3. ingest the news corpus into a fresh database with --no-entities
#      --no-facts (storing and indexing only), then into another with
#      --no-facts (storing, indexing and the entity pass: the ingest as it
#      was before facts), each pinned to CPU $PIN;
#   4. run `marsad ingest` again on the second database: the files are
#      unchanged, so all it does is the fact pass over every article
#      (facts, article dates, the quote speakers' mentions);
#   5. print the three times and the fact pass as a share of each
#      ingest.  The floor is checked against the full ingest (step 3,
#      second run); the share of the bare ingest is shown too.
#
# Settings (environment): SHARED, NEWS, BENCH_BUILD, PIN=1, WAIT_LOAD=1.0,
# WAIT_MAX=120, as in bench/ner.sh.  Takes about two minutes.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"
bench_args "$0" "$@"
bench_shared data/news
bench_pinned
NEWS=${NEWS:-$SHARED/data/news/*.jsonl.gz}
# shellcheck disable=SC2206  # the glob is meant to expand
FILES=($NEWS)

bench_build
quiet=$(wait_quiet "$WAIT_LOAD" "$WAIT_MAX")
[ -z "$quiet" ] || say "$quiet; running anyway"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
secs() { date +%s.%N; }
run() { # run LOG ARGS...: wall seconds of one pinned ingest
  local log=$1 t0 t1; shift
  t0=$(secs)
  bench_ingest "$log" "$@"
  t1=$(secs)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
}
say "bare ingest (no entities, no facts)"
bare=$(run "$WORK/bare.log" --no-entities --no-facts --db "$WORK/bare.db" "${FILES[@]}")
say "ingest with entities, no facts"
full=$(run "$WORK/full.log" --no-facts --db "$WORK/full.db" "${FILES[@]}")
say "fact pass"
facts=$(run "$WORK/facts.log" --db "$WORK/full.db" "${FILES[@]}")
counts=$(grep '^facts:' "$WORK/facts.log" || true)
share=$(awk -v f="$facts" -v t="$full" 'BEGIN { printf "%.1f", 100 * f / t }')
share_bare=$(awk -v f="$facts" -v t="$bare" 'BEGIN { printf "%.1f", 100 * f / t }')
ok=$(awk -v s="$share" 'BEGIN { print (s <= 30) ? "PASS" : "FAIL" }')
commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
{
  echo "marsad fact extraction benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $commit"
  echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores; pinned to CPU $PIN"
  echo "input: ${FILES[*]}"
  grep '^articles:' "$WORK/full.log" || true
  echo
  printf '%-44s %8s s\n' "ingest, storing and indexing only" "$bare"
  printf '%-44s %8s s\n' "ingest with the entity pass (the default)" "$full"
  printf '%-44s %8s s   (%s %% of the default ingest, %s %% of the bare one)\n' \
    "fact pass over every article" "$facts" "$share" "$share_bare"
  echo "$counts"
  echo
  echo "floor: fact pass <= 30 % of the ingest time: $share % $ok"
} | tee "$BENCH_BUILD/facts-summary.txt"
[ "$CHECK" = 1 ] && [ "$ok" = FAIL ] && exit 1
exit 0
