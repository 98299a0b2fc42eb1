# namespace-without-resource-quota: every namespace should have a ResourceQuota.
#
# Without a ResourceQuota the workloads of one namespace can consume all
# the cluster's CPU, memory and object counts, starving other tenants.
# The input holds the Namespace objects and the ResourceQuotas. A
# ResourceQuota without metadata.namespace counts for "default".
package armo_builtins

import rego.v1

deny contains msga if {
    some namespace in input
    namespace.kind == "Namespace"
    not has_policy(namespace.metadata.name)
    msga := {
        "alertMessage": sprintf("Namespace %s has no ResourceQuota",
            [namespace.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 3,
        "failedPaths": [],
        "reviewPaths": [],
        "deletePaths": [],
        "fixPaths": [],
        "alertObject": {"k8sApiObjects": [namespace]},
    }
}

has_policy(name) if {
    some policy in input
    policy.kind == "ResourceQuota"
    object.get(policy.metadata, "namespace", "default") == name
}
