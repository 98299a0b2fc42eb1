# flags: --v1
# want: FILE:5:1: rego_parse_error: expressions using with keyword cannot be used for rule head
package test

p := 1 with input as 2
