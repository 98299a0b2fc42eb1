# pss-run-as-user: Pod Security Standards (restricted), running as non-root
# user.
#
# runAsUser: 0 runs the container's processes as root whatever the image
# says.  runAsUser must be unset or non-zero at pod level and in every
# container.  Pods with user namespaces (hostUsers: false) get no exemption,
# as in Kubernetes 1.33 without the UserNamespacesPodSecurityStandards
# feature gate.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    pod_paths := [path |
        pod.spec.securityContext.runAsUser == 0
        path := sprintf("%s.securityContext.runAsUser", [pod.path])
    ]
    container_paths := [path |
        some c in containers(pod)
        c.container.securityContext.runAsUser == 0
        path := sprintf("%s.securityContext.runAsUser", [c.path])
    ]
    paths := array.concat(pod_paths, container_paths)
    count(paths) > 0
    msga := {
        "alertMessage": sprintf("%s %s sets runAsUser to 0 (root)",
            [obj.kind, obj.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 6,
        "failedPaths": paths,
        "reviewPaths": paths,
        "deletePaths": [],
        "fixPaths": [],
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
