# flags: --v1
# want: FILE:5:6: rego_parse_error: unexpected number token: expected number without leading zero
package test

p := 01
