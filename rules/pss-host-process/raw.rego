# pss-host-process: Pod Security Standards (baseline), HostProcess.
#
# A Windows HostProcess container runs as a process on the node with the
# node's privileges, so it bypasses every container boundary.  The pod-level
# and container-level windowsOptions.hostProcess must be unset or false.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    paths := array.concat(pod_level_paths(pod), container_paths(pod))
    count(paths) > 0
    msga := {
        "alertMessage": sprintf("%s %s runs Windows HostProcess containers",
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

pod_level_paths(pod) := [path |
    pod.spec.securityContext.windowsOptions.hostProcess == true
    path := sprintf("%s.securityContext.windowsOptions.hostProcess", [pod.path])
]

container_paths(pod) := [path |
    some c in containers(pod)
    c.container.securityContext.windowsOptions.hostProcess == true
    path := sprintf("%s.securityContext.windowsOptions.hostProcess", [c.path])
]

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
