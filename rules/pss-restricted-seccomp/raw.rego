# pss-restricted-seccomp: Pod Security Standards (restricted), seccomp.
#
# Seccomp must be on: seccompProfile.type must be RuntimeDefault or
# Localhost at pod level, or else in every container.  A container may leave
# it unset only when the pod sets an allowed value. Any other explicit
# value fails at either level.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    not is_windows(pod.spec.os)
    pod_containers := containers(pod)
    pod_type := object.get(pod.spec, ["securityContext", "seccompProfile", "type"], null)
    explicit_bad := [c.path |
        some c in pod_containers
        profile := c.container.securityContext.seccompProfile.type
        not allowed_type(profile)
    ]
    unset := [c.path |
        some c in pod_containers
        object.get(c.container, ["securityContext", "seccompProfile", "type"], null) == null
    ]
    pod_fix := pod_level_fix(pod.path, pod_type, unset)
    count(pod_fix) + count(explicit_bad) > 0
    pod_review := [path |
        pod_type != null
        not allowed_type(pod_type)
        path := sprintf("%s.securityContext.seccompProfile.type", [pod.path])
    ]
    container_review := [sprintf("%s.securityContext.seccompProfile.type", [p]) |
        some p in explicit_bad
    ]
    review := array.concat(pod_review, container_review)
    container_fix := [{"path": path, "value": "RuntimeDefault"} |
        some path in container_review
    ]
    msga := {
        "alertMessage": sprintf("%s %s does not require a seccomp profile",
            [obj.kind, obj.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 6,
        "failedPaths": review,
        "reviewPaths": review,
        "deletePaths": [],
        "fixPaths": array.concat(pod_fix, container_fix),
        "alertObject": {"k8sApiObjects": [obj]},
    }
}

allowed_type(profile) if {
    profile in {"RuntimeDefault", "Localhost"}
}

# The pod-level fix: needed when the pod sets a forbidden type, or when it
# sets none and some container sets none either.
pod_level_fix(pod_path, pod_type, unset) := [fix] if {
    needs_pod_level_fix(pod_type, unset)
    fix := {
        "path": sprintf("%s.securityContext.seccompProfile.type", [pod_path]),
        "value": "RuntimeDefault",
    }
} else := []

needs_pod_level_fix(pod_type, _) if {
    pod_type != null
    not allowed_type(pod_type)
}

needs_pod_level_fix(pod_type, unset) if {
    pod_type == null
    count(unset) > 0
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
