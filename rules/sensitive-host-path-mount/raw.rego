# sensitive-host-path-mount: pods must not mount sensitive node
# directories.
#
# Some node paths hold credentials or control the node: the kubelet's and
# etcd's state, /etc (with /etc/kubernetes), root's home, /proc, /sys,
# /dev and /boot.  Even a read-only mount of them leaks secrets, and
# /var/log lets a container follow symbolic links planted in pod logs.
# A volume fails when its hostPath is one of these directories or lies
# below one of them, or is the node's root "/".
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    paths := [path |
        some i, volume in object.get(pod.spec, "volumes", [])
        sensitive_path(volume.hostPath.path)
        path := sprintf("%s.volumes[%d].hostPath.path", [pod.path, i])
    ]
    count(paths) > 0
    msga := {
        "alertMessage": sprintf("%s %s mounts sensitive node directories",
            [obj.kind, obj.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 8,
        "failedPaths": paths,
        "reviewPaths": [],
        "deletePaths": paths,
        "fixPaths": [],
        "alertObject": {"k8sApiObjects": [obj]},
    }
}

sensitive_path(path) if {
    path == "/"
}

sensitive_path(path) if {
    clean := trim_suffix(path, "/")
    some directory in [
        "/etc", "/root", "/home", "/proc", "/sys", "/dev", "/boot",
        "/var/lib/kubelet", "/var/lib/etcd", "/var/log",
    ]
    under(clean, directory)
}

under(path, directory) if {
    path == directory
}

under(path, directory) if {
    startswith(path, concat("", [directory, "/"]))
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
