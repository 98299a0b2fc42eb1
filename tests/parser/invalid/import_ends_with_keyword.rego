# flags: --v1
# want: FILE:5:15: rego_parse_error: unexpected import path, must not end with a keyword, got: if
package test

import data.x.if
