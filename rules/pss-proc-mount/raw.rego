# pss-proc-mount: Pod Security Standards (baseline), /proc mount type.
#
# The default /proc mount masks kernel paths such as /proc/kcore and
# /proc/sys. An Unmasked mount exposes them to the container.
# securityContext.procMount must be unset or "Default" in every container.
# Pods with user namespaces (hostUsers: false) get no exemption, as in
# Kubernetes 1.33 without the UserNamespacesPodSecurityStandards feature
# gate. From Kubernetes 1.34 the admission controller allows them.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    paths := [path |
        some c in containers(pod)
        mount := c.container.securityContext.procMount
        mount != "Default"
        path := sprintf("%s.securityContext.procMount", [c.path])
    ]
    count(paths) > 0
    msga := {
        "alertMessage": sprintf("%s %s requests an unmasked /proc mount",
            [obj.kind, obj.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 5,
        "failedPaths": paths,
        "reviewPaths": [],
        "deletePaths": paths,
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
