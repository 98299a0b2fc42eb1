# automount-token-workload: pods should not mount a service account token
# they do not need.
#
# A mounted token lets anyone who takes over the container call the API
# server with the pod's identity.  A workload passes when its pod template
# sets automountServiceAccountToken: false, or leaves it unset and its
# service account (given in the same input) sets it to false.
package armo_builtins

import rego.v1

deny contains msga if {
    # [null, namespace, name] of each ServiceAccount that disables
    # automounting: a pod template inherits that when its own setting is
    # unset, i.e. null in the lookup key below.
    inherited := {[null, namespace_of(account), account.metadata.name] |
        some account in input
        account.kind == "ServiceAccount"
        account.automountServiceAccountToken == false
    }
    some obj in input
    pod := pod_template(obj)
    not pod.spec.automountServiceAccountToken == false
    not [
        object.get(pod.spec, "automountServiceAccountToken", null),
        object.get(obj.metadata, "namespace", "default"),
        object.get(pod.spec, "serviceAccountName", "default"),
    ] in inherited
    path := sprintf("%s.automountServiceAccountToken", [pod.path])
    msga := {
        "alertMessage": sprintf("%s %s mounts a service account token",
            [obj.kind, obj.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 5,
        "failedPaths": [],
        "reviewPaths": [],
        "deletePaths": [],
        "fixPaths": [{"path": path, "value": "false"}],
        "alertObject": {"k8sApiObjects": [obj]},
    }
}

namespace_of(obj) := namespace if {
    namespace := object.get(obj.metadata, "namespace", "default")
}

# The pod template of a workload: its spec and metadata, and the paths that
# lead to them inside the object.  A Pod is its own template. A CronJob
# nests the template one level deeper, under its job template.
pod_template(obj) := {
    "spec": obj.spec,
    "path": "spec",
    "metadata": obj.metadata,
    "metadata_path": "metadata",
} if {
    obj.kind == "Pod"
}

pod_template(obj) := {
    "spec": obj.spec.template.spec,
    "path": "spec.template.spec",
    "metadata": object.get(obj.spec.template, "metadata", {}),
    "metadata_path": "spec.template.metadata",
} if {
    obj.kind in {
        "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job",
        "ReplicationController",
    }
}

pod_template(obj) := {
    "spec": obj.spec.jobTemplate.spec.template.spec,
    "path": "spec.jobTemplate.spec.template.spec",
    "metadata": object.get(obj.spec.jobTemplate.spec.template, "metadata", {}),
    "metadata_path": "spec.jobTemplate.spec.template.metadata",
} if {
    obj.kind == "CronJob"
}

# Every container of a pod template (regular, init and ephemeral), each
# with the path of its entry, e.g. "spec.initContainers[1]".
containers(pod) := [entry |
    some field in ["containers", "initContainers", "ephemeralContainers"]
    some i, container in object.get(pod.spec, field, [])
    entry := {
        "container": container,
        "path": sprintf("%s.%s[%d]", [pod.path, field, i]),
    }
]
