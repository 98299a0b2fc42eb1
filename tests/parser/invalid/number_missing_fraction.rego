# flags: --v1
# want: FILE:5:6: rego_parse_error: expected fraction
package test

p := 1.
