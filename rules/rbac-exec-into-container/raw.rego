# rbac-exec-into-container: subjects that can exec into containers.
#
# Whoever may create pods/exec can run commands inside any container the
# binding reaches, with that container's service account and secrets.
# The input holds Roles, ClusterRoles and their bindings. Each binding
# whose role grants this is reported, with the role as a related object
# and the granting rules as its paths.  A "*" in apiGroups, resources or
# verbs grants everything in that position.
package armo_builtins

import rego.v1

deny contains msga if {
    some binding in input
    binding.kind in {"RoleBinding", "ClusterRoleBinding"}
    some role in input
    bound_role(binding, role)
    rule_paths := [sprintf("rules[%d]", [i]) |
        some i, rule in role.rules
        grants(rule.apiGroups, {""})
        grants(rule.resources, {"pods/exec"})
        grants(rule.verbs, {"create"})
    ]
    count(rule_paths) > 0
    subjects := [sprintf("subjects[%d]", [i]) | some i, _ in binding.subjects]
    msga := {
        "alertMessage": sprintf("%s %s lets its subjects %s through %s %s", [
            binding.kind, binding.metadata.name, "exec into containers",
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

# A ClusterRole can back either binding kind, but a Role can back only a
# RoleBinding in its own namespace.
bound_role(binding, role) if {
    role.kind == "ClusterRole"
    binding.roleRef.kind == "ClusterRole"
    role.metadata.name == binding.roleRef.name
}

bound_role(binding, role) if {
    role.kind == "Role"
    binding.kind == "RoleBinding"
    binding.roleRef.kind == "Role"
    role.metadata.name == binding.roleRef.name
    namespace_of(role) == namespace_of(binding)
}

namespace_of(obj) := namespace if {
    namespace := object.get(obj.metadata, "namespace", "default")
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
