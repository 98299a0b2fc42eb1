# flags: --v1
# want: FILE:3:11: rego_parse_error: unexpected number token: expecting string
package a[1]
