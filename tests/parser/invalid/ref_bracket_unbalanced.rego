# flags: --v1
# want: FILE:6:1: rego_parse_error: unexpected eof token: expected ]
package test

p := input.x[1
