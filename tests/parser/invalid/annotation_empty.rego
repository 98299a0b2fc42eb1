# flags: --v1
# want: FILE:5:1: rego_parse_error: expected METADATA block, found whitespace
package test

# METADATA

p := 1
