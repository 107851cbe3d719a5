#!/bin/sh
# facts.sh MARSAD - numbers, dates and quotes end to end on two articles
# written for this test (tests/data/facts/feed.jsonl): ingest finds them
# after the entities; marsad facts (text, JSON, --kind, --article,
# --limit, --text with --date); offsets that point at their surface;
# relative dates resolved against the metadata date, or against the date
# estimated from the text when there is none; quote speakers resolved to
# entities, through a bare verb too; ingest --no-facts caught up later;
# an updated article read again; usage errors.  Prints "N passed, N
# failed".
MARSAD=${1:?usage: facts.sh PATH/TO/marsad}
here=$(cd "$(dirname "$0")/../.." && pwd)
data=$here/tests/data/facts
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
# has NAME PYTHON-EXPRESSION: some JSON line f of $tmp/facts.json makes
# the expression true
has() {
  name=$1; expr=$2
  if python3 - "$tmp/facts.json" "$expr" <<'PY'
import json, sys
facts = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
sys.exit(0 if any(eval(sys.argv[2], {}, {"f": f}) for f in facts) else 1)
PY
  then ok; else ko "$name"; fi
}
export NO_COLOR=1
db=$tmp/f.db

"$MARSAD" ingest --db "$db" "$data/feed.jsonl" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "ingest exits 0" test $rc -eq 0
check "ingest reports the fact pass" grep -q "^facts: 2 articles read" "$tmp/out"
check "one article dated from its text" grep -q "1 from their text" "$tmp/out"

"$MARSAD" facts --db "$db" --json >"$tmp/facts.json"; rc=$?
check "facts --json exits 0" test $rc -eq 0
check "facts --json lists facts" test -s "$tmp/facts.json"
check "every fact has the common keys" python3 - "$tmp/facts.json" <<'PY'
import json, sys
need = {"kind", "article", "start", "end", "surface"}
per = {"number": {"value", "unit", "approx", "bound"},
       "date": {"value", "granularity"}, "quote": {"speaker", "text"}}
for l in open(sys.argv[1], encoding="utf-8"):
    f = json.loads(l)
    if not (need | per[f["kind"]]) <= set(f):
        sys.exit(f"missing keys in {f}")
PY
# offsets are bytes into the stored text (or title)
"$MARSAD" article --db "$db" --json 1 >"$tmp/a1.json"
"$MARSAD" article --db "$db" --json 2 >"$tmp/a2.json"
check "offsets point at the surface" python3 - "$tmp/facts.json" "$tmp/a1.json" "$tmp/a2.json" <<'PY'
import json, sys
arts = {}
for p in sys.argv[2:]:
    a = json.loads(open(p, encoding="utf-8").read())
    arts[a["id"]] = a
for l in open(sys.argv[1], encoding="utf-8"):
    f = json.loads(l)
    t = arts[f["article"]][f["field"]].encode("utf-8")
    if t[f["start"]:f["end"]].decode("utf-8") != f["surface"]:
        sys.exit(f"offsets do not match {f}")
PY

has "2500 soldiers, approximately" \
  'f["kind"] == "number" and f["value"] == 2500 and f["unit"] == "جندي" and f["approx"] and f["field"] == "text"'
has "the title's 2500 too" 'f["kind"] == "number" and f["value"] == 2500 and f["field"] == "title"'
has "75 transport planes" 'f["kind"] == "number" and f["value"] == 75 and f["unit"] == "طائرة"'
has "more than eight thousand people" \
  'f["kind"] == "number" and f["value"] == 8000 and f["bound"] == "more" and f["unit"] == "شخص"'
has "tens, vague" 'f["kind"] == "number" and f["value"] == 10 and f["vague"]'
has "3.5 per cent" 'f["kind"] == "number" and f["value"] == 3.5 and f["percent"]'
has "about three thousand soldiers" \
  'f["kind"] == "number" and f["value"] == 3000 and f["approx"] and f["article"] == 2'
has "yesterday, Thursday, against the metadata date" \
  'f["kind"] == "date" and f["value"] == "2022-01-06" and f["relative"] and f["article"] == 1'
has "a paired month name is one date" \
  'f["kind"] == "date" and f["value"] == "2022-01-02" and "كانون الثاني" in f["surface"] and "يناير" in f["surface"]'
has "a year" 'f["kind"] == "date" and f["value"] == "2002" and f["granularity"] == "year"'
has "last year" 'f["kind"] == "date" and f["value"] == "2021" and f["relative"]'
has "a decade" 'f["kind"] == "date" and f["value"] == "199" and f["granularity"] == "decade"'
has "the dateline of the undated article" \
  'f["kind"] == "date" and f["value"] == "2022-01-13" and not f["relative"] and f["article"] == 2'
has "today, against the date estimated from the text" \
  'f["kind"] == "date" and f["value"] == "2022-01-13" and f["relative"] and f["article"] == 2'
has "no number inside a date" \
  'not (f["kind"] == "number" and f["value"] in (2, 2002, 2022, 13))'
has "Putin speaks" 'f["kind"] == "quote" and f["speaker"] and "بوتين" in f["speaker"] and not f["direct"]'
has "and goes on, quoted, after a bare verb" \
  'f["kind"] == "quote" and f["speaker"] and "بوتين" in f["speaker"] and f["direct"] and f["text"].startswith("لن نسمح")'
has "Tokayev speaks" 'f["kind"] == "quote" and f["speaker"] and "جومارت" in f["speaker"]'

"$MARSAD" facts --db "$db" >"$tmp/facts.txt"
check "text output names the articles" grep -q "^# article 2" "$tmp/facts.txt"
check "text output gives ISO dates" grep -q "= 2022-01-06 (day) relative" "$tmp/facts.txt"
"$MARSAD" facts --db "$db" --kind date --json >"$tmp/dates.json"
check "--kind date lists only dates" sh -c "! grep -v '\"kind\":\"date\"' '$tmp/dates.json' && test -s '$tmp/dates.json'"
"$MARSAD" facts --db "$db" --article 2 --json >"$tmp/a2f.json"
check "--article 2 lists only article 2" sh -c "! grep -v '\"article\":2' '$tmp/a2f.json' && test -s '$tmp/a2f.json'"
"$MARSAD" facts --db "$db" --limit 3 --json >"$tmp/lim.json"
check "--limit 3" test "$(wc -l <"$tmp/lim.json")" -eq 3
"$MARSAD" article --db "$db" 2 >"$tmp/a2.txt"
check "article shows the date estimated from the text" \
  grep -q "^date: 2022-01-13 (estimated from the text" "$tmp/a2.txt"

"$MARSAD" facts --db "$db" --kind weather >/dev/null 2>"$tmp/err"; rc=$?
check "an unknown kind is a usage error" test $rc -eq 2
check "... that names the kind" grep -q "weather" "$tmp/err"
"$MARSAD" facts --db "$db" --bogus >/dev/null 2>&1; rc=$?
check "an unknown option is a usage error" test $rc -eq 2
"$MARSAD" facts --db "$tmp/none.db" >/dev/null 2>"$tmp/err"; rc=$?
check "a missing database is an error" test $rc -eq 1
check "... that names it" grep -q "none.db" "$tmp/err"

# plain text, with and without a document date
printf 'قال الوزير أمس إن 40 ألف شخص وصلوا.\n' >"$tmp/t.txt"
"$MARSAD" facts --text --date 2024-03-01 --json "$tmp/t.txt" >"$tmp/t.json" 2>/dev/null
check "--text finds 40 thousand" grep -q '"value":40000' "$tmp/t.json"
check "--text resolves yesterday against --date" grep -q '"value":"2024-02-29"' "$tmp/t.json"
"$MARSAD" facts --text --json "$tmp/t.txt" >"$tmp/t2.json" 2>/dev/null
check "without a date, yesterday is unresolved" \
  grep -q '"kind":"date".*"value":null.*"resolved":false' "$tmp/t2.json"
"$MARSAD" facts --text --date 2024-13-01 "$tmp/t.txt" >/dev/null 2>&1; rc=$?
check "a bad --date is a usage error" test $rc -eq 2

# --no-facts defers the pass; the next ingest catches up
db2=$tmp/g.db
"$MARSAD" ingest --db "$db2" --no-facts "$data/feed.jsonl" >"$tmp/out" 2>&1
check "--no-facts skips the pass" sh -c "! grep -q '^facts:' '$tmp/out'"
"$MARSAD" ingest --db "$db2" "$data/feed.jsonl" >"$tmp/out" 2>&1
check "the next ingest catches up" grep -q "^facts: 2 articles read" "$tmp/out"
"$MARSAD" ingest --db "$db2" "$data/feed.jsonl" >"$tmp/out" 2>&1
check "and then has nothing left to do" sh -c "! grep -q '^facts:' '$tmp/out'"

# an updated article loses its old facts and is read again alone
sed 's/نحو 2500 جندي/نحو 2700 جندي/' "$data/feed.jsonl" >"$tmp/feed2.jsonl"
"$MARSAD" ingest --db "$db2" "$tmp/feed2.jsonl" >"$tmp/out" 2>&1
check "the update is read again alone" grep -q "^facts: 1 articles read" "$tmp/out"
"$MARSAD" facts --db "$db2" --json --article 1 >"$tmp/u.json"
check "the new figure is there" grep -q '"value":2700' "$tmp/u.json"
check "the old one is gone from the text" sh -c "! grep '\"field\":\"text\"' '$tmp/u.json' | grep -q '\"value\":2500'"

summary
