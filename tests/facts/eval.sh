#!/usr/bin/env bash
# eval.sh [SHARED_DIR] [--errors N] - precision and recall of the
# numbers, dates and quotes marsad finds, on hand-annotated news articles.
#
# Takes the articles listed in tests/facts/articles.txt from the news
# corpus of SHARED_DIR (default ../shared), ingests them into a scratch
# database as any ingest would (entities, then facts), exports the facts
# with `marsad facts --json` and scores them against tests/facts/gold.jsonl
# (tests/facts/facteval.py; GUIDELINES.md says what the gold holds).
# Fails when a figure is below its floor in tests/facts/eval.floor (the
# floors are for all the articles; a run on a part only prints figures).
# MARSAD=PATH uses another marsad binary; EVAL_FLOOR=FILE other floors;
# EVAL_ARTICLES=FILE scores only
# the articles listed in FILE (articles-tune.txt: the part looked at while
# the finders were written; articles-check.txt: the part never looked at).
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=../shared
errors=0
while [ $# -gt 0 ]; do
    case $1 in
        --errors) errors=$2; shift 2 ;;
        *) shared=$1; shift ;;
    esac
done
[ -d "$shared/data/news" ] || { echo "eval.sh: no $shared/data/news" >&2; exit 2; }
marsad=${MARSAD:-build/marsad}
[ -x "$marsad" ] || scripts/build.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$shared/data/news" tests/facts/articles.txt "$work/news.jsonl" <<'PY'
import glob, gzip, json, os, sys
want = {l.strip() for l in open(sys.argv[2], encoding="utf-8") if l.strip()}
n = 0
with open(sys.argv[3], "w", encoding="utf-8") as out:
    for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.jsonl.gz"))):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                a = json.loads(line)
                if a["id"] in want:
                    out.write(json.dumps(a, ensure_ascii=False) + "\n")
                    n += 1
if n != len(want):
    sys.exit(f"eval.sh: found {n} of the {len(want)} annotated articles")
PY
"$marsad" ingest --quiet --db "$work/f.db" "$work/news.jsonl" | sed 's/^/  /'
"$marsad" facts --json --db "$work/f.db" >"$work/pred.jsonl"
python3 - "$work/f.db" "$work/store.jsonl" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for aid, ext, text in db.execute("SELECT id, ext_id, text FROM articles"):
        out.write(json.dumps({"article": aid, "ext_id": ext, "text": text},
                             ensure_ascii=False) + "\n")
PY
if [ -n "${EVAL_ARTICLES:-}" ]; then
    part=(--only "$EVAL_ARTICLES")
else
    part=(--floor "${EVAL_FLOOR:-tests/facts/eval.floor}")
fi
python3 tests/facts/facteval.py "$work/news.jsonl" "$work/store.jsonl" \
    "$work/pred.jsonl" tests/facts/gold.jsonl tests/facts/articles.txt \
    --errors "$errors" "${part[@]}"
