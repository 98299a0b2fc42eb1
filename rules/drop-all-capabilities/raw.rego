# drop-all-capabilities: containers must drop all Linux capabilities.
#
# Container runtimes grant a default set of capabilities (CHOWN, SETUID,
# NET_RAW...) that most applications never need.  Dropping ALL and adding
# back only what is required shrinks what a compromised process can do.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    fixes := [fix |
        some c in containers(pod)
        drop := object.get(c.container, ["securityContext", "capabilities", "drop"], [])
        not drops_all(drop)
        fix := {
            "path": sprintf("%s.securityContext.capabilities.drop[%d]",
                [c.path, count(drop)]),
            "value": "ALL",
        }
    ]
    count(fixes) > 0
    msga := {
        "alertMessage": sprintf("%s %s has containers that keep default capabilities",
            [obj.kind, obj.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 5,
        "failedPaths": [],
        "reviewPaths": [],
        "deletePaths": [],
        "fixPaths": fixes,
        "alertObject": {"k8sApiObjects": [obj]},
    }
}

drops_all(drop) if {
    some capability in drop
    upper(capability) == "ALL"
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
