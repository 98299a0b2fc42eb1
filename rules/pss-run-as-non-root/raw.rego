# pss-run-as-non-root: Pod Security Standards (restricted), running as
# non-root.
#
# runAsNonRoot: true makes the kubelet refuse to start a container whose
# user is root.  The pod must set it to true, or else every container must.
# An explicit false fails at either level.  Pods with user namespaces
# (hostUsers: false) get no exemption, as in Kubernetes 1.33 without the
# UserNamespacesPodSecurityStandards feature gate.  From Kubernetes 1.34
# the admission controller allows them.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    pod_containers := containers(pod)
    pod_value := object.get(pod.spec, ["securityContext", "runAsNonRoot"], null)
    explicit_false := [c.path |
        some c in pod_containers
        c.container.securityContext.runAsNonRoot == false
    ]
    unset := [c.path |
        some c in pod_containers
        object.get(c.container, ["securityContext", "runAsNonRoot"], null) == null
    ]
    pod_fix := pod_level_fix(pod.path, pod_value, unset)
    count(pod_fix) + count(explicit_false) > 0
    pod_review := [path |
        pod_value == false
        path := sprintf("%s.securityContext.runAsNonRoot", [pod.path])
    ]
    container_review := [sprintf("%s.securityContext.runAsNonRoot", [p]) |
        some p in explicit_false
    ]
    review := array.concat(pod_review, container_review)
    container_fix := [{"path": path, "value": "true"} | some path in container_review]
    msga := {
        "alertMessage": sprintf("%s %s may run containers as root",
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

# The pod-level fix: needed when the pod sets false, or when it sets nothing
# and some container sets nothing either.
pod_level_fix(pod_path, pod_value, unset) := [fix] if {
    needs_pod_level_fix(pod_value, unset)
    fix := {
        "path": sprintf("%s.securityContext.runAsNonRoot", [pod_path]),
        "value": "true",
    }
} else := []

needs_pod_level_fix(pod_value, _) if {
    pod_value == false
}

needs_pod_level_fix(pod_value, unset) if {
    pod_value == null
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
