# lib.sh - what the command-line test scripts share: pass and fail
# counters, check NAME COMMAND... (passes when COMMAND succeeds), and the
# closing summary line.  Sourced after $tmp is set.
pass=0
fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $1" >&2; }
check() { name=$1; shift; if "$@"; then ok; else ko "$name"; fi; }
# Prints "N passed, N failed" and sets the exit status.
summary() { echo "$pass passed, $fail failed"; test "$fail" -eq 0; }
