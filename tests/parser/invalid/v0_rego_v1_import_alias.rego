# flags: --v0
# want: FILE:5:8: rego_parse_error: `rego` imports cannot be aliased
package test

import rego.v1 as r
