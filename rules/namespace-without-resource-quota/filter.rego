# namespace-without-resource-quota: the resources this rule tests.
#
# The rule reads ResourceQuotas only to decide about Namespaces, so only
# Namespaces count as tested. The others get no verdict from it.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    obj.kind in {"Namespace"}
    msga := {
        "alertMessage": sprintf("%s %s is tested by namespace-without-resource-quota",
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
