# flags: --v1
# want: FILE:5:18: rego_parse_error: unexpected if keyword: expected var
package test

import data.x as if
