# anonymous-binding: no role should be bound to unauthenticated users.
#
# Subjects system:anonymous and system:unauthenticated match every request
# that carries no valid credential, so anything bound to them is open to
# anyone who can reach the API server.
package armo_builtins

import rego.v1

deny contains msga if {
    some binding in input
    binding.kind in {"RoleBinding", "ClusterRoleBinding"}
    paths := [sprintf("subjects[%d]", [i]) |
        some i, subject in binding.subjects
        subject.name in {"system:anonymous", "system:unauthenticated"}
    ]
    count(paths) > 0
    msga := {
        "alertMessage": sprintf("%s %s grants %s %s to unauthenticated users",
            [binding.kind, binding.metadata.name, binding.roleRef.kind,
             binding.roleRef.name]),
        "packagename": "armo_builtins",
        "alertScore": 8,
        "failedPaths": paths,
        "reviewPaths": [],
        "deletePaths": paths,
        "fixPaths": [],
        "alertObject": {"k8sApiObjects": [binding]},
    }
}
