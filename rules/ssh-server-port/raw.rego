# ssh-server-port: workloads and Services should not expose an SSH server.
#
# An SSH daemon in a container is a remote shell that sidesteps the API
# server's authentication and audit. Ports 22 and 2222 are the usual sign
# of one.  Container ports and Service ports (port and targetPort) are
# checked.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    paths := [path |
        some c in containers(pod)
        some j, port in c.container.ports
        ssh_port(port.containerPort)
        path := sprintf("%s.ports[%d].containerPort", [c.path, j])
    ]
    count(paths) > 0
    msga := ssh_alert(obj, paths)
}

deny contains msga if {
    some service in input
    service.kind == "Service"
    paths := [path |
        some j, port in service.spec.ports
        some field in ["port", "targetPort"]
        ssh_port(port[field])
        path := sprintf("spec.ports[%d].%s", [j, field])
    ]
    count(paths) > 0
    msga := ssh_alert(service, paths)
}

ssh_alert(obj, paths) := msga if {
    msga := {
        "alertMessage": sprintf("%s %s exposes an SSH port",
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

ssh_port(port) if {
    port in {22, 2222}
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
