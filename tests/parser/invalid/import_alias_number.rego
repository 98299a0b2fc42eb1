# flags: --v1
# want: FILE:5:18: rego_parse_error: unexpected number token: expected var
package test

import data.x as 1
