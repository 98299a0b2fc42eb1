# namespace-without-network-policy: every namespace should have a NetworkPolicy.
#
# Without a NetworkPolicy every pod in the namespace accepts traffic from
# any pod in the cluster and can reach any destination, so one compromised
# pod can probe and attack everything else.
# The input holds the Namespace objects and the NetworkPolicy objects. A
# NetworkPolicy without metadata.namespace counts for "default".
package armo_builtins

import rego.v1

deny contains msga if {
    some namespace in input
    namespace.kind == "Namespace"
    not has_policy(namespace.metadata.name)
    msga := {
        "alertMessage": sprintf("Namespace %s has no NetworkPolicy",
            [namespace.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 5,
        "failedPaths": [],
        "reviewPaths": [],
        "deletePaths": [],
        "fixPaths": [],
        "alertObject": {"k8sApiObjects": [namespace]},
    }
}

has_policy(name) if {
    some policy in input
    policy.kind == "NetworkPolicy"
    object.get(policy.metadata, "namespace", "default") == name
}
