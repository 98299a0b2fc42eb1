# pss-privileged: Pod Security Standards (baseline), privileged containers.
#
# A privileged container gets every capability and all host devices and runs
# without seccomp, AppArmor or SELinux confinement: it is root on the node.
# securityContext.privileged must be unset or false in every container,
# init container and ephemeral container.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    paths := [path |
        some c in containers(pod)
        c.container.securityContext.privileged == true
        path := sprintf("%s.securityContext.privileged", [c.path])
    ]
    count(paths) > 0
    msga := {
        "alertMessage": sprintf("%s %s runs privileged containers",
            [obj.kind, obj.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 9,
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
