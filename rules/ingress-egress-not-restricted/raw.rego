# ingress-egress-not-restricted: every workload should be selected by
# network policies that restrict both its ingress and its egress traffic.
#
# A pod that no NetworkPolicy selects for a direction allows all traffic in
# that direction.  The input holds the workloads and the NetworkPolicies. A
# policy covers a workload when it is in the same namespace and its
# podSelector matches the pod template's labels.  A policy without
# policyTypes covers Ingress, and Egress too when it has egress rules.
package armo_builtins

import rego.v1

deny contains msga if {
    policies := [{
        "namespace": namespace_of(policy),
        "types": policy_types(policy),
        "selector": object.get(policy.spec, "podSelector", {}),
    } |
        some policy in input
        policy.kind == "NetworkPolicy"
    ]
    some obj in input
    pod := pod_template(obj)
    namespace := object.get(obj.metadata, "namespace", "default")
    labels := object.get(pod.metadata, "labels", {})
    missing := [direction |
        some direction in ["Ingress", "Egress"]
        not covered(policies, namespace, labels, direction)
    ]
    count(missing) > 0
    msga := {
        "alertMessage": sprintf("%s %s has no network policy restricting %s traffic",
            [obj.kind, obj.metadata.name, concat(" and ", missing)]),
        "packagename": "armo_builtins",
        "alertScore": 5,
        "failedPaths": [],
        "reviewPaths": [],
        "deletePaths": [],
        "fixPaths": [],
        "alertObject": {"k8sApiObjects": [obj]},
    }
}

# The policies are those prepared once in deny: namespace, policy types
# and pod selector of each NetworkPolicy.
covered(policies, namespace, labels, direction) if {
    some policy in policies
    policy.namespace == namespace
    direction in policy.types
    selects(policy.selector, labels)
}

policy_types(policy) := types if {
    types := policy.spec.policyTypes
} else := ["Ingress", "Egress"] if {
    count(policy.spec.egress) > 0
} else := ["Ingress"]

# A label selector matches when all its matchLabels and matchExpressions
# hold. The empty selector matches every pod.
selects(selector, labels) if {
    every key, value in object.get(selector, "matchLabels", {}) {
        labels[key] == value
    }
    every expression in object.get(selector, "matchExpressions", []) {
        expression_holds(expression, labels)
    }
}

expression_holds(expression, labels) if {
    expression.operator == "In"
    labels[expression.key] in expression.values
}

expression_holds(expression, labels) if {
    expression.operator == "NotIn"
    not labels[expression.key] in expression.values
}

expression_holds(expression, labels) if {
    expression.operator == "Exists"
    labels[expression.key]
}

expression_holds(expression, labels) if {
    expression.operator == "DoesNotExist"
    not labels[expression.key]
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
