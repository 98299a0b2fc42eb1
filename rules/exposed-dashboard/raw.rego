# exposed-dashboard: the Kubernetes dashboard must not be exposed outside
# the cluster.
#
# An exposed dashboard is a web console to the cluster. With a weak or
# skipped login it hands over every permission of its service account.
# The input holds the workloads and the Services. A NodePort or
# LoadBalancer Service whose selector matches the pod labels of a
# workload running a kubernetes-dashboard image is reported, with the
# workload as a related object.
package armo_builtins

import rego.v1

deny contains msga if {
    exposed := [service |
        some service in input
        service.kind == "Service"
        service.spec.type in {"NodePort", "LoadBalancer"}
    ]
    count(exposed) > 0
    dashboards := [{"object": obj, "pod": pod, "images": images} |
        some obj in input
        pod := pod_template(obj)
        images := [path |
            some c in containers(pod)
            dashboard_image(c.container.image)
            path := sprintf("%s.image", [c.path])
        ]
        count(images) > 0
    ]
    some service in exposed
    some dashboard in dashboards
    obj := dashboard.object
    images := dashboard.images
    namespace_of(obj) == namespace_of(service)
    selects(service.spec.selector,
        object.get(dashboard.pod.metadata, "labels", {}))
    msga := {
        "alertMessage": sprintf("Service %s exposes the Kubernetes dashboard of %s %s",
            [service.metadata.name, obj.kind, obj.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 8,
        "failedPaths": ["spec.type"],
        "reviewPaths": ["spec.type"],
        "deletePaths": [],
        "fixPaths": [],
        "alertObject": {"k8sApiObjects": [service]},
        "relatedObjects": [{
            "object": obj,
            "failedPaths": images,
            "reviewPaths": images,
            "deletePaths": [],
            "fixPaths": [],
        }],
    }
}

dashboard_image(image) if {
    contains(image, "kubernetes-dashboard")
}

dashboard_image(image) if {
    contains(image, "kubernetesui/dashboard")
}

# A Service selector is a plain label map. An empty one selects nothing.
selects(selector, labels) if {
    count(selector) > 0
    every key, value in selector {
        labels[key] == value
    }
}

namespace_of(obj) := namespace if {
    namespace := object.get(obj.metadata, "namespace", "default")
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
