# A sample policy: containers must not run privileged.
package example.privileged

import rego.v1

# METADATA
# title: Privileged containers
# description: A container with securityContext.privileged set to true
#   can do almost anything the host can.
deny contains msg if {
	some container in input.spec.containers
	container.securityContext.privileged == true
	msg := sprintf("container %q is privileged", [container.name])
}
