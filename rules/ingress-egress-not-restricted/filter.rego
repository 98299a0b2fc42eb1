# ingress-egress-not-restricted: the resources this rule tests.
#
# The rule reads NetworkPolicies only to decide about workloads, so only
# workloads count as tested. The others get no verdict from it.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    obj.kind in {
        "Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job",
        "CronJob", "ReplicationController",
    }
    msga := {
        "alertMessage": sprintf("%s %s is tested by ingress-egress-not-restricted",
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
