# flags: --v1
# want: FILE:6:1: rego_parse_error: unexpected eof token: non-terminated object
package test

p := {"a": 1
