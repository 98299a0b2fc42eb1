# pss-restricted-capabilities: Pod Security Standards (restricted),
# capabilities.
#
# Every container must drop ALL capabilities and may add back only
# NET_BIND_SERVICE, which lets a non-root process bind ports below 1024.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    not is_windows(pod.spec.os)
    pod_containers := containers(pod)
    added := [path |
        some c in pod_containers
        some i, capability in c.container.securityContext.capabilities.add
        capability != "NET_BIND_SERVICE"
        path := sprintf("%s.securityContext.capabilities.add[%d]", [c.path, i])
    ]
    drop_fixes := [fix |
        some c in pod_containers
        drop := object.get(c.container, ["securityContext", "capabilities", "drop"], [])
        not "ALL" in drop
        fix := {
            "path": sprintf("%s.securityContext.capabilities.drop[%d]",
                [c.path, count(drop)]),
            "value": "ALL",
        }
    ]
    count(added) + count(drop_fixes) > 0
    msga := {
        "alertMessage": sprintf("%s %s does not drop all capabilities or adds forbidden ones",
            [obj.kind, obj.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 6,
        "failedPaths": added,
        "reviewPaths": [],
        "deletePaths": added,
        "fixPaths": drop_fixes,
        "alertObject": {"k8sApiObjects": [obj]},
    }
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

# Windows pods are exempt from this check, as in the Pod Security
# Admission controller since Kubernetes 1.25: the field has no effect there.
is_windows(os) if {
    os.name == "windows"
}
