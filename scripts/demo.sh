#!/usr/bin/env bash
# demo.sh - set up (Debian packages, build) and run marsad's main job on
# the bundled sample articles in samples/: marsad digest ingests them
# (clean, analyze, store, index, find entities and facts, link
# near-copies, group stories) into a fresh database and prints each story
# with its outlets, timeline, corroborated and contested figures and
# quotes; then the articles, searches, stories, entities and facts are
# browsed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh build Release
db=build/demo.db
rm -f "$db" "$db-wal" "$db-shm"
run() { printf '\n$ %s\n' "$*"; "$@"; }
run build/marsad digest --db "$db" samples
run build/marsad stories --db "$db"
run build/marsad articles --db "$db"
# clitics: للحكومة finds الحكومة
run build/marsad search --db "$db" للحكومة
# spelling: the hamza-less الاردن finds الأردنية and الأردن
run build/marsad search --db "$db" --limit 2 الاردن
# phrase, OR, exclusion
run build/marsad search --db "$db" '"أسهم المصارف" OR الانتخابات -المياه'
# entities, with the spellings each outlet used
run build/marsad entities --db "$db" --limit 8
run build/marsad entity --db "$db" --limit 3 تونس
# numbers, dates and quotes, with their values and speakers
run build/marsad facts --db "$db" --article 1
run build/marsad facts --db "$db" --kind quote
