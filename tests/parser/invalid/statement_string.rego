# flags: --v1
# want: FILE:5:1: rego_parse_error: string cannot be used for rule name
package test

"foo"
