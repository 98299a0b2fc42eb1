# automount-token-service-account: service accounts should not have their
# token mounted into pods by default.
#
# With automountServiceAccountToken unset or true on the ServiceAccount,
# every pod that uses it gets an API token unless the pod opts out.
package armo_builtins

import rego.v1

deny contains msga if {
    some account in input
    account.kind == "ServiceAccount"
    not account.automountServiceAccountToken == false
    msga := {
        "alertMessage": sprintf("ServiceAccount %s mounts its token into pods by default",
            [account.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 4,
        "failedPaths": [],
        "reviewPaths": [],
        "deletePaths": [],
        "fixPaths": [{"path": "automountServiceAccountToken", "value": "false"}],
        "alertObject": {"k8sApiObjects": [account]},
    }
}
