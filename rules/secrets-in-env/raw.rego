# secrets-in-env: secrets must not be written as literal environment
# variable values.
#
# A literal value is stored in the manifest, shown by kubectl describe and
# visible to anyone who can read the workload. It belongs in a Secret
# referenced through valueFrom.secretKeyRef.  A variable is suspect when its
# name contains one of the control input sensitiveKeyNames (any letter
# case) and is not listed in sensitiveKeyNamesAllowed.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    paths := [path |
        some c in containers(pod)
        some j, variable in c.container.env
        object.get(variable, "value", "") != ""
        sensitive_name(variable.name)
        path := sprintf("%s.env[%d].value", [c.path, j])
    ]
    count(paths) > 0
    msga := {
        "alertMessage": sprintf("%s %s has secrets in environment variable values",
            [obj.kind, obj.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 7,
        "failedPaths": paths,
        "reviewPaths": [],
        "deletePaths": paths,
        "fixPaths": [],
        "alertObject": {"k8sApiObjects": [obj]},
    }
}

sensitive_name(name) if {
    some key in data.postureControlInputs.sensitiveKeyNames
    contains(lower(name), lower(key))
    not name in object.get(data.postureControlInputs, "sensitiveKeyNamesAllowed", [])
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
