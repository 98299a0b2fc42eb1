# external-service: Services exposed outside the cluster need review.
#
# A NodePort or LoadBalancer Service opens the selected pods to networks
# beyond the cluster, often to the internet. Each one should be intended
# and protected.
package armo_builtins

import rego.v1

deny contains msga if {
    some service in input
    service.kind == "Service"
    service.spec.type in {"NodePort", "LoadBalancer"}
    msga := {
        "alertMessage": sprintf("Service %s is exposed outside the cluster as %s",
            [service.metadata.name, service.spec.type]),
        "packagename": "armo_builtins",
        "alertScore": 4,
        "failedPaths": ["spec.type"],
        "reviewPaths": ["spec.type"],
        "deletePaths": [],
        "fixPaths": [],
        "alertObject": {"k8sApiObjects": [service]},
    }
}
