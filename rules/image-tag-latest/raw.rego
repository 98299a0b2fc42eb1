# image-tag-latest: images must be pinned to a tag other than latest, or to
# a digest.
#
# An image without a tag resolves to :latest, which changes whenever the
# publisher pushes. The cluster then runs code nobody reviewed, and
# rollbacks cannot restore the old image.  A digest (@sha256:...) pins the
# image exactly and always passes.
package armo_builtins

import rego.v1

deny contains msga if {
    some obj in input
    pod := pod_template(obj)
    paths := [path |
        some c in containers(pod)
        unpinned(c.container.image)
        path := sprintf("%s.image", [c.path])
    ]
    count(paths) > 0
    msga := {
        "alertMessage": sprintf("%s %s uses images without a fixed tag",
            [obj.kind, obj.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 3,
        "failedPaths": paths,
        "reviewPaths": paths,
        "deletePaths": [],
        "fixPaths": [],
        "alertObject": {"k8sApiObjects": [obj]},
    }
}

unpinned(image) if {
    not contains(image, "@")
    image_tag(image) in {"", "latest"}
}

# The tag of an image reference: the text after ":" in its last path
# segment, so that a registry port ("registry:5000/app") is not a tag.
image_tag(image) := tag if {
    segments := split(image, "/")
    parts := split(segments[count(segments) - 1], ":")
    count(parts) == 2
    tag := parts[1]
} else := ""

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
