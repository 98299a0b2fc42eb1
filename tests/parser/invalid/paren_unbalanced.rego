# flags: --v1
# want: FILE:6:1: rego_parse_error: non-terminated expression
package test

p := (1 + 2
