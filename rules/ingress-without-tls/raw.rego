# ingress-without-tls: Ingresses should terminate TLS.
#
# An Ingress without spec.tls serves its hosts over plain HTTP, so
# credentials and session data cross the network unencrypted.
package armo_builtins

import rego.v1

deny contains msga if {
    some ingress in input
    ingress.kind == "Ingress"
    count(object.get(ingress.spec, "tls", [])) == 0
    msga := {
        "alertMessage": sprintf("Ingress %s does not configure TLS",
            [ingress.metadata.name]),
        "packagename": "armo_builtins",
        "alertScore": 5,
        "failedPaths": [],
        "reviewPaths": [],
        "deletePaths": [],
        "fixPaths": [{"path": "spec.tls[0].secretName", "value": "YOUR_VALUE"}],
        "alertObject": {"k8sApiObjects": [ingress]},
    }
}
