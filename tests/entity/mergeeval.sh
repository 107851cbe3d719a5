#!/usr/bin/env bash
# mergeeval.sh [SHARED_DIR] - precision and recall of entity merging on
# the gold pairs of tests/entity/pairs.tsv.
#
# Ingests the news corpus and the seed articles of SHARED_DIR (default
# ../shared) into a scratch database (the recognizer finds the mentions
# there, as in any ingest), exports the mentions, and runs
# build/marsad_mergeeval on them with the built-in alias table.  Fails
# when F1 is below tests/entity/mergeeval.floor.
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=${1:-../shared}
[ -d "$shared/data/news" ] || { echo "mergeeval.sh: no $shared/data/news" >&2; exit 2; }
[ -x build/marsad_mergeeval ] || scripts/build.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build/marsad ingest --quiet --db "$work/m.db" "$shared/data/news" \
    "$shared/seeds" | sed 's/^/  /'
sqlite3 -separator $'\t' "$work/m.db" \
    "SELECT article, CASE type WHEN 1 THEN 'PER' WHEN 2 THEN 'LOC'
            WHEN 3 THEN 'ORG' ELSE 'MISC' END, surface FROM mentions" \
    >"$work/mentions.tsv"
build/marsad_mergeeval "$work/mentions.tsv" tests/entity/pairs.tsv \
    src/entity/aliases.tsv | tee "$work/out.txt"
python3 - "$work/out.txt" "$(cat tests/entity/mergeeval.floor)" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r"F1\s*[=:]?\s*([0-9.]+)", text)
if not m:
    sys.exit("mergeeval.sh: no F1 in the output")
f1 = float(m.group(1))
f1 = f1 * 100 if f1 <= 1 else f1
floor = float(sys.argv[2])
if f1 < floor:
    sys.exit(f"merging F1 {f1:.1f} is below the floor {floor}")
print(f"merging F1 {f1:.1f} (floor {floor})")
PY
