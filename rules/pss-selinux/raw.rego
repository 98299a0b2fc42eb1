# pss-selinux: Pod Security Standards (baseline), SELinux.
#
# A custom SELinux type can lift the confinement of container processes, and
# a custom user or role can grant SELinux privileges.  seLinuxOptions.type
# must be empty or one of the container types below, and seLinuxOptions.user
# and .role must be empty, at pod level and in every container.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    pod_paths := selinux_paths(
        object.get(pod.spec, ["securityContext", "seLinuxOptions"], {}),
        sprintf("%s.securityContext.seLinuxOptions", [pod.path]),
    )
    container_paths := [path |
        some c in containers(pod)
        some path in selinux_paths(
            object.get(c.container, ["securityContext", "seLinuxOptions"], {}),
            sprintf("%s.securityContext.seLinuxOptions", [c.path]),
        )
    ]
    paths := array.concat(pod_paths, container_paths)
    count(paths) > 0
    msga := {
        "alertMessage": sprintf("%s %s sets forbidden SELinux options",
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

# Paths of the forbidden fields of one seLinuxOptions object, in the order
# type, user, role.
selinux_paths(options, base) := [path |
    some field in ["type", "user", "role"]
    forbidden_selinux_value(field, object.get(options, field, ""))
    path := sprintf("%s.%s", [base, field])
]

forbidden_selinux_value(field, value) if {
    field == "type"
    not value in {
        "", "container_t", "container_init_t", "container_kvm_t",
        "container_engine_t",
    }
}

forbidden_selinux_value(field, value) if {
    field in {"user", "role"}
    value != ""
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
