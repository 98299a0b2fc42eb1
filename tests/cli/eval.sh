#!/bin/sh
# Check every example of docs/eval.md: each ```console block starts with
# "$ regolith eval ARGS" and holds the expected output (stdout and
# stderr).  Also checks exit statuses and a few error paths.  Run from
# the repository root with $REGOLITH set (tests/run.sh does both).
REGOLITH=${REGOLITH:-build/regolith}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

awk -v dir="$tmp" '
    /^```console$/ { n++; inblock = 1; first = 1; next }
    /^```$/ && inblock { inblock = 0; next }
    inblock && first { sub(/^\$ regolith /, ""); print > (dir "/cmd" n);
                       first = 0; next }
    inblock { print > (dir "/exp" n) }
' docs/eval.md

for cmd in "$tmp"/cmd*; do
    [ -f "$cmd" ] || continue
    n=${cmd##*/cmd}
    args=$(cat "$cmd")
    eval "\"$REGOLITH\" $args" >"$tmp/got$n" 2>&1
    touch "$tmp/exp$n"
    if cmp -s "$tmp/exp$n" "$tmp/got$n"; then
        pass=$((pass + 1))
    else
        echo "eval: example $n differs: regolith $args"
        diff "$tmp/exp$n" "$tmp/got$n" | head -n 20
        fail=$((fail + 1))
    fi
done

check_status() {
    want=$1
    shift
    "$REGOLITH" "$@" >/dev/null 2>&1
    got=$?
    if [ "$got" -eq "$want" ]; then
        pass=$((pass + 1))
    else
        echo "eval: 'regolith $*' exited $got, want $want"
        fail=$((fail + 1))
    fi
}
check_status 0 eval -d examples/eval 'data.example.missing'
check_status 1 eval 'x > 1'
check_status 1 eval -d examples/eval/no-such-file.rego 'true'
check_status 2 eval --format xml 'true'
check_status 2 eval
check_status 1 eval --strict-builtin-errors '1 / 0'
check_status 0 eval '1 / 0'

echo "eval: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
