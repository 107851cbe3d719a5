#!/bin/sh
# run.sh MARSAD - command-line tests: help, exit codes, error messages
# that name the file, TSV and JSON output checked against the input
# bytes.  Prints "N passed, N failed".
MARSAD=${1:?usage: run.sh PATH/TO/marsad}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $1" >&2; }
check() { # check NAME COMMAND...: passes when COMMAND succeeds
  name=$1; shift
  if "$@"; then ok; else ko "$name"; fi
}

# help and version
check "help exits 0" "$MARSAD" --help >/dev/null
check "analyze --help mentions --json" sh -c "'$MARSAD' analyze --help | grep -q -- --json"
check "version" sh -c "'$MARSAD' version | grep -q '^marsad [0-9]'"

# usage errors exit 2
"$MARSAD" analyze --bogus >/dev/null 2>"$tmp/err"; rc=$?
check "unknown option exits 2" test $rc -eq 2
check "unknown option is named" grep -q -- "--bogus" "$tmp/err"
"$MARSAD" frobnicate >/dev/null 2>&1; rc=$?
check "unknown command exits 2" test $rc -eq 2
"$MARSAD" analyze --folds nonsense x >/dev/null 2>&1; rc=$?
check "bad fold exits 2" test $rc -eq 2

# a missing file is reported by name, the others are still analyzed
printf 'قال الرئيس\n' > "$tmp/a.txt"
"$MARSAD" analyze "$tmp/missing.txt" "$tmp/a.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "missing file exits 1" test $rc -eq 1
check "missing file is named" grep -q "missing.txt" "$tmp/err"
check "other file still analyzed" grep -q "الرئيس" "$tmp/out"

# strict mode names the offset of the bad byte
printf 'abc \377 def\n' > "$tmp/bad.txt"
"$MARSAD" analyze --strict "$tmp/bad.txt" >/dev/null 2>"$tmp/err"; rc=$?
check "strict exits 1" test $rc -eq 1
check "strict names file and byte" grep -q "bad.txt: invalid UTF-8 at byte 4" "$tmp/err"
"$MARSAD" analyze "$tmp/bad.txt" >"$tmp/out" 2>&1; rc=$?
check "lenient mode accepts bad bytes" test $rc -eq 0
check "lenient mode keeps both words" test "$(wc -l < "$tmp/out")" -eq 2

# TSV: columns, offsets into the file
printf 'وقال الرئيس: «بالنسبة للحكومة».\n' > "$tmp/t.txt"
"$MARSAD" analyze "$tmp/t.txt" > "$tmp/tsv"
check "tsv has 8 columns" awk -F'\t' 'NF != 8 { exit 1 }' "$tmp/tsv"
check "tsv first token" sh -c "head -1 '$tmp/tsv' | grep -q '^0	8	0	arabic	وقال'"

# JSON: every token's surface is the input's bytes at start..end and its
# segments concatenate to the surface
"$MARSAD" analyze --json samples/*.txt > "$tmp/json"
check "json has tokens" test -s "$tmp/json"
"$MARSAD" analyze --json samples/01_water_summit.txt > "$tmp/j1"
check "json offsets and segments" python3 - "$tmp/j1" samples/01_water_summit.txt <<'PY'
import json, sys
data = open(sys.argv[2], 'rb').read()
n = 0
for line in open(sys.argv[1], encoding='utf-8'):
    t = json.loads(line)
    for k in ('start', 'end', 'surface', 'norm', 'segments', 'stem',
              'sentence'):
        assert k in t, k
    assert data[t['start']:t['end']].decode('utf-8') == t['surface'], t
    assert ''.join(t['segments']) == t['surface'], t
    n += 1
assert n > 100, n
PY

# stdin and several files
check "stdin" sh -c "printf 'كلمة' | '$MARSAD' analyze | grep -q كلمة"
"$MARSAD" analyze "$tmp/a.txt" "$tmp/t.txt" > "$tmp/two"
check "file headers" test "$(grep -c '^# file: ' "$tmp/two")" -eq 2

# normalize
check "normalize" sh -c "printf 'الاستثـمارات أحمد' | '$MARSAD' normalize | grep -q '^الاستثمارات احمد$'"
check "normalize folds" sh -c "printf 'أحمد' | '$MARSAD' normalize --folds none | grep -q '^أحمد$'"

# a line with no white space larger than the read buffer
python3 -c "import sys; sys.stdout.write('كتاب' * 400000)" > "$tmp/long.txt"
"$MARSAD" analyze "$tmp/long.txt" > "$tmp/out"; rc=$?
check "long line" test $rc -eq 0
check "long line offsets reach the end" sh -c "tail -1 '$tmp/out' | cut -f2 | grep -qx 3200000"

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
