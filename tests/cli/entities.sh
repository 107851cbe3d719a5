#!/bin/sh
# entities.sh MARSAD - entities end to end: ingest finds mentions and
# merges spelling variants across two articles written for this test;
# entities (text and JSON), entity NAME, search --entity, ner (text,
# --conll, bad model), ingest --no-entities caught up later, updates and
# stable entity ids.  Prints "N passed, N failed".
MARSAD=${1:?usage: entities.sh PATH/TO/marsad}
here=$(cd "$(dirname "$0")/../.." && pwd)
data=$here/tests/data/entities
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
export NO_COLOR=1
db=$tmp/e.db

"$MARSAD" ingest --db "$db" "$data" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "ingest exits 0" test $rc -eq 0
check "ingest reports the entity pass" grep -q "^entities: 2 articles read" "$tmp/out"

"$MARSAD" entities --db "$db" >"$tmp/ents"
check "entities lists something" test -s "$tmp/ents"
check "two spellings of توكاييف are one person" \
  sh -c "grep 'PER' '$tmp/ents' | grep 'توكاييف' | grep -q 'توكايف'"
check "قرغيزستان and قيرغيزستان are one place" \
  sh -c "grep 'LOC' '$tmp/ents' | grep 'قرغيزستان' | grep -q 'قيرغيزستان'"
check "ألماتي and الماتي are one place" \
  sh -c "grep 'LOC' '$tmp/ents' | grep 'ألماتي' | grep -q 'الماتي'"
check "بوتن joins فلاديمير بوتين" \
  sh -c "grep 'فلاديمير بوتين' '$tmp/ents' | grep -q 'بوتن'"
"$MARSAD" entities --db "$db" --type LOC >"$tmp/loc"
check "--type LOC lists only places" \
  sh -c "test -s '$tmp/loc' && ! cut -f2 '$tmp/loc' | grep -qv '^LOC$'"
"$MARSAD" entities --db "$db" --type XYZ >/dev/null 2>"$tmp/err"; rc=$?
check "an unknown type is a usage error" test $rc -eq 2
check "... that names it" grep -q "XYZ" "$tmp/err"
"$MARSAD" entities --db "$db" --json >"$tmp/ents.json"
check "entities --json is JSON Lines with the documented keys" \
  python3 -c "
import json, sys
rows = [json.loads(l) for l in open('$tmp/ents.json', encoding='utf-8')]
assert rows
for r in rows:
    for k in ('id', 'type', 'name', 'variants', 'mentions', 'articles'):
        assert k in r, k
    assert isinstance(r['variants'], list) and isinstance(r['articles'], list)
    assert r['type'] in ('PER', 'LOC', 'ORG', 'MISC')
per = [r for r in rows if 'توكايف' in r['variants']]
assert per and per[0]['articles'] == [1, 2], per
"
id1=$(python3 -c "
import json
for l in open('$tmp/ents.json', encoding='utf-8'):
    r = json.loads(l)
    if 'توكايف' in r['variants']: print(r['id'])
")

"$MARSAD" entity --db "$db" توكايف >"$tmp/one"; rc=$?
check "entity NAME exits 0" test $rc -eq 0
check "entity NAME shows the canonical name" grep -q "قاسم جومارت توكاييف" "$tmp/one"
check "entity NAME shows mentions in context" grep -q "^mentions:" "$tmp/one"
check "entity NAME shows co-occurring entities" grep -q "^appears with:" "$tmp/one"
check "entity NAME shows the spellings" grep -q "^spellings:.*توكايف" "$tmp/one"
"$MARSAD" entity --db "$db" --json "قاسم جومارت توكاييف" >"$tmp/one.json"
check "entity --json" python3 -c "
import json
r = json.loads(open('$tmp/one.json', encoding='utf-8').read())
assert r['type'] == 'PER' and r['mentions_shown'] and r['cooccurring']
"
"$MARSAD" entity --db "$db" زيدانوفيتش >/dev/null 2>"$tmp/err"; rc=$?
check "an unknown entity exits 1" test $rc -eq 1
check "... with a message" grep -q "no entity" "$tmp/err"

"$MARSAD" search --db "$db" --entity توكاييف --json >"$tmp/s"; rc=$?
check "search --entity alone finds the articles" test $rc -eq 0
check "... both of them, whichever spelling they use" \
  sh -c "test \$(wc -l <'$tmp/s') -eq 2"
"$MARSAD" search --db "$db" --entity بشكيك مياه --json >"$tmp/s"
check "search QUERY --entity narrows the results" \
  sh -c "test \$(wc -l <'$tmp/s') -eq 1 && grep -q '\"id\":2' '$tmp/s'"
"$MARSAD" search --db "$db" --entity زيدانوفيتش مياه >/dev/null 2>&1; rc=$?
check "search --entity with an unknown name exits 1" test $rc -eq 1

# ---------------------------------------------------------------- ner
"$MARSAD" ner "$data/outlet_a.txt" >"$tmp/ner"
check "ner on text prints start, end, type, mention" \
  sh -c "grep -q \"$(printf '\tPER\t')قاسم جومارت توكاييف\" '$tmp/ner'"
check "ner offsets point at the mention" python3 -c "
data = open('$data/outlet_a.txt', 'rb').read()
for line in open('$tmp/ner', encoding='utf-8'):
    s, e, t, m = line.rstrip('\n').split('\t')
    assert data[int(s):int(e)].decode() == m, line
"
printf 'قال O\nفلاديمير B-PERS\nبوتين I-PERS\n\nفي O\nموسكو B-LOC\n' >"$tmp/in.conll"
"$MARSAD" ner --conll "$tmp/in.conll" >"$tmp/out.conll"
check "ner --conll keeps the tokens and the blank lines" python3 -c "
i = open('$tmp/in.conll', encoding='utf-8').read().split('\n')
o = open('$tmp/out.conll', encoding='utf-8').read().split('\n')
assert len(i) == len(o), (i, o)
for a, b in zip(i, o):
    assert (a == '') == (b == ''), (a, b)
    if a:
        tok, tag = b.split('\t')
        assert tok == a.split(' ')[0] and tag in ('O', 'B-PERS', 'I-PERS', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG', 'B-MISC', 'I-MISC')
"
check "ner --conll tags the person and the place" \
  sh -c "grep -q \"^بوتين$(printf '\t')I-PERS\" '$tmp/out.conll' && grep -q \"^موسكو$(printf '\t')B-LOC\" '$tmp/out.conll'"
printf 'not a model' >"$tmp/bad.model"
"$MARSAD" ner --model "$tmp/bad.model" "$data/outlet_a.txt" >/dev/null 2>"$tmp/err"; rc=$?
check "a bad model exits 2" test $rc -eq 2
check "... naming the file" grep -q "bad.model" "$tmp/err"
"$MARSAD" ner --model "$tmp/none.model" "$data/outlet_a.txt" >/dev/null 2>"$tmp/err"; rc=$?
check "a missing model exits 2 naming the file" \
  sh -c "test $rc -eq 2 && grep -q none.model '$tmp/err'"

# ---------------------------------------------------------------- catching up
db2=$tmp/late.db
"$MARSAD" ingest --db "$db2" --no-entities "$data" >"$tmp/out" 2>&1
check "--no-entities skips the pass" sh -c "! grep -q '^entities:' '$tmp/out'"
check "... and stores no entities" \
  sh -c "test -z \"\$('$MARSAD' entities --db '$db2')\""
"$MARSAD" ingest --db "$db2" "$data" >"$tmp/out" 2>&1
check "the next ingest reads the articles left" \
  grep -q "^entities: 2 articles read" "$tmp/out"
"$MARSAD" ingest --db "$db2" --model "$tmp/bad.model" "$data" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "an ingest with a bad model still stores, exits 1" test $rc -eq 1
check "... and says the entities were not updated" grep -q "entities not updated" "$tmp/err"

# ---------------------------------------------------------------- updates
cp "$data/outlet_a.txt" "$data/outlet_b.txt" "$tmp/"
mkdir "$tmp/in"
cp "$data/outlet_a.txt" "$data/outlet_b.txt" "$tmp/in/"
db3=$tmp/upd.db
"$MARSAD" ingest --db "$db3" "$tmp/in" >/dev/null 2>&1
before=$("$MARSAD" entities --db "$db3" --json | python3 -c "
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    if 'توكايف' in r['variants']: print(r['id'])
")
sed 's/شيمكنت/طشقند/' "$data/outlet_a.txt" >"$tmp/in/outlet_a.txt"
"$MARSAD" ingest --db "$db3" "$tmp/in" >"$tmp/out" 2>&1
check "an updated article is read again, alone" \
  grep -q "^entities: 1 articles read" "$tmp/out"
"$MARSAD" entities --db "$db3" >"$tmp/ents3"
check "its new entity is there, the old one gone" \
  sh -c "grep -q 'طشقند' '$tmp/ents3' && ! grep -q 'شيمكنت' '$tmp/ents3'"
after=$("$MARSAD" entities --db "$db3" --json | python3 -c "
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    if 'توكايف' in r['variants']: print(r['id'])
")
check "entity ids stay the same across merges" \
  sh -c "test -n '$before' && test '$before' = '$after'"
check "(and the first database gave an id too)" test -n "$id1"

summary
