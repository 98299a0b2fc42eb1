#!/bin/sh
# Command-line tests of regolith scan and rules-test on hostile or
# malformed input and options: load time on large streams, broken
# policies, YAML errors in the middle of a stream, nested lists, terminal
# escapes, failed writes, option validation and messages.  Run from the repository root with
# $REGOLITH.
REGOLITH=${REGOLITH:-build/regolith}
POLICY=tests/fixtures/policy
APP=tests/fixtures/scan
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# check NAME EXPECTED ACTUAL
check() {
    if [ "$2" = "$3" ]; then ok; else bad "$1: expected '$2', got '$3'"; fi
}

# contains NAME NEEDLE FILE
contains() {
    if grep -qF -- "$2" "$3"; then ok; else
        bad "$1: '$2' not in $(head -c 400 "$3")"; fi
}

# query FILE EXPR: the value of a Rego expression over a JSON file.
query() {
    "$REGOLITH" eval -i "$1" --format raw "[$2][0]" 2>/dev/null
}

# ---- Large streams load in linear time --------------------------------
# 80,000 empty documents, then a 20,000-item List: seconds at most when
# every line lookup does not walk the file from its top.
awk 'BEGIN { for (i = 0; i < 80000; i++) print "---"
             print "apiVersion: v1\nkind: List\nitems:"
             for (i = 0; i < 20000; i++)
                 printf "- {apiVersion: v1, kind: Pod, " \
                        "metadata: {name: p%d}}\n", i }' >"$tmp/big.yaml"
timeout 20 "$REGOLITH" scan control RG-0005 --format json "$tmp/big.yaml" \
    >"$tmp/big.json" 2>/dev/null
check "large stream loads in time" 0 $?
check "large stream list items" 20000 \
    "$(query "$tmp/big.json" 'input.inputSummary.listItems')"

# SARIF places 10,000 failures of one file without reading the file from
# its top for each.
awk 'BEGIN { for (i = 0; i < 10000; i++)
                 printf "---\napiVersion: v1\nkind: Pod\n" \
                        "metadata: {name: p%d, namespace: n}\nspec:\n" \
                        "  containers:\n  - name: c\n" \
                        "    securityContext: {privileged: true}\n", i }' \
    >"$tmp/priv.yaml"
timeout 20 "$REGOLITH" scan control C-9001 --policy-dir "$POLICY" \
    --format sarif "$tmp/priv.yaml" >"$tmp/priv.sarif" 2>/dev/null
check "sarif of many failures in time" 0 $?
check "sarif last failure line" 80000 "$(query "$tmp/priv.sarif" \
    'max([l.physicalLocation.region.startLine | some l in input.runs[0].results[_].locations])')"

# ---- A rule that cannot be evaluated is a policy error ----------------
cp -r "$POLICY" "$tmp/broken"
printf 'package armo_builtins\ndeny contains x if {\n' \
    >"$tmp/broken/privileged-container/raw.rego"
"$REGOLITH" scan control C-9001 --policy-dir "$tmp/broken" "$APP" \
    --format json >"$tmp/broken.json" 2>"$tmp/err"
check "broken rule exit" 2 $?
check "broken rule reason" true "$(query "$tmp/broken.json" \
    'contains(input.summaryDetails.controls["C-9001"].statusInfo.info,
              "rego_parse_error")')"
mkdir "$tmp/nopolicy"
"$REGOLITH" scan --policy-dir "$tmp/nopolicy" "$APP" >/dev/null \
    2>"$tmp/err"
check "policy folder without controls exit" 2 $?
contains "policy folder without controls message" "no controls found" \
    "$tmp/err"

# ---- Documents after a YAML syntax error are still read ---------------
cat >"$tmp/mid.yaml" <<'YAML'
apiVersion: v1
kind: Pod
metadata: {name: first, namespace: a}
spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: broken
spec: [
---
apiVersion: v1
kind: Pod
metadata: {name: third, namespace: a}
spec: {containers: [{name: c, securityContext: {privileged: true}}]}
YAML
"$REGOLITH" scan control C-9001 --policy-dir "$POLICY" --format json \
    "$tmp/mid.yaml" >"$tmp/mid.json" 2>"$tmp/err"
check "error mid-stream exit" 2 $?
check "error mid-stream resources" 2 \
    "$(query "$tmp/mid.json" 'input.inputSummary.resources')"
check "error mid-stream invalid documents" 1 \
    "$(query "$tmp/mid.json" 'input.inputSummary.invalidDocuments')"
check "error mid-stream file is readable" 0 \
    "$(query "$tmp/mid.json" 'input.inputSummary.unreadableFiles')"
check "error mid-stream later document scanned" 1 \
    "$(query "$tmp/mid.json" 'input.summaryDetails.controls["C-9001"].ResourceCounters.failedResources')"
contains "error mid-stream position" "mid.yaml:9:5: yaml_parse_error" \
    "$tmp/err"

# ---- Lists inside Lists are unwrapped; bad items are reported ---------
cat >"$tmp/nested.yaml" <<'YAML'
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: PodList
  items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: nested, namespace: a}
    spec: {hostPID: true, containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: ConfigMapList
items: "notalist"
YAML
"$REGOLITH" scan control C-9002 --policy-dir "$POLICY" --format json \
    "$tmp/nested.yaml" >"$tmp/nested.json" 2>"$tmp/err"
check "nested list pod scanned" 1 \
    "$(query "$tmp/nested.json" 'input.summaryDetails.controls["C-9002"].ResourceCounters.failedResources')"
check "nested list resources" 1 \
    "$(query "$tmp/nested.json" 'input.inputSummary.resources')"
check "nested list position" 7 \
    "$(query "$tmp/nested.json" 'input.resources[0].source.line')"
check "list with bad items skipped" \
    "a List whose items is a string, not an array" \
    "$(query "$tmp/nested.json" 'input.inputSummary.skippedDocuments[0].reason')"

# ---- Control characters from manifests are escaped on the terminal ----
printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "x\\e[31mred\\x01"\n  namespace: a\n  labels: {"k\\e]0;t\\a": 1, "k\\e]0;t\\a": 2}\nspec: {hostPID: true}\n' \
    >"$tmp/evil.yaml"
"$REGOLITH" scan control C-9002 --policy-dir "$POLICY" -v "$tmp/evil.yaml" \
    >"$tmp/evil.out" 2>"$tmp/evil.err"
esc=$(printf '\033')
if grep -q "$esc" "$tmp/evil.out" "$tmp/evil.err"; then
    bad "escape character reached the terminal"
else ok; fi
contains "escaped name in report" 'x\x1b[31mred\x01' "$tmp/evil.out"
contains "escaped key in warning" 'k\x1b]0;t\x07' "$tmp/evil.err"

# ---- Counts in the pretty report agree in number; long names are cut --
printf 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n' \
    | "$REGOLITH" scan control RG-0019 - >"$tmp/one.out" 2>/dev/null
contains "singular counts" \
    "Inputs: 1 file, 1 document: 1 resource scanned (0 from lists), 0 empty, 0 not Kubernetes objects, 0 duplicates" \
    "$tmp/one.out"
name=$(awk '$3 == "RG-0019" { sub(/^.*RG-0019 +/, ""); print }' \
    "$tmp/one.out")
case "$name" in
*"... "*) ok ;;
*) bad "cut control name has no marker: $name" ;;
esac

# ---- Failed writes are errors -----------------------------------------
if [ -w /dev/full ]; then
    "$REGOLITH" scan --policy-dir "$POLICY" "$APP" >/dev/full 2>"$tmp/err"
    check "scan to a full device exit" 2 $?
    contains "scan to a full device message" "cannot write the report" \
        "$tmp/err"
    "$REGOLITH" scan --policy-dir "$POLICY" "$APP" --format json \
        --output /dev/full 2>"$tmp/err"
    check "scan --output to a full device exit" 2 $?
    "$REGOLITH" rules-test --rule host-pid "$POLICY" >/dev/full 2>"$tmp/err"
    check "rules-test to a full device exit" 2 $?
else
    echo "SKIP: /dev/full is not writable"
fi
"$REGOLITH" scan --policy-dir "$POLICY" "$APP" --output "$tmp/no/x" \
    2>"$tmp/err"
check "scan --output in a missing folder exit" 2 $?
contains "scan --output message names the command" "regolith scan: " \
    "$tmp/err"

# ---- rules-test refuses runs that test nothing -------------------------
"$REGOLITH" rules-test --rule nosuch "$POLICY" >/dev/null 2>"$tmp/err"
check "rules-test unknown rule exit" 2 $?
contains "rules-test unknown rule message" "no rule named nosuch" "$tmp/err"
mkdir "$tmp/norules"
"$REGOLITH" rules-test "$tmp/norules" >/dev/null 2>"$tmp/err"
check "rules-test empty folder exit" 2 $?
contains "rules-test empty folder message" "no rules found" "$tmp/err"
"$REGOLITH" rules-test --bogus "$POLICY" >/dev/null 2>"$tmp/err"
check "rules-test unknown option exit" 2 $?
contains "rules-test unknown option reason" "unknown option '--bogus'" \
    "$tmp/err"
"$REGOLITH" rules-test "$POLICY" extra >/dev/null 2>"$tmp/err"
contains "rules-test extra argument reason" "unexpected argument 'extra'" \
    "$tmp/err"
"$REGOLITH" rules-test --rule >/dev/null 2>"$tmp/err"
contains "rules-test missing value reason" "--rule needs a value" \
    "$tmp/err"

# ---- Option validation -------------------------------------------------
for v in nan '' 0x40 1e2 -1 101 '5 0'; do
    "$REGOLITH" scan --policy-dir "$POLICY" --compliance-threshold "$v" \
        "$APP" >/dev/null 2>"$tmp/err"
    check "compliance threshold '$v' exit" 2 $?
    contains "compliance threshold '$v' message" \
        "invalid compliance threshold" "$tmp/err"
done
"$REGOLITH" scan --policy-dir "$POLICY" --compliance-threshold 12.5 \
    "$APP" >/dev/null 2>&1
check "decimal compliance threshold accepted" 0 $?
"$REGOLITH" scan --policy-dir "$POLICY" --include-namespaces shop \
    --exclude-namespaces shop "$APP" >/dev/null 2>"$tmp/err"
check "both namespace filters exit" 2 $?
contains "both namespace filters message" "not both" "$tmp/err"
"$REGOLITH" scan --policy-dir "$POLICY" "$APP" control C-9001 \
    >/dev/null 2>"$tmp/err"
check "control after the paths exit" 2 $?
contains "control after the paths message" \
    "'control' must come before the paths" "$tmp/err"
echo '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "j"}}' \
    >"$tmp/ex-object.json"
"$REGOLITH" scan --policy-dir "$POLICY" "$APP" \
    --exceptions "$tmp/ex-object.json" >/dev/null 2>"$tmp/err"
check "exceptions object exit" 2 $?
contains "exceptions object message" "expected an array" "$tmp/err"
echo '[{"apiVersion": "v1", "kind": "Pod"}]' >"$tmp/ex-pod.json"
"$REGOLITH" scan --policy-dir "$POLICY" "$APP" \
    --exceptions "$tmp/ex-pod.json" >/dev/null 2>"$tmp/err"
check "exceptions without resources exit" 2 $?
contains "exceptions without resources message" \
    "neither resources nor posturePolicies" "$tmp/err"

# ---- Messages about inputs ---------------------------------------------
printf 'apiVersion: [v1]\nkind: {a: 1}\nmetadata: {name: 5}\n' \
    >"$tmp/types.yaml"
"$REGOLITH" scan --policy-dir "$POLICY" "$tmp/types.yaml" >/dev/null \
    2>"$tmp/err"
contains "wrong field types named" \
    "apiVersion is an array, not a string; kind is an object, not a string" \
    "$tmp/err"
printf 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: tab\n' \
    >"$tmp/tab.yaml"
"$REGOLITH" scan --policy-dir "$POLICY" "$tmp/tab.yaml" >/dev/null \
    2>"$tmp/err"
contains "tab hint" "the character is a tab" "$tmp/err"
mkdir "$tmp/loop"
ln -s a "$tmp/loop/b" && ln -s b "$tmp/loop/a"
cp "$APP/app.yaml" "$tmp/loop/"
"$REGOLITH" scan --policy-dir "$POLICY" "$tmp/loop" >/dev/null \
    2>"$tmp/err"
contains "symbolic link loop named" "symbolic link loop" "$tmp/err"

# ---- Help and version --------------------------------------------------
"$REGOLITH" help scan >"$tmp/help.out" 2>&1
check "help scan exit" 0 $?
contains "help scan shows scan's usage" "usage: regolith scan" \
    "$tmp/help.out"
contains "scan help lists exit status 2" "2 for a usage error" \
    "$tmp/help.out"
"$REGOLITH" help nosuch >/dev/null 2>&1
check "help with an unknown topic exit" 2 $?
"$REGOLITH" version extra >/dev/null 2>"$tmp/err"
check "version with an argument exit" 2 $?

# ---- Terminal behaviour (needs script(1) for a pseudo-terminal) --------
if command -v script >/dev/null 2>&1 &&
   script -qec true /dev/null >/dev/null 2>&1; then
    NO_COLOR= script -qec "$REGOLITH scan --policy-dir $POLICY $APP" \
        /dev/null >"$tmp/tty.out" 2>&1
    contains "empty NO_COLOR keeps colour" "$(printf '\033[')" \
        "$tmp/tty.out"
    NO_COLOR=1 script -qec "$REGOLITH scan --policy-dir $POLICY $APP" \
        /dev/null >"$tmp/tty.out" 2>&1
    if grep -q "$(printf '\033')" "$tmp/tty.out"; then
        bad "NO_COLOR=1 still colours"
    else ok; fi
    # 3,000 Pods take long enough for the pretty report to draw a bar.
    awk 'BEGIN { for (i = 0; i < 3000; i++)
                     printf "---\napiVersion: v1\nkind: Pod\n" \
                            "metadata: {name: p%d, namespace: n}\n" \
                            "spec: {containers: [{name: c}]}\n", i }' \
        >"$tmp/pods.yaml"
    script -qec "$REGOLITH scan $tmp/pods.yaml" /dev/null \
        >"$tmp/tty.out" 2>&1
    if grep -q "[0-9]/[0-9]* controls" "$tmp/tty.out"; then
        script -qec "$REGOLITH scan --format json --output $tmp/p.json \
            $tmp/pods.yaml" /dev/null >"$tmp/tty.out" 2>&1
        if grep -q "controls" "$tmp/tty.out"; then
            bad "progress bar drawn for a json report"
        else ok; fi
    else
        echo "SKIP: the scan was too fast to draw a progress bar"
    fi
else
    echo "SKIP: no script(1) for terminal tests"
fi

echo "scan_robust: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
