#!/bin/sh
# Long operator chains and deep nesting in `regolith eval`: a left-deep
# chain such as 1 + 1 + ... + 1 evaluates, a chain longer than the
# engine's limit and a deeply nested array each end with a clean error
# and exit status 1, never a crash.  Run from the repository root with
# $REGOLITH set (tests/run.sh does both).
REGOLITH=${REGOLITH:-build/regolith}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# chain N: the query "1+1+...+1" with N terms.
chain() {
    awk -v n="$1" 'BEGIN { s = "1"; for (i = 1; i < n; i++)
                           s = s "+1"; print s }'
}

# nest N: the query "[[...[1]...]]" nested N deep.
nest() {
    awk -v n="$1" 'BEGIN { a = ""; b = ""; for (i = 0; i < n; i++) {
                           a = a "["; b = b "]" } print a "1" b }'
}

# expect NAME STATUS PATTERN QUERY: run the query, check the exit status
# and that the output contains PATTERN.
expect() {
    "$REGOLITH" eval --format raw -- "$4" >"$tmp/out" 2>&1
    st=$?
    if [ "$st" -eq "$2" ] && grep -q -- "$3" "$tmp/out"; then
        pass=$((pass + 1))
    else
        echo "eval_chains: $1: status $st, output:"
        head -c 300 "$tmp/out"; echo
        fail=$((fail + 1))
    fi
}

expect "chain of 3000 terms" 0 '^3000$' "$(chain 3000)"
expect "chain of 4000 terms" 0 '^4000$' "$(chain 4000)"
expect "chain of 20000 terms" 1 'operator chain longer than' \
    "$(chain 20000)"
expect "array nested 20000 deep" 1 'rego_parse_error' "$(nest 20000)"
expect "array nested 400 deep" 0 '^\[' "$(nest 400)"

echo "eval_chains: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
