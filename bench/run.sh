#!/usr/bin/env bash
# bench/run.sh - marsad next to the anchor systems (Lucene 4.10
# ArabicAnalyzer, SQLite FTS5 unicode61, FTS5 + Snowball Arabic, plain C
# splitter + Snowball Arabic), measured in one run on one CPU: analysis
# throughput, ingest (index build) time, index size, and query latency.
#
# usage: bench/run.sh [--check] [-h|--help]
#   --check   exit 1 when a floor fails (without it the script reports
#             PASS/FAIL and exits 0)
#
# Parts (BENCH_PARTS, default "analysis ingest search"):
#   analysis  libmarsad analysis throughput (steps 2 to 5 below)
#   ingest    `marsad ingest` of the news corpus (gzip JSON Lines, cleaning
#             included) into a fresh database, REPS times, next to the
#             anchors' index builds of the same text (FTS5 unicode61,
#             FTS5 + Snowball-ar, Lucene); index sizes without the stored
#             text (steps 6 and 7)
#   search    marsad_bench_search (what `marsad search` does: top 10 by
#             BM25, then title, outlet, date and a 32-word snippet of each
#             hit) on the database the ingest part built, next to the
#             anchors' query runs, for every set and operator of
#             QUERY_SETS (step 8)
#
# Steps:
#   1. prepare the corpus and the anchor binaries with the anchor harness
#      (../shared/anchors/run.sh, STAGES="deps build corpus"), unless
#      $BENCH_WORK already holds them (FORCE_PREP=1 redoes it); write the
#      query sets (the anchors' mkqueries, NQ queries, seed SEED) when
#      missing;
#   2. run the anchors' analysis stage (ANCHORS=stage, the default), or only
#      Lucene, FTS5 unicode61 and c-snowball through their binaries
#      (ANCHORS=direct, about a third of the time), or reuse the rows
#      already in $BENCH_WORK/results.tsv (ANCHORS=reuse);
#   3. build marsad_bench (Release; built before step 2, so a broken build
#      stops the script early) and run each stage REPS times pinned to CPU
#      $PIN, under GNU time;
#   4. run the streaming mode on a 5 MB sample and on the whole corpus, so
#      that the peak RSS of both can be compared;
#   5. print the table, the ratios and the floors;
#   6. build the anchors' indexes with their own command lines, pinned, under
#      GNU time, into $BENCH_WORK/idx (ANCHORS_STORE=direct, the default:
#      only STORE_ENGINES), or run the anchors' own "index queries" stages
#      (ANCHORS_STORE=stage: every anchor, Xapian included, about 8
#      minutes), or reuse the rows in results.tsv and sizes.tsv
#      (ANCHORS_STORE=reuse); then `marsad ingest --quiet` into a fresh
#      $MARSAD_DB, REPS times, interleaved with the anchors' builds;
#   7. sizes from SQLite's dbstat: the anchors' FTS5 `without_content`
#      (pages minus the docs_content table), Lucene's files minus the stored
#      fields (.fdt/.fdx); for marsad (a) the search index (articles_fts_*
#      and rank_postings) and (b) the whole file minus the articles table;
#   8. each query set and operator: the anchors' query runs (their
#      per-query latency files in $BENCH_WORK/lat) and marsad_bench_search,
#      QWARM untimed then QTIMED timed passes in one process each (and, with
#      RANK_ONLY=1, marsad_bench_search --rank-only, to show what ranking
#      alone costs); print the tables, the ratios and the floors.
#
# Settings (environment):
#   SHARED=<repo>/../shared       the shared data (anchors, news corpus)
#   BENCH_WORK=<repo>/build/anchors  anchor WORK dir: binaries, docs.txt,
#                                 results.tsv; marsad rows go to marsad.tsv
#   BENCH_BUILD=<repo>/build/bench   CMake build directory (Release) for
#                                 marsad_bench, marsad and marsad_bench_search
#   BENCH_PARTS="analysis ingest search"
#   CMAKE_ARGS=""                 extra arguments for the CMake configure
#   REPS=3 PASSES=3               processes per engine, timed passes in each
#   STAGES_MARSAD="tokenize segment full"
#   ANCHORS=stage|direct|reuse    see step 2
#   PIN=0                         CPU every measured process is pinned to
#   FORCE_PREP=0                  1: rerun the anchors' deps/build/corpus
#   ANCHORS_STORE=direct|stage|reuse  see step 6 (reuse when ANCHORS=reuse)
#   STORE_ENGINES="fts5-u61 fts5-sb lucene"  anchors built and queried
#   QUERY_SETS="vocab:and vocab:or freq:and freq:or"
#   NQ=300 SEED=42 QWARM=3 QTIMED=5   query sets and passes, as the anchors
#   NEWS="$SHARED/data/news/*.jsonl.gz"   input of `marsad ingest`
#   MARSAD_DB=$BENCH_WORK/marsad-bench.db  the database ingest builds
#   RANK_ONLY=1                   also time md_search alone (marsad-rank
#                                 rows: no fetching, no snippets)
#   WAIT_LOAD=                    a number: before each measured command,
#                                 wait (up to WAIT_MAX=300 s) until the
#                                 1-minute load average is below it
#
# Every measured command is limited to 10 minutes (timeout 600).  With the
# defaults on the 174 MB news corpus the analysis part takes 7 to 10
# minutes on a 2-core machine (6 of them in the anchors' analysis stage,
# 2.5 with ANCHORS=direct), the ingest part about 4 and the search part
# about 2.
set -euo pipefail

CHECK=0
for a in "$@"; do
  case $a in
    --check) CHECK=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [--check] [-h|--help]" >&2; exit 2 ;;
  esac
done

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SHARED=${SHARED:-$REPO/../shared}
if [ ! -d "$SHARED/anchors" ]; then
  echo "skipped: ../shared not found (looked for $SHARED/anchors)"
  exit 0
fi
ANCHORS_DIR=$(cd "$SHARED/anchors" && pwd)

BENCH_WORK=${BENCH_WORK:-$REPO/build/anchors}
BENCH_BUILD=${BENCH_BUILD:-$REPO/build/bench}
mkdir -p "$BENCH_WORK" "$BENCH_BUILD"
# absolute, because the anchor harness runs from its own directory
BENCH_WORK=$(cd "$BENCH_WORK" && pwd)
BENCH_BUILD=$(cd "$BENCH_BUILD" && pwd)
REPS=${REPS:-3}
PASSES=${PASSES:-3}
PIN=${PIN:-0}
ANCHORS=${ANCHORS:-stage}
STAGES_MARSAD=${STAGES_MARSAD:-tokenize segment full}
FORCE_PREP=${FORCE_PREP:-0}
CMAKE_ARGS=${CMAKE_ARGS:-}
BENCH_PARTS=${BENCH_PARTS:-analysis ingest search}
if [ "$ANCHORS" = reuse ]; then ANCHORS_STORE=${ANCHORS_STORE:-reuse}; fi
ANCHORS_STORE=${ANCHORS_STORE:-direct}
STORE_ENGINES=${STORE_ENGINES:-fts5-u61 fts5-sb lucene}
QUERY_SETS=${QUERY_SETS:-vocab:and vocab:or freq:and freq:or}
NQ=${NQ:-300}
SEED=${SEED:-42}
QWARM=${QWARM:-3}
QTIMED=${QTIMED:-5}
NEWS=${NEWS:-$SHARED/data/news/*.jsonl.gz}
MARSAD_DB=${MARSAD_DB:-$BENCH_WORK/marsad-bench.db}
WAIT_LOAD=${WAIT_LOAD:-}
RANK_ONLY=${RANK_ONLY:-1}
WAIT_MAX=${WAIT_MAX:-300}
LIMIT=600                       # seconds allowed to one measured command
for p in $BENCH_PARTS; do
  case $p in analysis|ingest|search) ;;
    *) echo "BENCH_PARTS: unknown part '$p' (analysis, ingest, search)" >&2; exit 2 ;;
  esac
done
case $ANCHORS in stage|direct|reuse) ;;
  *) echo "ANCHORS must be stage, direct or reuse" >&2; exit 2 ;; esac
case $ANCHORS_STORE in stage|direct|reuse) ;;
  *) echo "ANCHORS_STORE must be stage, direct or reuse" >&2; exit 2 ;; esac
for e in $STORE_ENGINES; do
  case $e in fts5-u61|fts5-sb|lucene) ;;
    *) echo "STORE_ENGINES: unknown engine '$e' (fts5-u61, fts5-sb, lucene)" >&2; exit 2 ;;
  esac
done
has_part() { case " $BENCH_PARTS " in *" $1 "*) return 0 ;; esac; return 1; }

DOCS=$BENCH_WORK/docs.txt
BIN=$BENCH_WORK/bin
RES=$BENCH_WORK/results.tsv     # the anchors' rows
MRES=$BENCH_WORK/marsad.tsv     # marsad's rows, in the same format
LOG=$BENCH_WORK/marsad-log.txt
SAMPLE=$BENCH_WORK/docs-5mb.txt
SUMMARY=$BENCH_WORK/marsad-summary.txt
IDX=$BENCH_WORK/idx                  # the anchors' indexes (as their harness)
SIZES=$BENCH_WORK/sizes.tsv          # the anchors' index sizes
LAT=$BENCH_WORK/lat                  # per-query latencies, every engine
SRES=$BENCH_WORK/marsad-store.tsv    # marsad's ingest and query rows
SSIZES=$BENCH_WORK/marsad-sizes.txt  # marsad's database breakdown
SSUMMARY=$BENCH_WORK/marsad-store-summary.txt
TIME_BIN=$(type -P time || true)  # GNU time, not the shell keyword
[ -n "$TIME_BIN" ] || { echo "GNU time is needed (Debian package 'time')" >&2; exit 1; }

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ------------------------------------------------------------ 1. corpus
if [ "$FORCE_PREP" = 1 ] || [ ! -s "$DOCS" ] || [ ! -x "$BIN/ana_snowball" ] \
   || [ ! -x "$BIN/fts5_tool" ] || [ ! -x "$BIN/mkqueries" ] \
   || [ ! -s "$BIN/lucene.classpath" ]; then
  say "preparing the corpus and anchor binaries in $BENCH_WORK"
  WORK=$BENCH_WORK STAGES="deps build corpus" "$ANCHORS_DIR/run.sh"
else
  say "reusing the prepared corpus in $BENCH_WORK (FORCE_PREP=1 redoes it)"
fi
if has_part search; then
  for set_ in $(for s in $QUERY_SETS; do echo "${s%%:*}"; done | sort -u); do
    if [ "$FORCE_PREP" = 1 ] || [ ! -s "$BENCH_WORK/queries_$set_.txt" ]; then
      say "writing the $set_ query set (NQ=$NQ SEED=$SEED)"
      "$BIN/mkqueries" "$DOCS" "$NQ" "$SEED" "$set_" \
        > "$BENCH_WORK/queries_$set_.txt" 2>/dev/null
    fi
  done
fi

# ------------------------------------------------------------ timing helper
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"
# wait_load: with WAIT_LOAD set, wait until the 1-minute load average is
# below it (at most WAIT_MAX seconds; the log notes a timeout)
wait_load() {
  [ -n "$WAIT_LOAD" ] || return 0
  local m
  m=$(wait_quiet "$WAIT_LOAD" "$WAIT_MAX")
  [ -z "$m" ] || echo "== $m" >> "$LOG"
}

# timed FILE STAGE ENGINE REP CMD...: run CMD pinned to CPU $PIN under GNU
# time, and append "stage engine rep wall_s maxrss_kb user_s sys_s
# tool_line" to FILE, the row format of the anchors' results.tsv.  The
# tool line is the first output line matching TOOL_PAT (an extended
# regular expression, default engine=), or the first TOOL_N such lines
# joined by spaces.
timed() {
  local file=$1 stage=$2 engine=$3 rep=$4; shift 4
  local tf out rc=0 wall rss usr sys
  wait_load
  printf '== load %s before %s %s %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" \
    "$stage" "$engine" "$rep" >> "$LOG"
  tf=$(mktemp)
  out=$("$TIME_BIN" -f '%e %M %U %S' -o "$tf" \
        timeout "$LIMIT" taskset -c "$PIN" "$@" 2>>"$LOG") || rc=$?
  printf '== %s %s %s: %s\n%s\n' "$stage" "$engine" "$rep" "$*" "$out" >> "$LOG"
  if [ "$rc" != 0 ]; then
    say "FAILED ($rc): $stage $engine: $*"; tail -5 "$LOG" >&2; rm -f "$tf"
    return "$rc"
  fi
  read -r wall rss usr sys < <(tail -1 "$tf")
  rm -f "$tf"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$stage" "$engine" "$rep" \
    "$wall" "$rss" "$usr" "$sys" \
    "$(printf '%s\n' "$out" | grep -E -m"${TOOL_N:-1}" -- "${TOOL_PAT:-engine=}" \
       | paste -sd' ' - || true)" >> "$file"
  say "$stage $engine #$rep: wall ${wall}s, peak ${rss} kB"
}

# ------------------------------------------------------------ build
# first, so that a broken build fails before minutes of anchor runs
: > "$LOG"
targets=()
has_part analysis && targets+=(marsad_bench)
has_part ingest && targets+=(marsad_cli)
has_part search && targets+=(marsad_bench_search)
say "building ${targets[*]} in $BENCH_BUILD"
# shellcheck disable=SC2086
cmake -S "$REPO" -B "$BENCH_BUILD" -DCMAKE_BUILD_TYPE=Release $CMAKE_ARGS \
  >> "$LOG" 2>&1
cmake --build "$BENCH_BUILD" -j2 --target "${targets[@]}" >> "$LOG" 2>&1 \
  || { tail -20 "$LOG" >&2; exit 1; }
MB=$BENCH_BUILD/marsad_bench
CLI=$BENCH_BUILD/marsad
MBS=$BENCH_BUILD/marsad_bench_search
read -r -a JOPTS <<< "${JAVA_OPTS:--XX:+UseSerialGC -Xmx2g}"
fails=0
floor() {  # floor NAME OK(0/1) DETAIL
  if [ "$2" = 1 ]; then echo "PASS  $1 ($3)"; else echo "FAIL  $1 ($3)"; fails=$((fails + 1)); fi
}
# the library state that was built, for the report (read-only git commands)
commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "no commit")
if ! git -C "$REPO" diff --quiet HEAD -- src include CMakeLists.txt \
     2>/dev/null; then
  commit="$commit plus uncommitted changes"
fi

# agg FILE STAGE ENGINE -> "n wall_med rss_max_kb analyze_s_med bytes
# tokens cpu_pct_med"; cpu_pct is (user + sys) / wall of the process: well
# under 100 means it waited for its CPU, and its figures are low
agg() {
  awk -F'\t' -v st="$2" -v en="$3" '
    function med(a, n,   i, j, t) {
      for (i = 2; i <= n; i++) {
        t = a[i]
        for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]
        a[j + 1] = t
      }
      return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function kv(line, k,   v) {
      if (!match(line, "(^| )" k "=[^ ]*")) return ""
      v = substr(line, RSTART, RLENGTH); sub(/^ /, "", v); sub(/^[^=]*=/, "", v)
      return v
    }
    $1 == st && $2 == en {
      n++; w[n] = $4 + 0; if ($5 + 0 > rss) rss = $5 + 0
      s[n] = kv($8, "analyze_s") + 0; b = kv($8, "bytes"); t[n] = kv($8, "tokens") + 0
      c[n] = ($4 + 0 > 0) ? 100 * ($6 + $7) / $4 : 0
    }
    END {
      if (n == 0) { print "NA"; exit }
      printf "%d %.2f %d %.6f %s %d %.0f\n", n, med(w, n), rss, med(s, n), b,
        med(t, n), med(c, n)
    }' "$1"
}

# pct LATFILE -> "p50 p95 p99 mean hits n" in ms: nearest rank over the
# per-query latencies (microseconds, column 2; hits in column 3), as the
# anchors' report.sh computes them; NA when the file is missing
pct() {
  [ -s "$1" ] || { echo NA; return; }
  sort -t"$(printf '\t')" -k2,2g "$1" | awk -F'\t' '
    { v[NR] = $2; s += $2; if ($3 > 0) h++ }
    function r(p,  i) { i = int(p * NR + 0.999999); if (i < 1) i = 1; return v[i] }
    END { printf "%.3f %.3f %.3f %.3f %d %d\n", r(0.50) / 1000, r(0.95) / 1000,
          r(0.99) / 1000, s / NR / 1000, h + 0, NR }'
}

if has_part analysis; then
# ------------------------------------------------------------ 2. anchors
case $ANCHORS in
  stage)
    say "anchors' analysis stage: REPS=$REPS PASSES=$PASSES"
    WORK=$BENCH_WORK STAGES=analysis REPS=$REPS PASSES=$PASSES PIN=$PIN \
      "$ANCHORS_DIR/run.sh"
    ;;
  direct)
    say "anchors via their binaries: lucene, fts5-u61, c-snowball"
    if [ -f "$RES" ]; then
      { grep -v '^analysis	' "$RES" || true; } > "$RES.tmp"; mv "$RES.tmp" "$RES"
    fi
    # the anchors' own command lines (see ../shared/anchors/run.sh)
    for r in $(seq 1 "$REPS"); do
      timed "$RES" analysis c-snowball "$r" "$BIN/ana_snowball" "$DOCS" "$PASSES"
      timed "$RES" analysis fts5-u61 "$r" "$BIN/fts5_tool" tokenize "$DOCS" \
        "$PASSES" unicode61 remove_diacritics 2
      timed "$RES" analysis lucene "$r" java "${JOPTS[@]}" \
        -cp "$(cat "$BIN/lucene.classpath")" LuceneBench analyze "$DOCS" "$PASSES"
    done
    ;;
  reuse) say "reusing the anchor rows in $RES" ;;
esac

# ------------------------------------------------------------ 3. marsad

: > "$MRES"
for r in $(seq 1 "$REPS"); do
  for st in $STAGES_MARSAD; do
    timed "$MRES" marsad "marsad-$st" "$r" "$MB" --passes "$PASSES" \
      --stages "$st" "$DOCS"
  done
  # a new analyzer for each timed pass: no word cache carried over from
  # an earlier pass over the same text
  timed "$MRES" marsad "marsad-full-cold" "$r" "$MB" --passes "$PASSES" \
    --stages full --cold "$DOCS"
done

# ------------------------------------------------------------ 4. streaming
# the first ~5 MB of whole lines: the same analysis on 1/35 of the input
head -c 5000000 "$DOCS" | sed '$d' > "$SAMPLE"
timed "$MRES" stream marsad-full-stream-5mb 1 "$MB" --stream --stages full "$SAMPLE"
timed "$MRES" stream marsad-full-stream 1 "$MB" --stream --stages full "$DOCS"

# ------------------------------------------------------------ 5. report
# engine rows: "label file stage engine"
ROWS=(
  "marsad full, cold caches|$MRES|marsad|marsad-full-cold"
  "marsad full|$MRES|marsad|marsad-full"
  "marsad segment|$MRES|marsad|marsad-segment"
  "marsad tokenize|$MRES|marsad|marsad-tokenize"
  "Lucene 4.10.4 ArabicAnalyzer|$RES|analysis|lucene"
  "FTS5 unicode61 remove_diacritics 2|$RES|analysis|fts5-u61"
  "FTS5 + Snowball-ar tokenizer|$RES|analysis|fts5-sb"
  "C splitter + Snowball arabic|$RES|analysis|c-snowball"
  "Xapian + Stem(arabic)|$RES|analysis|xapian"
)
declare -A MBPS
{
  corpus_bytes=$(LC_ALL=C awk '{ n += length($0) } END { print n + 0 }' "$DOCS")
  echo "marsad analysis benchmark, $(date -u +%Y-%m-%dT%H:%MZ), library built from: $commit"
  echo "corpus: $DOCS ($(wc -l < "$DOCS") lines, $corpus_bytes bytes)"
  echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores; gcc $(gcc -dumpfullversion); pinned to CPU $PIN"
  echo "settings: REPS=$REPS PASSES=$PASSES ANCHORS=$ANCHORS; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  printf '%-36s %9s %12s %12s %10s %5s %5s\n' engine "MB/s" "tokens/s" tokens \
    "peak RSS" reps "cpu%"
  for row in "${ROWS[@]}"; do
    IFS='|' read -r label file stage engine <<< "$row"
    [ -f "$file" ] || continue
    a=$(agg "$file" "$stage" "$engine")
    [ "$a" = NA ] && continue
    read -r n _ rss s b t cpu <<< "$a"
    mbps=$(awk -v b="$b" -v s="$s" 'BEGIN { printf "%.1f", (s > 0 ? b / 1e6 / s : 0) }')
    MBPS[$engine]=$mbps
    printf '%-36s %9s %12s %12s %7.1f MB %5s %5s\n' "$label" "$mbps" \
      "$(awk -v t="$t" -v s="$s" 'BEGIN { printf "%.0f", (s > 0 ? t / s : 0) }')" \
      "$t" "$(awk -v k="$rss" 'BEGIN { print k * 1024 / 1e6 }')" "$n" "$cpu"
  done
  echo
  ratio() {
    local x=${MBPS[$1]:-} y=${MBPS[$2]:-}
    if [ -n "$x" ] && [ -n "$y" ]; then
      awk -v x="$x" -v y="$y" 'BEGIN { printf "%.2fx", x / y }'
    else echo "n/a"; fi
  }
  echo "ratios (MB/s): marsad-full-cold/Lucene $(ratio marsad-full-cold lucene)," \
       "marsad-full/Lucene $(ratio marsad-full lucene)," \
       "marsad-full/unicode61 $(ratio marsad-full fts5-u61)," \
       "marsad-full/c-snowball $(ratio marsad-full c-snowball)," \
       "marsad-tokenize/unicode61 $(ratio marsad-tokenize fts5-u61)"
  s5=$(agg "$MRES" stream marsad-full-stream-5mb)
  sa=$(agg "$MRES" stream marsad-full-stream)
  read -r _ _ rss5 _ b5 _ <<< "$s5"
  read -r _ _ rssa sas ba _ <<< "$sa"
  printf 'streaming full analysis (one pass, 64 KiB pieces): peak RSS %.1f MB on %.1f MB of text, %.1f MB on %.1f MB; %.1f MB/s\n' \
    "$(awk -v k="$rss5" 'BEGIN { print k * 1024 / 1e6 }')" "$(awk -v b="$b5" 'BEGIN { print b / 1e6 }')" \
    "$(awk -v k="$rssa" 'BEGIN { print k * 1024 / 1e6 }')" "$(awk -v b="$ba" 'BEGIN { print b / 1e6 }')" \
    "$(awk -v b="$ba" -v s="$sas" 'BEGIN { printf "%.1f", (s > 0 ? b / 1e6 / s : 0) }')"
  echo
} > "$SUMMARY"

# ------------------------------------------------------------ floors
# the floor compares like with like: marsad measured as the anchors are
# (warm-up pass, then timed passes); the cold-cache figure is printed too
full=${MBPS[marsad-full]:-0}; luc=${MBPS[lucene]:-}; tok=${MBPS[marsad-tokenize]:-0}
{
  if [ -n "$luc" ]; then
    floor "full >= 2x Lucene MB/s" \
      "$(awk -v f="$full" -v l="$luc" 'BEGIN { print (f >= 2 * l) ? 1 : 0 }')" \
      "$full vs 2 x $luc = $(awk -v l="$luc" 'BEGIN { printf "%.1f", 2 * l }') MB/s"
  else
    floor "full >= 2x Lucene MB/s" 0 "no Lucene row in $RES"
  fi
  floor "tokenize >= 300 MB/s" \
    "$(awk -v t="$tok" 'BEGIN { print (t >= 300) ? 1 : 0 }')" "$tok MB/s"
  floor "streaming peak RSS <= 32 MB" \
    "$(awk -v k="${rssa:-0}" 'BEGIN { print (k > 0 && k * 1024 <= 32e6) ? 1 : 0 }')" \
    "$(awk -v k="${rssa:-0}" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }') MB on the whole corpus"
} >> "$SUMMARY"
cat "$SUMMARY"
say "summary in $SUMMARY; raw rows in $MRES and $RES; tool output in $LOG"
fi  # analysis

# ------------------------------------------------------------ 6. ingest
# drop_rows FILE STAGE ENGINE: remove the rows of one stage and engine
drop_rows() {
  [ -f "$1" ] || return 0
  awk -F'\t' -v st="$2" -v en="$3" '!($1 == st && $2 == en)' "$1" > "$1.tmp"
  mv "$1.tmp" "$1"
}

# the anchors' files and command lines (as ../shared/anchors/run.sh)
fts5_db() { echo "$IDX/$(echo "$1" | tr - _).db"; }
fts5_tokenizer() {
  case $1 in fts5-u61) echo 'unicode61 remove_diacritics 2' ;; fts5-sb) echo snowball_ar ;; esac
}

# anchor_index ENGINE REP: one fresh index build, timed
anchor_index() {
  case $1 in
    fts5-*)
      rm -f "$(fts5_db "$1")"*
      timed "$RES" index "$1" "$2" "$BIN/fts5_tool" index "$DOCS" "$(fts5_db "$1")" \
        "$(fts5_tokenizer "$1")" ;;
    lucene)
      rm -rf "$IDX/lucene"
      timed "$RES" index lucene "$2" java "${JOPTS[@]}" -cp "$(cat "$BIN/lucene.classpath")" \
        LuceneBench index "$DOCS" "$IDX/lucene" ;;
  esac
}

# anchor_sizes ENGINE: its sizes.tsv row (total bytes, bytes without the
# stored text, breakdown), as the anchors' index stage writes it
anchor_sizes() {
  local e=$1 d line tot wo st
  case $e in
    fts5-*)
      d=$(fts5_db "$e"); [ -f "$d" ] || return 0
      line=$("$BIN/fts5_tool" sizes "$d")
      tot=$(stat -c %s "$d")
      wo=$(printf '%s\n' "$line" | sed -n 's/.*without_content=\([0-9]*\).*/\1/p') ;;
    lucene)
      d=$IDX/lucene; [ -d "$d" ] || return 0
      tot=$(du -sb "$d" | cut -f1)
      st=$(find "$d" -name '*.fd[tx]' -printf '%s\n' | awk '{ n += $1 } END { print n + 0 }')
      wo=$((tot - st))
      line=$(find "$d" -maxdepth 1 -type f -printf '%f=%s\n' | sort | paste -sd' ' -) ;;
  esac
  if [ -f "$SIZES" ]; then
    awk -F'\t' -v e="$e" '$1 != e' "$SIZES" > "$SIZES.tmp"; mv "$SIZES.tmp" "$SIZES"
  fi
  printf '%s\t%s\t%s\t%s\n' "$e" "$tot" "$wo" "$line" >> "$SIZES"
}

# marsad_sizes DB: the database by table (SQLite's dbstat), one key=value
# line: the search index is articles_fts_* plus rank_postings; without
# the stored text is the whole file minus the articles table (its indexes
# stay counted)
marsad_sizes() {
  local rows file
  rows=$(sqlite3 -readonly "$1" \
         "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY name")
  file=$(stat -c %s "$1")
  printf '%s\n' "$rows" | awk -F'|' -v file="$file" '
    { tot += $2; b[$1] = $2; parts = parts " " $1 "=" $2
      if ($1 ~ /^articles_fts_/) fts += $2
      if ($1 == "rank_postings" || $1 ~ /^sqlite_autoindex_rank_postings/) rk += $2 }
    END {
      printf "file_bytes=%.0f pages_total=%.0f articles=%.0f search_index=%.0f fts5=%.0f rank_postings=%.0f without_articles=%.0f%s\n",
        file, tot, b["articles"], fts + rk, fts, rk, file - b["articles"], parts
    }'
}

# aggw FILE STAGE ENGINE -> "n wall_med wall_min wall_max rss_max_kb
# cpu_pct_med", or NA
aggw() {
  awk -F'\t' -v st="$2" -v en="$3" '
    function med(a, n,   i, j, t) {
      for (i = 2; i <= n; i++) {
        t = a[i]
        for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]
        a[j + 1] = t
      }
      return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    $1 == st && $2 == en {
      n++; w[n] = $4 + 0; if ($5 + 0 > rss) rss = $5 + 0
      if (n == 1 || $4 + 0 < lo) lo = $4 + 0
      if (n == 1 || $4 + 0 > hi) hi = $4 + 0
      c[n] = ($4 + 0 > 0) ? 100 * ($6 + $7) / $4 : 0
    }
    END {
      if (n == 0) { print "NA"; exit }
      printf "%d %.2f %.2f %.2f %d %.0f\n", n, med(w, n), lo, hi, rss, med(c, n)
    }' "$1"
}
kv() { sed -n "s/.*\(^\| \)$1=\([^ ]*\).*/\2/p" <<< "$2" | head -1; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
kmb() { awk -v k="$1" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }'; }
div() { awk -v x="$1" -v y="$2" 'BEGIN { if (y > 0) printf "%.2f", x / y; else print "n/a" }'; }
le() { awk -v x="$1" -v y="$2" 'BEGIN { print (x != "" && y != "" && x + 0 <= y + 0) ? 1 : 0 }'; }

if has_part ingest || has_part search; then
  LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
  mkdir -p "$IDX" "$LAT"
  command -v sqlite3 > /dev/null || { echo "the sqlite3 shell is needed (Debian package 'sqlite3')" >&2; exit 1; }
fi

if has_part ingest; then
  # shellcheck disable=SC2206
  news=($NEWS)
  for f in "${news[@]}"; do
    [ -f "$f" ] || { echo "NEWS: no such file: $f" >&2; exit 1; }
  done
  case $ANCHORS_STORE in
    stage)
      say "anchors' index stage (every anchor): REPS=$REPS"
      WORK=$BENCH_WORK STAGES=index REPS=$REPS PIN=$PIN "$ANCHORS_DIR/run.sh" ;;
    direct)
      say "anchors' index builds via their binaries: $STORE_ENGINES"
      for e in $STORE_ENGINES; do drop_rows "$RES" index "$e"; done ;;
    reuse) say "reusing the anchors' index rows in $RES and $SIZES" ;;
  esac
  drop_rows "$SRES" ingest marsad
  for r in $(seq 1 "$REPS"); do
    if [ "$ANCHORS_STORE" = direct ]; then
      for e in $STORE_ENGINES; do anchor_index "$e" "$r"; done
    fi
    rm -f "$MARSAD_DB" "$MARSAD_DB-wal" "$MARSAD_DB-shm"
    TOOL_PAT='^(ingest|articles):' TOOL_N=2 \
      timed "$SRES" ingest marsad "$r" "$CLI" ingest --quiet --db "$MARSAD_DB" "${news[@]}"
  done
  if [ "$ANCHORS_STORE" = direct ]; then
    for e in $STORE_ENGINES; do anchor_sizes "$e"; done
  fi
  [ -e "$MARSAD_DB-wal" ] && say "note: $MARSAD_DB-wal is left after the ingest"
  marsad_sizes "$MARSAD_DB" > "$SSIZES"
  say "marsad database: $(cut -d' ' -f1-7 "$SSIZES")"
fi

# ------------------------------------------------------------ 8. search
# anchor_query ENGINE SET OP: one query run, timed, latencies to $LAT
anchor_query() {
  local e=$1 q=$BENCH_WORK/queries_$2.txt out=$LAT/$1_$2_$3.tsv
  drop_rows "$RES" query "$e/$2-$3"
  case $e in
    fts5-*)
      [ -f "$(fts5_db "$e")" ] || { say "no $(fts5_db "$e"): $e not queried"; return 0; }
      timed "$RES" query "$e/$2-$3" 1 "$BIN/fts5_tool" query "$(fts5_db "$e")" "$q" "$3" \
        "$QWARM" "$QTIMED" "$out" ;;
    lucene)
      [ -d "$IDX/lucene" ] || { say "no $IDX/lucene: lucene not queried"; return 0; }
      timed "$RES" query "lucene/$2-$3" 1 java "${JOPTS[@]}" -cp "$(cat "$BIN/lucene.classpath")" \
        LuceneBench query "$IDX/lucene" "$q" "$3" "$QWARM" "$QTIMED" "$out" ;;
  esac
}

if has_part search; then
  [ -s "$MARSAD_DB" ] || { echo "no database at $MARSAD_DB: run the ingest part first" >&2; exit 1; }
  harness_specs=""
  if [ "$ANCHORS_STORE" = stage ]; then
    say "anchors' queries stage (every anchor)"
    WORK=$BENCH_WORK STAGES=queries PIN=$PIN NQ=$NQ SEED=$SEED QWARM=$QWARM QTIMED=$QTIMED \
      "$ANCHORS_DIR/run.sh"
    harness_specs="vocab:and vocab:or freq:and"   # what that stage runs
  fi
  for spec in $QUERY_SETS; do
    set_=${spec%%:*}; op=${spec##*:}
    case $op in and|or) ;; *) echo "QUERY_SETS: bad operator in '$spec'" >&2; exit 2 ;; esac
    if [ "$ANCHORS_STORE" = direct ] || { [ "$ANCHORS_STORE" = stage ] &&
         case " $harness_specs " in *" $spec "*) false ;; *) true ;; esac; }; then
      for e in $STORE_ENGINES; do anchor_query "$e" "$set_" "$op"; done
    fi
    drop_rows "$SRES" query "marsad/$set_-$op"
    timed "$SRES" query "marsad/$set_-$op" 1 "$MBS" --warm "$QWARM" --timed "$QTIMED" \
      --set "$set_" --lat "$LAT/marsad_${set_}_$op.tsv" "$MARSAD_DB" \
      "$BENCH_WORK/queries_$set_.txt" "$op"
    drop_rows "$SRES" query "marsad-rank/$set_-$op"
    rm -f "$LAT/marsad-rank_${set_}_$op.tsv"
    if [ "$RANK_ONLY" = 1 ]; then
      timed "$SRES" query "marsad-rank/$set_-$op" 1 "$MBS" --rank-only --warm "$QWARM" \
        --timed "$QTIMED" --set "$set_" --lat "$LAT/marsad-rank_${set_}_$op.tsv" \
        "$MARSAD_DB" "$BENCH_WORK/queries_$set_.txt" "$op"
    fi
  done
fi

# ------------------------------------------------------------ store report
label_of() {
  case $1 in
    marsad) echo "marsad" ;;
    marsad-rank) echo "marsad ranking only (md_search)" ;;
    fts5-u61) echo "FTS5 unicode61 remove_diacritics 2" ;;
    fts5-sb) echo "FTS5 + Snowball-ar tokenizer" ;;
    lucene) echo "Lucene 4.10.4 ArabicAnalyzer" ;;
    *) echo "$1" ;;
  esac
}
size_of() { [ -f "$SIZES" ] && awk -F'\t' -v e="$1" -v c="$2" '$1 == e { print $c }' "$SIZES"; }

if has_part ingest || has_part search; then
{
  echo "marsad ingest and search benchmark, $(date -u +%Y-%m-%dT%H:%MZ), built from: $commit"
  echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores; gcc $(gcc -dumpfullversion); SQLite $(sqlite3 --version | cut -d' ' -f1); pinned to CPU $PIN"
  echo "settings: REPS=$REPS NQ=$NQ SEED=$SEED QWARM=$QWARM QTIMED=$QTIMED ANCHORS_STORE=$ANCHORS_STORE; load average at the start: $LOAD_START, at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} > "$SSUMMARY"
fi

if has_part ingest; then
  ing=$(aggw "$SRES" ingest marsad)
  read -r _ ing_w _ _ ing_rss _ <<< "$ing"
  ms=$(cat "$SSIZES")
  m_idx=$(kv search_index "$ms"); m_wo=$(kv without_articles "$ms")
  declare -A IW IWO
  {
    nb=0; for f in "${news[@]}"; do nb=$((nb + $(stat -c %s "$f"))); done
    echo "ingest: marsad reads ${#news[@]} gzip JSON Lines files ($(mb "$nb") MB compressed) and cleans, stores and indexes them;"
    echo "the anchors index docs.txt ($(wc -l < "$DOCS") documents, text already extracted); wall = whole process, median of REPS"
    echo
    printf '%-36s %22s %5s %10s %10s %12s\n' engine "wall s med (min-max)" "cpu%" "peak RSS" "size MB" "w/o text MB"
    for e in marsad $STORE_ENGINES; do
      if [ "$e" = marsad ]; then a=$ing; else a=$(aggw "$RES" index "$e"); fi
      [ "$a" = NA ] && continue
      read -r n w lo hi rss cpu <<< "$a"
      IW[$e]=$w
      if [ "$e" = marsad ]; then tot=$(kv file_bytes "$ms"); wo=$m_idx
      else tot=$(size_of "$e" 2); wo=$(size_of "$e" 3); fi
      IWO[$e]=$wo
      printf '%-36s %22s %5s %7s MB %10s %12s\n' "$(label_of "$e")" "$w ($lo-$hi)" "$cpu" \
        "$(kmb "$rss")" "$( [ -n "$tot" ] && mb "$tot" || echo n/a)" "$( [ -n "$wo" ] && mb "$wo" || echo n/a)"
    done
    echo "marsad database: $(mb "$(kv file_bytes "$ms")") MB file; articles table $(mb "$(kv articles "$ms")") MB;" \
      "search index (a) $(mb "$m_idx") MB = FTS5 $(mb "$(kv fts5 "$ms")") + rank_postings $(mb "$(kv rank_postings "$ms")");" \
      "whole file minus articles (b) $(mb "$m_wo") MB"
    echo "ratios: ingest wall / index build: fts5-u61 $(div "$ing_w" "${IW[fts5-u61]:-0}")," \
      "fts5-sb $(div "$ing_w" "${IW[fts5-sb]:-0}"), lucene $(div "$ing_w" "${IW[lucene]:-0}");" \
      "size (a) / without stored text: fts5-u61 $(div "$m_idx" "${IWO[fts5-u61]:-0}")," \
      "fts5-sb $(div "$m_idx" "${IWO[fts5-sb]:-0}"), lucene $(div "$m_idx" "${IWO[lucene]:-0}");" \
      "(b) / fts5-u61 $(div "$m_wo" "${IWO[fts5-u61]:-0}")"
    echo
  } >> "$SSUMMARY"
fi

if has_part search; then
  declare -A P50 P99
  {
    echo "queries: top 10 by BM25; marsad also reads each hit's title, outlet, date, url, text and makes a 32-word snippet;"
    echo "latency of a query = median of $QTIMED timed passes after $QWARM warm-up passes; nearest rank over the $NQ queries"
    echo
    printf '%-10s %-36s %8s %8s %8s %8s %9s %9s\n' set/op engine "p50 ms" "p95 ms" "p99 ms" "mean ms" "hits" "peak RSS"
    for spec in $QUERY_SETS; do
      set_=${spec%%:*}; op=${spec##*:}
      for e in marsad marsad-rank $STORE_ENGINES; do
        p=$(pct "$LAT/${e}_${set_}_$op.tsv")
        [ "$p" = NA ] && continue
        read -r p50 p95 p99 mean h n <<< "$p"
        P50[$e/$spec]=$p50; P99[$e/$spec]=$p99
        if [ "${e%-rank}" = marsad ]; then a=$(aggw "$SRES" query "$e/$set_-$op")
        else a=$(aggw "$RES" query "$e/$set_-$op"); fi
        rss=NA; [ "$a" != NA ] && read -r _ _ _ _ rss _ <<< "$a"
        printf '%-10s %-36s %8s %8s %8s %8s %9s %6s MB\n' "$set_/$op" "$(label_of "$e")" \
          "$p50" "$p95" "$p99" "$mean" "$h/$n" "$( [ "$rss" != NA ] && kmb "$rss" || echo n/a)"
      done
    done
    echo
    for spec in $QUERY_SETS; do
      line="ratios $spec (marsad / anchor, p50 and p99):"
      for e in $STORE_ENGINES; do
        line="$line $e $(div "${P50[marsad/$spec]:-0}" "${P50[$e/$spec]:-0}") $(div "${P99[marsad/$spec]:-0}" "${P99[$e/$spec]:-0}");"
      done
      echo "${line%;}"
    done
    echo
  } >> "$SSUMMARY"
fi

if has_part ingest || has_part search; then
{
  if has_part ingest; then
    u61=${IW[fts5-u61]:-}; luc=${IW[lucene]:-}
    if [ -n "$u61" ]; then
      floor "ingest wall <= 1.5x FTS5 unicode61 index build" "$(le "$ing_w" "$(awk -v x="$u61" 'BEGIN { print 1.5 * x }')")" \
        "$ing_w s vs 1.5 x $u61 = $(awk -v x="$u61" 'BEGIN { printf "%.2f", 1.5 * x }') s"
    else floor "ingest wall <= 1.5x FTS5 unicode61 index build" 0 "no fts5-u61 index row in $RES"; fi
    if [ -n "$luc" ]; then
      floor "ingest wall < Lucene index build" "$(awk -v x="$ing_w" -v y="$luc" 'BEGIN { print (x < y) ? 1 : 0 }')" \
        "$ing_w s vs $luc s"
    else floor "ingest wall < Lucene index build" 0 "no lucene index row in $RES"; fi
    u61s=${IWO[fts5-u61]:-}
    if [ -n "$u61s" ]; then
      floor "search index <= 1.5x FTS5 unicode61 without_content" \
        "$(le "$m_idx" "$(awk -v x="$u61s" 'BEGIN { print 1.5 * x }')")" \
        "$(mb "$m_idx") MB vs 1.5 x $(mb "$u61s") = $(awk -v x="$u61s" 'BEGIN { printf "%.1f", 1.5 * x / 1e6 }') MB"
    else floor "search index <= 1.5x FTS5 unicode61 without_content" 0 "no fts5-u61 size in $SIZES"; fi
    floor "ingest peak RSS <= 256 MB" \
      "$(awk -v k="${ing_rss:-0}" 'BEGIN { print (k > 0 && k * 1024 <= 256e6) ? 1 : 0 }')" \
      "$(kmb "${ing_rss:-0}") MB"
  fi
  if has_part search; then
    for spec in $QUERY_SETS; do
      p50=${P50[marsad/$spec]:-}; p99=${P99[marsad/$spec]:-}
      if [ -z "$p50" ]; then floor "search $spec" 0 "no latencies"; continue; fi
      floor "search $spec p50 <= 1 ms" "$(le "$p50" 1)" "$p50 ms"
      floor "search $spec p99 <= 5 ms" "$(le "$p99" 5)" "$p99 ms"
    done
  fi
} >> "$SSUMMARY"
cat "$SSUMMARY"
say "summary in $SSUMMARY; raw rows in $SRES and $RES; latencies in $LAT; tool output in $LOG"
fi

if [ "$CHECK" = 1 ] && [ "$fails" -gt 0 ]; then
  exit 1
fi
exit 0
