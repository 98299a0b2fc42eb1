# non-root-containers: containers must not run as root.
#
# A container passes when its effective runAsNonRoot is true or its
# effective runAsUser is above 0.  The container's securityContext wins
# over the pod's, as in the kubelet.  Root in a container is root on the
# node once a kernel or runtime flaw lets it out.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    pod_context := object.get(pod.spec, "securityContext", {})
    fixes := [fix |
        some c in containers(pod)
        not runs_as_non_root(pod_context, c.container)
        fix := {
            "path": sprintf("%s.securityContext.runAsNonRoot", [c.path]),
            "value": "true",
        }
    ]
    count(fixes) > 0
    msga := {
        "alertMessage": sprintf("%s %s has containers that may run as root",
            [obj.kind, obj.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 6,
        "failedPaths": [],
        "reviewPaths": [],
        "deletePaths": [],
        "fixPaths": fixes,
        "alertObject": {"k8sApiObjects": [obj]},
    }
}

# pod_context is the pod's securityContext.
runs_as_non_root(pod_context, container) if {
    effective_setting(pod_context, container, "runAsNonRoot") == true
}

runs_as_non_root(pod_context, container) if {
    effective_setting(pod_context, container, "runAsUser") > 0
}

# The container's value of a securityContext field, else the pod's.
effective_setting(pod_context, container, field) := value if {
    value := container.securityContext[field]
} else := value if {
    value := pod_context[field]
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
