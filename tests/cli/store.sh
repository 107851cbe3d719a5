#!/bin/sh
# store.sh MARSAD [EXTENSION] - ingest, search, articles and the loadable
# extension, end to end: bad inputs reported by name while the rest is
# stored, idempotent re-ingest, updates, a kill -9 in the middle of an
# ingest, searches while an ingest runs.  Prints "N passed, N failed".
MARSAD=${1:?usage: store.sh PATH/TO/marsad [PATH/TO/marsad.so]}
EXT=${2:-}
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
count() { "$MARSAD" articles --db "$1" | wc -l | tr -d ' '; }

db=$tmp/m.db
export NO_COLOR=1

# ---------------------------------------------------------------- samples
"$MARSAD" ingest --db "$db" "$here/samples" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "ingest samples exits 0" test $rc -eq 0
check "nothing on stderr when not a terminal" test ! -s "$tmp/err"
check "summary names the database" grep -q "in $db" "$tmp/out"
n=$(count "$db")
check "samples give 6 articles (one file holds two, a feed two more)" test "$n" -eq 6
"$MARSAD" articles --db "$db" --json >"$tmp/arts"
for k in id file source url title author date text; do
  check "articles --json has key $k" sh -c "grep -c '\"$k\":' '$tmp/arts' | grep -qx 6"
done
check "two articles come from the file that holds two" \
  sh -c "grep -c '03_elections_and_market.txt' '$tmp/arts' | grep -qx 2"

# idempotent: unchanged files skipped, forced re-read stores nothing new
"$MARSAD" ingest --db "$db" "$here/samples" >"$tmp/out" 2>&1
check "re-ingest skips unchanged files" grep -q "4 skipped as unchanged" "$tmp/out"
"$MARSAD" ingest --db "$db" --force "$here/samples" >"$tmp/out" 2>&1
check "forced re-ingest adds nothing" grep -q "0 added, 0 updated, 6 unchanged" "$tmp/out"
cp "$here/samples/01_water_summit.txt" "$tmp/copy.txt"
"$MARSAD" ingest --db "$db" "$tmp/copy.txt" >"$tmp/out" 2>&1
check "a copy under another name is a duplicate" grep -q "1 duplicates" "$tmp/out"
check "the duplicate is not stored" test "$(count "$db")" -eq 6

# ---------------------------------------------------------------- search
"$MARSAD" search --db "$db" --json "للحكومة" >"$tmp/s" 2>&1; rc=$?
check "search finds across clitics" test $rc -eq 0
for k in id title source date score snippet; do
  check "search --json has key $k" grep -q "\"$k\":" "$tmp/s"
done
check "snippet shows the original spelling" grep -q "الحكومة" "$tmp/s"
"$MARSAD" search --db "$db" "المياه" >"$tmp/s" 2>&1
check "plain output numbers the hits" grep -q "^1\. " "$tmp/s"
"$MARSAD" search --db "$db" --limit 1 --json "المياه OR الانتخابات" >"$tmp/s"
check "--limit" test "$(wc -l <"$tmp/s")" -eq 1
"$MARSAD" search --db "$db" --json --since 2030 "المياه" >"$tmp/s" 2>&1; rc=$?
check "date filter can exclude everything" test $rc -eq 1
"$MARSAD" search --db "$db" -- "-المياه" >/dev/null 2>"$tmp/err"; rc=$?
check "bad query exits 2" test $rc -eq 2
check "bad query is explained" test -s "$tmp/err"
"$MARSAD" search --db "$tmp/none.db" "المياه" >/dev/null 2>"$tmp/err"; rc=$?
check "missing database exits 2" test $rc -eq 2
id=$(sed -n 's/^{"id": *\([0-9]*\).*/\1/p' "$tmp/arts" | head -1)
"$MARSAD" article --db "$db" "$id" >"$tmp/a"
check "article ID shows the text" grep -q "^title: " "$tmp/a"
"$MARSAD" article --db "$db" 99999 >/dev/null 2>&1; rc=$?
check "unknown article exits 1" test $rc -eq 1

# ---------------------------------------------------------------- bad input
bad=$tmp/bad
mkdir -p "$bad/sub"
: >"$bad/empty.txt"
printf 'PK\003\004\000\000\001\002\000\377\376binary\000\000' >"$bad/blob.txt"
printf 'العاصمة تستضيف المؤتمر السنوي\n\nافتتحت العاصمة صباح اليوم المؤتمر السنوي للمياه بحضور وزراء من عدة دول.\n' |
  iconv -f UTF-8 -t WINDOWS-1256 >"$bad/sub/legacy.txt"
cat >"$bad/feed.jsonl" <<'EOF'
{"id": "f1", "source": "feedA", "date": "2022-01-07", "title": "وصول قوات إلى المطار", "text": "وصلت طائرات النقل إلى مطار المدينة صباح اليوم وعلى متنها جنود."}
{"id": "f2", "source": "feedA", "title": broken line
{"id": "f3", "source": "feedB", "date": "2022-01-08", "title": "عودة الإنترنت", "text": "عادت خدمة الإنترنت تدريجيا إلى معظم المناطق بعد انقطاع دام أياما."}
EOF
gzip -c "$bad/feed.jsonl" >"$tmp/feed.jsonl.gz"
head -c 150 "$tmp/feed.jsonl.gz" >"$bad/cut.jsonl.gz"
"$MARSAD" ingest --db "$db" "$bad" "$tmp/missing.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "bad inputs: exit status 1" test $rc -eq 1
check "empty file named" grep -q "empty.txt" "$tmp/err"
check "binary file named" grep -q "blob.txt" "$tmp/err"
check "malformed JSON line: file and line" grep -q "feed.jsonl:2" "$tmp/err"
check "truncated gzip named" grep -q "cut.jsonl.gz" "$tmp/err"
check "missing path named" grep -q "missing.txt" "$tmp/err"
check "Windows-1256 converted" sh -c "'$MARSAD' search --db '$db' --json 'المؤتمر' | grep -q 'السنوي'"
check "good JSON records stored" sh -c "'$MARSAD' search --db '$db' --json 'الإنترنت' | grep -q 'عودة'"
check "nothing stored before was lost" test "$(count "$db")" -ge 7

# ---------------------------------------------------------------- HTML
hdb=$tmp/h.db
"$MARSAD" ingest --db "$hdb" "$here/tests/data/html" >"$tmp/out" 2>&1; rc=$?
check "HTML pages ingest" test $rc -eq 0
"$MARSAD" articles --db "$hdb" --json >"$tmp/h"
check "HTML: title from the page metadata" \
  grep -q '"title": *"البلدية تطلق خطوط حافلات ليلية جديدة"' "$tmp/h"
check "HTML: author from the page metadata" grep -q '"author": *"عمر الخطيب"' "$tmp/h"
check "HTML: Windows-1256 page decoded" \
  sh -c "'$MARSAD' search --db '$hdb' --json 'امتحانات' | grep -q 'الشهادة'"

# ---------------------------------------------------------------- updates
mkdir -p "$tmp/upd"
printf '%s\n' '{"id": "u1", "source": "s", "title": "خبر", "text": "ارتفع سعر القمح في الأسواق المحلية."}' >"$tmp/upd/u.jsonl"
"$MARSAD" ingest --db "$db" "$tmp/upd" >/dev/null 2>&1
printf '%s\n' '{"id": "u1", "source": "s", "title": "خبر", "text": "انخفض سعر الذرة في الأسواق المحلية."}' >"$tmp/upd/u.jsonl"
touch -d '2030-01-01' "$tmp/upd/u.jsonl"
"$MARSAD" ingest --db "$db" "$tmp/upd" >"$tmp/out" 2>&1
check "changed record updated" grep -q "1 updated" "$tmp/out"
"$MARSAD" search --db "$db" "القمح" >/dev/null 2>&1; rc=$?
check "old words of an updated article are gone" test $rc -eq 1
"$MARSAD" search --db "$db" "الذرة" >/dev/null 2>&1; rc=$?
check "new words of an updated article are found" test $rc -eq 0

# ---------------------------------------------------------------- kill -9
big=$tmp/big.jsonl
python3 - "$big" <<'EOF'
import json, random, sys
random.seed(7)
words = ("الحكومة وزير المياه الانتخابات البرلمان الأسواق النفط الغاز "
         "القمح المدينة الشرطة الجيش المطار القمة الاحتجاجات الاتفاق "
         "الاقتصاد التعليم الصحة النقل الطاقة المفاوضات الحدود الرئيس").split()
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(30000):
        text = " ".join(random.choice(words) for _ in range(120)) + "."
        f.write(json.dumps({"id": "k%d" % i, "source": "s%d" % (i % 7),
                            "title": "خبر رقم %d" % i, "text": text},
                           ensure_ascii=False) + "\n")
EOF
kdb=$tmp/k.db
"$MARSAD" ingest --db "$kdb" --batch 300 "$big" >/dev/null 2>&1 &
pid=$!
i=0
while [ $i -lt 200 ]; do
  n=$("$MARSAD" articles --db "$kdb" 2>/dev/null | wc -l)
  [ "$n" -gt 1000 ] && break
  sleep 0.05; i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
n1=$(count "$kdb")
check "kill -9: some articles were committed" test "$n1" -gt 0
check "kill -9: ingest had not finished" test "$n1" -lt 30000
if command -v sqlite3 >/dev/null 2>&1; then
  check "kill -9: database is consistent" \
    sh -c "sqlite3 '$kdb' 'PRAGMA integrity_check' | grep -qx ok"
fi
# a rerun completes the file while searches run beside it
"$MARSAD" ingest --db "$kdb" "$big" >"$tmp/out" 2>&1 &
pid=$!
searches=0; sfail=0
while kill -0 $pid 2>/dev/null; do
  if "$MARSAD" search --db "$kdb" --json "الحكومة القمح" >/dev/null 2>&1; then
    searches=$((searches + 1))
  else
    sfail=$((sfail + 1))
  fi
done
wait $pid; rc=$?
check "rerun after kill -9 succeeds" test $rc -eq 0
check "searches worked during the ingest" test $searches -gt 0 -a $sfail -eq 0
check "rerun completes the file" test "$(count "$kdb")" -eq 30000
check "rerun counts what was already stored as unchanged" \
  grep -q "unchanged" "$tmp/out"

# ---------------------------------------------------------------- extension
if [ -n "$EXT" ] && command -v sqlite3 >/dev/null 2>&1; then
  out=$(sqlite3 :memory: ".load ${EXT%.so}" \
    "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='marsad');" \
    "INSERT INTO t VALUES('قررت الحكومة في ألماتي');" \
    "INSERT INTO t VALUES('خبر آخر');" \
    "SELECT rowid FROM t WHERE t MATCH 'للحكومة';" \
    "SELECT rowid FROM t WHERE t MATCH 'الماتي';" 2>&1)
  check "extension: .load and tokenize='marsad'" test "$out" = "1
1"
fi

summary
