# sensitive-configmap-keys: ConfigMaps must not hold secrets.
#
# ConfigMaps are not encrypted at rest by default and are readable by
# every role that can read configuration.  A data key is suspect when it
# contains one of the control input sensitiveKeyNames (any letter case) and
# is not listed in sensitiveKeyNamesAllowed.
package armo_builtins

import rego.v1

deny contains msga if {
    some configmap in input
    configmap.kind == "ConfigMap"
    paths := [path |
        some key, _ in configmap.data
        sensitive_name(key)
        path := sprintf("data[%s]", [key])
    ]
    count(paths) > 0
    msga := {
        "alertMessage": sprintf("ConfigMap %s has keys that look like secrets",
            [configmap.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 6,
        "failedPaths": paths,
        "reviewPaths": [],
        "deletePaths": paths,
        "fixPaths": [],
        "alertObject": {"k8sApiObjects": [configmap]},
    }
}

sensitive_name(name) if {
    some key in data.postureControlInputs.sensitiveKeyNames
    contains(lower(name), lower(key))
    not name in object.get(data.postureControlInputs, "sensitiveKeyNamesAllowed", [])
}
