# flags: --v0
# want: FILE:7:1: rego_parse_error: `if` keyword is required before rule body
package test

import rego.v1

p {
	true
}
