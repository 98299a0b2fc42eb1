# flags: --v1
# want: FILE:5:1: rego_parse_error: illegal default rule (must have a value)
package test

default p[x]
