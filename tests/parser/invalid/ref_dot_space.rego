# flags: --v1
# want: FILE:5:12: rego_parse_error: unexpected whitespace token: expected identifier
package test

p := input. x
