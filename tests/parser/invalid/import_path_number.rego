# flags: --v1
# want: FILE:5:15: rego_parse_error: unexpected number token: expecting string
package test

import data.x[1]
