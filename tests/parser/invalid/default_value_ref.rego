# flags: --v1
# want: FILE:5:1: rego_parse_error: illegal default rule (value cannot contain ref)
package test

default p := input.x
