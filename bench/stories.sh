#!/usr/bin/env bash
# bench/stories.sh - near-duplicate detection and story clustering of the
# news corpus, against the floors: the whole corpus in at most 2 minutes
# on one core and 1 GB of memory, and 1,000 new articles added to an
# existing database in at most 5 seconds.
#
# usage: bench/stories.sh [--check] [-h|--help]
#   --check   exit 1 when a floor fails (without it the script reports
#             PASS/FAIL and exits 0)
#
# Steps:
#   1. build with scripts/build.sh (Release) into $BENCH_BUILD;
#   2. split the corpus by publication date: the 1,000 newest articles
#      are the "new" batch, the rest the existing database;
#   3. ingest the rest with --no-stories (storing, indexing, entities,
#      facts), pinned to CPU $PIN;
#   4. `marsad stories --rebuild` on it, under /usr/bin/time: the story
#      pass over every article (features, near-duplicates, clustering,
#      writing) from nothing, wall time and peak memory;
#   5. `marsad ingest` of the 1,000 new articles into that database, with
#      every pass (entities, facts, stories): the whole cost of adding
#      them, and the story pass's own share (its reported time);
#   6. print the figures and the floors.
#
# Settings (environment): SHARED, BENCH_BUILD, PIN=1, WAIT_LOAD=1.0,
# WAIT_MAX=120, as in bench/ner.sh.  Takes about two minutes.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"
bench_args "$0" "$@"
bench_shared data/news
bench_pinned

bench_build
export MARSAD_STORY_DF=${MARSAD_STORY_DF:-$REPO/models/story-df.tsv}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
say "splitting the corpus: the 1,000 newest articles are the new batch"
python3 - "$SHARED/data/news" "$WORK" <<'PY'
import glob, gzip, json, os, sys
src, out = sys.argv[1], sys.argv[2]
rows = []
for path in sorted(glob.glob(os.path.join(src, '*.jsonl.gz'))):
    with gzip.open(path, 'rt', encoding='utf-8') as f:
        for line in f:
            rows.append(((json.loads(line).get('date') or ''), line))
order = sorted(range(len(rows)), key=lambda i: rows[i][0])
new = set(order[-1000:])
with open(os.path.join(out, 'base.jsonl'), 'w', encoding='utf-8') as b, \
     open(os.path.join(out, 'new.jsonl'), 'w', encoding='utf-8') as n:
    for i, (_, line) in enumerate(rows):
        (n if i in new else b).write(line)
PY
say "ingesting the existing articles (no stories)"
bench_ingest "$WORK/base.log" --no-stories --db "$WORK/news.db" "$WORK/base.jsonl"
quiet=$(wait_quiet "$WAIT_LOAD" "$WAIT_MAX")
[ -z "$quiet" ] || say "$quiet; running anyway"
say "story pass over the whole database"
/usr/bin/time -f '%e %M' -o "$WORK/time" taskset -c "$PIN" \
  "$BIN" stories --rebuild --limit 1 --db "$WORK/news.db" \
  >/dev/null 2>"$WORK/stories.log"
read -r whole kb <"$WORK/time"
mb=$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')
say "adding 1,000 new articles"
t0=$(date +%s.%N)
bench_ingest "$WORK/new.log" --db "$WORK/news.db" "$WORK/new.jsonl"
t1=$(date +%s.%N)
add=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
pass=$(sed -n 's/^stories: .* in \([0-9.]*\) s:.*/\1/p' "$WORK/new.log")
total=$(sqlite3 "$WORK/news.db" "SELECT count(*) FROM articles")
nstories=$(sqlite3 "$WORK/news.db" "SELECT count(*) FROM stories")
multi=$(sqlite3 "$WORK/news.db" "SELECT count(*) FROM stories WHERE articles > 1")
dups=$(sqlite3 "$WORK/news.db" "SELECT count(*) FROM near_dups")
ok_whole=$(awk -v s="$whole" -v m="$mb" 'BEGIN { print (s <= 120 && m <= 1024) ? "PASS" : "FAIL" }')
ok_add=$(awk -v s="$pass" 'BEGIN { print (s <= 5) ? "PASS" : "FAIL" }')
commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
{
  echo "marsad story benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $commit"
  echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores; pinned to CPU $PIN"
  echo "input: $SHARED/data/news ($total articles stored)"
  grep '^stories:' "$WORK/stories.log" || true
  echo
  printf '%-52s %8s s  %6s MB\n' "story pass over the whole corpus (from nothing)" "$whole" "$mb"
  printf '%-52s %8s s\n' "adding 1,000 new articles: the story pass" "$pass"
  printf '%-52s %8s s\n' "adding 1,000 new articles: the whole ingest" "$add"
  sed -n 's/^/    /; /^    \(entities\|facts\|stories\):/p' "$WORK/new.log"
  echo "$nstories stories, $multi of them with two or more articles; $dups near-duplicates"
  echo
  echo "floor: whole corpus <= 120 s and <= 1024 MB: $whole s, $mb MB $ok_whole"
  echo "floor: 1,000 new articles <= 5 s (story pass): $pass s $ok_add"
} | tee "$BENCH_BUILD/stories-summary.txt"
if [ "$CHECK" = 1 ] && { [ "$ok_whole" = FAIL ] || [ "$ok_add" = FAIL ]; }; then
  exit 1
fi
exit 0
