# flags: --v1
# want: FILE:5:1: rego_parse_error: illegal default rule (value cannot contain var)
package test

default p := x
