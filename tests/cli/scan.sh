#!/bin/sh
# Command-line tests of regolith scan: input accounting, statuses and
# scores on a fixture policy library, report formats, options, exit
# codes, and the badpods corpus against the bundled library's
# pss-baseline framework.  Run from the repository root with $REGOLITH.
REGOLITH=${REGOLITH:-build/regolith}
ROOT=$(git rev-parse --show-toplevel 2>/dev/null || pwd)
SHARED=${SHARED:-$ROOT/../shared}
[ -d "$SHARED" ] || SHARED=/work/shared
POLICY=tests/fixtures/policy
APP=tests/fixtures/scan
# File-scan resource IDs are "path=<FNV-1a-32 of the path relative to
# the scanned folder>/api=<group>/<version>/<namespace>/<kind>/<name>".
APP_ID=path=2268462821/api=     # "app.yaml"
SYS_ID=path=3198866325/api=     # "system.yaml"
PODS_ID=path=1653635074/api=    # "pods.yaml"
RBAC_ID=path=3665104994/api=    # "rbac.yaml"
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

# query FILE EXPR: the value of a Rego expression over a JSON file.
query() {
    "$REGOLITH" eval -i "$1" --format raw "[$2][0]" 2>/dev/null
}

scan() {
    "$REGOLITH" scan "$@" 2>"$tmp/err"
}

# ---- Statuses, counters and scores on the fixture library -------------
scan framework fixture --policy-dir $POLICY $APP --format json \
    >"$tmp/out.json"
check "fixture scan exit" 0 $?
J=$tmp/out.json
check "privileged status" failed \
    "$(query "$J" 'input.summaryDetails.controls["C-9001"].status')"
check "privileged failed count" 2 \
    "$(query "$J" 'input.summaryDetails.controls["C-9001"].ResourceCounters.failedResources')"
check "privileged passed count" 2 \
    "$(query "$J" 'input.summaryDetails.controls["C-9001"].ResourceCounters.passedResources')"
check "host pid allowed pod passes" 2 \
    "$(query "$J" 'input.summaryDetails.controls["C-9002"].ResourceCounters.passedResources')"
check "undecodable result skips" skipped \
    "$(query "$J" 'input.summaryDetails.controls["C-9003"].status')"
check "manual review control" "manual review" \
    "$(query "$J" 'input.summaryDetails.controls["C-9005"].statusInfo.subStatus')"
check "cluster-only control left out" absent \
    "$(query "$J" 'object.get(input.summaryDetails.controls, "C-9004", "absent")')"
check "compliance score" 29.166666666666668 \
    "$(query "$J" 'input.summaryDetails.complianceScore')"
# Risk score of C-9001: the Deployment (3 replicas, weight 3.3) and the
# agent fail; all four resources weigh 3.3 + 1 + 1 + 1.
check "risk score" 68.25396825396825 \
    "$(query "$J" 'input.summaryDetails.controls["C-9001"].score')"
check "severity" Critical \
    "$(query "$J" 'input.summaryDetails.controls["C-9001"].severity')"
check "resource source line" 18 \
    "$(query "$J" '[r.source.line | some r in input.resources; r.resourceID == "'"${APP_ID}"'/v1/shop/Pod/web"][0]')"
check "fix path in results" "spec.template.spec.containers[0].securityContext.privileged" \
    "$(query "$J" '[p.fixPath.path | some r in input.results; r.resourceID == "'"${APP_ID}"'apps/v1/shop/Deployment/shop"; some c in r.controls; some rule in c.rules; some p in rule.paths; p.fixPath.path != ""][0]')"
check "control configurations reported" debugger \
    "$(query "$J" '[k | some r in input.results; some c in r.controls; some rule in c.rules; some k in rule.controlConfigurations.allowedHostPidPods][0]')"
check "yes is true under YAML 1.1" failed \
    "$(query "$J" '[c.status.status | some r in input.results; r.resourceID == "'"${SYS_ID}"'/v1/kube-system/Pod/agent"; some c in r.controls; c.controlID == "C-9001"][0]')"
check "framework listed" fixture \
    "$(query "$J" 'input.summaryDetails.frameworks[0].name')"
check "input summary documents" 5 \
    "$(query "$J" 'input.inputSummary.documents')"
check "evaluation error reported" 1 \
    "$(grep -c 'rule broken-result' "$tmp/err")"

# ---- Resource enumerator (filter.rego) and subject aggregation ----------
scan framework extras --policy-dir $POLICY tests/fixtures/scan-extra \
    --format json >"$tmp/extra.json"
X=$tmp/extra.json
status_of() {
    query "$X" "[c.status.status | some r in input.results; r.resourceID == \"$1\"; some c in r.controls][0]"
}
check "enumerated privileged pod fails" failed "$(status_of ${PODS_ID}/v1//Pod/public)"
check "enumerated safe pod passes" passed "$(status_of ${PODS_ID}/v1//Pod/safe)"
check "failure outside the enumeration" failed \
    "$(status_of ${PODS_ID}/v1//Pod/internal)"
check "aggregated subject fails" failed "$(status_of \
    //User/alice/${RBAC_ID}rbac.authorization.k8s.io/v1//ClusterRole/everything/${RBAC_ID}rbac.authorization.k8s.io/v1//ClusterRoleBinding/admins)"
check "aggregated subject passes" passed "$(status_of \
    //User/bob/${RBAC_ID}rbac.authorization.k8s.io/v1//ClusterRole/reader/${RBAC_ID}rbac.authorization.k8s.io/v1//ClusterRoleBinding/readers)"
check "subjects listed as resources" 3 "$(query "$X" \
    'sum([1 | some r in input.resources; startswith(r.resourceID, "//")])')"

# ---- Large clusters: rules run per namespace, same verdicts here -------
LARGE_CLUSTER_SIZE=2 "$REGOLITH" scan framework fixture --policy-dir $POLICY \
    $APP --format json >"$tmp/split.json" 2>/dev/null
check "split by namespace keeps the score" \
    "$(query "$J" 'input.summaryDetails.complianceScore')" \
    "$(query "$tmp/split.json" 'input.summaryDetails.complianceScore')"
check "split by namespace keeps the counts" \
    "$(query "$J" 'input.summaryDetails.controls["C-9002"].ResourceCounters')" \
    "$(query "$tmp/split.json" 'input.summaryDetails.controls["C-9002"].ResourceCounters')"
LARGE_CLUSTER_SIZE=2 "$REGOLITH" scan framework extras --policy-dir $POLICY \
    tests/fixtures/scan-extra --format json >"$tmp/split2.json" 2>/dev/null
check "split keeps cluster-scoped joins" 2 "$(query "$tmp/split2.json" \
    'input.summaryDetails.controls["C-9007"].ResourceCounters.failedResources')"

# ---- Formats -------------------------------------------------------------
scan framework fixture --policy-dir $POLICY $APP --format sarif \
    >"$tmp/out.sarif"
check "sarif exit" 0 $?
check "sarif field position" "tests/fixtures/scan/system.yaml:11:7" \
    "$(query "$tmp/out.sarif" '[sprintf("%s:%d:%d", [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine, l.physicalLocation.region.startColumn]) | some r in input.runs[0].results; r.ruleId == "C-9001"; l := r.locations[0]; contains(l.physicalLocation.artifactLocation.uri, "system")][0]')"
check "sarif version" 2.1.0 "$(query "$tmp/out.sarif" 'input.version')"
scan framework fixture --policy-dir $POLICY $APP --format junit \
    --output "$tmp/out.xml" >/dev/null
check "junit failures" 1 "$(grep -c 'failures="2"' "$tmp/out.xml" | \
    awk '{print ($1 >= 1)}')"
check "junit testcases" 4 "$(grep -c '<testcase ' "$tmp/out.xml")"
scan framework fixture --policy-dir $POLICY $APP >"$tmp/out.txt"
check "pretty score line" 1 "$(grep -c '^Compliance score: 29.17%' \
    "$tmp/out.txt")"
check "pretty has no color when piped" 0 "$(grep -c "$(printf '\033')" \
    "$tmp/out.txt")"
scan framework fixture --policy-dir $POLICY $APP -v >"$tmp/out.txt"
check "verbose lists fix" 1 "$(grep -c \
    'fix     spec.containers\[0\].securityContext.privileged = false' \
    "$tmp/out.txt")"

# ---- Options and exit codes -------------------------------------------
scan framework fixture --policy-dir $POLICY $APP \
    --compliance-threshold 30 >/dev/null
check "compliance threshold crossed" 1 $?
scan framework fixture --policy-dir $POLICY $APP \
    --compliance-threshold 20 >/dev/null
check "compliance threshold met" 0 $?
scan control C-9002 --policy-dir $POLICY $APP \
    --severity-threshold critical >/dev/null
check "severity threshold above failures" 0 $?
scan control C-9002 --policy-dir $POLICY $APP \
    --severity-threshold high >/dev/null
check "severity threshold at failures" 1 $?
scan framework pods --policy-dir $POLICY $APP --format json \
    --exclude-namespaces kube-system >"$tmp/ns.json"
check "exclude namespaces" 1 "$(query "$tmp/ns.json" \
    'input.summaryDetails.controls["C-9001"].ResourceCounters.failedResources')"
scan framework pods --policy-dir $POLICY $APP --format json \
    --include-namespaces kube-system >"$tmp/ns.json"
check "include namespaces" 1 "$(query "$tmp/ns.json" \
    'input.summaryDetails.controls["C-9001"].ResourceCounters.passedResources + input.summaryDetails.controls["C-9001"].ResourceCounters.failedResources')"
scan framework pods --policy-dir $POLICY $APP --format json \
    --exceptions tests/fixtures/exceptions.json >"$tmp/ex.json"
check "exception passes resource" "w/exceptions" "$(query "$tmp/ex.json" \
    '[c.status.subStatus | some r in input.results; r.resourceID == "'"${SYS_ID}"'/v1/kube-system/Pod/agent"; some c in r.controls; c.controlID == "C-9001"][0]')"
printf '[{"name": "by-path", "policyType": "postureExceptionPolicy", "actions": ["alertOnly"], "resources": [{"designatorType": "Attributes", "attributes": {"path": "app\\\\.yaml"}}], "posturePolicies": [{"controlID": "C-9001"}]}]' \
    >"$tmp/ex-path.json"
scan framework pods --policy-dir $POLICY $APP --format json \
    --exceptions "$tmp/ex-path.json" >"$tmp/expath.json"
# The path designator matches the path relative to the scanned folder.
check "exception by relative path" "w/exceptions" "$(query "$tmp/expath.json" \
    '[c.status.subStatus | some r in input.results; r.resourceID == "'"${APP_ID}"'apps/v1/shop/Deployment/shop"; some c in r.controls; c.controlID == "C-9001"][0]')"
check "exception by path spares other files" failed "$(query "$tmp/expath.json" \
    '[c.status.status | some r in input.results; r.resourceID == "'"${SYS_ID}"'/v1/kube-system/Pod/agent"; some c in r.controls; c.controlID == "C-9001"][0]')"
check "expired exception ignored" failed "$(query "$tmp/ex.json" \
    'input.summaryDetails.controls["C-9002"].status')"
printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    kubescape.io/skip-controls: "C-9002"\nspec:\n  hostPID: true\n  containers: [{name: c, image: x}]\n' |
    "$REGOLITH" scan control C-9002 --policy-dir $POLICY - --format json \
    >"$tmp/inline.json" 2>/dev/null
check "inline exception" "w/exceptions" "$(query "$tmp/inline.json" \
    'input.summaryDetails.controls["C-9002"].statusInfo.subStatus')"
printf '{"settings": {"postureControlInputs": {"allowedHostPidPods": ["web", "debugger"]}}}' \
    >"$tmp/config.json"
scan control C-9002 --policy-dir $POLICY $APP --format json \
    --controls-config "$tmp/config.json" >"$tmp/cfg.json"
check "controls config replaces inputs" passed "$(query "$tmp/cfg.json" \
    'input.summaryDetails.controls["C-9002"].status')"
echo '{"settings": {}}' >"$tmp/badconfig.json"
scan control C-9002 --policy-dir $POLICY $APP \
    --controls-config "$tmp/badconfig.json" >/dev/null
check "invalid controls config exit" 2 $?
scan framework nosuch --policy-dir $POLICY $APP >/dev/null
check "unknown framework exit" 2 $?
check "unknown framework message" 1 "$(grep -c "framework 'nosuch' not found" \
    "$tmp/err")"
scan --format nope $APP >/dev/null
check "unknown format exit" 2 $?
scan framework pods --policy-dir $POLICY - --format json \
    <"$APP/system.yaml" >"$tmp/stdin.json"
check "standard input" "<stdin>" "$(query "$tmp/stdin.json" \
    'input.resources[0].source.path')"
# Standard input is hashed as the name "<stdin>".
check "standard input ID" "path=2074289331/api=/v1/kube-system/Pod/agent" \
    "$(query "$tmp/stdin.json" \
    '[r.resourceID | some r in input.resources; endswith(r.resourceID, "/agent")][0]')"

# ---- One object in two files: both scanned; twice in one file: last -----
mkdir -p "$tmp/twice/a" "$tmp/twice/b"
cp "$APP/system.yaml" "$tmp/twice/a/system.yaml"
cp "$APP/system.yaml" "$tmp/twice/b/system.yaml"
scan framework pods --policy-dir $POLICY "$tmp/twice" --format json \
    >"$tmp/twice.json"
check "same object in two files exit" 0 $?
# FNV-1a-32 of "a/system.yaml" and "b/system.yaml".
check "same object in two files both reported" \
    "path=1402235937/api=/v1/kube-system/Pod/agent path=49551348/api=/v1/kube-system/Pod/agent" \
    "$(query "$tmp/twice.json" 'concat(" ", sort([r.resourceID | some r in input.results; endswith(r.resourceID, "/Pod/agent")]))')"
check "same object in two files both fail" 2 "$(query "$tmp/twice.json" \
    'input.summaryDetails.controls["C-9001"].ResourceCounters.failedResources')"
check "same object in two files no duplicates" 0 "$(query "$tmp/twice.json" \
    'input.inputSummary.duplicates')"
check "same object sources" "a/system.yaml b/system.yaml" \
    "$(query "$tmp/twice.json" 'concat(" ", sort([substring(r.source.path, count(r.source.path) - 13, -1) | some r in input.resources; endswith(r.resourceID, "/Pod/agent")]))')"
printf 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containers: [{name: c, image: x}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: x}]\n' \
    >"$tmp/same.yaml"
scan control C-9002 --policy-dir $POLICY "$tmp/same.yaml" --format json \
    >"$tmp/same.json"
check "same ID in one file counted" 1 "$(query "$tmp/same.json" \
    'input.inputSummary.duplicates')"
check "same ID in one file reason" 1 "$(query "$tmp/same.json" \
    'count([s | some s in input.inputSummary.skippedDocuments; s.line == 1; contains(s.reason, "defined again at"); contains(s.reason, "same.yaml:8")])')"
check "same ID in one file keeps the last" passed "$(query "$tmp/same.json" \
    'input.summaryDetails.controls["C-9002"].status')"
check "same ID in one file source line" 8 "$(query "$tmp/same.json" \
    'input.resources[0].source.line')"

# ---- Bad input: other files are still scanned, exit 2 ---------------------
mkdir -p "$tmp/in/sub"
cp "$APP/system.yaml" "$tmp/in/good.yaml"
printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [oops\n' \
    >"$tmp/in/broken.yaml"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n' \
    >"$tmp/in/sub/dup.yml"
ln -s /etc/hostname "$tmp/in/sub/outside.yaml"
: >"$tmp/in/empty.json"
scan framework pods --policy-dir $POLICY "$tmp/in" --format json \
    >"$tmp/bad.json"
check "parse error exit" 2 $?
check "parse error position" 1 "$(grep -c 'broken.yaml:5:1: yaml_parse_error' \
    "$tmp/err")"
check "other files scanned" failed "$(query "$tmp/bad.json" \
    'input.summaryDetails.controls["C-9001"].status')"
check "duplicate key warning" 1 "$(grep -c \
    'dup.yml:5:3: yaml_warning: duplicate mapping key "name"' \
    "$tmp/err")"
check "symlink noted" 1 "$(grep -c 'outside.yaml: symbolic link not followed' \
    "$tmp/err")"
scan framework pods --policy-dir $POLICY "$tmp/missing.yaml" >/dev/null
check "missing path exit" 2 $?
scan --policy-dir "$tmp/no-library" $APP >/dev/null
check "missing policy folder exit" 2 $?

# ---- The shared corpus: every document accounted for --------------------
if [ -d "$SHARED/manifests" ]; then
    scan framework all "$SHARED/manifests" --format json >"$tmp/all.json"
    rc=$?
    check "corpus exit 0 or 1" 1 "$(echo "$rc" | awk '{print ($1 <= 1)}')"
    check "corpus documents accounted" true "$(query "$tmp/all.json" \
        'input.inputSummary.documents - input.inputSummary.emptyDocuments - input.inputSummary.lists + input.inputSummary.listEntries == input.inputSummary.resources + input.inputSummary.notKubernetes + input.inputSummary.duplicates')"
    check "corpus documents" 2541 "$(query "$tmp/all.json" \
        'input.inputSummary.documents')"
    # No two documents of one file define the same resource, so every
    # Kubernetes object is scanned.
    check "corpus duplicates" 0 "$(query "$tmp/all.json" \
        'input.inputSummary.duplicates')"
    check "corpus resources" 2532 "$(query "$tmp/all.json" \
        'input.inputSummary.resources')"
    check "corpus resources reported" 2532 "$(query "$tmp/all.json" \
        'count([r | some r in input.resources; startswith(r.resourceID, "path=")])')"
else
    bad "shared corpus not found at $SHARED/manifests"
fi

# ---- badpods against pss-baseline of the library in rules/ --------------
BAD=$SHARED/manifests/badpods/manifests
LIBRARY=${RULES_DIR:-$ROOT/rules}
if "$REGOLITH" scan framework pss-baseline --policy-dir "$LIBRARY" \
       "$BAD/nothing-allowed" \
       --format json >"$tmp/np.json" 2>/dev/null; then
    check "nothing-allowed passes pss-baseline" passed \
        "$(query "$tmp/np.json" 'input.summaryDetails.status')"
    for case in priv:Privileged hostpid:"Host PID" hostnetwork:"Host network" \
                hostipc:"Host IPC" hostpath:HostPath \
                priv-and-hostpid:Privileged priv-and-hostpid:"Host PID" \
                everything-allowed:Privileged everything-allowed:"Host PID" \
                everything-allowed:"Host network" \
                everything-allowed:"Host IPC" everything-allowed:HostPath; do
        dir=${case%%:*}
        word=${case#*:}
        "$REGOLITH" scan framework pss-baseline --policy-dir "$LIBRARY" \
            "$BAD/$dir" --format json \
            >"$tmp/bp.json" 2>/dev/null
        check "badpods $dir fails $word" 16 "$(query "$tmp/bp.json" \
            "[c.ResourceCounters.failedResources | some c in input.summaryDetails.controls; startswith(c.name, \"$word\")][0]")"
    done
    # The library embedded at build time is the same as rules/.
    "$REGOLITH" scan framework pss-baseline "$BAD/priv" --format json \
        >"$tmp/embedded.json" 2>/dev/null
    check "embedded library equals rules/" \
        "$(query "$tmp/bp.json" 'count(input.summaryDetails.controls)')" \
        "$(query "$tmp/embedded.json" 'count(input.summaryDetails.controls)')"
    check "embedded library scores priv" 16 "$(query "$tmp/embedded.json" \
        '[c.ResourceCounters.failedResources | some c in input.summaryDetails.controls; startswith(c.name, "Privileged")][0]')"
else
    echo "SKIP: badpods: $LIBRARY has no pss-baseline framework"
fi

echo "scan: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
