# flags: --v1
# want: FILE:5:8: rego_parse_error: invalid import `rego.v2`, must be `rego.v1`
package test

import rego.v2
