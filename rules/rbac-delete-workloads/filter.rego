# rbac-delete-workloads: the resources this rule tests.
#
# The rule reads Roles and ClusterRoles only to decide about bindings, so only
# bindings count as tested. The others get no verdict from it.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    obj.kind in {"RoleBinding", "ClusterRoleBinding"}
    msga := {
        "alertMessage": sprintf("%s %s is tested by rbac-delete-workloads",
            [obj.kind, obj.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 0,
        "failedPaths": [],
        "reviewPaths": [],
        "deletePaths": [],
        "fixPaths": [],
        "alertObject": {"k8sApiObjects": [obj]},
    }
}
