#!/bin/sh
# Invalid Rego: each tests/parser/invalid/*.rego starts with
#   # flags: OPTIONS      (options for regolith parse, e.g. --v1)
#   # want: ERROR         (the first error line, FILE standing for the path)
# and regolith parse must exit 1 and print that error first.
REGOLITH=${REGOLITH:-build/regolith}
pass=0
fail=0
for file in tests/parser/invalid/*.rego; do
    flags=$(sed -n 's/^# flags: //p' "$file" | head -n 1)
    want=$(sed -n 's/^# want: //p' "$file" | head -n 1)
    # shellcheck disable=SC2086
    got=$("$REGOLITH" parse $flags "$file" 2>&1 >/dev/null)
    status=$?
    first=$(printf '%s\n' "$got" | head -n 1)
    expected=$(printf '%s\n' "$want" | sed "s|^FILE|$file|")
    if [ "$status" -eq 1 ] && [ "$first" = "$expected" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $file (exit $status)"
        echo "  want: $expected"
        echo "  got:  $first"
    fi
done
echo "parse_invalid: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
