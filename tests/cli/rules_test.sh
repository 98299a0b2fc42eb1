#!/bin/sh
# Runs the policy library's own rule tests (rules/) with regolith
# rules-test, and checks the runner itself on the fixture library: its
# cases pass, and a changed expectation is reported as a failure.
# Every failing case of rules/ counts as a failure here.
REGOLITH=${REGOLITH:-build/regolith}
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# The library: one count per case.
if [ -d rules ]; then
    "$REGOLITH" rules-test rules >"$tmp/lib.txt" 2>&1
    grep '^FAIL' "$tmp/lib.txt"
    line=$(tail -n 1 "$tmp/lib.txt")
    p=$(echo "$line" | sed -n 's/^rules-test: \([0-9]*\) passed.*/\1/p')
    f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed$/\1/p')
    if [ -z "$p" ] || [ -z "$f" ]; then
        bad "rules-test on rules/ printed no result line: $line"
    else
        echo "library: $p cases passed, $f failed"
        pass=$((pass + p))
        fail=$((fail + f))
    fi
fi

# The runner on the fixture library.
"$REGOLITH" rules-test -v tests/fixtures/policy >"$tmp/fx.txt" 2>&1
if [ $? -eq 0 ] && grep -q '^rules-test: 4 passed, 0 failed$' "$tmp/fx.txt"
then ok; else bad "fixture cases: $(tail -n 1 "$tmp/fx.txt")"; fi

cp -r tests/fixtures/policy "$tmp/changed"
sed 's/"value": "false"/"value": "true"/' \
    tests/fixtures/policy/privileged-container/test/fail/expected.json \
    >"$tmp/changed/privileged-container/test/fail/expected.json"
"$REGOLITH" rules-test "$tmp/changed" >"$tmp/ch.txt" 2>&1
if [ $? -eq 1 ] && grep -q '^FAIL privileged-container/fail:' "$tmp/ch.txt" \
   && grep -q '^rules-test: 3 passed, 1 failed$' "$tmp/ch.txt"
then ok; else bad "changed expectation not caught: $(cat "$tmp/ch.txt")"; fi

echo "rules_test: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
