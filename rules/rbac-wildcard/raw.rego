# rbac-wildcard: Roles and ClusterRoles should not use wildcards.
#
# A "*" in apiGroups, resources or verbs grants every present and future
# value in that position, including resources added later by CRDs.  The
# built-in cluster-admin ClusterRole and "system:" roles are left out:
# they are wildcards by design, and bindings to cluster-admin have their
# own control.
package armo_builtins

import rego.v1

deny contains msga if {
    some role in input
    role.kind in {"Role", "ClusterRole"}
    not built_in(role.metadata.name)
    paths := [path |
        some i, rule in role.rules
        some field in ["apiGroups", "resources", "verbs"]
        some j, value in object.get(rule, field, [])
        value == "*"
        path := sprintf("rules[%d].%s[%d]", [i, field, j])
    ]
    count(paths) > 0
    msga := {
        "alertMessage": sprintf("%s %s grants permissions through wildcards",
            [role.kind, role.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 7,
        "failedPaths": paths,
        "reviewPaths": paths,
        "deletePaths": [],
        "fixPaths": [],
        "alertObject": {"k8sApiObjects": [role]},
    }
}

built_in(name) if {
    name == "cluster-admin"
}

built_in(name) if {
    startswith(name, "system:")
}
