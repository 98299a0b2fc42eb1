# cronjob-present: CronJobs need review.
#
# A CronJob re-creates its pods on a schedule, which makes it a common way
# for an intruder to keep a foothold in the cluster. Each one should be
# known and intended.
package armo_builtins

import rego.v1

deny contains msga if {
    some cronjob in input
    cronjob.kind == "CronJob"
    msga := {
        "alertMessage": sprintf("CronJob %s runs on the schedule %s",
            [cronjob.metadata.name, cronjob.spec.schedule]),
        "packagename": "armo_builtins",
        "alertScore": 2,
        "failedPaths": ["spec.schedule"],
        "reviewPaths": ["spec.schedule"],
        "deletePaths": [],
        "fixPaths": [],
        "alertObject": {"k8sApiObjects": [cronjob]},
    }
}
