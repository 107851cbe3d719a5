#!/usr/bin/env bash
# eval.sh [SHARED_DIR] - score story clustering against the stories
# labelled by hand in tests/stories/gold-*.tsv (GUIDELINES.md): the news
# articles published within 5 days of the labelled days are ingested
# into a scratch store, and the stories of the labelled articles are
# compared with the gold ones (B-cubed precision, recall and F1; purity
# and inverse purity).  Fails when the B-cubed F1 over all labelled
# articles is below tests/stories/eval.floor.
# Environment: MARSAD (the binary, default build/marsad).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
shared=${1:-../shared}
marsad=${MARSAD:-build/marsad}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/storyeval.py" subset --shared "$shared" --out "$work/subset.jsonl"
"$marsad" ingest --quiet --db "$work/eval.db" "$work/subset.jsonl"
python3 "$here/storyeval.py" score --db "$work/eval.db" \
    --floor "$(cat "$here/eval.floor")"
