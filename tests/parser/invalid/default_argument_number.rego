# flags: --v1
# want: FILE:5:1: rego_parse_error: illegal default rule (arguments cannot contain number)
package test

default f(1) := 1
