# flags: --v1
# want: FILE:5:2: rego_parse_error: unexpected plus token
package test

p+ := 1
