# default-namespace: resources should not be placed in the default
# namespace.
#
# The default namespace is where everything lands when nobody chose. RBAC,
# network policies and quotas are rarely tuned for it, so workloads there
# share a loosely guarded space.  Only an explicit metadata.namespace of
# "default" is reported: a manifest without a namespace is placed by the
# tool that applies it.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    obj.metadata.namespace == "default"
    msga := {
        "alertMessage": sprintf("%s %s is in the default namespace",
            [obj.kind, obj.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 3,
        "failedPaths": ["metadata.namespace"],
        "reviewPaths": ["metadata.namespace"],
        "deletePaths": [],
        "fixPaths": [],
        "alertObject": {"k8sApiObjects": [obj]},
    }
}
