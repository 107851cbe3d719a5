#!/usr/bin/env bash
# build-story-df.sh [SHARED_DIR] - recount models/story-df.tsv, the
# background document frequencies that story clustering adds to the
# store's own (docs/stories.md): the news corpus in SHARED_DIR/data/news
# (default ../shared) is ingested into a scratch store without stories,
# and every term read as the story pass reads articles (stems and entity
# names) is counted once per article; terms in fewer than 5 articles are
# left out.  Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
[ -d "$shared/data/news" ] || { echo "build-story-df.sh: no $shared/data/news" >&2; exit 2; }
[ -x build/marsad ] && [ -x build/marsad_storydf ] || bash scripts/build.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build/marsad ingest --quiet --no-stories --db "$work/news.db" \
    "$shared/data/news" >&2
build/marsad_storydf --min 5 "$work/news.db" > models/story-df.tsv
ls -l models/story-df.tsv
