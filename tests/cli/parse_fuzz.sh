#!/bin/sh
# Robustness of regolith parse: 200 generated inputs (random bytes and
# random Rego token soup, from a fixed seed so every run is the same) and
# every file under the shared Kubernetes manifests.  Each must parse or
# fail with errors (exit 0 or 1) and never crash, hang or exit 2.
REGOLITH=${REGOLITH:-build/regolith}
SHARED=${SHARED:-$(git rev-parse --show-toplevel 2>/dev/null)/../shared}
[ -d "$SHARED/manifests" ] || SHARED=/work/shared
pass=0
fail=0
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# Park-Miller generator: products stay below 2^53, so awk's doubles are
# exact and the files are identical everywhere.
awk -v dir="$dir" 'BEGIN {
    seed = 20261204
    n = split("package import p q x _ if contains else := = == != < > { } [ ] ( ) , ; . | & + - * / % : some every in not with as default input data true false null 1 0.5 1e3 -2 01 \"s\" \"\\u00e9\" \"\\q\" `raw` $\"t{x}\" $`m{x}` # set() f(x) future.keywords rego.v1 \\", tok, " ")
    for (f = 0; f < 200; f++) {
        file = sprintf("%s/gen%03d.rego", dir, f)
        seed = (seed * 16807) % 2147483647
        len = seed % 400
        if (f < 100) {
            for (i = 0; i < len; i++) {
                seed = (seed * 16807) % 2147483647
                printf "%c", seed % 256 > file
            }
        } else {
            if (f % 2 == 0)
                printf "package t\n" > file
            for (i = 0; i < len / 3; i++) {
                seed = (seed * 16807) % 2147483647
                sep = (seed % 5 == 0) ? "\n" : " "
                printf "%s%s", tok[1 + seed % n], sep > file
            }
        }
        close(file)
    }
}'

check() {
    label=$1
    shift
    # One run over all files; on an abnormal status, find the file.
    "$REGOLITH" parse "$@" >/dev/null 2>&1
    status=$?
    if [ "$status" -le 1 ]; then
        pass=$((pass + 1))
        return
    fi
    fail=$((fail + 1))
    echo "FAIL $label: exit $status"
    for f in "$@"; do
        case $f in --*) continue ;; esac
        "$REGOLITH" parse "$1" "$f" >/dev/null 2>&1
        s=$?
        [ "$s" -le 1 ] || echo "  $f: exit $s"
    done
}

check "generated, v1" --v1 "$dir"/gen*.rego
check "generated, v0" --v0 "$dir"/gen*.rego
check "generated, v1 then v0" --experimental "$dir"/gen*.rego

manifests=$(find "$SHARED/manifests" -type f | sort)
if [ -z "$manifests" ]; then
    echo "FAIL manifests: none found under $SHARED/manifests"
    fail=$((fail + 1))
else
    # shellcheck disable=SC2086
    check "manifests" --v1 $manifests
fi
echo "parse_fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
