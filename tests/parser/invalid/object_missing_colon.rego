# flags: --v1
# want: FILE:5:18: rego_parse_error: unexpected } token: expected ":"
package test

p := {"a": 1, "b"}
