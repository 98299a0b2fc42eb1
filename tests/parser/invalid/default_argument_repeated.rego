# flags: --v1
# want: FILE:5:1: rego_parse_error: illegal default rule (arguments cannot be repeated x)
package test

default f(x, x) := 1
