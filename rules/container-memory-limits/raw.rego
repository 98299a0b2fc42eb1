# container-memory-limits: every container must set a memory limit.
#
# Without resources.limits.memory a single container can starve its
# neighbours on the node, which turns a compromise or a bug into a denial
# of service for other workloads.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    fixes := [fix |
        some field in ["containers", "initContainers"]
        some i, container in object.get(pod.spec, field, [])
        not container.resources.limits.memory
        fix := {
            "path": sprintf("%s.%s[%d].resources.limits.memory", [pod.path, field, i]),
            "value": "YOUR_VALUE",
        }
    ]
    count(fixes) > 0
    msga := {
        "alertMessage": sprintf("%s %s has containers without a memory limit",
            [obj.kind, obj.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 4,
        "failedPaths": [],
        "reviewPaths": [],
        "deletePaths": [],
        "fixPaths": fixes,
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
