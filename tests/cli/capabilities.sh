#!/bin/sh
# Check "regolith capabilities".  The output must be JSON in the layout
# of OPA's capabilities files, with OPA v1.19.1's catalogue entries and
# identical declarations.  Every listed builtin must compile and every
# listed feature and future keyword must work.  A call to an unknown
# function must be a compile error.  Run from the repository root with
# $REGOLITH set (tests/run.sh does both).
REGOLITH=${REGOLITH:-build/regolith}
SHARED=${SHARED:-$(git rev-parse --show-toplevel 2>/dev/null)/../shared}
[ -d "$SHARED/opa-builtins" ] || SHARED=/work/shared
CATALOGUE="$SHARED/opa-builtins/capabilities.json"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { echo "capabilities: $*"; fail=$((fail + 1)); }

# Builtins of OPA's catalogue that Regolith does not implement yet; the
# output must leave exactly these out.  Remove a name once it works.
UNIMPLEMENTED=""

"$REGOLITH" capabilities >"$tmp/caps.json" 2>"$tmp/err"
status=$?
if [ "$status" -eq 0 ]; then ok; else
    bad "exited $status: $(cat "$tmp/err")"
fi
"$REGOLITH" capabilities --current >"$tmp/again.json" 2>&1
if cmp -s "$tmp/caps.json" "$tmp/again.json"; then ok; else
    bad "two runs printed different output"
fi

# The comparison with the catalogue, one line "pass: ..." or
# "fail: ..." per check.
python3 - "$tmp/caps.json" "$CATALOGUE" "$UNIMPLEMENTED" \
    >"$tmp/checks" 2>&1 <<'EOF'
import json
import sys

out_path, cat_path, unimplemented = sys.argv[1], sys.argv[2], sys.argv[3]
unimplemented = set(unimplemented.split())


def check(cond, what):
    print(("pass: " if cond else "fail: ") + what)


try:
    with open(out_path) as f:
        caps = json.load(f)
except ValueError as e:
    check(False, "output is not valid JSON: %s" % e)
    sys.exit(0)
check(True, "output is valid JSON")
with open(cat_path) as f:
    catalogue = json.load(f)

check(list(caps) == ["builtins", "future_keywords", "wasm_abi_versions",
                     "features"],
      "top-level keys in OPA's order, got %s" % list(caps))
names = [b["name"] for b in caps["builtins"]]
check(names == sorted(set(names)), "builtins sorted by name, no repeats")
expected = {b["name"]: b for b in catalogue["builtins"]}
check(len(expected) == 206, "catalogue has 206 builtins")
extra = sorted(set(names) - set(expected))
check(not extra, "no builtin outside the catalogue, got %s" % extra)
missing = sorted(set(expected) - set(names))
check(set(missing) == unimplemented,
      "left out exactly the unimplemented builtins, left out %s" % missing)
check(len(names) == len(expected) - len(unimplemented),
      "lists %d builtins, want %d" % (len(names),
                                      len(expected) - len(unimplemented)))


def arity(decl):
    return -1 if "variadic" in decl else len(decl.get("args", []))


for b in caps["builtins"]:
    want = expected.get(b["name"])
    if want is None:
        continue
    check(b["decl"] == want["decl"], "decl of %s" % b["name"])
    check(arity(b["decl"]) == arity(want["decl"]),
          "arity of %s" % b["name"])
    check(b == want, "every field of %s" % b["name"])
check(isinstance(caps["future_keywords"], list), "future_keywords list")
check(isinstance(caps["features"], list), "features list")
check(caps["wasm_abi_versions"] == [], "no WebAssembly ABI versions")
EOF
pass=$((pass + $(grep -c '^pass: ' "$tmp/checks")))
fail=$((fail + $(grep -c '^fail: ' "$tmp/checks")))
grep -v '^pass: ' "$tmp/checks" | sed 's/^/capabilities: /'

# Every listed builtin resolves: calling it with null operands may fail
# type checking, but never as an undefined function.
python3 -c '
import json, sys
for b in json.load(open(sys.argv[1]))["builtins"]:
    d = b["decl"]
    n = 1 if "variadic" in d else len(d.get("args", []))
    print(b["name"] + "(" + ", ".join(["null"] * n) + ")")
' "$tmp/caps.json" >"$tmp/calls" 2>/dev/null
while read -r call; do
    "$REGOLITH" eval "false; $call" >"$tmp/call" 2>&1
    if grep -q 'undefined function' "$tmp/call"; then
        bad "listed builtin is undefined: $(cat "$tmp/call")"
    else
        ok
    fi
done <"$tmp/calls"

# The features and future keywords: each listed one must work, and an
# unknown name fails the test until a check is added here.
cat >"$tmp/refs.rego" <<'EOF'
package p.if

r.contains.in := 5
EOF
cat >"$tmp/not.rego" <<'EOF'
package p

import future.keywords.not

q if not { false }
EOF
cat >"$tmp/v0.rego" <<'EOF'
package p

import rego.v1

q contains 1 if true
EOF
check_output() {
    what=$1
    want=$2
    shift 2
    got=$("$REGOLITH" "$@" 2>&1)
    if [ "$got" = "$want" ]; then ok; else
        bad "$what: want '$want', got '$got'"
    fi
}
python3 -c '
import json, sys
caps = json.load(open(sys.argv[1]))
for k in ("features", "future_keywords"):
    for name in caps[k]:
        print(k, name)
' "$tmp/caps.json" >"$tmp/names" 2>/dev/null
while read -r kind name; do
    case "$kind $name" in
    "features keywords_in_refs")
        check_output "$name" 5 eval --format raw -d "$tmp/refs.rego" \
            'data.p["if"].r.contains["in"]' ;;
    "features rego_v1")
        check_output "$name" '[1]' eval --v0 --format raw \
            -d "$tmp/v0.rego" 'json.marshal(data.p.q)' ;;
    "features template_strings")
        check_output "$name" '"a2b"' eval --format raw \
            'json.marshal($"a{1 + 1}b")' ;;
    "future_keywords not")
        check_output "$name" true eval --format raw -d "$tmp/not.rego" \
            'data.p.q' ;;
    *)
        bad "no check for $kind entry '$name'" ;;
    esac
done <"$tmp/names"
if [ -s "$tmp/names" ]; then ok; else bad "no features listed"; fi

# Unknown functions are compile errors.
"$REGOLITH" eval 'x := no.such.fn(1)' >"$tmp/out" 2>"$tmp/err"
status=$?
if [ "$status" -ne 0 ]; then ok; else bad "unknown function exited 0"; fi
if grep -q 'rego_type_error: undefined function no.such.fn' "$tmp/err"
then ok; else
    bad "unknown function error: $(cat "$tmp/err")"
fi

# The committed table is what the generator makes from the catalogue.
if python3 tools/gen_builtin_decls.py "$CATALOGUE" |
    cmp -s - runtime/builtins/decls.c
then ok; else
    bad "runtime/builtins/decls.c is stale: run tools/gen_builtin_decls.py"
fi

# Usage.
if "$REGOLITH" capabilities --help | grep -q '^usage: regolith capabilities'
then ok; else bad "--help prints no usage"; fi
"$REGOLITH" capabilities --bogus >/dev/null 2>&1
status=$?
if [ "$status" -eq 2 ]; then ok; else
    bad "unknown argument exited $status, want 2"
fi

echo "capabilities: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
