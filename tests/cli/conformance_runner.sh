#!/bin/sh
# The conformance runner's judgments on tests/conformance/fixtures: the
# cases whose note says "pass" pass, those saying "fail" fail, and the
# one in the fixture skip list is skipped.  Run from the repository root
# with $BUILD set (tests/run.sh does both).
BUILD=${BUILD:-build}
RUNNER="$BUILD/regolith-conformance"
FIX=tests/conformance/fixtures
pass=0
fail=0

check() {
    if [ "$2" = "$3" ]; then
        pass=$((pass + 1))
    else
        echo "conformance_runner: $1: expected '$2', got '$3'"
        fail=$((fail + 1))
    fi
}

out=$("$RUNNER" -v --skip "$FIX/skip.txt" "$FIX/v1")
status=$?
check "summary" "conformance: 4 passed, 2 failed, 1 skipped" \
    "$(echo "$out" | tail -n 1)"
check "exit status with failures" 1 "$status"
check "failing notes" "judge/fail wrong rows
judge/fail error expected but none" \
    "$(echo "$out" | grep '^FAIL' | sed -E 's/^FAIL [^ ]+ ([^:]*):.*/\1/')"
check "reason for wrong rows" 1 \
    "$(echo "$out" | grep -c 'result \[{"x":1}\], want \[{"x":2}\]')"

out=$("$RUNNER" --by-topic --skip "$FIX/skip.txt" "$FIX/v1")
check "topic row" "| v1/judge | 4 | 2 | 1 |" \
    "$(echo "$out" | grep 'v1/judge')"

"$RUNNER" >/dev/null 2>&1
check "no path is a usage error" 2 $?

echo "conformance_runner: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
