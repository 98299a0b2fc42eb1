# writable-host-path-mount: hostPath volumes must be mounted read-only.
#
# A writable mount of a node directory lets a container plant files on the
# node (cron jobs, SSH keys, kubelet configuration) and so take it over.
# Every volumeMount of a hostPath volume must set readOnly: true.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    host_volumes := {volume.name |
        some volume in object.get(pod.spec, "volumes", [])
        volume.hostPath != null
    }
    fixes := [fix |
        some c in containers(pod)
        some j, mount in c.container.volumeMounts
        mount.name in host_volumes
        not mount.readOnly == true
        fix := {
            "path": sprintf("%s.volumeMounts[%d].readOnly", [c.path, j]),
            "value": "true",
        }
    ]
    count(fixes) > 0
    msga := {
        "alertMessage": sprintf("%s %s mounts hostPath volumes writable",
            [obj.kind, obj.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 8,
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
