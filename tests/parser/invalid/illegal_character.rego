# flags: --v1
# want: FILE:5:8: rego_parse_error: illegal token '^'
package test

p := 1 ^ 2
