#!/bin/sh
# AST JSON: regolith parse on each tests/parser/json/NAME.rego (options on
# its "# flags:" line) must print exactly tests/parser/json/NAME.json,
# and exit 0.  Then the usage and unreadable-file exit codes.
REGOLITH=${REGOLITH:-build/regolith}
pass=0
fail=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

for file in tests/parser/json/*.rego; do
    want=${file%.rego}.json
    flags=$(sed -n 's/^# flags: //p' "$file" | head -n 1)
    # shellcheck disable=SC2086
    "$REGOLITH" parse $flags "$file" >"$out" 2>&1
    status=$?
    if [ "$status" -eq 0 ] && cmp -s "$out" "$want"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $file (exit $status), output differs from $want:"
        diff "$want" "$out" | head -n 5
    fi
done

expect_status() {
    label=$1
    want=$2
    shift 2
    "$@" >/dev/null 2>&1
    got=$?
    if [ "$got" -eq "$want" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $label: exit $got, want $want"
    fi
}

expect_status "no files" 2 "$REGOLITH" parse
expect_status "unknown option" 2 "$REGOLITH" parse --v2 x.rego
expect_status "missing file" 2 "$REGOLITH" parse tests/parser/json/missing.rego
expect_status "help" 0 "$REGOLITH" parse --help
expect_status "v0 module, default dialect" 0 "$REGOLITH" parse \
    tests/parser/json/v0_forms.rego
expect_status "v0 module as v1" 1 "$REGOLITH" parse --v1 \
    tests/parser/json/v0_forms.rego
echo "parse_json: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
