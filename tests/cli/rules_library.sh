#!/bin/sh
# Check the policy library in rules/ for consistency: every rule parses as
# Rego v1 and has metadata and test cases, every control names existing
# rules and a valid base score, every framework names existing controls.
# Needs jq and $REGOLITH (the CLI, for `regolith parse`).
REGOLITH=${REGOLITH:-build/regolith}
RULES=rules
pass=0
fail=0

check() {
    # check DESCRIPTION COMMAND...: count the command's exit status.
    what=$1
    shift
    if "$@" >/dev/null 2>&1; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "rules_library: FAIL: $what"
    fi
}

rule_names=$(for m in "$RULES"/*/rule.metadata.json; do
    jq -r .name "$m"; done | sort)

for dir in "$RULES"/*/; do
    dir=${dir%/}
    rule=${dir##*/}
    case $rule in controls|frameworks) continue ;; esac
    meta="$dir/rule.metadata.json"
    check "$rule: raw.rego parses as Rego v1" \
        "$REGOLITH" parse --v1 --no-locations "$dir/raw.rego"
    if [ -f "$dir/filter.rego" ]; then
        check "$rule: filter.rego parses as Rego v1" \
            "$REGOLITH" parse --v1 --no-locations "$dir/filter.rego"
    fi
    check "$rule: raw.rego is in package armo_builtins" \
        grep -q '^package armo_builtins$' "$dir/raw.rego"
    check "$rule: metadata name equals the directory name" \
        test "$(jq -r .name "$meta")" = "$rule"
    check "$rule: metadata has ruleLanguage Rego and a match" \
        jq -e '.ruleLanguage == "Rego" and (.match | length > 0)' "$meta"
    cases=$(find "$dir/test" -mindepth 1 -maxdepth 1 -type d 2>/dev/null |
            wc -l)
    check "$rule: has at least two test cases" test "$cases" -ge 2
    for case_dir in "$dir"/test/*/; do
        case_dir=${case_dir%/}
        name="$rule/${case_dir##*/}"
        check "$name: expected.json is a JSON array" \
            jq -e 'type == "array"' "$case_dir/expected.json"
        check "$name: has input files" \
            test -n "$(ls "$case_dir/input" 2>/dev/null)"
        if [ -f "$case_dir/data.json" ]; then
            check "$name: data.json keys are default config inputs" \
                jq -e --slurpfile d "$RULES/default-config-inputs.json" \
                '.postureControlInputs | keys - ($d[0].settings.postureControlInputs | keys) | length == 0' \
                "$case_dir/data.json"
        fi
    done
done

control_ids=""
for control in "$RULES"/controls/*.json; do
    id=$(jq -r .controlID "$control")
    control_ids="$control_ids $id"
    check "$id: control ID has the form RG-NNNN and names the file" \
        sh -c "echo '$id' | grep -Eq '^RG-[0-9]{4}$' && case '$control' in *'/$id-'*) ;; *) exit 1;; esac"
    check "$id: baseScore is between 1 and 10" \
        jq -e '.baseScore >= 1 and .baseScore <= 10' "$control"
    check "$id: has name, description, remediation and category" \
        jq -e '(.name|length>0) and (.description|length>0) and (.remediation|length>0) and (.category.name|length>0)' "$control"
    for name in $(jq -r '.rulesNames[]' "$control"); do
        check "$id: rule $name exists" \
            sh -c "echo '$rule_names' | grep -qx '$name'"
    done
done
count=$(echo $control_ids | wc -w)
unique=$(echo $control_ids | tr ' ' '\n' | sort -u | wc -l)
check "control IDs are unique" test "$count" -eq "$unique"
check "at least 60 controls" test "$count" -ge 60

for fw in pss-baseline pss-restricted nsa mitre all; do
    f="$RULES/frameworks/$fw.json"
    check "framework $fw exists and is named $fw" \
        jq -e --arg n "$fw" '.name == $n' "$f"
    for id in $(jq -r '.activeControls[].controlID' "$f" 2>/dev/null); do
        check "framework $fw: control $id exists" \
            sh -c "echo '$control_ids' | tr ' ' '\n' | grep -qx '$id'"
    done
done
all=$(jq -r '.activeControls | length' "$RULES/frameworks/all.json")
check "framework all has every control" test "$all" -eq "$count"
# The restricted profile replaces three baseline checks with stricter ones
# (capabilities, hostPath volumes through volume types, and seccomp), as
# the Pod Security Admission controller does. It keeps every other one.
replaced='["RG-0006","RG-0007","RG-0012"]'
baseline=$(jq -c '[.activeControls[].controlID]' "$RULES/frameworks/pss-baseline.json")
check "pss-restricted contains the pss-baseline controls it does not replace" \
    jq -e --argjson b "$baseline" --argjson x "$replaced" \
    '[.activeControls[].controlID] as $r | ($b - $x - $r) | length == 0' \
    "$RULES/frameworks/pss-restricted.json"
check "pss-restricted leaves out the baseline controls it replaces" \
    jq -e --argjson x "$replaced" \
    '[.activeControls[].controlID] as $r | ($x - $r) | length == 3' \
    "$RULES/frameworks/pss-restricted.json"

echo "rules_library: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
