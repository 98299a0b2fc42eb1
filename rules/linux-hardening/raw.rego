# linux-hardening: every container should use at least one Linux
# hardening mechanism.
#
# Seccomp, AppArmor, SELinux and dropped capabilities each limit what a
# compromised process can do to the kernel.  A container fails when none of
# them applies: no seccompProfile, appArmorProfile or seLinuxOptions at pod
# or container level, no AppArmor annotation for it, and no dropped
# capabilities.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    pod_context := object.get(pod.spec, "securityContext", {})
    annotations := object.get(pod.metadata, "annotations", {})
    fixes := [fix |
        some c in containers(pod)
        not hardened(pod_context, annotations, c.container)
        fix := {
            "path": sprintf("%s.securityContext.seccompProfile.type", [c.path]),
            "value": "RuntimeDefault",
        }
    ]
    count(fixes) > 0
    msga := {
        "alertMessage": sprintf("%s %s has containers without Linux hardening",
            [obj.kind, obj.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 4,
        "failedPaths": [],
        "reviewPaths": [],
        "deletePaths": [],
        "fixPaths": fixes,
        "alertObject": {"k8sApiObjects": [obj]},
    }
}

# pod_context and annotations are the pod's securityContext and
# annotations.
hardened(pod_context, _, container) if {
    some field in ["seccompProfile", "appArmorProfile", "seLinuxOptions"]
    some context in [pod_context, object.get(container, "securityContext", {})]
    context[field]
}

hardened(_, annotations, container) if {
    key := sprintf("container.apparmor.security.beta.kubernetes.io/%s", [container.name])
    annotations[key]
}

hardened(_, _, container) if {
    count(container.securityContext.capabilities.drop) > 0
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
