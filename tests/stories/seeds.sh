#!/usr/bin/env bash
# seeds.sh [SHARED_DIR] - the story checks on the real scraped seed
# articles (SHARED_DIR/seeds, default ../shared): marsad digest groups
# the four outlets' pieces on the January 2022 deployment in Kazakhstan
# into one story and leaves the nuclear-doctrine piece and the election
# piece alone; the troop figure 2,500 is corroborated by three
# independent sources, and the founding date of the CSTO is contested.
# Environment: MARSAD (the binary, default build/marsad).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
shared=${1:-../shared}
marsad=${MARSAD:-build/marsad}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$marsad" digest --quiet --json --limit 0 --db "$work/seeds.db" \
    "$shared/seeds" >"$work/digest.json" 2>"$work/err" ||
    { cat "$work/err" >&2; exit 1; }
python3 - "$work/digest.json" "$work/seeds.db" <<'PY'
import json, sqlite3, sys
stories = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
db = sqlite3.connect(sys.argv[2])
files = {i: (f.rsplit('/', 1)[-1][:3], p) for i, f, p in
         db.execute('SELECT id, file, part FROM articles')}
fails = 0
def check(name, ok):
    global fails
    print(('PASS ' if ok else 'FAIL ') + name)
    fails += not ok
groups = sorted(sorted(files[a] for a in s['articles']) for s in stories)
print('stories:', groups)
kaz = [s for s in stories
       if sorted(files[a] for a in s['articles']) ==
          [('000', 0), ('001', 0), ('002', 0), ('003', 0)]]
check('the four pieces on the deployment form one story', len(kaz) == 1)
check('the two other pieces stand alone',
      sorted(len(s['articles']) for s in stories) == [1, 1, 4])
if kaz:
    facts = kaz[0]['facts']
    troops = [f for f in facts if f['kind'] == 'number' and
              any(v['value'] == 2500 for v in f['values'])]
    check('2,500 troops: corroborated by three independent sources',
          any(f['status'] == 'corroborated' and f['independent'] == 3
              for f in troops))
    check('the founding date is contested',
          any(f['kind'] == 'date' and f['status'] == 'contested' and
              len(f['values']) >= 2 for f in facts))
    check('no more than two contested claims',
          sum(f['status'] == 'contested' for f in facts) <= 2)
sys.exit(1 if fails else 0)
PY
