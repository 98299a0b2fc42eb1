# legacy-service-account-token: service account tokens should not be
# stored in Secrets.
#
# A Secret of type kubernetes.io/service-account-token holds a token that
# never expires and stays valid until the Secret is deleted, and anyone who can
# read it acts as the service account.  Pods get short-lived projected
# tokens without such Secrets.
package armo_builtins

import rego.v1

deny contains msga if {
    some secret in input
    secret.kind == "Secret"
    secret.type == "kubernetes.io/service-account-token"
    annotations := object.get(secret.metadata, "annotations", {})
    account := object.get(annotations, "kubernetes.io/service-account.name", "")
    msga := {
        "alertMessage": sprintf("Secret %s holds a long-lived token of service account %s",
            [secret.metadata.name, account]),
        "packagename": "armo_builtins",
        "alertScore": 6,
        "failedPaths": ["type"],
        "reviewPaths": ["type"],
        "deletePaths": [],
        "fixPaths": [],
        "alertObject": {"k8sApiObjects": [secret]},
    }
}
