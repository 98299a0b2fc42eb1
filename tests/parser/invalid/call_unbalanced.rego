# flags: --v1
# want: FILE:6:1: rego_parse_error: unexpected eof token: expected "," or ")"
package test

p := count([1]
