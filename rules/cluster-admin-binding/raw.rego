# cluster-admin-binding: nobody should be bound to the cluster-admin role.
#
# cluster-admin grants every verb on every resource in every namespace. A
# stolen credential of any bound subject owns the cluster.  The built-in
# binding of the system:masters group is not reported.
package armo_builtins

import rego.v1

deny contains msga if {
    some binding in input
    binding.kind in {"RoleBinding", "ClusterRoleBinding"}
    binding.roleRef.kind == "ClusterRole"
    binding.roleRef.name == "cluster-admin"
    paths := [sprintf("subjects[%d]", [i]) |
        some i, subject in binding.subjects
        not system_masters(subject)
    ]
    count(paths) > 0
    msga := {
        "alertMessage": sprintf("%s %s binds subjects to cluster-admin",
            [binding.kind, binding.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 9,
        "failedPaths": paths,
        "reviewPaths": [],
        "deletePaths": paths,
        "fixPaths": [],
        "alertObject": {"k8sApiObjects": [binding]},
    }
}

system_masters(subject) if {
    subject.kind == "Group"
    subject.name == "system:masters"
}
