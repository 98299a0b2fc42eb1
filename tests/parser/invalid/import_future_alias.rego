# flags: --v1
# want: FILE:5:8: rego_parse_error: `future` imports cannot be aliased
package test

import future.keywords.in as x
