# flags: --v1
# want: FILE:5:8: rego_parse_error: invalid import, must be `future.keywords`
package test

import future.bar
