#!/bin/sh
# Check trace, internal.print, internal.template_string and
# internal.test_case through "regolith eval": results, the print output
# (stderr, the CLI's print sink), and the error texts of wrong operand
# types, with and without --strict-builtin-errors.  Run from the
# repository root with $REGOLITH set (tests/run.sh does both).
REGOLITH=${REGOLITH:-build/regolith}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# check WHAT STATUS STDOUT STDERR ARGS...: run regolith ARGS and compare
# its exit status, standard output and standard error.
check() {
    what=$1
    want_status=$2
    want_out=$3
    want_err=$4
    shift 4
    "$REGOLITH" "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
    out=$(cat "$tmp/out")
    err=$(cat "$tmp/err")
    if [ "$status" -eq "$want_status" ] && [ "$out" = "$want_out" ] &&
        [ "$err" = "$want_err" ]; then
        pass=$((pass + 1))
    else
        echo "internal_builtins: $what"
        echo "  want status $want_status, stdout '$want_out'," \
            "stderr '$want_err'"
        echo "  got  status $status, stdout '$out', stderr '$err'"
        fail=$((fail + 1))
    fi
}

# trace: true, and regolith eval sets no trace hook, so nothing shows.
check "trace returns true" 0 true "" \
    eval --format raw 'trace("note")'
check "trace of a non-string is undefined" 0 "" "" \
    eval --format raw 'trace(json.unmarshal("1"))'
check "trace of a non-string, strict" 1 "" \
    "query:1: eval_type_error: trace: operand 1 must be string but got number" \
    eval --format raw --strict-builtin-errors 'trace(json.unmarshal("1"))'
check "trace of a number constant fails type checking" 1 "" \
    "query:1:1: rego_type_error: trace: invalid argument(s)
	have: (number)
	want: (string)" \
    eval --format raw 'trace(1)'

# internal.print: one line per combination, on stderr.
check "internal.print formats each kind" 0 true \
    '1 s <undefined> 2.5 true null [1, "x"] {"k": "v"} {1}' \
    eval --format raw \
    'internal.print([{1}, "s", set(), 2.5, true, null, {[1, "x"]},
                     {{"k": "v"}}, {{1}}])'
check "internal.print prints the cross product" 0 true \
    "a 1
a 2
b 1
b 2" \
    eval --format raw 'internal.print([{"a", "b"}, {1, 2}])'
check "internal.print of no operands prints an empty line" 0 true "" \
    eval --format raw 'internal.print([])'
check "print prints the cross product too" 0 true \
    "x 1
x 2" \
    eval --format raw 'print("x", [1, 2][_])'
check "internal.print of an object operand halts" 1 "" \
    "query:1: eval_internal_error: illegal argument type: object" \
    eval --format raw 'internal.print([{1}, {"k": 1}])'
check "internal.print of a non-array, strict" 1 "" \
    "query:1: eval_type_error: internal.print: operand 1 must be array but got string" \
    eval --format raw --strict-builtin-errors \
    'internal.print(json.unmarshal("\"s\""))'
check "internal.print of a non-array is undefined" 0 "" "" \
    eval --format raw 'internal.print(json.unmarshal("\"s\""))'

# internal.template_string: the parts concatenated.
check "internal.template_string formats each kind" 0 \
    'a1-s<undefined>[1]2.5' "" \
    eval --format raw \
    'internal.template_string(["a", {1}, "-", {"s"}, set(), {[1]}, 2.5])'
check "internal.template_string equals the template syntax" 0 "true
true" "" \
    eval --format raw 'x := 3
        internal.template_string(["x=", {x}, " ", set()]) ==
        $"x={x} {input.none}"'
check "internal.template_string of no parts" 0 '""' "" \
    eval --format raw 'json.marshal(internal.template_string([]))'
check "internal.template_string of several values halts" 1 "" \
    "query:1: eval_conflict_error: template-strings must not produce multiple outputs" \
    eval --format raw 'internal.template_string(["a", {1, 2}])'
check "template string of several values halts" 1 "" \
    "query:1: eval_conflict_error: template-strings must not produce multiple outputs" \
    eval --format raw 'x := $"a{[1, 2][_]}"'
check "internal.template_string of an array part halts" 1 "" \
    "query:1: eval_internal_error: illegal argument type: array" \
    eval --format raw 'internal.template_string(["a", [1]])'
check "internal.template_string of a non-array, strict" 1 "" \
    "query:1: eval_type_error: internal.template_string: operand 1 must be array but got number" \
    eval --format raw --strict-builtin-errors \
    'internal.template_string(json.unmarshal("1"))'

# internal.test_case: true for any operand.
check "internal.test_case returns true" 0 true "" \
    eval --format raw 'internal.test_case(["case one", 1])'
check "internal.test_case accepts any value at run time" 0 true "" \
    eval --format raw 'internal.test_case(json.unmarshal("1"))'

echo "internal_builtins: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
