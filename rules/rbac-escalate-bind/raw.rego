# rbac-escalate-bind: subjects that can escalate or bind roles.
#
# The escalate and bind verbs bypass RBAC's rule that nobody may grant
# permissions they do not hold.
# The input holds Roles, ClusterRoles and their bindings. Each binding
# whose role grants this is reported, with the role as a related object
# and the granting rules as its paths.  A "*" in apiGroups, resources or
# verbs grants everything in that position.
package armo_builtins

import rego.v1

deny contains msga if {
    roles := risky_roles(input)
    some binding in input
    binding.kind in {"RoleBinding", "ClusterRoleBinding"}
    some entry in roles[binding_ref(
        binding.kind, binding.metadata, binding.roleRef)]
    role := entry.role
    rule_paths := entry.paths
    subjects := [sprintf("subjects[%d]", [i]) | some i, _ in binding.subjects]
    msga := {
        "alertMessage": sprintf("%s %s lets its subjects %s through %s %s", [
            binding.kind, binding.metadata.name, "escalate or bind roles",
            role.kind, role.metadata.name,
        ]),
        "packagename": "armo_builtins",
        "alertScore": 8,
        "failedPaths": subjects,
        "reviewPaths": subjects,
        "deletePaths": [],
        "fixPaths": [],
        "alertObject": {"k8sApiObjects": [binding]},
        "relatedObjects": [{
            "object": role,
            "failedPaths": rule_paths,
            "reviewPaths": rule_paths,
            "deletePaths": [],
            "fixPaths": [],
        }],
    }
}

# The paths of the rules that grant the permission.
granting_rules(rules) := [sprintf("rules[%d]", [i]) |
    some i, rule in rules
    grants(rule.apiGroups, {"rbac.authorization.k8s.io"})
    grants(rule.resources, {"roles", "clusterroles"})
    grants(rule.verbs, {"escalate", "bind"})
]

# The roles of objects that grant the permission, each with the paths of
# its granting rules, grouped by the reference a binding uses for them:
# ["ClusterRole", name] or ["Role", namespace, name].  Grouping sorts
# [reference, position] pairs so that equal references are adjacent,
# which keeps the join with the bindings linear.  A group holds several
# roles when objects share one reference, such as a Role with no
# namespace and a Role in "default" of the same name.
risky_roles(objects) := {refs[start][0]: [entries[pair[1]] |
    some pair in array.slice(refs, start, ends[g])
] | some g, start in starts} if {
    entries := [{"role": role, "paths": paths} |
        some role in objects
        role.kind in {"Role", "ClusterRole"}
        paths := granting_rules(role.rules)
        count(paths) > 0
    ]
    refs := sort([[role_ref(entry.role.kind, entry.role.metadata), i] |
        some i, entry in entries
    ])
    starts := [i | some i, pair in refs; not refs[i - 1][0] == pair[0]]
    ends := array.concat(array.slice(starts, 1, count(starts)), [count(refs)])
}

role_ref(kind, metadata) := ["ClusterRole", metadata.name] if {
    kind == "ClusterRole"
}

role_ref(kind, metadata) := ["Role", namespace, metadata.name] if {
    kind == "Role"
    namespace := object.get(metadata, "namespace", "default")
}

# A ClusterRole can back either binding kind, but a Role can back only a
# RoleBinding in its own namespace.
binding_ref(_, _, ref) := ["ClusterRole", ref.name] if {
    ref.kind == "ClusterRole"
}

binding_ref(kind, metadata, ref) := ["Role", namespace, ref.name] if {
    kind == "RoleBinding"
    ref.kind == "Role"
    namespace := object.get(metadata, "namespace", "default")
}

# The rule names one of the wanted values, or "*".  For resources,
# "pods/*" also covers every subresource of pods.
grants(values, _) if {
    some value in values
    value == "*"
}

grants(values, wanted) if {
    some value in values
    value in wanted
}

grants(values, wanted) if {
    some value in values
    endswith(value, "/*")
    some item in wanted
    startswith(item, trim_suffix(value, "*"))
}
