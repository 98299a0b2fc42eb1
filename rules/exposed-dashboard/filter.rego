# exposed-dashboard: the resources this rule tests.
#
# The rule reads workloads only to decide about Services, so only
# Services count as tested. The others get no verdict from it.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    obj.kind in {"Service"}
    msga := {
        "alertMessage": sprintf("%s %s is tested by exposed-dashboard",
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
