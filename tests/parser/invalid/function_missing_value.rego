# flags: --v1
# want: FILE:6:1: rego_parse_error: unexpected eof token
package test

f(x) :=
