# flags: --v1
# want: FILE:5:8: rego_parse_error: unexpected else keyword
package test

p := 1 else := 2
