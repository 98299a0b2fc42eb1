# flags: --v1
# want: FILE:5:8: rego_parse_error: unexpected import path, must begin with one of: {data, future, input, rego}, got: foo (hint: if this is unexpected, try updating OPA)
package test

import foo.bar
