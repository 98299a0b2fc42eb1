#!/bin/sh
# regolith eval: loading -d paths and input (symbolic links, loops,
# explicit files, conflicts, standard input), flag values, limits, "--",
# strict builtin errors and output that cannot be written.  Run from the
# repository root with $REGOLITH set (tests/run.sh does both).
REGOLITH=${REGOLITH:-build/regolith}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() {
    pass=$((pass + 1))
}

bad() {
    echo "eval_load: $*"
    fail=$((fail + 1))
}

# expect STATUS STDOUT_PATTERN STDERR_PATTERN ARGS...: the exit status,
# and grep -E patterns the outputs must match ("" = must be empty).
expect() {
    want=$1 out_re=$2 err_re=$3
    shift 3
    "$REGOLITH" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    got=$?
    if [ "$got" -ne "$want" ]; then
        bad "'regolith $*' exited $got, want $want: $(head -c 300 "$tmp/err")"
    elif [ -n "$out_re" ] && ! grep -Eq -- "$out_re" "$tmp/out"; then
        bad "'regolith $*' stdout lacks /$out_re/: $(head -c 300 "$tmp/out")"
    elif [ -z "$out_re" ] && [ -s "$tmp/out" ]; then
        bad "'regolith $*' printed on stdout: $(head -c 300 "$tmp/out")"
    elif [ -n "$err_re" ] && ! grep -Eq -- "$err_re" "$tmp/err"; then
        bad "'regolith $*' stderr lacks /$err_re/: $(head -c 300 "$tmp/err")"
    else
        ok
    fi
}

# Symbolic links: loops, links out of the tree, self links.
mkdir -p "$tmp/tree/sub" "$tmp/outside"
echo '{"a": 1}' >"$tmp/tree/sub/d.json"
echo '{"secret": 1}' >"$tmp/outside/s.json"
ln -s .. "$tmp/tree/sub/up"
ln -s . "$tmp/tree/self"
expect 1 "" "tree/self: io_error: symbolic link loop" \
    eval -d "$tmp/tree" data
rm "$tmp/tree/self" "$tmp/tree/sub/up"
ln -s "$tmp/outside/s.json" "$tmp/tree/s.json"
expect 1 "" "tree/s.json: load_error: symbolic link leads outside" \
    eval -d "$tmp/tree" data
rm "$tmp/tree/s.json"
rm -r "$tmp/tree/sub"
mkdir "$tmp/tree/.hidden"
echo '{"b": 2}' >"$tmp/tree/.hidden/h.json"
ln -s .hidden "$tmp/tree/inner"
expect 0 '^2$' "" eval --format raw -d "$tmp/tree" data.b
ln -s loop "$tmp/loop"
expect 1 "" "loop: io_error: cannot read: .*symbolic links" \
    eval -d "$tmp/loop" data

# Explicit files, missing paths, document shapes and conflicts.
echo 'package x
p := 1' >"$tmp/module.txt"
expect 1 "" "module.txt: load_error: not a module or data file" \
    eval -d "$tmp/module.txt" data.x.p
expect 1 "" "nosuch: io_error: cannot read: No such file" \
    eval -d "$tmp/nosuch" data
echo '[1]' >"$tmp/arr.json"
expect 1 "" "arr.json: load_error: a data document must be an object, got" \
    eval -d "$tmp/arr.json" data
echo '{"a": {"b": 1}}' >"$tmp/c1.json"
echo '{"a": {"b": 2}}' >"$tmp/c2.json"
expect 1 "" 'c2.json: load_error: data\["a"\]\["b"\] conflicts' \
    eval -d "$tmp/c1.json" -d "$tmp/c2.json" data

# Standard input for -i and -d, and "--" before a query starting with -.
got=$(echo '{"x": 3}' | "$REGOLITH" eval --format raw -i - input.x 2>&1)
[ "$got" = "3" ] && ok || bad "-i - gave '$got'"
got=$(printf 'x: 4\n' | "$REGOLITH" eval --format raw -d - data.x 2>&1)
[ "$got" = "4" ] && ok || bad "-d - gave '$got'"
expect 0 "^-1$" "" eval --format raw -- -1

# Flags without values, and limits.
for flag in -d -i --format --max-steps --timeout --memory-budget; do
    expect 2 "" "regolith eval: $flag needs a value" eval "$flag"
done
expect 2 "" "invalid --timeout '5x'" eval --timeout 5x 1
expect 2 "" "invalid --max-steps '-3'" eval --max-steps -3 1
expect 2 "" "invalid --memory-budget '0'" eval --memory-budget 0 1
expect 0 "^2$" "" eval --format raw --timeout 1m30s --max-steps 100 \
    --memory-budget 64M '1 + 1'
big='count([x | some x in numbers.range(1, 2000000)])'
expect 1 "" "eval_cancel_error: evaluation exceeded the step limit" \
    eval --max-steps 100000 "$big"
expect 1 "" "eval_cancel_error: evaluation exceeded the memory budget" \
    eval --memory-budget 50M "$big"
expect 1 "" "eval_cancel_error: evaluation timed out" \
    eval --timeout 10ms "$big"

# A failed evaluation prints its error, not an empty result.
expect 1 "" "eval_builtin_error: div: divide by zero" \
    eval --strict-builtin-errors '1/0'

# Output that cannot be written is an error.
if [ -w /dev/full ]; then
    "$REGOLITH" eval 1 >/dev/full 2>"$tmp/err"
    st=$?
    if [ "$st" -eq 1 ] && grep -q "cannot write the output" "$tmp/err"; then
        ok
    else
        bad "eval 1 >/dev/full exited $st: $(cat "$tmp/err")"
    fi
    printf 'package a\np := 1\n' >"$tmp/ok.rego"
    "$REGOLITH" parse "$tmp/ok.rego" >/dev/full 2>"$tmp/err"
    st=$?
    if [ "$st" -eq 2 ] && grep -q "cannot write the output" "$tmp/err"; then
        ok
    else
        bad "parse >/dev/full exited $st: $(cat "$tmp/err")"
    fi
fi

# opa.runtime() returns the environment and version, as under opa eval.
REGOLITH_RUNTIME_PROBE=probe-value expect 0 '^probe-value$' "" \
    eval --format raw 'opa.runtime().env.REGOLITH_RUNTIME_PROBE'
expect 0 '^[0-9]+\.[0-9]+\.[0-9]+$' "" \
    eval --format raw 'opa.runtime().version'

echo "eval_load: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
