# lib.sh - shell helpers shared by the benchmark scripts (sourced).

# wait_quiet LIMIT MAX: wait until the 1-minute load average is below
# LIMIT, for at most MAX seconds; on a timeout print
# "load still A B C after Ns" and return.
wait_quiet() {
  local waited=0
  while awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v m="$1" \
          'BEGIN { exit !(l >= m) }'; do
    if [ "$waited" -ge "$2" ]; then
      echo "load still $(cut -d' ' -f1-3 /proc/loadavg) after ${waited}s"
      return 0
    fi
    sleep 5; waited=$((waited + 5))
  done
}

# bench_args SCRIPT ARGS...: the options every benchmark takes: --check
# sets CHECK=1 (else 0); -h/--help prints SCRIPT's header comment and
# exits; anything else is a usage error.
bench_args() {
  local script=$1 a; shift
  CHECK=0
  for a in "$@"; do
    case $a in
      --check) CHECK=1 ;;
      -h|--help) sed -n '2,/^set -euo/p' "$script" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
      *) echo "usage: $script [--check] [-h|--help]" >&2; exit 2 ;;
    esac
  done
}

# bench_pinned: the defaults of the one-core benchmarks (bench/ner.sh,
# facts.sh, stories.sh): BENCH_BUILD, PIN=1, WAIT_LOAD=1.0, WAIT_MAX=120,
# each kept when set in the environment.  Needs REPO (bench_shared).
bench_pinned() {
  BENCH_BUILD=${BENCH_BUILD:-$REPO/build/bench}
  PIN=${PIN:-1}
  WAIT_LOAD=${WAIT_LOAD:-1.0}
  WAIT_MAX=${WAIT_MAX:-120}
}

# bench_shared PATH: sets REPO (above $HERE) and SHARED (default
# $REPO/../shared); exits 0 with "skipped" when $SHARED/PATH is missing.
bench_shared() {
  REPO=$(cd "$HERE/.." && pwd)
  SHARED=${SHARED:-$REPO/../shared}
  if [ ! -d "$SHARED/$1" ]; then
    echo "skipped: ../shared not found (looked for $SHARED/$1)"
    exit 0
  fi
}

# say WORDS...: a time-stamped progress line on stderr.
say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# bench_build: builds marsad in Release in BENCH_BUILD (made absolute),
# sets BIN to its CLI and MARSAD_NER_MODEL (kept when set) to the
# shipped model.  Needs REPO and BENCH_BUILD (bench_pinned).
bench_build() {
  mkdir -p "$BENCH_BUILD"
  BENCH_BUILD=$(cd "$BENCH_BUILD" && pwd)
  say "building in $BENCH_BUILD"
  "$REPO/scripts/build.sh" "$BENCH_BUILD" Release
  BIN=$BENCH_BUILD/marsad
  export MARSAD_NER_MODEL=${MARSAD_NER_MODEL:-$REPO/models/ner.model}
}

# bench_ingest LOG ARGS...: one `marsad ingest --quiet ARGS` pinned to
# CPU $PIN, its output in LOG; status 1 (some records had no text after
# cleaning) is not a failure, anything else prints LOG and exits.
bench_ingest() {
  local log=$1; shift
  taskset -c "$PIN" "$BIN" ingest --quiet "$@" >"$log" 2>&1 ||
    [ $? -eq 1 ] || { cat "$log" >&2; exit 1; }
}
