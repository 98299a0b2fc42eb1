# flags: --v1
# want: FILE:5:7: rego_parse_error: unexpected identifier token: expected number
package test

p := -input.x
