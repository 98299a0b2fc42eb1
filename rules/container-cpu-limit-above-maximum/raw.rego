# container-cpu-limit-above-maximum: container cpu limits must not exceed
# the configured maximum.
#
# A limit far above what the workload needs gives it room to exhaust the
# node.  The maximum is the first value of the control input cpu_limit_max,
# a Kubernetes quantity. Without it the rule reports nothing.  Limits are
# compared as quantities, so 0.5, "0.5" and "500m" are the same CPU amount.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    maximum := quantity(data.postureControlInputs.cpu_limit_max[0])
    paths := [path |
        some field in ["containers", "initContainers"]
        some i, container in object.get(pod.spec, field, [])
        quantity(container.resources.limits.cpu) > maximum
        path := sprintf("%s.%s[%d].resources.limits.cpu", [pod.path, field, i])
    ]
    count(paths) > 0
    msga := {
        "alertMessage": sprintf("%s %s has containers whose cpu limit exceeds %v",
            [obj.kind, obj.metadata.name, data.postureControlInputs.cpu_limit_max[0]]),
        "packagename": "armo_builtins",
        "alertScore": 4,
        "failedPaths": paths,
        "reviewPaths": paths,
        "deletePaths": [],
        "fixPaths": [],
        "alertObject": {"k8sApiObjects": [obj]},
    }
}

# The amount of a quantity (a number or a string such as "250m" or "1Gi")
# in millicores.  Undefined when the text is not a plain decimal quantity with
# a known suffix.
# NOTE: the exponent forms ("1e3", "5E2") are not parsed.
quantity(value) := amount if {
    text := sprintf("%v", [value])
    matches := regex.find_all_string_submatch_n(
        `^([0-9]+(?:\.[0-9]*)?|\.[0-9]+)([a-zA-Z]*)$`, text, 1)
    count(matches) == 1
    amount := to_number(matches[0][1]) * suffix_multiplier(matches[0][2])
}

suffix_multiplier(suffix) := multipliers[suffix] if {
    multipliers := {"m": 1, "": 1000, "k": 1000000}
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
