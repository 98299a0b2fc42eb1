#!/bin/sh
# Run every test suite against the binaries in build folder $1 and print
# one total.  Each suite prints a closing line "NAME: N passed, N failed";
# this script adds them up and fails when any suite fails or crashes.
#
# Suites: build/tests/test_* (Check unit tests) and tests/cli/*.sh
# (command-line tests, given the binaries through $REGOLITH and $BUILD).
BUILD=${1:-build}
export BUILD
REGOLITH="$BUILD/regolith"
export REGOLITH
total_pass=0
total_fail=0
broken=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run_suite() {
    name=$1
    shift
    "$@" >"$log" 2>&1
    status=$?
    cat "$log"
    line=$(grep -E '^[A-Za-z0-9_.-]+: [0-9]+ passed, [0-9]+ failed' "$log" |
           tail -n 1)
    if [ -z "$line" ]; then
        echo "run: $name printed no result line (exit $status)"
        broken="$broken $name"
        return
    fi
    pass=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
    fail=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    total_pass=$((total_pass + pass))
    total_fail=$((total_fail + fail))
    if [ "$status" -ne 0 ] && [ "$fail" -eq 0 ]; then
        echo "run: $name exited with status $status"
        broken="$broken $name"
    fi
}

for bin in "$BUILD"/tests/test_*; do
    [ -x "$bin" ] || continue
    run_suite "$(basename "$bin")" "$bin"
done
for script in tests/cli/*.sh; do
    [ -f "$script" ] || continue
    run_suite "$(basename "$script" .sh)" sh "$script"
done

if [ -n "$broken" ]; then
    echo "run: suites that crashed or failed:$broken"
    total_fail=$((total_fail + 1))
fi
echo "tests: $total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
