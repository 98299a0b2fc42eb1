# flags: --v1
# want: FILE:5:1: rego_parse_error: multiple expressions cannot be used for rule head
package test

p := 1; q := 2
