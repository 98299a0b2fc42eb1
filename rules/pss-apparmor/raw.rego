# pss-apparmor: Pod Security Standards (baseline), AppArmor.
#
# The runtime's default AppArmor profile confines containers. Overriding it
# with Unconfined removes that confinement.  Allowed are the profile types
# RuntimeDefault and Localhost (pod and container securityContext), and for
# the older per-container annotations "runtime/default", "localhost/<name>"
# or an empty value.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    paths := array.concat(
        array.concat(pod_level_paths(pod), container_paths(pod)),
        annotation_paths(pod),
    )
    count(paths) > 0
    msga := {
        "alertMessage": sprintf("%s %s overrides the default AppArmor profile",
            [obj.kind, obj.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 5,
        "failedPaths": paths,
        "reviewPaths": paths,
        "deletePaths": [],
        "fixPaths": [],
        "alertObject": {"k8sApiObjects": [obj]},
    }
}

pod_level_paths(pod) := [path |
    profile := pod.spec.securityContext.appArmorProfile.type
    not allowed_profile_type(profile)
    path := sprintf("%s.securityContext.appArmorProfile.type", [pod.path])
]

container_paths(pod) := [path |
    some c in containers(pod)
    profile := c.container.securityContext.appArmorProfile.type
    not allowed_profile_type(profile)
    path := sprintf("%s.securityContext.appArmorProfile.type", [c.path])
]

annotation_paths(pod) := [path |
    some key, value in object.get(pod.metadata, "annotations", {})
    startswith(key, "container.apparmor.security.beta.kubernetes.io/")
    not allowed_annotation(value)
    path := sprintf("%s.annotations[%s]", [pod.metadata_path, key])
]

allowed_profile_type(profile) if {
    profile in {"RuntimeDefault", "Localhost"}
}

allowed_annotation(value) if {
    value in {"", "runtime/default"}
}

allowed_annotation(value) if {
    startswith(value, "localhost/")
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
