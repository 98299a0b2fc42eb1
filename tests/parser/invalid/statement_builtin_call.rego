# flags: --v1
# want: FILE:5:1: rego_parse_error: rule name conflicts with built-in function
package test

count(input.x)
