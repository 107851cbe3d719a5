#!/bin/sh
# stories.sh MARSAD - near-duplicates, stories and the digest end to end
# on the sample articles (samples/: four outlets on one water summit, one
# of them a lightly edited copy of another, and a file holding two
# unrelated articles): ingest places them; marsad stories (text, JSON);
# marsad story ID; marsad digest (text and JSON: corroborated, contested
# and single-source figures with their articles, a timeline, quotes);
# digest ingesting its paths itself; a second batch joins an existing
# story without recomputing it; --rebuild and --threshold; ingest
# --no-stories caught up later; usage errors.  Prints "N passed, N
# failed".
MARSAD=${1:?usage: stories.sh PATH/TO/marsad}
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
# json NAME FILE PYTHON-EXPRESSION: the expression over s (the list of
# JSON objects of FILE) is true
json() {
  name=$1; file=$2; expr=$3
  if python3 - "$file" "$expr" <<'PY'
import json, sys
s = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
sys.exit(0 if eval(sys.argv[2], {"any": any, "all": all, "len": len,
                                  "set": set, "sorted": sorted}, {"s": s})
         else 1)
PY
  then ok; else ko "$name"; fi
}
export NO_COLOR=1
db=$tmp/s.db
cp -r "$here/samples" "$tmp/samples"

"$MARSAD" ingest --db "$db" "$tmp/samples" >"$tmp/out" 2>"$tmp/err"
check "ingest exits 0" test $? -eq 0
check "ingest reports the story pass" grep -q "^stories: 6 articles placed" "$tmp/out"
check "one near-duplicate found" grep -q "1 near-duplicates" "$tmp/out"

"$MARSAD" stories --db "$db" --json >"$tmp/st.json"
check "stories --json exits 0" test $? -eq 0
json "three stories" "$tmp/st.json" "len(s) == 3"
for k in id label articles sources entities first last near_duplicates places; do
  json "stories --json has $k" "$tmp/st.json" "all('$k' in x for x in s)"
done
json "the summit story has the four summit articles" "$tmp/st.json" \
  "sorted(len(x['articles']) for x in s) == [1, 1, 4]"
json "the widest story comes first" "$tmp/st.json" "len(s[0]['articles']) == 4"
json "its outlets include the feed's" "$tmp/st.json" \
  "{'وكالة المشرق', 'اليوم الجديد'} <= set(s[0]['sources'])"
json "the two articles of one file are two stories" "$tmp/st.json" \
  "all(len(x['articles']) == 1 for x in s[1:])"
json "the copy is linked to its original" "$tmp/st.json" \
  "len(s[0]['near_duplicates']) == 1"
json "dates are ISO days" "$tmp/st.json" "s[0]['first'] == '2023-03-14'"
json "the label is a headline of the story" "$tmp/st.json" \
  "'المياه' in s[0]['label'] or 'عمان' in s[0]['label']"
json "key places" "$tmp/st.json" "'عمان' in s[0]['places']"
sid=$(python3 -c "import json,sys; print(json.loads(open(sys.argv[1]).readline())['id'])" "$tmp/st.json")

"$MARSAD" stories --db "$db" >"$tmp/st.txt"
check "stories text lists three" test "$(grep -c '^story ' "$tmp/st.txt")" -eq 3
"$MARSAD" stories --db "$db" --min 2 --json >"$tmp/st2.json"
json "--min 2 keeps the wide story" "$tmp/st2.json" "len(s) == 1"
"$MARSAD" stories --db "$db" --limit 1 >"$tmp/st1.txt"
check "--limit 1" test "$(grep -c '^story ' "$tmp/st1.txt")" -eq 1

"$MARSAD" story --db "$db" "$sid" >"$tmp/one.txt"
check "story ID exits 0" test $? -eq 0
check "story lists its articles" grep -q "^  articles:" "$tmp/one.txt"
check "story marks the near-copy" grep -q "near-copy of #" "$tmp/one.txt"
"$MARSAD" story --db "$db" 999 >/dev/null 2>"$tmp/err"
check "unknown story: status 1" test $? -eq 1
check "unknown story: said so" grep -q "no story 999" "$tmp/err"
"$MARSAD" story --db "$db" >/dev/null 2>&1
check "story without an id: status 2" test $? -eq 2

# the digest: figures the outlets agree and disagree on
"$MARSAD" digest --db "$db" --json >"$tmp/dg.json"
check "digest --json exits 0" test $? -eq 0
json "digest: one object per story" "$tmp/dg.json" "len(s) == 3"
for k in id label articles sources first last entities timeline facts quotes; do
  json "digest --json has $k" "$tmp/dg.json" "all('$k' in x for x in s)"
done
json "12 million people: corroborated by three independent sources" "$tmp/dg.json" \
  "any(f['status'] == 'corroborated' and f['values'][0]['value'] == 12000000
       and f['independent'] == 3 for f in s[0]['facts'])"
json "the copy is not counted as a source of its own" "$tmp/dg.json" \
  "all(f['independent'] <= 3 for f in s[0]['facts'])"
json "desalination cost: contested, 3.8 vs 4.5 billion" "$tmp/dg.json" \
  "any(f['status'] == 'contested' and
       sorted(v['value'] for v in f['values']) == [3.8e9, 4.5e9]
       for f in s[0]['facts'])"
json "each contested value has its articles" "$tmp/dg.json" \
  "all(v['articles'] for f in s[0]['facts'] for v in f['values'])"
json "single-source figures are marked" "$tmp/dg.json" \
  "any(f['status'] == 'single-source' for x in s for f in x['facts'])"
json "timeline in date order" "$tmp/dg.json" \
  "[e['date'] for e in s[0]['timeline']] == sorted(e['date'] for e in s[0]['timeline'])"
json "the closing day is one event told by several outlets" "$tmp/dg.json" \
  "any(e['date'] == '2023-03-16' and len(e['articles']) >= 2 for e in s[0]['timeline'])"
json "a quote with its speaker" "$tmp/dg.json" \
  "any(q['speaker'] and q['text'] for q in s[0]['quotes'])"

"$MARSAD" digest --db "$db" >"$tmp/dg.txt"
check "digest text: corroborated" grep -q "corroborated" "$tmp/dg.txt"
check "digest text: contested" grep -q "contested" "$tmp/dg.txt"
check "digest text: timeline" grep -q "^  timeline:" "$tmp/dg.txt"
check "digest text: independent sources" grep -q "3 independent sources" "$tmp/dg.txt"
"$MARSAD" digest --db "$db" --limit 1 >"$tmp/dg1.txt"
check "digest --limit 1" test "$(grep -c '^story ' "$tmp/dg1.txt")" -eq 1

# digest with paths ingests them first; JSON stays clean on stdout
"$MARSAD" digest --db "$tmp/d2.db" --json "$tmp/samples" >"$tmp/d2.json" 2>"$tmp/d2.err"
check "digest PATH exits 0" test $? -eq 0
json "digest PATH: the same three stories" "$tmp/d2.json" "len(s) == 3"
check "digest PATH: ingest report on stderr" grep -q "^articles: 6 added" "$tmp/d2.err"

# a second batch joins the open story; nothing else is recomputed
cat >"$tmp/late.jsonl" <<'EOF'
{"id": "late-1", "source": "إذاعة الوادي", "date": "2023-03-15T09:00:00+02:00", "title": "اليوم الثاني لقمة المياه العربية في عمان", "text": "واصل وزراء المياه في ثماني دول عربية، الأربعاء، أعمال القمة الإقليمية في العاصمة الأردنية عمان لبحث أزمة شح المياه. وأكد تقرير الأمانة العامة للقمة أن نحو 12 مليون شخص يعانون نقصا حادا في مياه الشرب، وأن مشاريع التحلية المقترحة ستكلف 4.5 مليار دولار. وتختتم القمة أعمالها الخميس."}
EOF
"$MARSAD" ingest --db "$db" "$tmp/late.jsonl" >"$tmp/out" 2>&1
check "second batch: one article placed, no new story" \
  grep -q "^stories: 1 articles placed.*1 joined a story, 0 new stories" "$tmp/out"
"$MARSAD" stories --db "$db" --json >"$tmp/st3.json"
json "second batch: the summit story grew, same id" "$tmp/st3.json" \
  "len(s) == 3 and s[0]['id'] == $sid and len(s[0]['articles']) == 5"

# --no-stories defers the pass; the next ingest catches up
"$MARSAD" ingest --db "$tmp/n.db" --no-stories "$tmp/samples" >"$tmp/out" 2>&1
check "--no-stories: no story pass" sh -c "! grep -q '^stories:' '$tmp/out'"
"$MARSAD" stories --db "$tmp/n.db" --json >"$tmp/n.json"
json "--no-stories: no stories yet" "$tmp/n.json" "len(s) == 0"
"$MARSAD" ingest --db "$tmp/n.db" "$tmp/samples" >"$tmp/out" 2>&1
check "--no-stories: caught up later" grep -q "^stories: 6 articles placed" "$tmp/out"

# rebuild, and a threshold so high that every article stands alone
"$MARSAD" stories --db "$db" --rebuild --json >"$tmp/rb.json" 2>/dev/null
json "--rebuild: the same partition" "$tmp/rb.json" \
  "sorted(len(x['articles']) for x in s) == [1, 1, 5]"
"$MARSAD" stories --db "$db" --threshold 1 --json >"$tmp/th.json" 2>/dev/null
json "--threshold 1: the copy still joins its original, the rest alone" "$tmp/th.json" \
  "sorted(len(x['articles']) for x in s) == [1, 1, 1, 1, 1, 2]"

# usage errors
"$MARSAD" stories --db "$db" --threshold 2 >/dev/null 2>"$tmp/err"
check "bad --threshold: status 2" test $? -eq 2
check "bad --threshold: named" grep -q "bad --threshold" "$tmp/err"
"$MARSAD" digest --db "$db" --bogus >/dev/null 2>"$tmp/err"
check "unknown option: status 2" test $? -eq 2
"$MARSAD" stories --db "$tmp/none.db" >/dev/null 2>"$tmp/err"
check "missing database: status 1" test $? -eq 1
check "help stories" sh -c "'$MARSAD' help stories | grep -q -- '--rebuild'"
check "help digest" sh -c "'$MARSAD' help digest | grep -q 'corroborated'"

summary
