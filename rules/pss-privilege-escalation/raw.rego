# pss-privilege-escalation: Pod Security Standards (restricted), privilege
# escalation.
#
# Unless allowPrivilegeEscalation is false, a process can gain more
# privileges than its parent through setuid binaries or file capabilities.
# Every container must set securityContext.allowPrivilegeEscalation: false.
# Leaving it unset fails.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    not is_windows(pod.spec.os)
    bad := [c |
        some c in containers(pod)
        not c.container.securityContext.allowPrivilegeEscalation == false
    ]
    count(bad) > 0
    review := [path |
        some c in bad
        c.container.securityContext.allowPrivilegeEscalation == true
        path := sprintf("%s.securityContext.allowPrivilegeEscalation", [c.path])
    ]
    msga := {
        "alertMessage": sprintf("%s %s allows privilege escalation",
            [obj.kind, obj.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 7,
        "failedPaths": review,
        "reviewPaths": review,
        "deletePaths": [],
        "fixPaths": [fix |
            some c in bad
            fix := {
                "path": sprintf("%s.securityContext.allowPrivilegeEscalation", [c.path]),
                "value": "false",
            }
        ],
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

# Windows pods are exempt from this check, as in the Pod Security
# Admission controller since Kubernetes 1.25: the field has no effect there.
is_windows(os) if {
    os.name == "windows"
}
