#!/usr/bin/env bash
# bench/run.sh - libmarsad analysis throughput next to the anchor systems
# (Lucene 4.10 ArabicAnalyzer, SQLite FTS5 unicode61, plain C splitter +
# Snowball Arabic), measured on the same prepared corpus on one CPU.
#
# usage: bench/run.sh [--check] [-h|--help]
#   --check   exit 1 when a floor fails (without it the script reports
#             PASS/FAIL and exits 0)
#
# Steps:
#   1. prepare the corpus and the anchor binaries with the anchor harness
#      (../shared/anchors/run.sh, STAGES="deps build corpus"), unless
#      $BENCH_WORK already holds them (FORCE_PREP=1 redoes it);
#   2. run the anchors' analysis stage (ANCHORS=stage, the default), or only
#      Lucene, FTS5 unicode61 and c-snowball through their binaries
#      (ANCHORS=direct, about a third of the time), or reuse the rows
#      already in $BENCH_WORK/results.tsv (ANCHORS=reuse);
#   3. build marsad_bench (Release; built before step 2, so a broken build
#      stops the script early) and run each stage REPS times pinned to CPU
#      $PIN, under GNU time;
#   4. run the streaming mode on a 5 MB sample and on the whole corpus, so
#      that the peak RSS of both can be compared;
#   5. print the table, the ratios and the floors.
#
# Settings (environment):
#   SHARED=<repo>/../shared       the shared data (anchors, news corpus)
#   BENCH_WORK=<repo>/build/anchors  anchor WORK dir: binaries, docs.txt,
#                                 results.tsv; marsad rows go to marsad.tsv
#   BENCH_BUILD=<repo>/build/bench   CMake build directory for marsad_bench
#   CMAKE_ARGS=""                 extra arguments for the CMake configure
#   REPS=3 PASSES=3               processes per engine, timed passes in each
#   STAGES_MARSAD="tokenize segment full"
#   ANCHORS=stage|direct|reuse    see step 2
#   PIN=0                         CPU every measured process is pinned to
#   FORCE_PREP=0                  1: rerun the anchors' deps/build/corpus
#
# Every measured command is limited to 10 minutes (timeout 600).  With the
# defaults on the 174 MB news corpus the whole script takes 7 to 10
# minutes on a 2-core machine, 6 of them in the anchors' analysis stage.
set -euo pipefail

CHECK=0
for a in "$@"; do
  case $a in
    --check) CHECK=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [--check]" >&2; exit 2 ;;
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
LIMIT=600                       # seconds allowed to one measured command

DOCS=$BENCH_WORK/docs.txt
BIN=$BENCH_WORK/bin
RES=$BENCH_WORK/results.tsv     # the anchors' rows
MRES=$BENCH_WORK/marsad.tsv     # marsad's rows, in the same format
LOG=$BENCH_WORK/marsad-log.txt
SAMPLE=$BENCH_WORK/docs-5mb.txt
SUMMARY=$BENCH_WORK/marsad-summary.txt
TIME_BIN=$(type -P time || true)  # GNU time, not the shell keyword
[ -n "$TIME_BIN" ] || { echo "GNU time is needed (Debian package 'time')" >&2; exit 1; }

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ------------------------------------------------------------ 1. corpus
if [ "$FORCE_PREP" = 1 ] || [ ! -s "$DOCS" ] || [ ! -x "$BIN/ana_snowball" ] \
   || [ ! -s "$BIN/lucene.classpath" ]; then
  say "preparing the corpus and anchor binaries in $BENCH_WORK"
  WORK=$BENCH_WORK STAGES="deps build corpus" "$ANCHORS_DIR/run.sh"
else
  say "reusing the prepared corpus in $BENCH_WORK (FORCE_PREP=1 redoes it)"
fi

# ------------------------------------------------------------ timing helper
# timed FILE STAGE ENGINE REP CMD...: run CMD pinned to CPU $PIN under GNU
# time, and append "stage engine rep wall_s maxrss_kb user_s sys_s
# tool_line" to FILE, the row format of the anchors' results.tsv.
timed() {
  local file=$1 stage=$2 engine=$3 rep=$4; shift 4
  local tf out rc=0 wall rss usr sys
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
    "$(printf '%s\n' "$out" | grep -m1 'engine=' || true)" >> "$file"
  say "$stage $engine #$rep: wall ${wall}s, peak ${rss} kB"
}

# ------------------------------------------------------------ build
# first, so that a broken build fails before minutes of anchor runs
: > "$LOG"
say "building marsad_bench in $BENCH_BUILD"
# shellcheck disable=SC2086
cmake -S "$REPO" -B "$BENCH_BUILD" -DCMAKE_BUILD_TYPE=Release $CMAKE_ARGS \
  >> "$LOG" 2>&1
cmake --build "$BENCH_BUILD" -j2 --target marsad_bench >> "$LOG" 2>&1 \
  || { tail -20 "$LOG" >&2; exit 1; }
MB=$BENCH_BUILD/marsad_bench
# the library state that was built, for the report (read-only git commands)
commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "no commit")
if ! git -C "$REPO" diff --quiet HEAD -- src include CMakeLists.txt \
     2>/dev/null; then
  commit="$commit plus uncommitted changes"
fi

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
    read -r -a JOPTS <<< "${JAVA_OPTS:--XX:+UseSerialGC -Xmx2g}"
    for r in $(seq 1 "$REPS"); do
      timed "$RES" analysis c-snowball "$r" "$BIN/ana_snowball" "$DOCS" "$PASSES"
      timed "$RES" analysis fts5-u61 "$r" "$BIN/fts5_tool" tokenize "$DOCS" \
        "$PASSES" unicode61 remove_diacritics 2
      timed "$RES" analysis lucene "$r" java "${JOPTS[@]}" \
        -cp "$(cat "$BIN/lucene.classpath")" LuceneBench analyze "$DOCS" "$PASSES"
    done
    ;;
  reuse) say "reusing the anchor rows in $RES" ;;
  *) echo "ANCHORS must be stage, direct or reuse" >&2; exit 2 ;;
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
fails=0
floor() {  # floor NAME OK(0/1) DETAIL
  if [ "$2" = 1 ]; then echo "PASS  $1 ($3)"; else echo "FAIL  $1 ($3)"; fails=$((fails + 1)); fi
}
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
if [ "$CHECK" = 1 ] && [ "$fails" -gt 0 ]; then
  exit 1
fi
exit 0
