# naked-pod: pods should be managed by a controller.
#
# A Pod created on its own is not rescheduled when its node fails and is
# not replaced on update, and it is a common way to start a one-off
# container that nobody reviewed.  Pods with ownerReferences are left out.
package armo_builtins

import rego.v1

deny contains msga if {
    some pod in input
    pod.kind == "Pod"
    count(object.get(pod.metadata, "ownerReferences", [])) == 0
    msga := {
        "alertMessage": sprintf("Pod %s is not managed by a controller",
            [pod.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 3,
        "failedPaths": [],
        "reviewPaths": [],
        "deletePaths": [],
        "fixPaths": [],
        "alertObject": {"k8sApiObjects": [pod]},
    }
}
