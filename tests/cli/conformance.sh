#!/bin/sh
# OPA's conformance cases (v0 and v1) through build/regolith-conformance.
# Fails on any case that fails and is not listed, with its reason, in
# tests/conformance/skip.txt.  Run from the repository root with $BUILD
# set (tests/run.sh does both).
BUILD=${BUILD:-build}
SHARED=${SHARED:-$(git rev-parse --show-toplevel 2>/dev/null)/../shared}
[ -d "$SHARED/opa-conformance" ] || SHARED=/work/shared
CASES="$SHARED/opa-conformance"
pass=0
fail=0
for dialect in v0 v1; do
    out=$("$BUILD/regolith-conformance" -v "$CASES/$dialect")
    status=$?
    echo "$out" | grep '^FAIL' | head -n 50
    line=$(echo "$out" | tail -n 1)
    echo "$dialect: $line"
    p=$(echo "$line" | sed -nE 's/^conformance: ([0-9]+) passed.*/\1/p')
    f=$(echo "$line" | sed -nE 's/.* ([0-9]+) failed.*/\1/p')
    if [ -z "$p" ] || [ -z "$f" ]; then
        echo "conformance: runner printed no summary for $dialect" \
             "(exit $status)"
        fail=$((fail + 1))
        continue
    fi
    pass=$((pass + p))
    fail=$((fail + f))
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "conformance: runner exited with status $status"
        fail=$((fail + 1))
    fi
done
echo "conformance: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
