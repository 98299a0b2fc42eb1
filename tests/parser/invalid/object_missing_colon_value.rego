# flags: --v1
# want: FILE:5:11: rego_parse_error: unexpected number token: non-terminated set
package test

p := {"a" 1}
