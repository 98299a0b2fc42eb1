# untrusted-image-registry: images must come from trusted registries.
#
# An image pulled from an arbitrary registry can carry anything, and a
# typo-squatted name on a public registry is a known way in.  The control
# input trustedImageRegistries lists allowed prefixes of fully qualified
# image names, such as "registry.k8s.io/" or "docker.io/library/". Without
# it, the rule reports nothing.  Names are qualified as container runtimes
# do: a first segment without "." or ":" (other than "localhost") is not a
# registry, so "nginx" becomes "docker.io/library/nginx".
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    trusted := data.postureControlInputs.trustedImageRegistries
    count(trusted) > 0
    paths := [path |
        some c in containers(pod)
        name := qualified_name(c.container.image)
        not trusted_name(name, trusted)
        path := sprintf("%s.image", [c.path])
    ]
    count(paths) > 0
    msga := {
        "alertMessage": sprintf("%s %s uses images from untrusted registries",
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

trusted_name(name, trusted) if {
    some prefix in trusted
    startswith(name, prefix)
}

# The image reference with its registry written out.
qualified_name(image) := image if {
    names_registry(split(image, "/")[0])
    contains(image, "/")
} else := concat("", ["docker.io/library/", image]) if {
    not contains(image, "/")
} else := concat("", ["docker.io/", image])

names_registry(segment) if {
    contains(segment, ".")
}

names_registry(segment) if {
    contains(segment, ":")
}

names_registry(segment) if {
    segment == "localhost"
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
